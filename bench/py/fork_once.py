# Mirrors the forklore demo fork-once (src/demo_fork.c): one os.fork(),
# parent and child each say who they are. All sleeps are removed.
import os
import sys


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


say(f"parent: my pid is {os.getpid()}; calling fork()")
pid = os.fork()
if pid == 0:
    say(f"child: fork() returned 0; my pid is {os.getpid()}, "
        f"my parent is {os.getppid()}")
    os._exit(0)

say(f"parent: fork() returned {pid}, the child's pid")
_, status = os.waitpid(pid, 0)
if os.WIFEXITED(status):
    say(f"parent: child {pid} exited with status {os.WEXITSTATUS(status)}")
elif os.WIFSIGNALED(status):
    sig = os.WTERMSIG(status)
    say(f"parent: child {pid} was killed by signal {sig} "
        f"({os.strsignal(sig)})")
