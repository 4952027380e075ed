# Mirrors the forklore demo fork-many (src/demo_fork.c): fork 3 children in a
# loop, then wait for each as it ends. All sleeps are removed.
import os
import random
import sys


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


CHILDREN = 3
LINGER = 3

for i in range(1, CHILDREN + 1):
    pid = os.fork()
    if pid == 0:
        life = random.uniform(0, LINGER)
        say(f"child-{i}: pid {os.getpid()}, parent {os.getppid()}, "
            f"will live {life:.1f} s")
        os._exit(i)
    say(f"parent: started child {i} as pid {pid}")

while True:
    try:
        pid, status = os.wait()
    except ChildProcessError:
        break
    say(f"parent: pid {pid} ended, exit status "
        f"{os.waitstatus_to_exitcode(status)}")
say("parent: no children left")
