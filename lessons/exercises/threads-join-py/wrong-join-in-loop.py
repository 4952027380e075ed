# threads-join-py: four workers, each a thread of its own.
#
# Worker K, named worker-K, works (5 - K) fifths of a second, prints its
# name and "done", and notes that it has finished. The main thread joins
# each worker right after starting it.
import threading
import time

WORKERS = 4
finished = []                    # the numbers of the workers that are done


def work(k):
    time.sleep((WORKERS + 1 - k) * 0.2)      # the work: worker-1 has most
    print(f"{threading.current_thread().name}: done")
    finished.append(k)


for k in range(1, WORKERS + 1):
    t = threading.Thread(target=work, args=(k,), name=f"worker-{k}")
    t.start()
    t.join()                     # wait for it before starting the next
print(f"MainThread: {len(finished)} of {WORKERS} workers finished")
