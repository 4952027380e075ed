# Mirrors the forklore demo process-zombie (src/demo_process.c): a child exits
# and stays a zombie until the parent joins it. Sleeps are removed: the parent
# waits for the exit with waitid(WNOWAIT), which does not reap the child.
import os
import sys
from multiprocessing import Process


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def child():
    say("child: my work is done; exiting now")
    sys.exit(7)


if __name__ == "__main__":
    p = Process(target=child, name="child")
    p.start()
    say(f"parent: not waiting for {p.pid} yet")
    os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
    say("parent: the child has exited, but until I wait it is a "
        "zombie (state Z)")
    p.join()
    say(f"parent: reaped {p.pid} (exit code {p.exitcode}); "
        "the zombie is gone")
