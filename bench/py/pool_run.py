# Mirrors the forklore demo pool-run (src/demo_pool.c): a Pool of 4 worker
# processes runs 5 tasks and sends back their results. Sleeps are removed.
import os
import sys
import time
from multiprocessing import Pool


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


WORKERS = 4
TASKS = 5


def task(x):
    start = time.monotonic()
    say(f"pid {os.getpid()}: task {x} starts")
    say(f"pid {os.getpid()}: task {x} done after "
        f"{time.monotonic() - start:.2f} s")
    return x, x * x, os.getpid()


if __name__ == "__main__":
    pool = Pool(WORKERS)
    results = [pool.apply_async(task, (i,)) for i in range(TASKS)]
    pool.close()
    say(f"parent: {TASKS} tasks queued for {WORKERS} workers; "
        "waiting for results")
    for r in results:
        x, value, pid = r.get()
        say(f"parent: result of task {x} = {value}, from pid {pid}")
    pool.join()
    say("parent: all workers have finished")
