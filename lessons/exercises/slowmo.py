"""slowmo - slow motion for races, in forklore's exercises.

Call slowmo() between reading a shared value and writing it back. When
forklore checks a race (the environment has FORKLORE_SLOWMO=1), it gives
the CPU away or dawdles a moment, at random, so that another thread can
slip into the gap on one core and on many. Otherwise it does nothing.
"""
import os
import random
import time

_ON = os.environ.get("FORKLORE_SLOWMO", "") not in ("", "0")


def slowmo():
    if not _ON:
        return
    if random.random() < 0.5:
        time.sleep(0)            # give the CPU (and the GIL) away
    else:
        for _ in range(random.randrange(50)):
            pass
