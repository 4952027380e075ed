# Almost: a semaphore keeps workers out, but it starts at 1: it lets one
# worker in at a time, as a Lock would, and the second place on the
# machine is never used.
import threading
import time

WORKERS = 5
books = threading.Lock()         # guards inside
inside = 0
slots = threading.BoundedSemaphore(1)


def worker(k):
    global inside
    with slots:
        with books:
            inside += 1
            print(f"worker-{k}: enter, {inside} inside")
        time.sleep(0.4)          # the job
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
