/* watch.h - watching the demo: the lines it printed so far, for `wait
 * TEXT` and for reading its answer to a predict question. */
#ifndef FORKLORE_WATCH_H
#define FORKLORE_WATCH_H

#include <stddef.h>

#include "tagline.h"

/* How many lines of a demo can be looked back on. */
#define WATCH_LINES_MAX 10000

struct watch {
	char **shown;              /* "writer-name text", as shown */
	size_t n;
};

/* Keep a line of the demo (up to WATCH_LINES_MAX). */
void watch_add(struct watch *w, const struct tagline *line);

/* Does line contain text, in its text or in its writer's name? */
int watch_matches(const struct tagline *line, const char *text);

/* Has the demo printed a line containing text (text or name)? */
int watch_printed(const struct watch *w, const char *text);

/* Forget the lines (a new demo starts). */
void watch_forget(struct watch *w);

#endif
