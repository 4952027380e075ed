# multitasking-sleep-py, almost: a ticker that naps a millisecond at a time.
#
# Ten times, every tenth of a second, the ticker prints "tick N"; between
# ticks it sleeps a millisecond, looks at the clock, and sleeps again,
# until the tenth has passed. Then it reports, from the kernel's counts
# (resource.getrusage), the CPU time it used and how often it left the
# CPU: by itself (voluntary: it slept or waited) or because the kernel
# took the CPU away (involuntary).
import resource
import time

TICKS = 10


def wait(seconds):
    """Wait: nap a millisecond, look at the clock, nap again, until the
    time has passed."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        time.sleep(0.001)


before = resource.getrusage(resource.RUSAGE_SELF)
for i in range(1, TICKS + 1):
    wait(0.1)
    print(f"tick {i}")
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(f"ticker: {TICKS} ticks, using {cpu:.2f} s of CPU")
print(f"ticker: off the CPU {after.ru_nvcsw - before.ru_nvcsw} times by "
      f"itself (voluntary), {after.ru_nivcsw - before.ru_nivcsw} times by "
      f"the kernel (involuntary)")
