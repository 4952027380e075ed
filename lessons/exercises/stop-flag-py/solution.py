# A worker thread does a round of work every 0.3 s. After 1 s main asks
# it to stop, by setting an Event, and joins it. The worker looks at the
# event before each round, so it ends at a place of its own choosing,
# between two rounds, with nothing half done.
import threading
import time

stop = threading.Event()         # set by main, looked at by the worker


def worker():
    n = 0
    while not stop.is_set():     # look before each round
        n += 1
        print(f"worker: round {n}")
        time.sleep(0.3)          # a round of work
    print(f"worker: saw the stop flag after round {n}")


if __name__ == "__main__":
    t = threading.Thread(target=worker, name="worker")
    t.start()
    time.sleep(1)
    print("main: asking the worker to stop")
    stop.set()
    t.join()
    print("main: the worker has stopped")
