"""fork-reap: three children, each reaped by its parent.

Child i lives i tenths of a second and exits with status i. The parent
waits for all three before its own work, so none stays a zombie."""
import os
import time

CHILDREN = 3

for i in range(1, CHILDREN + 1):
    pid = os.fork()                  # raises OSError if no child was made
    if pid == 0:
        # The child: a short life, then its number as status.
        print(f"child-{i}: pid {os.getpid()}, parent {os.getppid()}",
              flush=True)
        time.sleep(i / 10)
        os._exit(i)
    # flush now: the next child would get an unwritten line as a copy
    print(f"parent: started child {i} as pid {pid}", flush=True)

# One os.wait() per child: each returns a child that has ended, and reaps
# it, so it is a zombie only for a moment.
for _ in range(CHILDREN):
    pid, status = os.wait()
    print(f"parent: child {pid} exited with status "
          f"{os.waitstatus_to_exitcode(status)}")

print("parent: on with my own work")
time.sleep(2)
print("parent: work done")
