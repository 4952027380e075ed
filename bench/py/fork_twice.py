# Mirrors the forklore demo fork-twice (src/demo_fork.c): two os.fork() calls
# in a row make four processes. All sleeps are removed.
import os
import sys


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


first = os.fork()
second = os.fork()
say(f"hello from pid {os.getpid()}, my parent is {os.getppid()}")

# Every process reaps the children it made itself, if it made any.
while True:
    try:
        os.wait()
    except ChildProcessError:
        break

if first == 0 or second == 0:
    os._exit(0)
say("parent: all four processes said hello")
