"""processes-daemon, almost: the ticker is a daemon, but the parent, to be
tidy, joins every child that is still alive before it leaves. The ticker
never ends by itself, so that join() never returns."""
import multiprocessing
import time
from multiprocessing import Process, active_children


def tick():
    while True:                  # never ends by itself
        print("ticker: tick")
        time.sleep(0.2)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")    # as in the lessons
    ticker = Process(target=tick, name="ticker", daemon=True)
    ticker.start()
    print(f"parent: started the ticker, pid {ticker.pid}; working 1 s")
    time.sleep(1)                # the parent's own work
    print("parent: leaving now")
    for child in active_children():
        child.join()             # leave nothing behind... or wait for ever
