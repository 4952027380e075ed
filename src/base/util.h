/* util.h - small helpers shared by the core: strings, suggestions. */
#ifndef FORKLORE_UTIL_H
#define FORKLORE_UTIL_H

#include <stddef.h>

/* printf into a new malloc'ed string; aborts on exhaustion of memory. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);

/* Edit distance between a and b (a swap of neighbours is one edit),
   capped at limit + 1. */
size_t edit_distance(const char *a, const char *b, size_t limit);

/*
 * The candidate closest to word (at most 2 edits, or sharing its first
 * four letters), or NULL. Candidates are read through get(i) for
 * i < n.
 */
const char *suggest(const char *word, const char *(*get)(size_t i, void *arg),
                    size_t n, void *arg);

/* A growing string; { 0 } is an empty one. buf is NUL-terminated once
   anything was added. */
struct strbuf {
	char *buf;
	size_t len, size;
};

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_free(struct strbuf *sb);

/*
 * What is wrong with one line of text (without its line end), or NULL if
 * nothing: longer than max bytes, invalid UTF-8 (overlong forms and
 * surrogates included), a NUL byte, or a control character other than
 * TAB. The message is a constant or written into buf.
 */
const char *line_problem(const char *s, size_t n, size_t max, char *buf,
                         size_t size);

/* Parse a whole decimal long; 0 or -1. */
int parse_long(const char *s, long *out);

/* Milliseconds of the monotonic clock. */
long long monotonic_ms(void);
/* The same clock in seconds, to the nanosecond it has. */
double monotonic_seconds(void);

#endif
