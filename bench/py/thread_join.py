# Mirrors the forklore demo thread-join (src/demo_thread.c): start 5 threads
# in one process, then join them all. All sleeps are removed.
import os
import sys
import threading
import time


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


THREADS = 5
SECONDS = 1.0


def work(seconds):
    me = threading.current_thread().name
    say(f"{me}: pid {os.getpid()}, tid {threading.get_native_id()}; "
        f"working {seconds:.1f} s")


started = time.monotonic()
threads = [threading.Thread(target=work, args=(SECONDS,), name=f"Thread-{i}")
           for i in range(1, THREADS + 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
say(f"MainThread: {THREADS} threads joined after "
    f"{time.monotonic() - started:.2f} s (started all, then joined all)")
