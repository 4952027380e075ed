# Mirrors the forklore demo lock-race (src/demo_lock.c): two threads change one
# balance by +-5 and +-8 without a lock, 1000 rounds each, in 10 trials.
# Sleeps are removed and slow motion is off: no yields between read and write.
import sys
import threading


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


ROUNDS = 1000
TRIALS = 10

balance = 0


def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n, rounds):
    for _ in range(rounds):
        change_it(n)


def trial(rounds):
    global balance
    balance = 0
    threads = [threading.Thread(target=run_thread, args=(n, rounds),
                                name=f"changer-{n}") for n in (5, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return balance


wrong = 0
for t in range(1, TRIALS + 1):
    end = trial(ROUNDS)
    if end != 0:
        wrong += 1
    if t <= 5 or t == TRIALS:
        note = "  (updates were lost)" if end else ""
        say(f"trial {t}: balance = {end}{note}")
    elif t == 6:
        say("...")
say(f"without a lock: balance wrong in {wrong} of {TRIALS} trials "
    f"({ROUNDS} rounds each, slow motion off)")
