/* script.h - reading a script: one command a line. */
#ifndef FORKLORE_SCRIPT_H
#define FORKLORE_SCRIPT_H

#include <stddef.h>

/* The longest line a script may have, and the most it may hold, in
   bytes: a script is typed by hand; /dev/zero is not one. */
#define SCRIPT_MAX_LINE 4096
#define SCRIPT_MAX_SIZE (1024 * 1024)

enum script_line_kind {
	SCRIPT_SKIP,      /* blank, or a # comment */
	SCRIPT_COMMAND,   /* *command points at it, in line */
	SCRIPT_BAD,       /* *problem says why */
};

/*
 * Look at one line read from a script (n bytes, NUL-terminated, with or
 * without its line end, which is removed in place). A line must be
 * UTF-8 text with no control characters and at most SCRIPT_MAX_LINE
 * bytes; then leading blanks are skipped, and blank lines and comments
 * are skipped whole. problem may point into buf.
 */
enum script_line_kind script_line(char *line, size_t n, const char **command,
                                  const char **problem, char *buf,
                                  size_t size);

/*
 * Reading a script from a descriptor a line at a time, within the limits
 * above. `wait`, when set, is called before each read that could block:
 * it returns 1 when fd is readable, 0 when something else happened first
 * (a signal: the caller may want to stop), -1 on failure.
 */
struct script_reader {
	int fd;
	int (*wait)(int fd);
	char buf[SCRIPT_MAX_LINE + 2];
	size_t start, end;         /* unread bytes in buf */
	size_t total;              /* bytes read so far */
	long number;               /* lines returned so far */
	int at_end;
};

enum script_read {
	SCRIPT_READ_LINE,          /* *line (NUL-terminated), *len bytes */
	SCRIPT_READ_END,           /* no more lines */
	SCRIPT_READ_ERROR,         /* *problem says why; stop reading */
	SCRIPT_READ_AGAIN,         /* wait returned 0: look, then call again */
};

void script_reader_init(struct script_reader *r, int fd, int (*wait)(int));

/* The next line, without its line end, in r->buf (valid until the next
   call). *problem points into buf (size bytes) on SCRIPT_READ_ERROR. */
enum script_read script_read_line(struct script_reader *r, char **line,
                                  size_t *len, const char **problem,
                                  char *buf, size_t size);

#endif
