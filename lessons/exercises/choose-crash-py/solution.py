# Three jobs run side by side. Job 2 has a bug in native code: half way
# through its work, it stores through a NULL pointer (made with ctypes).
# Each job is a process of its own, so the crash ends job 2 alone: jobs
# 1 and 3 finish, and main learns from each exitcode how its job ended
# (-N: killed by signal N).
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
        p.join()                                 # then exitcode is known
        if p.exitcode < 0:
            sig = -p.exitcode
            print(f"main: {p.name} was killed by signal {sig} "
                  f"({signal.strsignal(sig)})")
        else:
            print(f"main: {p.name} exited with status {p.exitcode}")
