/* script.c - reading a script: one command a line, checked before it runs.
 * Pure, so the fuzzer can drive it. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "script.h"
#include "util.h"

enum script_line_kind script_line(char *line, size_t n, const char **command,
                                  const char **problem, char *buf,
                                  size_t size)
{
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	*command = NULL;
	*problem = line_problem(line, n, SCRIPT_MAX_LINE, buf, size);
	if (*problem)
		return SCRIPT_BAD;
	const char *start = line + strspn(line, " \t");
	if (!*start || *start == '#')
		return SCRIPT_SKIP;
	*command = start;
	return SCRIPT_COMMAND;
}

void script_reader_init(struct script_reader *r, int fd, int (*wait)(int))
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
	r->wait = wait;
}

enum script_read script_read_line(struct script_reader *r, char **line,
                                  size_t *len, const char **problem,
                                  char *buf, size_t size)
{
	for (;;) {
		char *start = r->buf + r->start;
		char *nl = memchr(start, '\n', r->end - r->start);
		if (nl || (r->at_end && r->end > r->start)) {
			/* The line end, or the spare byte after the last
			   byte read, becomes the NUL. */
			char *stop = nl ? nl : r->buf + r->end;
			*stop = '\0';
			*line = start;
			*len = (size_t)(stop - start);
			r->start = (size_t)(stop - r->buf) + (nl ? 1 : 0);
			r->number++;
			return SCRIPT_READ_LINE;
		}
		if (r->at_end)
			return SCRIPT_READ_END;
		if (r->end - r->start > SCRIPT_MAX_LINE) {
			snprintf(buf, size, _("line longer than %d bytes"),
			         SCRIPT_MAX_LINE);
			*problem = buf;
			return SCRIPT_READ_ERROR;
		}
		/* Room to read: move what is left to the front. */
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
		if (r->wait) {
			int ready = r->wait(r->fd);
			if (ready == 0)
				return SCRIPT_READ_AGAIN;
			if (ready < 0) {
				snprintf(buf, size, _("cannot read: %s"),
				         strerror(errno));
				*problem = buf;
				return SCRIPT_READ_ERROR;
			}
		}
		ssize_t got = read(r->fd, r->buf + r->end,
		                   sizeof r->buf - 1 - r->end);
		if (got < 0 && errno == EAGAIN) {
			/* A descriptor left non-blocking by whoever gave
			   it to us: wait for it rather than spin. */
			struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
			poll(&pfd, 1, -1);
			continue;
		}
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(buf, size, _("cannot read: %s"),
			         strerror(errno));
			*problem = buf;
			return SCRIPT_READ_ERROR;
		}
		if (got == 0) {
			r->at_end = 1;
			continue;
		}
		r->end += (size_t)got;
		r->total += (size_t)got;
		if (r->total > SCRIPT_MAX_SIZE) {
			snprintf(buf, size, _("the script is longer than %d "
			         "bytes"), SCRIPT_MAX_SIZE);
			*problem = buf;
			return SCRIPT_READ_ERROR;
		}
	}
}
