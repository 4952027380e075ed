"""subprocess-close: five words through a pipe to sort.

The parent writes the words into sort's standard input and waits for it.
But sort never finishes: it is still waiting for more words."""
from subprocess import Popen, PIPE

words = ["pear", "apple", "plum", "fig", "cherry"]

# sort reads our pipe; its output goes straight to ours.
p = Popen(["sort"], stdin=PIPE, text=True)
for word in words:
    p.stdin.write(word + "\n")
p.wait()
print(f"parent: sort exited with status {p.returncode}")
