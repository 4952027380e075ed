"""queues-sentinel: two workers take tasks from one Queue.

The parent puts the task numbers 1 to 8 into the queue; a worker gets one
number at a time and does that task. None is the stop sign: a worker that
gets it leaves. The parent puts one stop sign per worker, after the tasks,
then joins both."""
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
    for _ in workers:            # a stop sign for each worker: each get()
        q.put(STOP)              # takes one out of the queue
    for w in workers:
        w.join()
    print("parent: both workers have left")
