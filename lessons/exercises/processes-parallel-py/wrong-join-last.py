"""processes-parallel, almost: all four start first, but the parent joins
only the last one.

The join() left the start loop, but got no loop of its own: w is still the
last worker of that loop, so only worker-4 is joined by the program (Python
quietly joins the others at exit)."""
import multiprocessing
import os
import sys
import time
from multiprocessing import Process

WORKERS = 4


def work(n):
    """A worker's job: half a second of "work", then its number as exit code."""
    print(f"worker-{n}: pid {os.getpid()}, working")
    time.sleep(0.5)
    sys.exit(n)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")    # as in the lessons
    began = time.monotonic()
    workers = [Process(target=work, args=(n,), name=f"worker-{n}")
               for n in range(1, WORKERS + 1)]
    for w in workers:
        w.start()
    w.join()
    print(f"parent: joined {w.name}, exit code {w.exitcode}")
    print(f"parent: all {WORKERS} workers took "
          f"{time.monotonic() - began:.1f} s")
