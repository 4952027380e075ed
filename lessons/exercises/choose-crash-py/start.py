# Three jobs run side by side. Job 2 has a bug in native code: half way
# through its work, it stores through a NULL pointer (made with ctypes).
# Each job is a thread, so they all share one process, and the crash of
# job 2 ends it: jobs 1 and 3 never finish, and nobody is left to say
# what happened.
import ctypes
import threading
import time


def job(k):
    print(f"job-{k}: started")
    time.sleep(0.5)                              # half the work
    if k == 2:
        ctypes.c_int.from_address(0).value = 1   # the bug: SIGSEGV
    time.sleep(0.5)                              # the other half
    print(f"job-{k}: done")


if __name__ == "__main__":
    jobs = [threading.Thread(target=job, args=(k,), name=f"job-{k}")
            for k in (1, 2, 3)]
    for t in jobs:
        t.start()
    for t in jobs:
        t.join()
        print(f"main: {t.name} finished")
