# Mirrors the forklore demo fork-memory (src/demo_fork.c): the child changes
# its copy of a variable, the parent's copy stays. All sleeps are removed.
import os
import sys


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


counter = 100
say(f"parent: counter = {counter}, object id {id(counter):#x}")
pid = os.fork()
if pid == 0:
    counter = 999
    say(f"child: I set counter = {counter}, object id {id(counter):#x}")
    os._exit(0)

os.waitpid(pid, 0)
say(f"parent: the child is gone; my counter = {counter}, "
    f"object id {id(counter):#x}")
