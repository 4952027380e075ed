# Almost: each job is a process of its own, so the crash ends job 2
# alone. But main reads each exitcode without join(): the jobs are still
# running, so exitcode is None, and main never learns that job 2 crashed.
import ctypes
import signal
import time
from multiprocessing import Process


def job(k):
    print(f"job-{k}: started")
    time.sleep(0.5)                              # half the work
    if k == 2:
        ctypes.c_int.from_address(0).value = 1   # the bug: SIGSEGV
    time.sleep(0.5)                              # the other half
    print(f"job-{k}: done")


if __name__ == "__main__":
    jobs = [Process(target=job, args=(k,), name=f"job-{k}")
            for k in (1, 2, 3)]
    for p in jobs:
        p.start()
    for p in jobs:
        if p.exitcode is not None and p.exitcode < 0:
            sig = -p.exitcode
            print(f"main: {p.name} was killed by signal {sig} "
                  f"({signal.strsignal(sig)})")
        else:
            print(f"main: {p.name} exited with status {p.exitcode}")
