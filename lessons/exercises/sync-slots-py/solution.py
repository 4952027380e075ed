# Five workers share a machine that has room for two jobs at a time.
# Each worker says when it enters and when it leaves, with how many are
# inside; that count is kept under a lock of its own, so every line is
# true when printed. A semaphore that starts at 2 keeps the third out:
# acquire() takes a slot, or sleeps until a leaving worker gives one back
# with release(); "with slots:" does both.
import threading
import time

WORKERS = 5
books = threading.Lock()         # guards inside
inside = 0
slots = threading.BoundedSemaphore(2)    # two places


def worker(k):
    global inside
    with slots:                  # held from entering to leaving
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
