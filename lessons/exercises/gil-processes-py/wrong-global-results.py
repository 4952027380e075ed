# gil-processes-py, almost: four processes, and a list they cannot share.
#
# Each task is pure computing: STEPS steps of arithmetic, each needing the
# one before. The four run in processes, started together, each with its
# own interpreter and GIL. Each prints its result and the PID it ran in,
# and adds its result to the list results, as the threads did; then the
# parent prints how many results it got, and their total.
import os
from multiprocessing import Process, current_process

TASKS = 4
STEPS = 1_000_000
results = []                     # the tasks' results


def crunch(seed):
    """The task: STEPS steps of arithmetic; a number from 0 to 999."""
    x = seed
    for _ in range(STEPS):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
    return x % 1000


def task(k):
    result = crunch(k)
    print(f"{current_process().name}: result {result} in pid {os.getpid()}")
    results.append(result)       # to which process's list?


if __name__ == "__main__":
    workers = [Process(target=task, args=(k,), name=f"crunch-{k}")
               for k in range(1, TASKS + 1)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"parent: {len(results)} results, total {sum(results)}")
