# Mirrors the forklore demo subprocess-call (src/demo_subprocess.c): run ls
# twice and false with subprocess.call and print their exit codes.
# The C demo has no sleeps; none here either.
import subprocess
import sys


def say(line):
    # One write per line, as the C demos do, so lines never mix.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


code = subprocess.call(["ls", "-d", "/tmp", "/usr"])
say(f"parent: ls -d /tmp /usr exited with {code}")
code = subprocess.call(["ls", "/no-such-dir"])
say(f"parent: ls /no-such-dir exited with {code}")
code = subprocess.call(["false"])
say(f"parent: false exited with {code}")
