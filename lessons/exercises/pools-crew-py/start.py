"""pools-crew: twelve tasks, one Process each.

Every task gets a process of its own: twelve processes for twelve small
jobs, all at once. And what task() returns goes nowhere."""
import multiprocessing
import os
import time
from multiprocessing import Process

TASKS = 12


def task(t):
    """One task: a fifth of a second of "work", then a result."""
    time.sleep(0.2)
    print(f"pid {os.getpid()}: task {t} done, {t} squared is {t * t}")
    return t * t


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")    # as in the lessons
    procs = [Process(target=task, args=(t,)) for t in range(1, TASKS + 1)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"parent: all {TASKS} tasks done")
