# gil-processes-py, almost: four processes, one after another.
#
# Each task is pure computing: STEPS steps of arithmetic, each needing the
# one before. The four run in processes, each with its own interpreter and
# GIL; the parent starts each one and waits for its result and its end
# before it starts the next. Each prints its result and the PID it ran in,
# and sends its result to the parent through a queue; the parent prints
# how many results it got, and their total.
import os
from multiprocessing import Process, Queue, current_process

TASKS = 4
STEPS = 1_000_000


def crunch(seed):
    """The task: STEPS steps of arithmetic; a number from 0 to 999."""
    x = seed
    for _ in range(STEPS):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
    return x % 1000


def task(k, results):
    result = crunch(k)
    print(f"{current_process().name}: result {result} in pid {os.getpid()}")
    results.put(result)          # to the parent, through a pipe


if __name__ == "__main__":       # not again in a child that imports this
    results = Queue()
    workers = [Process(target=task, args=(k, results), name=f"crunch-{k}")
               for k in range(1, TASKS + 1)]
    got = []
    for w in workers:
        w.start()
        got.append(results.get())
        w.join()                 # wait for it before starting the next
    print(f"parent: {len(got)} results, total {sum(got)}")
