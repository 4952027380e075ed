"""pools-crew, almost: a Pool of four in a with block, given the twelve
tasks with apply_async(), but nobody waits for a result.

apply_async() returns at once. The with block then ends, and leaving it
calls the pool's terminate(): the workers are killed before they have
finished a single task."""
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
    with Pool(WORKERS) as pool:
        for t in range(1, TASKS + 1):
            pool.apply_async(task, (t,))
    print(f"parent: all {TASKS} tasks done")
