# Almost: a semaphore that starts at 2 guards the door, but the "with"
# block ends once the worker is in, before its job: the slot is free
# again while the worker is still inside, and a third one enters.
import threading
import time

WORKERS = 5
books = threading.Lock()         # guards inside
inside = 0
slots = threading.BoundedSemaphore(2)


def worker(k):
    global inside
    with slots:
        with books:
            inside += 1
            print(f"worker-{k}: enter, {inside} inside")
    time.sleep(0.4)              # the job
    with books:
        inside -= 1
        print(f"worker-{k}: leave, {inside} inside")


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(k,), name=f"worker-{k}")
               for k in range(1, WORKERS + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
