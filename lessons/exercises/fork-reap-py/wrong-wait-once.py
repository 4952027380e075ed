"""fork-reap, almost: the parent waits, but only once.

os.wait() reaps one child per call. The first child to end is reaped; the
other two stay zombies while the parent works."""
import os
import time

CHILDREN = 3

for i in range(1, CHILDREN + 1):
    pid = os.fork()
    if pid == 0:
        # The child: a short life, then its number as status.
        print(f"child-{i}: pid {os.getpid()}, parent {os.getppid()}",
              flush=True)
        time.sleep(i / 10)
        os._exit(i)
    # flush now: the next child would get an unwritten line as a copy
    print(f"parent: started child {i} as pid {pid}", flush=True)

# Wait for the children... but one os.wait() reaps one child.
pid, status = os.wait()
print(f"parent: child {pid} exited with status "
      f"{os.waitstatus_to_exitcode(status)}")

print("parent: on with my own work")
time.sleep(2)
print("parent: work done")
