# Almost: the program ends on time, because the worker is a daemon
# thread, and a daemon does not keep the process alive. But the worker
# still never looks at the event: it is killed where it stands, in the
# middle of a round, when the main thread ends.
import itertools
import threading
import time

stop = threading.Event()         # set by main, looked at by nobody


def worker():
    for n in itertools.count(1):
        print(f"worker: round {n}")
        time.sleep(0.3)          # a round of work


if __name__ == "__main__":
    t = threading.Thread(target=worker, name="worker", daemon=True)
    t.start()
    time.sleep(1)
    print("main: asking the worker to stop")
    stop.set()
    print("main: the worker has stopped")
