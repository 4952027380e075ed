/* wrap.c - measure and wrap UTF-8 text by display width (CJK = 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"
#include "wrap.h"

/* Columns one code point takes; wide East Asian ranges count 2 even when
   the C library's locale cannot tell. */
static size_t char_width(long cp)
{
	if (cp < 0)
		return 1;
	if (cp < 0x20 || cp == 0x7f)
		return 0;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return (size_t)w;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	if (cp >= 0x300 && cp <= 0x36f)
		return 0;
	return 1;
}

/* Closing punctuation, which a line must not start with; and opening
   punctuation, which a line must not end with (the basic rules of
   Chinese and Japanese line breaking). Quotes that open and close alike
   are neither. */
static int closing(long cp)
{
	static const long list[] = {
		0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a, 0xff1f, 0xff01, 0xff09,
		0x300d, 0x300f, 0x201d, 0x2019, 0x300b, 0x3009, 0x3011, 0x2026,
		0xff0e, 0xff3d, 0xff5d, 0x3015, 0x3017, 0x30fb, 0xff65,
		')', ']', '}', ',', '.', ';', ':', '!', '?', '%',
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

static int opening(long cp)
{
	static const long list[] = {
		0xff08, 0x300c, 0x300e, 0x201c, 0x2018, 0x300a, 0x3008, 0x3010,
		0xff3b, 0xff5b, 0x3014, 0x3016, '(', '[', '{',
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

/* May a line break between prev and next (neither a blank)? Only next
   to a wide character (CJK writes no blanks between words), and never
   before closing or after opening punctuation. */
static int may_break(long prev, long next)
{
	if (prev < 0 || next < 0)
		return 0;
	if (char_width(prev) < 2 && char_width(next) < 2)
		return 0;
	return !closing(next) && !opening(prev);
}

/* Do the lines ending in prev and starting with next join without a
   blank? Between two CJK characters, and beside CJK punctuation. */
static int join_tight(long prev, long next)
{
	if (prev < 0 || next < 0)
		return 0;
	return (char_width(prev) == 2 && char_width(next) == 2) ||
	       utf8_is_cjk_punct(prev) || utf8_is_cjk_punct(next);
}

/* The code point that ends s[0..len), or -1. */
static long last_code_point(const char *s, size_t len)
{
	size_t i = len;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return -1;
	long cp;
	utf8_next(s + i - 1, len - i + 1, &cp);
	return cp;
}

size_t wrap_width(const char *s, size_t len)
{
	size_t cols = 0;
	for (size_t i = 0; i < len;) {
		long cp;
		i += utf8_next(s + i, len - i, &cp);
		cols += char_width(cp);
	}
	return cols;
}

size_t wrap_fit(const char *s, size_t len, size_t cols)
{
	size_t i = 0, used = 0;
	while (i < len) {
		long cp;
		size_t n = utf8_next(s + i, len - i, &cp);
		size_t w = char_width(cp);
		if (used + w > cols)
			break;
		used += w;
		i += n;
	}
	return i;
}

void wrap_fit_name(char *out, size_t size, const char *name, int cols)
{
	size_t len = strlen(name), digits = 0, keep, tail = 0;
	if (size == 0)
		return;
	if (cols < 0)
		cols = 0;
	if (wrap_width(name, len) <= (size_t)cols) {
		keep = len;
	} else {
		while (digits < len && name[len - 1 - digits] >= '0' &&
		       name[len - 1 - digits] <= '9')
			digits++;
		if (digits && digits < len &&
		    strchr("- ", name[len - 1 - digits]) &&
		    (int)digits + 1 + 3 <= cols)
			tail = digits + 1;
		keep = wrap_fit(name, len - tail, (size_t)cols - tail);
	}
	int pad = cols - (int)wrap_width(name, keep) -
	          (int)wrap_width(name + len - tail, tail);
	snprintf(out, size, "%.*s%s%*s", (int)keep, name, name + len - tail,
	         pad > 0 ? pad : 0, "");
}

void wrap_paragraph(const char *text, size_t len, size_t width,
                    void (*emit)(const char *line, size_t len, void *arg),
                    void *arg)
{
	wrap_hanging(text, len, width, width, emit, arg);
}

void wrap_hanging(const char *text, size_t len, size_t first_width,
                  size_t rest_width,
                  void (*emit)(const char *line, size_t len, void *arg),
                  void *arg)
{
	size_t width = first_width < 1 ? 1 : first_width;
	if (rest_width < 1)
		rest_width = 1;
	size_t i = 0;
	for (int first = 1; i < len; first = 0) {
		if (!first)
			width = rest_width;
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t start = i, cols = 0, last_break = 0, end = start;
		long prev = -1;
		int here = 0;        /* a break may come before text[i] */
		while (i < len) {
			long cp;
			size_t n = utf8_next(text + i, len - i, &cp);
			size_t w = char_width(cp);
			here = text[i] == ' ' || (i > start && may_break(prev, cp));
			if (cols + w > width && i > start)
				break;
			if (here)
				last_break = i;
			prev = cp;
			cols += w;
			i += n;
			end = i;
		}
		if (i < len && !here && last_break > start) {
			end = last_break;    /* break at the last place allowed */
			i = last_break;
		}
		while (end > start && text[end - 1] == ' ')
			end--;
		emit(text + start, end - start, arg);
	}
}

/* Does this narrative line start a paragraph of its own? */
static int starts_block(const char *p)
{
	return *p == '\n' || (p[0] == ' ' && p[1] == ' ') ||
	       (p[0] == '-' && p[1] == ' ');
}

struct narrative_target {
	void (*emit)(const char *line, size_t len, size_t indent, void *arg);
	void *arg;
	size_t hanging;          /* indent of the lines after the first */
	int lines;
};

static void narrative_emit(const char *line, size_t len, void *arg)
{
	struct narrative_target *t = arg;
	t->emit(line, len, t->lines++ ? t->hanging : 0, t->arg);
}

void wrap_narrative(const char *text, size_t width,
                    void (*emit)(const char *line, size_t len, size_t indent,
                                 void *arg),
                    void *arg)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 0 || (p[0] == ' ' && p[1] == ' ')) {
			emit(p, len, 0, arg);   /* blank, or kept as it is */
			p += len + (nl != NULL);
			continue;
		}
		/* Join the lines of the paragraph (or item) this one starts. */
		char *para = malloc(strlen(p) + 1);
		if (!para)
			return;
		size_t used = 0;
		do {
			/* Lines join with a blank, except where both sides are
			   wide (CJK text has no blanks between its words). */
			long next;
			utf8_next(p, len, &next);
			if (used && !join_tight(last_code_point(para, used),
			                        next))
				para[used++] = ' ';
			memcpy(para + used, p, len);
			used += len;
			p += len + (nl != NULL);
			nl = strchr(p, '\n');
			len = nl ? (size_t)(nl - p) : strlen(p);
		} while (*p && !starts_block(p));
		int item = para[0] == '-' && para[1] == ' ';
		struct narrative_target t = { emit, arg, item ? 2 : 0, 0 };
		size_t w = width > t.hanging + 4 ? width - t.hanging : 4;
		wrap_paragraph(para, used, w, narrative_emit, &t);
		free(para);
	}
}
