# Mirrors the forklore demo thread-stop (src/demo_thread.c): stop a worker
# thread the safe way, with a flag (an Event) it checks. Sleeps are removed.
import sys
import threading


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


stop = threading.Event()


def worker():
    n = 0
    while not stop.is_set():
        n += 1
        say(f"worker: round {n}")
    say("worker: asked to stop; cleaning up and leaving")


t = threading.Thread(target=worker, name="worker")
t.start()
say("MainThread: setting the stop flag")
stop.set()
t.join()
say("MainThread: the worker stopped by itself; nothing was left half done")
