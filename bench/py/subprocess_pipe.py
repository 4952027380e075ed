# Mirrors the forklore demo subprocess-pipe (src/demo_subprocess.c): feed tr
# a line on its stdin through a pipe and read its stdout back. Sleeps removed.
import sys
from subprocess import PIPE, Popen


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


text = "hello from the parent\n"
p = Popen(["tr", "a-z", "A-Z"], stdin=PIPE, stdout=PIPE)
say(f"parent: started tr as pid {p.pid}")
say(f"parent: sending: {text.rstrip()}")
out, _ = p.communicate(text.encode())
say(f"parent: got back: {out.decode().rstrip()}")
say(f"parent: tr exited with {p.returncode}")
