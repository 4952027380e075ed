/* util.c - small helpers shared by the core: strings, suggestions. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "utf8.h"
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
	/* Optimal string alignment: like Levenshtein, but swapping two
	   neighbouring letters ("nxet" for "next") costs one edit. */
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t rows[3][65];
	size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > limit ? limit + 1 : prev[lb];
}

/* How many leading characters a and b share. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

const char *suggest(const char *word, const char *(*get)(size_t i, void *arg),
                    size_t n, void *arg)
{
	/* Close by edits, or sharing a good part of the start ("childs" and
	   "children"); ties go to the longer shared start. */
	const char *best = NULL;
	size_t best_score = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		const char *cand = get(i, arg);
		size_t d = edit_distance(word, cand, 2);
		size_t prefix = common_prefix(word, cand);
		if (d > 2 && prefix >= 4)
			d = 2;
		if (d > 2)
			continue;
		size_t score = d * 100 + 50 - (prefix < 50 ? prefix : 50);
		if (score < best_score) {
			best = cand;
			best_score = score;
		}
	}
	return best;
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->size) {
		sb->size = (sb->len + n + 1) * 2;
		sb->buf = xrealloc(sb->buf, sb->size);
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	strbuf_add(sb, s, (size_t)n);
	free(s);
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	*sb = (struct strbuf){ 0 };
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

const char *line_problem(const char *text, size_t n, size_t max, char *buf,
                         size_t size)
{
	const unsigned char *s = (const unsigned char *)text;
	if (n > max) {
		snprintf(buf, size, _("line longer than %zu bytes"), max);
		return buf;
	}
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		int len = utf8_sequence(s + i, n - i, &cp);
		if (len <= 0)
			return _("invalid UTF-8");
		if (cp == 0)
			return _("NUL byte in file");
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0)) {
			snprintf(buf, size, _("control character U+%04lX"),
			         cp);
			return buf;
		}
		i += (size_t)len;
	}
	return NULL;
}

/* The one clock: CLOCK_MONOTONIC, whole milliseconds or seconds. */
double monotonic_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
