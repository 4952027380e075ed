# Mirrors the forklore demo process-many (src/demo_process.c): start 4 worker
# processes, list the active ones, join them all. All sleeps are removed.
import os
import sys
from multiprocessing import Process, active_children, cpu_count


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


WORKERS = 4


def work(i):
    say(f"worker-{i}: running as pid {os.getpid()}")


if __name__ == "__main__":
    say(f"parent: this machine has {cpu_count()} CPUs")
    workers = [Process(target=work, args=(i,), name=f"worker-{i}")
               for i in range(WORKERS)]
    for w in workers:
        w.start()
    pids = sorted(p.pid for p in active_children())
    alive = ", ".join(str(pid) for pid in pids)
    say(f"parent: active children: {alive or 'none'}")
    for w in workers:
        w.join()
    left = active_children()
    say(f"parent: all {len(workers)} joined; active children: "
        f"{left or 'none'}")
