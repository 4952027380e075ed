# Mirrors the forklore demo queue-pipe (src/demo_queue.c): a writer process
# puts 3 items on a queue, an endless reader process gets them, the parent
# terminates the reader. Sleeps are removed; the parent waits for the reader
# to catch up with JoinableQueue.join() instead.
import string
import sys
from multiprocessing import JoinableQueue, Process


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


ITEMS = 3


def write(q, count):
    for letter in string.ascii_uppercase[:count]:
        say(f"writer: put {letter}")
        q.put(letter)


def read(q):
    while True:
        value = q.get()
        say(f"reader: got {value}")
        q.task_done()


if __name__ == "__main__":
    q = JoinableQueue()
    pw = Process(target=write, args=(q, ITEMS), name="writer")
    pr = Process(target=read, args=(q,), name="reader")
    pw.start()
    pr.start()
    pw.join()
    q.join()    # every item put has been got and printed
    say("parent: the writer is done; the reader never ends by itself, "
        "so I terminate it")
    pr.terminate()
    pr.join()
    say(f"parent: reader {pr.pid} ended by signal {-pr.exitcode}")
