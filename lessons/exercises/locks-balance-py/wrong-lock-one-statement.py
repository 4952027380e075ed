# locks-balance-py: two threads, one balance, a lock around half of it.
#
# In each trial, two threads share the global balance, starting at 0. One
# adds 5 and takes 5 away again, the other does the same with 8, ROUNDS
# times each: every change is undone, so the balance should end at 0.
# slowmo() sits between each read and its write: under the check it hands
# the GIL to the other thread, at random, widening the gap it can slip in.
import threading

from slowmo import slowmo

TRIALS = 100
ROUNDS = 100
balance = 0
lock = threading.Lock()


def change_it(n):
    # balance = balance + n; balance = balance - n, as a read and a write
    global balance
    with lock:
        seen = balance           # read
        slowmo()
        balance = seen + n       # write
    slowmo()                     # between the two statements
    seen = balance               # read
    slowmo()
    balance = seen - n           # write


def run_thread(n, start_line):
    start_line.wait()            # both threads begin together
    for _ in range(ROUNDS):
        change_it(n)


for trial in range(1, TRIALS + 1):
    balance = 0
    start_line = threading.Barrier(2)
    threads = [threading.Thread(target=run_thread, args=(n, start_line))
               for n in (5, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"trial {trial}: balance = {balance}")
