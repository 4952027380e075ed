# Mirrors the forklore demo process-terminate (src/demo_process.c): a child
# that would tick for ever is ended with terminate() (SIGTERM). Sleeps are
# removed: the parent terminates it right after starting it.
import sys
from multiprocessing import Process


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def forever():
    n = 0
    while True:
        n += 1
        say(f"forever: tick {n}")


if __name__ == "__main__":
    p = Process(target=forever, name="forever")
    p.start()
    say(f"parent: alive? {'yes' if p.is_alive() else 'no'}")
    say(f"parent: terminating {p.pid} with SIGTERM")
    p.terminate()
    p.join()
    say(f"parent: {p.pid} ended with exitcode {p.exitcode}")
    say(f"parent: alive? {'yes' if p.is_alive() else 'no'}")
