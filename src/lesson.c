/* lesson.c - the lesson file format: parse and validate one lesson.
 *
 * Pure: no I/O, no globals. The file is checked byte by byte first (UTF-8,
 * control characters, line length), then read line by line. Only the first
 * error is reported, with its line number. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"

/* The parser's state while it reads one file. */
struct parser {
	const struct lesson_hooks *hooks;
	struct lesson *lesson;
	struct lesson_step *step;      /* the step being read, or NULL */
	char *narrative;               /* its text so far */
	size_t narrative_len;
	int pending_blank;             /* a blank line before the next text */
	int predict_line;
	int header_line[4];            /* where each header directive was */
	int last_header_line;
	int line;
	char *cause;
};

static const char *const header_names[4] = { "lesson", "title", "order",
                                             "summary" };
static const char *const known_directives[] = {
	"lesson", "title", "order", "summary", "step", "code", "source",
	"run", "predict", "end",
};
static const char *const languages[] = { "c", "python", "shell", "text" };

/* Record the first error; always returns -1. */
static int fail(struct parser *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct parser *ps, const char *fmt, ...)
{
	if (ps->cause)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&ps->cause, fmt, ap) < 0)
		ps->cause = NULL;
	va_end(ap);
	return -1;
}

static char *copy(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/* ---- checking the bytes ----------------------------------------------- */

/* Length of the valid UTF-8 sequence at s, or 0 if invalid. */
static size_t utf8_length(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	size_t n;
	unsigned long min, cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; min = 0x80; cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; min = 0x800; cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; min = 0x10000; cp = c & 0x07;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Check every byte and line length before parsing. */
static int check_bytes(struct parser *ps, const char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)buf;
	int line = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = u[i];
		if (c == '\n') {
			line++;
			line_start = ++i;
			continue;
		}
		if (i - line_start >= LESSON_MAX_LINE) {
			ps->line = line;
			return fail(ps, "line longer than %d bytes",
			            LESSON_MAX_LINE);
		}
		ps->line = line;
		if (c == 0)
			return fail(ps, "NUL byte in file");
		if (c == '\r' && (i + 1 == len || u[i + 1] == '\n')) {
			i++;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(ps, "control character U+%04X", c);
		size_t n = utf8_length(u + i, len - i);
		if (n == 0)
			return fail(ps, "invalid UTF-8");
		i += n;
	}
	return 0;
}

/* ---- building the lesson ---------------------------------------------- */

/* Append a narrative line (or a paragraph break when line is NULL). */
static int narrative_add(struct parser *ps, const char *text, size_t len)
{
	if (!text) {
		if (ps->narrative_len)
			ps->pending_blank = 1;
		return 0;
	}
	size_t extra = len + 2;
	char *grown = realloc(ps->narrative, ps->narrative_len + extra + 1);
	if (!grown)
		return fail(ps, "out of memory");
	ps->narrative = grown;
	char *p = grown + ps->narrative_len;
	if (ps->narrative_len)
		*p++ = '\n';
	if (ps->pending_blank && ps->narrative_len)
		*p++ = '\n';
	memcpy(p, text, len);
	p += len;
	*p = '\0';
	ps->narrative_len = (size_t)(p - grown);
	ps->pending_blank = 0;
	return 0;
}

/* Close the current step: its narrative, and the checks that need the
   whole step. */
static int finish_step(struct parser *ps)
{
	struct lesson_step *st = ps->step;
	if (!st)
		return 0;
	st->text = ps->narrative ? ps->narrative : strdup("");
	ps->narrative = NULL;
	ps->narrative_len = 0;
	ps->pending_blank = 0;
	if (!st->text)
		return fail(ps, "out of memory");
	if (!st->text[0]) {
		ps->line = st->line;
		return fail(ps, "step '%s' has no text", st->title);
	}
	if (st->predict && !st->demo) {
		ps->line = ps->predict_line;
		return fail(ps, "@predict needs a @run in the same step");
	}
	ps->step = NULL;
	return 0;
}

static int start_step(struct parser *ps, const char *title)
{
	if (finish_step(ps) != 0)
		return -1;
	if (!*title)
		return fail(ps, "@step needs a title");
	struct lesson *l = ps->lesson;
	struct lesson_step *grown =
	    realloc(l->steps, (l->nsteps + 1) * sizeof *grown);
	if (!grown)
		return fail(ps, "out of memory");
	l->steps = grown;
	ps->step = &l->steps[l->nsteps++];
	memset(ps->step, 0, sizeof *ps->step);
	ps->step->line = ps->line;
	ps->step->title = strdup(title);
	return ps->step->title ? 0 : fail(ps, "out of memory");
}

static int add_code(struct parser *ps, const char *lang, const char *snippet,
                    char *text, int line)
{
	struct lesson_step *st = ps->step;
	struct lesson_code *grown =
	    realloc(st->code, (st->ncode + 1) * sizeof *grown);
	if (!grown) {
		free(text);
		return fail(ps, "out of memory");
	}
	st->code = grown;
	struct lesson_code *c = &st->code[st->ncode++];
	c->lang = strdup(lang);
	c->snippet = snippet ? strdup(snippet) : NULL;
	c->text = text;
	c->line = line;
	if (!c->lang || (snippet && !c->snippet))
		return fail(ps, "out of memory");
	return 0;
}

/* ---- directives ------------------------------------------------------- */

static int is_id(const char *s, size_t max, int letter_first)
{
	size_t n = strlen(s);
	if (n == 0 || n > max || (letter_first && (*s < 'a' || *s > 'z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return 0;
	return 1;
}

/* A header directive: lesson, title, order or summary. */
static int header(struct parser *ps, int which, const char *arg)
{
	struct lesson *l = ps->lesson;
	if (ps->step || l->nsteps)
		return fail(ps, "@%s belongs in the header, before the first "
		                "@step", header_names[which]);
	if (ps->header_line[which])
		return fail(ps, "duplicate @%s (first at line %d)",
		            header_names[which], ps->header_line[which]);
	ps->header_line[which] = ps->line;
	ps->last_header_line = ps->line;
	if (!*arg)
		return fail(ps, "@%s needs a value", header_names[which]);
	switch (which) {
	case 0:
		if (!is_id(arg, 32, 1))
			return fail(ps, "lesson id '%s' must be 1 to 32 of a-z, "
			                "0-9 and '-', starting with a letter", arg);
		l->id = strdup(arg);
		return l->id ? 0 : fail(ps, "out of memory");
	case 1:
		l->title = strdup(arg);
		return l->title ? 0 : fail(ps, "out of memory");
	case 2: {
		int v = 0;
		for (const char *p = arg; *p; p++) {
			if (*p < '0' || *p > '9' || v > 9999)
				return fail(ps, "@order must be a number from 1 "
				                "to 9999, not '%s'", arg);
			v = v * 10 + (*p - '0');
		}
		if (v < 1 || v > 9999)
			return fail(ps, "@order must be a number from 1 to 9999, "
			                "not '%s'", arg);
		l->order = v;
		return 0;
	}
	default:
		l->summary = strdup(arg);
		return l->summary ? 0 : fail(ps, "out of memory");
	}
}

/* @run DEMO [NAME=VALUE...] */
static int run_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	if (st->demo)
		return fail(ps, "a step has at most one @run (first at line "
		                "%d)", st->run_line);
	char *words = strdup(arg);
	if (!words)
		return fail(ps, "out of memory");
	char *save = NULL, *demo = strtok_r(words, " \t", &save);
	if (!demo) {
		free(words);
		return fail(ps, "@run needs a demo name");
	}
	if (!is_id(demo, 64, 0)) {
		free(words);
		return fail(ps, "'%s' is not a demo name", demo);
	}
	st->demo = strdup(demo);
	st->run_line = ps->line;
	int rc = st->demo ? 0 : fail(ps, "out of memory");
	for (char *w; rc == 0 && (w = strtok_r(NULL, " \t", &save));) {
		char *eq = strchr(w, '=');
		int good = eq && eq > w && eq[1];
		for (char *p = w; good && p < eq; p++)
			good = (*p >= 'a' && *p <= 'z') || *p == '_' ||
			       *p == '-' || (*p >= '0' && *p <= '9');
		if (!good) {
			rc = fail(ps, "expected NAME=VALUE after the demo name, "
			              "not '%s'", w);
			break;
		}
		char **grown = realloc(st->run_args,
		                       (st->nrun_args + 1) * sizeof *grown);
		if (!grown || !(grown[st->nrun_args] = strdup(w))) {
			if (grown)
				st->run_args = grown;
			rc = fail(ps, "out of memory");
			break;
		}
		st->run_args = grown;
		st->nrun_args++;
	}
	free(words);
	if (rc == 0 && ps->hooks && ps->hooks->check_run) {
		char *cause = NULL;
		if (ps->hooks->check_run(st->demo, st->run_args, st->nrun_args,
		                         &cause, ps->hooks->arg) != 0) {
			rc = fail(ps, "%s", cause ? cause : "invalid @run");
			free(cause);
		}
	}
	return rc;
}

static int source_directive(struct parser *ps, const char *name)
{
	if (!*name)
		return fail(ps, "@source needs a snippet name");
	const char *text = ps->hooks && ps->hooks->snippet ?
	                   ps->hooks->snippet(name, ps->hooks->arg) : NULL;
	if (!text)
		return fail(ps, "unknown source snippet '%s'", name);
	char *dup = strdup(text);
	if (!dup)
		return fail(ps, "out of memory");
	narrative_add(ps, NULL, 0);
	return add_code(ps, "c", name, dup, ps->line);
}

/* Edit distance of two short words, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[16];
	if (la > 15 || lb > 15)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static int unknown_directive(struct parser *ps, const char *name)
{
	const char *near = NULL;
	size_t best = 3;
	for (size_t i = 0; i < sizeof known_directives / sizeof *known_directives;
	     i++) {
		size_t d = distance(name, known_directives[i]);
		if (d < best) {
			best = d;
			near = known_directives[i];
		}
	}
	if (near)
		return fail(ps, "unknown directive '@%s' (did you mean '@%s'?)",
		            name, near);
	return fail(ps, "unknown directive '@%s'", name);
}

/* One directive line: "@name args". */
static int directive(struct parser *ps, const char *line)
{
	const char *p = line + 1;
	size_t nlen = strcspn(p, " \t");
	char name[24];
	if (nlen == 0)
		return fail(ps, "'@' must be followed by a directive name (write "
		                "'@@' for a literal '@')");
	if (nlen >= sizeof name)
		nlen = sizeof name - 1;
	memcpy(name, p, nlen);
	name[nlen] = '\0';
	const char *arg = p + strcspn(p, " \t");
	arg += strspn(arg, " \t");
	for (int i = 0; i < 4; i++)
		if (strcmp(name, header_names[i]) == 0)
			return header(ps, i, arg);
	int in_step = ps->step != NULL;
	if (strcmp(name, "step") == 0)
		return start_step(ps, arg);
	if (strcmp(name, "end") == 0)
		return fail(ps, "@end without @code");
	int is_body = strcmp(name, "code") == 0 ||
	              strcmp(name, "source") == 0 ||
	              strcmp(name, "run") == 0 || strcmp(name, "predict") == 0;
	if (!is_body)
		return unknown_directive(ps, name);
	if (!in_step)
		return fail(ps, "@%s must be inside a step (after @step)", name);
	if (strcmp(name, "source") == 0)
		return source_directive(ps, arg);
	if (strcmp(name, "run") == 0)
		return run_directive(ps, arg);
	/* @predict */
	if (ps->step->predict)
		return fail(ps, "a step has at most one @predict (first at line "
		                "%d)", ps->predict_line);
	if (!*arg)
		return fail(ps, "@predict needs a question");
	ps->predict_line = ps->line;
	ps->step->predict = strdup(arg);
	return ps->step->predict ? 0 : fail(ps, "out of memory");
}

/* A code block being read. */
struct block {
	int open;
	int line;
	char lang[8];
	char *text;
	size_t len;
};

static int block_open(struct parser *ps, struct block *b, const char *arg)
{
	size_t n = sizeof languages / sizeof *languages;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(arg, languages[i]) == 0) {
			*b = (struct block){ 1, ps->line, "", NULL, 0 };
			strcpy(b->lang, languages[i]);
			narrative_add(ps, NULL, 0);
			return 0;
		}
	}
	if (!*arg)
		return fail(ps, "@code needs a language: c, python, shell or "
		                "text");
	return fail(ps, "unknown language '%s' (c, python, shell or text)",
	            arg);
}

/* A line inside a code block: text, or the closing @end. */
static int block_line(struct parser *ps, struct block *b, const char *line,
                      size_t len)
{
	size_t t = len;
	while (t > 0 && (line[t - 1] == ' ' || line[t - 1] == '\t'))
		t--;
	if (t == 4 && memcmp(line, "@end", 4) == 0) {
		b->open = 0;
		if (!b->text) {
			ps->line = b->line;
			return fail(ps, "empty @code block");
		}
		char *text = b->text;
		b->text = NULL;
		return add_code(ps, b->lang, NULL, text, b->line);
	}
	char *grown = realloc(b->text, b->len + len + 2);
	if (!grown)
		return fail(ps, "out of memory");
	b->text = grown;
	memcpy(b->text + b->len, line, len);
	b->len += len;
	b->text[b->len++] = '\n';
	b->text[b->len] = '\0';
	return 0;
}

/* One line outside code blocks (without its newline or CR). */
static int text_line(struct parser *ps, struct block *b, char *line,
                     size_t len)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		line[--len] = '\0';
	if (line[0] == '@' && line[1] != '@') {
		if (strncmp(line, "@code", 5) == 0 &&
		    (line[5] == ' ' || line[5] == '\t' || line[5] == '\0')) {
			if (!ps->step)
				return fail(ps, "@code must be inside a step "
				                "(after @step)");
			const char *arg = line + 5 + strspn(line + 5, " \t");
			return block_open(ps, b, arg);
		}
		return directive(ps, line);
	}
	if (len == 0)
		return narrative_add(ps, NULL, 0);
	if (!ps->step)
		return fail(ps, "text before the first @step");
	if (line[0] == '@')     /* "@@..." stands for "@..." */
		return narrative_add(ps, line + 1, len - 1);
	return narrative_add(ps, line, len);
}

/* The whole-file checks after the last line. */
static int finish(struct parser *ps, struct block *b)
{
	if (b->open) {
		ps->line = b->line;
		return fail(ps, "@code block is never closed (missing @end)");
	}
	if (finish_step(ps) != 0)
		return -1;
	struct lesson *l = ps->lesson;
	const void *fields[4] = { l->id, l->title, l->order ? l : NULL,
	                          l->summary };
	for (int i = 0; i < 4; i++) {
		if (!fields[i]) {
			ps->line = ps->last_header_line ? ps->last_header_line : 1;
			return fail(ps, "missing @%s", header_names[i]);
		}
	}
	if (l->nsteps == 0) {
		ps->line = ps->line ? ps->line : 1;
		return fail(ps, "lesson has no @step");
	}
	return 0;
}

int lesson_parse(const char *path, const char *buf, size_t len,
                 const struct lesson_hooks *hooks, struct lesson **out,
                 int *line, char **cause)
{
	struct parser ps = { .hooks = hooks };
	struct block b = { 0 };
	int rc = -1;
	if (len > LESSON_MAX_SIZE) {
		ps.line = 1;
		fail(&ps, "file is larger than 1 MiB");
		goto done;
	}
	if (check_bytes(&ps, buf, len) != 0)
		goto done;
	ps.lesson = calloc(1, sizeof *ps.lesson);
	if (!ps.lesson || !(ps.lesson->path = strdup(path ? path : ""))) {
		fail(&ps, "out of memory");
		goto done;
	}
	size_t pos = 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	ps.line = 0;
	rc = 0;
	while (pos < len && rc == 0) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		size_t n = end - pos;
		if (n > 0 && buf[pos + n - 1] == '\r')
			n--;
		ps.line++;
		char *text = copy(buf + pos, n);
		if (!text)
			rc = fail(&ps, "out of memory");
		else if (b.open)
			rc = block_line(&ps, &b, text, n);
		else
			rc = text_line(&ps, &b, text, n);
		free(text);
		pos = end + 1;
	}
	if (rc == 0)
		rc = finish(&ps, &b);
done:
	free(b.text);
	free(ps.narrative);
	if (rc == 0 && !ps.cause) {
		*out = ps.lesson;
		return 0;
	}
	/* A step cut short still owns its fields; lesson_free takes them. */
	lesson_free(ps.lesson);
	*line = ps.line ? ps.line : 1;
	*cause = ps.cause ? ps.cause : strdup("out of memory");
	return -1;
}

void lesson_free(struct lesson *lesson)
{
	if (!lesson)
		return;
	for (size_t i = 0; i < lesson->nsteps; i++) {
		struct lesson_step *st = &lesson->steps[i];
		free(st->title);
		free(st->text);
		for (size_t k = 0; k < st->ncode; k++) {
			free(st->code[k].lang);
			free(st->code[k].snippet);
			free(st->code[k].text);
		}
		free(st->code);
		free(st->demo);
		for (size_t k = 0; k < st->nrun_args; k++)
			free(st->run_args[k]);
		free(st->run_args);
		free(st->predict);
	}
	free(lesson->steps);
	free(lesson->path);
	free(lesson->id);
	free(lesson->title);
	free(lesson->summary);
	free(lesson);
}
