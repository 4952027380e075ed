# Mirrors the forklore demo threadlocal (src/demo_threadlocal.c): Thread-A
# and Thread-B each greet their own student through threading.local().
# All sleeps are removed.
import sys
import threading


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


local = threading.local()


def greet():
    say(f"Hello, {local.student} (in {threading.current_thread().name})")


def process_student():
    greet()


def worker(name):
    local.student = name
    for _ in range(3):
        process_student()


threads = [threading.Thread(target=worker, args=(student,), name=thread)
           for thread, student in (("Thread-A", "Alice"), ("Thread-B", "Bob"))]
for t in threads:
    t.start()
for t in threads:
    t.join()
mine = getattr(local, "student", "not set (each thread has its own)")
say(f"MainThread: my own student is {mine}")
