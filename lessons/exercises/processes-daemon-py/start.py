"""processes-daemon: a ticker that prints for ever, beside a parent that
works for one second and leaves. Why does the program never end?"""
import multiprocessing
import time
from multiprocessing import Process


def tick():
    while True:                  # never ends by itself
        print("ticker: tick")
        time.sleep(0.2)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")    # as in the lessons
    ticker = Process(target=tick, name="ticker")
    ticker.start()
    print(f"parent: started the ticker, pid {ticker.pid}; working 1 s")
    time.sleep(1)                # the parent's own work
    print("parent: leaving now")
    # At exit, Python joins its children that are not daemons.
