/* watch.c - the lines the demo printed so far. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "watch.h"

void watch_add(struct watch *w, const struct tagline *line)
{
	if (w->n >= WATCH_LINES_MAX)
		return;
	w->shown = xrealloc(w->shown, (w->n + 1) * sizeof *w->shown);
	w->shown[w->n++] = xasprintf("%s %.*s", line->name, (int)line->len,
	                             line->text);
}

int watch_matches(const struct tagline *line, const char *text)
{
	return memmem(line->text, line->len, text, strlen(text)) ||
	       strstr(line->name, text);
}

int watch_printed(const struct watch *w, const char *text)
{
	for (size_t i = 0; i < w->n; i++)
		if (strstr(w->shown[i], text))
			return 1;
	return 0;
}

void watch_forget(struct watch *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->shown[i]);
	free(w->shown);
	w->shown = NULL;
	w->n = 0;
}
