/* tagline.c - format and parse the tagged lines demos write. */
#include <stdio.h>
#include <string.h>

#include "tagline.h"

size_t tagline_format(char *buf, size_t size, pid_t pid, pid_t tid,
                      const char *name, const char *text)
{
	int head = snprintf(buf, size, "%c%d %d %.15s%c", TAGLINE_START,
	                    (int)pid, (int)tid, name, TAGLINE_SEP);
	if (head < 0 || (size_t)head >= size)
		return 0;
	size_t room = size - (size_t)head - 1;   /* keep one for '\n' */
	size_t len = strlen(text);
	if (len > room)
		len = room;
	memcpy(buf + head, text, len);
	/* A line break inside the text would split the tag from its text. */
	for (size_t i = 0; i < len; i++)
		if (buf[head + i] == '\n')
			buf[head + i] = ' ';
	buf[head + len] = '\n';
	return (size_t)head + len + 1;
}

/* Parse a decimal pid from [*p, end); advances *p. 0 if none. */
static pid_t parse_pid(const char **p, const char *end)
{
	long v = 0;
	const char *s = *p;
	while (s < end && *s >= '0' && *s <= '9' && v < 100000000)
		v = v * 10 + (*s++ - '0');
	if (s == *p)
		return 0;
	*p = s;
	return (pid_t)v;
}

void tagline_parse(const char *line, size_t len, struct tagline *out)
{
	const char *p = line, *end = line + len;
	memset(out, 0, sizeof *out);
	out->text = line;
	out->len = len;
	if (len < 2 || *p++ != TAGLINE_START)
		return;
	pid_t pid = parse_pid(&p, end);
	if (!pid || p >= end || *p++ != ' ')
		return;
	pid_t tid = parse_pid(&p, end);
	if (!tid || p >= end || *p++ != ' ')
		return;
	const char *sep = memchr(p, TAGLINE_SEP, (size_t)(end - p));
	if (!sep || sep - p > 15)
		return;
	out->pid = pid;
	out->tid = tid;
	memcpy(out->name, p, (size_t)(sep - p));
	out->name[sep - p] = '\0';
	out->text = sep + 1;
	out->len = (size_t)(end - sep - 1);
}
