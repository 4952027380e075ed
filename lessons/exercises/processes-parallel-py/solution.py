"""processes-parallel: four workers of half a second each, side by side.

The parent starts all four first, then joins all four: they run at the
same time, and the whole job takes about half a second."""
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
    for w in workers:            # start them all...
        w.start()
    for w in workers:            # ...then join them all
        w.join()
        print(f"parent: joined {w.name}, exit code {w.exitcode}")
    print(f"parent: all {WORKERS} workers took "
          f"{time.monotonic() - began:.1f} s")
