# gil-processes-py: four CPU-bound tasks, in four processes.
#
# Each task is pure computing: STEPS steps of arithmetic, each needing the
# one before. The four run in processes, started together: each has its
# own interpreter and its own GIL, so on as many cores they compute at
# the same time. Each prints its result and the PID it ran in, and sends
# its result to the parent through a queue (processes share no variables);
# the parent prints how many results it got, and their total.
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
    for w in workers:
        w.start()
    got = [results.get() for _ in workers]   # one from each, as they come
    for w in workers:
        w.join()
    print(f"parent: {len(got)} results, total {sum(got)}")
