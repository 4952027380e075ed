# Mirrors the forklore demo process-daemon (src/demo_process.c): a daemon
# child loops for ever and is ended when its parent leaves. Sleeps removed.
import os
import sys
from multiprocessing import Process


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def daemon():
    while True:
        say(f"daemon: still here, parent is {os.getppid()}")


if __name__ == "__main__":
    p = Process(target=daemon, name="daemon", daemon=True)
    p.start()
    say(f"parent: started daemon {p.pid}; leaving without joining it")
    say("parent: leaving now; the daemon goes with me")
