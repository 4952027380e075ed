# Mirrors the forklore demo thread-loop (src/demo_thread.c): MainThread starts
# LoopThread, which counts to 5, then joins it. All sleeps are removed.
import sys
import threading


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


COUNT = 5


def loop(count):
    me = threading.current_thread().name
    for n in range(1, count + 1):
        say(f"{me}: count {n}")


say("MainThread: starting LoopThread")
t = threading.Thread(target=loop, args=(COUNT,), name="LoopThread")
t.start()
t.join()
say("MainThread: LoopThread has ended")
