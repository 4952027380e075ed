"""queues-sentinel, almost: two workers, but only one stop sign.

The first worker to get None leaves; the other finds the queue empty and
waits in get() for a stop sign that never comes, while the parent waits
for it in join()."""
import multiprocessing
import time
from multiprocessing import Process, Queue

WORKERS = 2
TASKS = 8
STOP = None                      # "no more tasks"


def worker(n, q):
    """Tasks from the queue until the stop sign."""
    while (t := q.get()) is not STOP:    # get() waits for the next item
        time.sleep(0.1)          # a tenth of a second of work
        print(f"worker-{n}: task {t} done", flush=True)
    print(f"worker-{n}: no more tasks, leaving", flush=True)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")    # as in the lessons
    q = Queue()
    workers = [Process(target=worker, args=(n, q), name=f"worker-{n}")
               for n in range(1, WORKERS + 1)]
    for w in workers:
        w.start()
    for t in range(1, TASKS + 1):
        q.put(t)
    q.put(STOP)                  # no more tasks
    for w in workers:
        w.join()
    print("parent: both workers have left")
