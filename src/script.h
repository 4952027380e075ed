/* script.h - reading a script: one command a line. */
#ifndef FORKLORE_SCRIPT_H
#define FORKLORE_SCRIPT_H

#include <stddef.h>

/* The longest line a script may have, in bytes. */
#define SCRIPT_MAX_LINE 4096

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

#endif
