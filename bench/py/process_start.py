# Mirrors the forklore demo process-start (src/demo_process.c): start one
# multiprocessing.Process that takes 3 steps, and join it. Sleeps removed.
import sys
from multiprocessing import Process


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


STEPS = 3


def work(steps):
    for i in range(1, steps + 1):
        say(f"worker: step {i} of {steps}")


if __name__ == "__main__":
    p = Process(target=work, args=(STEPS,), name="worker")
    p.start()
    say(f"parent: started worker as pid {p.pid}")
    say("parent: joining the worker...")
    p.join()
    say("parent: the worker has finished; now I go on")
    say("parent: done with my own work")
