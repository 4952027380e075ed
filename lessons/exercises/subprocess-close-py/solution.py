"""subprocess-close: five words through a pipe to sort.

The parent writes the words into sort's standard input and closes it:
sort sees end of file, prints the words in order and exits."""
from subprocess import Popen, PIPE

words = ["pear", "apple", "plum", "fig", "cherry"]

# sort reads our pipe; its output goes straight to ours.
p = Popen(["sort"], stdin=PIPE, text=True)
for word in words:
    p.stdin.write(word + "\n")
p.stdin.close()                  # no more words: sort sees end of file
p.wait()
print(f"parent: sort exited with status {p.returncode}")
