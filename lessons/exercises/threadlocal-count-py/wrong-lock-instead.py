# threadlocal-count-py, almost: a lock around the one shared counter.
#
# Reader K reads 4 * K lines; each read takes a hundredth of a second.
# read_line(), deep in the call chain, counts the lines in lines_read,
# under a lock, and each reader reports that count when it is done. No
# count is lost now; but whose lines are counted?
import threading
import time

READERS = 3
lines_read = 0                   # the lines read so far
count_lock = threading.Lock()


def read_line():
    """Read one line (here: wait 10 ms, as for a slow file); count it."""
    global lines_read
    time.sleep(0.01)
    with count_lock:             # one thread at a time
        lines_read += 1


def read_file(lines):            # knows nothing of the count
    for _ in range(lines):
        read_line()


def reader(k):
    read_file(4 * k)
    print(f"{threading.current_thread().name}: read {lines_read} lines")


threads = [threading.Thread(target=reader, args=(k,), name=f"reader-{k}")
           for k in range(1, READERS + 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
