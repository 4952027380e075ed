/* util.c - small helpers shared by the core: strings, suggestions. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Out of memory in the UI is a failure we cannot report usefully. */
static void out_of_memory(void)
{
	static const char msg[] = "forklore: out of memory\n";
	if (fwrite(msg, 1, sizeof msg - 1, stderr) == 0)
		abort();
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		out_of_memory();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	return s;
}

size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb] > limit ? limit + 1 : row[lb];
}

const char *suggest(const char *word, const char *(*get)(size_t i, void *arg),
                    size_t n, void *arg)
{
	const char *best = NULL;
	size_t best_distance = 3;
	size_t wlen = strlen(word);
	for (size_t i = 0; i < n; i++) {
		const char *cand = get(i, arg);
		size_t d = edit_distance(word, cand, 2);
		if (d > 2 && wlen >= 2 && strncmp(cand, word, wlen) == 0)
			d = 2;
		if (d < best_distance) {
			best = cand;
			best_distance = d;
		}
	}
	return best;
}

int parse_long(const char *s, long *out)
{
	char *end;
	if (!*s || (*s != '-' && *s != '+' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}
