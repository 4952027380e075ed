/* tagline.h - the line format demos write: who wrote it, then the text. */
#ifndef FORKLORE_TAGLINE_H
#define FORKLORE_TAGLINE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * A demo line on the output pipe is "\001PID TID NAME\002TEXT\n", written
 * with one write() so lines from many processes never mix. Lines without
 * the tag (say, from a program a demo ran) are shown as they are.
 */
#define TAGLINE_START '\001'
#define TAGLINE_SEP   '\002'
#define TAGLINE_MAX   1024     /* longest line written in one piece */

struct tagline {
	pid_t pid;                 /* 0 when the line had no tag */
	pid_t tid;
	char name[16];
	const char *text;          /* points into the parsed buffer */
	size_t len;
};

/* Format a tagged line into buf (with its newline); returns its length. */
size_t tagline_format(char *buf, size_t size, pid_t pid, pid_t tid,
                      const char *name, const char *text);

/* Parse one line (without its newline). Never fails: untagged lines and
   malformed tags give pid 0 and the whole line as text. */
void tagline_parse(const char *line, size_t len, struct tagline *out);

#endif
