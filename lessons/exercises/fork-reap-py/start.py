"""fork-reap: three children, and a parent that forgets them.

Child i lives i tenths of a second and exits with status i. The parent
then does its own work for two seconds. Who collects the children's exit
statuses?"""
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

# The parent's own work. Meanwhile its children end...
print("parent: on with my own work")
time.sleep(2)
print("parent: work done")
