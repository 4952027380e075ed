/* mask.c - hide what changes from run to run (PIDs, times, addresses), so
 * a transcript of a session reads the same every time. Pure text work: the
 * front end says which numbers are PIDs, this file rewrites the text. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mask.h"
#include "util.h"

/* One PID or TID to hide, and the P-number it got (0: not seen yet). */
struct mask_id {
	long id;
	unsigned number;
};

struct mask {
	struct mask_id *ids;     /* sorted by id */
	size_t n, size;
	unsigned numbered;       /* P-numbers handed out so far */
};

struct mask *mask_new(void)
{
	struct mask *m = xmalloc(sizeof *m);
	memset(m, 0, sizeof *m);
	return m;
}

void mask_free(struct mask *m)
{
	if (m)
		free(m->ids);
	free(m);
}

/* Where id is in the sorted table, or where it would go. */
static size_t mask_position(const struct mask *m, long id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void mask_expect(struct mask *m, long id)
{
	if (id <= 0)
		return;
	size_t at = mask_position(m, id);
	if (at < m->n && m->ids[at].id == id)
		return;
	if (m->n == m->size) {
		m->size = m->size ? 2 * m->size : 64;
		m->ids = xrealloc(m->ids, m->size * sizeof *m->ids);
	}
	memmove(m->ids + at + 1, m->ids + at, (m->n - at) * sizeof *m->ids);
	m->ids[at] = (struct mask_id){ id, 0 };
	m->n++;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex_digit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Length of an ANSI escape sequence at t (ESC [ ... final byte), so
   colour codes are never taken for numbers. */
static size_t escape_length(const char *t)
{
	if (t[1] != '[')
		return t[1] ? 2 : 1;
	size_t n = 2;
	while (t[n] && !(t[n] >= 0x40 && t[n] <= 0x7e))
		n++;
	return t[n] ? n + 1 : n;
}

/* Length of "0x" and hex digits at t, or 0. */
static size_t address_length(const char *t)
{
	if (t[0] != '0' || t[1] != 'x' || !is_hex_digit(t[2]))
		return 0;
	size_t n = 2;
	while (is_hex_digit(t[n]))
		n++;
	return n;
}

/* Length of a duration "DIGITS.DD s" at t (or "DIGITS.DD 秒", its
   Chinese form), or 0; *unit says which unit it had. */
static size_t duration_length(const char *t, size_t digits,
                              const char **unit)
{
	static const char seconds_zh[] = "\xe7\xa7\x92";    /* 秒 */
	const char *d = t + digits;
	if (d[0] != '.' || !is_digit(d[1]) || !is_digit(d[2]) || d[3] != ' ')
		return 0;
	if (d[4] == 's') {
		*unit = "s";
		return digits + 5;
	}
	if (!strncmp(d + 4, seconds_zh, 3)) {
		*unit = seconds_zh;
		return digits + 7;
	}
	return 0;
}

/* The P-number of the digits at t, or 0 when they are no expected id.
   A PID never starts with 0 and has at most ten digits. */
static unsigned mask_number(struct mask *m, const char *t, size_t digits)
{
	if (t[0] == '0' || digits > 10)
		return 0;
	long id = 0;
	for (size_t i = 0; i < digits; i++)
		id = id * 10 + (t[i] - '0');
	size_t at = mask_position(m, id);
	if (at == m->n || m->ids[at].id != id)
		return 0;
	if (!m->ids[at].number)
		m->ids[at].number = ++m->numbered;
	return m->ids[at].number;
}

/* The private directory of a Python run (mkdtemp's random name): the same
   in every transcript. */
static char *mask_python_dirs(const char *text)
{
	static const char stem[] = "forklore-python-";
	char *copy = xstrdup(text);
	for (char *at = copy; (at = strstr(at, stem)) != NULL;) {
		at += sizeof stem - 1;
		size_t n = 0;
		while (n < 6 && at[n] && (isalnum((unsigned char)at[n]) ||
		                          at[n] == '_'))
			n++;
		if (n == 6)
			memset(at, 'X', 6);
		at += n;
	}
	return copy;
}

char *mask_text(struct mask *m, const char *text)
{
	struct strbuf o = { 0 };
	char *unmasked = mask_python_dirs(text);
	const char *t = unmasked;
	while (*t) {
		size_t n;
		if (*t == '\033') {
			n = escape_length(t);
			strbuf_add(&o, t, n);
		} else if (!is_digit(*t)) {
			/* Up to the next digit or escape, as it is. */
			n = strcspn(t, "0123456789\033");
			strbuf_add(&o, t, n);
		} else if ((n = address_length(t)) != 0) {
			strbuf_adds(&o, "0xADDR");
		} else {
			/* A whole run of digits: t never starts inside one. */
			size_t digits = strspn(t, "0123456789");
			unsigned number;
			const char *unit = "s";
			if ((n = duration_length(t, digits, &unit)) != 0) {
				strbuf_addf(&o, "N.NN %s", unit);
			} else if ((number = mask_number(m, t, digits)) != 0) {
				strbuf_addf(&o, "P%u", number);
				n = digits;
			} else {
				strbuf_add(&o, t, digits);
				n = digits;
			}
		}
		t += n;
	}
	free(unmasked);
	return o.buf ? o.buf : xstrdup("");
}
