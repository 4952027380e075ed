"""subprocess-close, almost: the parent flushes p.stdin, so every word
reaches sort, but it never closes it. sort has all five words and still
waits for a sixth; the parent waits for sort."""
from subprocess import Popen, PIPE

words = ["pear", "apple", "plum", "fig", "cherry"]

# sort reads our pipe; its output goes straight to ours.
p = Popen(["sort"], stdin=PIPE, text=True)
for word in words:
    p.stdin.write(word + "\n")
p.stdin.flush()                  # every word is in the pipe now...
p.wait()
print(f"parent: sort exited with status {p.returncode}")
