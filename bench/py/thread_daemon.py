# Mirrors the forklore demo thread-daemon (src/demo_thread.c): a daemon thread
# that never ends dies with its process. Sleeps are removed, so the daemon
# ticks as fast as it can until the main thread returns.
import os
import threading


def say(line):
    # One os.write() per line, as the C demos do. Not sys.stdout: if the
    # daemon holds stdout's buffer lock when the interpreter shuts down,
    # CPython aborts ("could not acquire lock for <_io.BufferedWriter
    # name='<stdout>'> at interpreter shutdown, possibly due to daemon
    # threads").
    os.write(1, (line + "\n").encode())


def forever():
    n = 0
    while True:
        n += 1
        say(f"daemon: tick {n}")


threading.Thread(target=forever, name="daemon", daemon=True).start()
say("MainThread: returning from main")
say("MainThread: leaving; the process ends, and every thread in it")
