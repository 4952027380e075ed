# Almost: main puts the jobs in a child process, so main survives the
# crash and reports it. But the three jobs are still threads of that one
# child, sharing its address space: the crash of job 2 takes jobs 1 and 3
# down with it.
import ctypes
import signal
import threading
import time
from multiprocessing import Process


def job(k):
    print(f"job-{k}: started")
    time.sleep(0.5)                              # half the work
    if k == 2:
        ctypes.c_int.from_address(0).value = 1   # the bug: SIGSEGV
    time.sleep(0.5)                              # the other half
    print(f"job-{k}: done")


def run_jobs():
    jobs = [threading.Thread(target=job, args=(k,), name=f"job-{k}")
            for k in (1, 2, 3)]
    for t in jobs:
        t.start()
    for t in jobs:
        t.join()


if __name__ == "__main__":
    p = Process(target=run_jobs, name="jobs")
    p.start()
    p.join()
    if p.exitcode < 0:
        sig = -p.exitcode
        print(f"main: the jobs' process was killed by signal {sig} "
              f"({signal.strsignal(sig)})")
    else:
        print(f"main: the jobs' process exited with status {p.exitcode}")
