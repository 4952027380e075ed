# Almost: the worker looks at the event before each round. But main sets
# it without joining, and the worker is a daemon thread: when main
# reaches its end the process exits, and the daemon dies asleep in its
# round, before it could ever see the event.
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
    t = threading.Thread(target=worker, name="worker", daemon=True)
    t.start()
    time.sleep(1)
    print("main: asking the worker to stop")
    stop.set()
    print("main: the worker has stopped")
