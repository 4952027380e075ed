"""pools-crew: twelve tasks shared by a Pool of four workers.

The workers are started once; each takes a task, does it, sends back the
result and takes the next, until close() says no more will come."""
import multiprocessing
import os
import time
from multiprocessing import Pool

WORKERS = 4
TASKS = 12


def task(t):
    """One task: a fifth of a second of "work", then a result."""
    time.sleep(0.2)
    print(f"pid {os.getpid()}: task {t} done, {t} squared is {t * t}")
    return t * t


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")    # as in the lessons
    pool = Pool(WORKERS)
    results = [pool.apply_async(task, (t,)) for t in range(1, TASKS + 1)]
    pool.close()                 # no more tasks
    squares = [r.get() for r in results]    # waits for each result
    pool.join()                  # every worker has exited
    print(f"parent: squares {squares}")
