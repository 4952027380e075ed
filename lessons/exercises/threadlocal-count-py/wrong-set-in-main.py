# threadlocal-count-py, almost: the counter set to 0 by the main thread.
#
# Reader K reads 4 * K lines; each read takes a hundredth of a second.
# read_line(), deep in the call chain, counts the lines in counts.lines,
# and each reader reports that count when it is done. counts is a
# threading.local(), and counts.lines is set to 0 once, at the top. In
# which thread's copy?
import threading
import time

READERS = 3
counts = threading.local()       # counts.lines: this thread's lines so far
counts.lines = 0                 # start at 0


def read_line():
    """Read one line (here: wait 10 ms, as for a slow file); count it."""
    time.sleep(0.01)
    counts.lines += 1            # this thread's copy


def read_file(lines):            # knows nothing of the count
    for _ in range(lines):
        read_line()


def reader(k):
    read_file(4 * k)
    print(f"{threading.current_thread().name}: read {counts.lines} lines")


threads = [threading.Thread(target=reader, args=(k,), name=f"reader-{k}")
           for k in range(1, READERS + 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
