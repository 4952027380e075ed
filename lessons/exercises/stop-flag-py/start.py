# A worker thread does a round of work every 0.3 s. After 1 s main asks
# it to stop, by setting an Event, and joins it. But the worker never
# looks at the event: it works on for ever, and main waits for ever in
# join().
import itertools
import threading
import time

stop = threading.Event()         # set by main, looked at by the worker


def worker():
    for n in itertools.count(1):
        print(f"worker: round {n}")
        time.sleep(0.3)          # a round of work


if __name__ == "__main__":
    t = threading.Thread(target=worker, name="worker")
    t.start()
    time.sleep(1)
    print("main: asking the worker to stop")
    stop.set()
    t.join()
    print("main: the worker has stopped")
