# Mirrors the forklore demo lock-counter (src/demo_lock.c): 5 threads each add
# 1 to a shared counter 10000 times, holding a Lock. No sleeps, no slow motion.
import sys
import threading


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


THREADS = 5
INCREMENTS = 10000

counter = 0
lock = threading.Lock()


def count_up(times):
    global counter
    for _ in range(times):
        with lock:
            counter = counter + 1


threads = [threading.Thread(target=count_up, args=(INCREMENTS,))
           for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expected = THREADS * INCREMENTS
verdict = "exact" if counter == expected else "increments were lost"
say(f"counter = {counter}, expected {THREADS} x {INCREMENTS} = {expected}: "
    f"{verdict}")
