/* lesson.c - the lesson file format: parse and validate one lesson.
 *
 * Pure: no I/O, no globals, only memory and string functions. The file is
 * read in one pass, line by line; each line's bytes are checked (length,
 * UTF-8, control characters) before it is parsed, so the error reported is
 * the first one met. Everything parsed hangs off the lesson at once, so one
 * lesson_free() cleans up after a failure at any point. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lesson.h"
#include "util.h"

/* The directives; directive_names[] follows the same order. */
enum directive {
	D_LESSON, D_TITLE, D_ORDER, D_SUMMARY,   /* the header */
	D_STEP, D_CODE, D_SOURCE, D_RUN, D_PREDICT, D_ANSWER, D_OPTION,
	D_WITHIN, D_EXPLAIN, D_ASK_IF, D_END, D_COUNT
};

static const char *const directive_names[D_COUNT] = {
	"lesson", "title", "order", "summary",
	"step", "code", "source", "run", "predict", "answer", "option",
	"within", "explain", "ask-if", "end",
};

static const char *const code_languages[] = {
	"c", "python", "shell", "text",
};

#define LESSON_ID_MAX 32

/* A growing NUL-terminated string. */
struct text {
	char *data;
	size_t len, cap;
};

/* The parser's state while it reads one file. */
struct parser {
	const struct lesson_hooks *hooks;
	struct lesson *lesson;
	struct lesson_step *step;       /* the step being read, or NULL */
	size_t steps_cap, code_cap, args_cap;
	struct text narrative;          /* the current step's text so far */
	int paragraph_break;            /* a blank line before the next text */
	int answer_line, option_line, within_line, explain_line;
	size_t options_cap, explains_cap;
	int header_line[D_SUMMARY + 1]; /* where each header directive was */
	int in_block;                   /* inside @code ... @end */
	int block_line;
	const char *block_lang;
	struct text block;
	int line;                       /* the line being read */
	int failed;
	int error_line;
	char *cause;
	char buf[LESSON_MAX_LINE + 1];  /* the current line, NUL-terminated */
};

/* ---- errors ----------------------------------------------------------- */

/* Record the first error, at the given line; always returns -1. */
static int vfail_at(struct parser *ps, int line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static int vfail_at(struct parser *ps, int line, const char *fmt, va_list ap)
{
	if (ps->failed)
		return -1;
	ps->failed = 1;
	ps->error_line = line > 0 ? line : 1;
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0 && (ps->cause = malloc((size_t)n + 1)))
		vsnprintf(ps->cause, (size_t)n + 1, fmt, again);
	va_end(again);
	return -1;
}

static int fail_at(struct parser *ps, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(struct parser *ps, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(ps, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* An error at the line being read. */
static int fail(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(ps, ps->line, fmt, ap);
	va_end(ap);
	return -1;
}

static int out_of_memory(struct parser *ps)
{
	return fail(ps, _("out of memory"));
}

/* ---- memory ----------------------------------------------------------- */

/* Append n bytes to t, keeping it NUL-terminated. */
static int text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 128;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *grown = realloc(t->data, cap);
		if (!grown)
			return -1;
		t->data = grown;
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
	return 0;
}

/* Make room for element [count] of an array that has room for *cap; the
   array, moved maybe, or NULL if out of memory (the array is then kept). */
static void *grow(void *array, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return array;
	size_t n = *cap ? *cap * 2 : 4;
	if (n > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(array, n * size);
	if (grown)
		*cap = n;
	return grown;
}

static char *copy_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	return p ? memcpy(p, s, n) : NULL;
}

/* ---- checking the bytes ----------------------------------------------- */

/* Check one line's bytes (without its line end): length, NUL, UTF-8, and
   control characters (C0 but TAB, DEL, C1). */
static int check_line(struct parser *ps, const unsigned char *s, size_t n)
{
	char why[128];
	const char *problem = line_problem((const char *)s, n,
	                                   LESSON_MAX_LINE, why, sizeof why);
	if (problem)
		return fail(ps, "%s", problem);
	return 0;
}

/* ---- steps and their parts -------------------------------------------- */

/* A blank line, or a directive, ends the paragraph being read. */
static void narrative_break(struct parser *ps)
{
	if (ps->narrative.len)
		ps->paragraph_break = 1;
}

static int narrative_line(struct parser *ps, const char *s, size_t n)
{
	const char *sep = "";
	if (ps->narrative.len)
		sep = ps->paragraph_break ? "\n\n" : "\n";
	ps->paragraph_break = 0;
	if (text_add(&ps->narrative, sep, strlen(sep)) != 0 ||
	    text_add(&ps->narrative, s, n) != 0)
		return out_of_memory(ps);
	return 0;
}

static int check_question(struct parser *ps);

/* Close the current step: give it its text, and run the checks that need
   the whole step. */
static int finish_step(struct parser *ps)
{
	struct lesson_step *st = ps->step;
	if (!st)
		return 0;
	if (!ps->narrative.len)
		return fail_at(ps, st->line, _("step '%s' has no text"),
		               st->title);
	if (st->predict && !st->demo)
		return fail_at(ps, st->predict_line,
		               _("@predict needs a @run in the same step"));
	const struct {
		int line;
		const char *name;
	} parts[] = {
		{ ps->answer_line, "answer" }, { ps->option_line, "option" },
		{ ps->within_line, "within" }, { ps->explain_line, "explain" },
	};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (parts[i].line && !st->predict)
			/* TRANSLATORS: %s is answer, option, within or
			   explain (a directive, as written in the lesson). */
			return fail_at(ps, parts[i].line,
			               _("@%s needs a @predict in the same "
			                 "step"), parts[i].name);
	if (st->ask_if.nargs && !st->predict)
		return fail_at(ps, st->ask_if.line,
		               _("@ask-if needs a @predict in the same step"));
	if (st->predict && check_question(ps) != 0)
		return -1;
	st->text = ps->narrative.data;
	ps->narrative = (struct text){ 0 };
	ps->paragraph_break = 0;
	ps->step = NULL;
	ps->answer_line = ps->option_line = ps->within_line = 0;
	ps->explain_line = 0;
	ps->options_cap = ps->explains_cap = 0;
	return 0;
}

/* Add a listing to the current step; takes text, even on failure. */
static int add_code(struct parser *ps, const char *lang, const char *snippet,
                    char *text, int line)
{
	struct lesson_step *st = ps->step;
	struct lesson_code *code =
	    grow(st->code, &ps->code_cap, st->ncode, sizeof *code);
	if (!code) {
		free(text);
		return out_of_memory(ps);
	}
	st->code = code;
	struct lesson_code *c = &code[st->ncode++];
	*c = (struct lesson_code){ copy_string(lang), NULL, text, line };
	if (snippet)
		c->snippet = copy_string(snippet);
	if (!c->lang || (snippet && !c->snippet))
		return out_of_memory(ps);
	return 0;
}

/* ---- the header ------------------------------------------------------- */

/* 1 if s is a word of a-z, 0-9 and '-', of 1 to max bytes. */
static int is_name(const char *s, size_t max)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
	return n > 0 && n <= max && s[n] == '\0';
}

/* The value of @order, or 0 if it is not a number from 1 to 9999. */
static int parse_order(const char *s)
{
	int v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
		if (v > 9999)
			return 0;
	}
	return v;
}

/* Store the value of header directive d. */
static int header_value(struct parser *ps, enum directive d, const char *arg)
{
	struct lesson *l = ps->lesson;
	if (d == D_ORDER) {
		l->order = parse_order(arg);
		if (!l->order)
			return fail(ps, _("@order must be a number from 1 to "
			                  "9999, not '%s'"), arg);
		return 0;
	}
	if (d == D_LESSON && !(is_name(arg, LESSON_ID_MAX) &&
	                       arg[0] >= 'a' && arg[0] <= 'z'))
		return fail(ps, _("lesson id '%s' must be 1 to %d characters "
		                  "of a-z, 0-9 and '-', starting with a "
		                  "letter"), arg, LESSON_ID_MAX);
	char **field = d == D_LESSON ? &l->id :
	               d == D_TITLE ? &l->title : &l->summary;
	*field = copy_string(arg);
	return *field ? 0 : out_of_memory(ps);
}

/* @lesson, @title, @order or @summary. */
static int header_directive(struct parser *ps, enum directive d,
                            const char *arg)
{
	const char *name = directive_names[d];
	if (ps->lesson->nsteps)
		/* TRANSLATORS: %s is lesson, title, order or summary (a
		   directive of the lesson's header). */
		return fail(ps, _("@%s belongs in the header, before the "
		                  "first @step"), name);
	if (ps->header_line[d])
		/* TRANSLATORS: %s is a directive of the header, as written. */
		return fail(ps, _("duplicate @%s (first at line %d)"), name,
		            ps->header_line[d]);
	ps->header_line[d] = ps->line;
	if (!*arg)
		return fail(ps, _("@%s needs a value"), name);
	return header_value(ps, d, arg);
}

/* Every header directive is there; errors go to line (the header's last). */
static int check_header(struct parser *ps, int line)
{
	for (int d = D_LESSON; d <= D_SUMMARY; d++)
		if (!ps->header_line[d])
			/* TRANSLATORS: %s is lesson, title, order or
			   summary. */
			return fail_at(ps, line, _("missing @%s"),
			               directive_names[d]);
	return 0;
}

/* ---- body directives -------------------------------------------------- */

/* @step TITLE: close the step before (or the header), open a new one. */
static int step_directive(struct parser *ps, const char *title)
{
	struct lesson *l = ps->lesson;
	if (finish_step(ps) != 0)
		return -1;
	if (!l->nsteps && check_header(ps, ps->line - 1) != 0)
		return -1;
	if (!*title)
		return fail(ps, _("@step needs a title"));
	struct lesson_step *steps =
	    grow(l->steps, &ps->steps_cap, l->nsteps, sizeof *steps);
	if (!steps)
		return out_of_memory(ps);
	l->steps = steps;
	ps->step = &steps[l->nsteps++];
	*ps->step = (struct lesson_step){ .line = ps->line };
	ps->code_cap = ps->args_cap = 0;
	ps->step->title = copy_string(title);
	return ps->step->title ? 0 : out_of_memory(ps);
}

/* @code LANG: start reading a literal block. */
static int code_directive(struct parser *ps, const char *lang)
{
	if (!*lang)
		return fail(ps, _("@code needs a language (c, python, shell "
		                  "or text)"));
	for (size_t i = 0; i < sizeof code_languages / sizeof *code_languages;
	     i++) {
		if (strcmp(lang, code_languages[i]) == 0) {
			ps->in_block = 1;
			ps->block_line = ps->line;
			ps->block_lang = code_languages[i];
			return 0;
		}
	}
	return fail(ps, _("unknown @code language '%s' (c, python, shell or "
	                  "text)"), lang);
}

/* @source NAME: the listing is a snippet of the demos' real source. */
static int source_directive(struct parser *ps, const char *name)
{
	if (!*name)
		return fail(ps, _("@source needs a snippet name"));
	const struct lesson_hooks *h = ps->hooks;
	const char *snippet = h && h->snippet ? h->snippet(name, h->arg) : NULL;
	if (!snippet)
		return fail(ps, _("unknown source snippet '%s'"), name);
	struct text t = { 0 };
	size_t n = strlen(snippet);
	if (text_add(&t, snippet, n) != 0 ||
	    (n > 0 && snippet[n - 1] != '\n' && text_add(&t, "\n", 1) != 0)) {
		free(t.data);
		return out_of_memory(ps);
	}
	if (!t.data && !(t.data = copy_string("")))
		return out_of_memory(ps);
	return add_code(ps, "c", name, t.data, ps->line);
}

/* 1 if word is NAME=VALUE, NAME of a-z, 0-9, '_' and '-', VALUE not empty. */
static int is_run_arg(const char *word, size_t len)
{
	size_t name = strspn(word, "abcdefghijklmnopqrstuvwxyz0123456789_-");
	return name > 0 && name + 1 < len && word[name] == '=';
}

/* Add one NAME=VALUE (len bytes at word) to the step's @run arguments. */
static int add_run_arg(struct parser *ps, const char *word, size_t len)
{
	struct lesson_step *st = ps->step;
	char **args = grow(st->run_args, &ps->args_cap, st->nrun_args,
	                   sizeof *args);
	if (!args)
		return out_of_memory(ps);
	st->run_args = args;
	char *arg = malloc(len + 1);
	if (!arg)
		return out_of_memory(ps);
	memcpy(arg, word, len);
	arg[len] = '\0';
	args[st->nrun_args++] = arg;
	return 0;
}

/* Let the program check the demo and its arguments, if it wants to. */
static int check_run(struct parser *ps)
{
	const struct lesson_hooks *h = ps->hooks;
	struct lesson_step *st = ps->step;
	if (!h || !h->check_run)
		return 0;
	char *cause = NULL;
	int rc = h->check_run(st->demo, st->run_args, st->nrun_args, &cause,
	                      h->arg);
	if (rc != 0)
		fail(ps, "%s", cause ? cause : _("invalid @run of this demo"));
	free(cause);
	return rc != 0 ? -1 : 0;
}

/* @run DEMO [NAME=VALUE...]: the step's demo and its parameters. */
static int run_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	if (st->demo)
		return fail(ps, _("a step has at most one @run (first at line "
		                  "%d)"), st->run_line);
	if (!*arg)
		return fail(ps, _("@run needs a demo name"));
	size_t len = strcspn(arg, " \t");
	if (len != strspn(arg, "abcdefghijklmnopqrstuvwxyz0123456789-"))
		return fail(ps, _("'%.*s' is not a demo name (a-z, 0-9 and "
		                  "'-')"), (int)len, arg);
	if (!(st->demo = malloc(len + 1)))
		return out_of_memory(ps);
	memcpy(st->demo, arg, len);
	st->demo[len] = '\0';
	st->run_line = ps->line;
	for (arg += len; *(arg += strspn(arg, " \t")); arg += len) {
		len = strcspn(arg, " \t");
		if (!is_run_arg(arg, len))
			return fail(ps, _("expected NAME=VALUE after the demo "
			                  "name, not '%.*s'"), (int)len, arg);
		if (add_run_arg(ps, arg, len) != 0)
			return -1;
	}
	return check_run(ps);
}

static const char *const predict_kinds[] = {
	[PREDICT_CHOICE] = "choice", [PREDICT_NUMBER] = "number",
	[PREDICT_ORDER] = "order", [PREDICT_YESNO] = "yesno",
};

/* @predict KIND QUESTION: asked before the demo runs. */
static int predict_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	size_t len = strcspn(arg, " \t");
	int kind = -1;
	for (size_t k = 0; k < sizeof predict_kinds / sizeof *predict_kinds;
	     k++)
		if (strlen(predict_kinds[k]) == len &&
		    memcmp(arg, predict_kinds[k], len) == 0)
			kind = (int)k;
	if (st->predict)
		return fail(ps, _("a step has at most one @predict (first at "
		                  "line %d)"), st->predict_line);
	if (kind < 0)
		return fail(ps, _("@predict takes the kind of answer (choice, "
		                  "number, order or yesno), then the "
		                  "question; not '%.*s'"), (int)len, arg);
	const char *question = arg + len + strspn(arg + len, " \t");
	if (!*question)
		/* TRANSLATORS: %s is choice, number, order or yesno. */
		return fail(ps, _("@predict %s needs a question"),
		            predict_kinds[kind]);
	st->kind = (enum predict_kind)kind;
	st->predict_line = ps->line;
	st->predict = copy_string(question);
	return st->predict ? 0 : out_of_memory(ps);
}

/* @answer HOW PATTERN: where the demo's output answers the question. */
static int answer_directive(struct parser *ps, const char *arg)
{
	static const char *const hows[] = {
		"first", "last", "count", "all", "any", "none",
	};
	struct lesson_step *st = ps->step;
	if (st->answer_how)
		return fail(ps, _("a step has at most one @answer (first at "
		                  "line %d)"), ps->answer_line);
	size_t len = strcspn(arg, " \t");
	const char *how = NULL;
	for (size_t i = 0; i < sizeof hows / sizeof *hows; i++)
		if (strlen(hows[i]) == len && memcmp(arg, hows[i], len) == 0)
			how = hows[i];
	if (!how)
		return fail(ps, _("@answer takes first, last, count, all, any "
		                  "or none, then a pattern; not '%.*s'"),
		            (int)len, arg);
	const char *pattern = arg + len + strspn(arg + len, " \t");
	if (!*pattern)
		/* TRANSLATORS: %s is first, last, count, all, any or none. */
		return fail(ps, _("@answer %s needs a pattern"), how);
	if (strlen(pattern) > LESSON_MAX_PATTERN)
		return fail(ps, _("@answer pattern is longer than %d "
		                  "characters"), LESSON_MAX_PATTERN);
	/* Counted repeats can make a pattern cost more than the lesson is
	   worth, and so can many a +: the C library copies what x+ repeats
	   (x+ is xx*), and stacked or nested ones double that each time. The
	   answers never need more than a few. */
	int pluses = 0;
	for (const char *c = pattern; *c; c++) {
		if (*c == '+' && ++pluses > LESSON_MAX_PLUSES)
			return fail(ps, _("@answer patterns may use + at "
			                  "most %d times"), LESSON_MAX_PLUSES);
		if (*c == '\\' && c[1] >= '1' && c[1] <= '9')
			return fail(ps, _("@answer patterns may not use back-"
			                  "references such as \\%c"), c[1]);
		if (*c == '\\' && c[1]) {
			c++;
			continue;
		}
		if (*c == '{')
			return fail(ps, _("@answer patterns may not use {m,n} "
			                  "repeats (write \\{ for a brace)"));
	}
	regex_t re;
	int err = regcomp(&re, pattern, REG_EXTENDED);
	if (err != 0) {
		char why[128];
		regerror(err, &re, why, sizeof why);
		regfree(&re);
		return fail(ps, _("@answer pattern is not a valid extended "
		                  "regular expression: %s"), why);
	}
	regfree(&re);
	ps->answer_line = ps->line;
	st->answer_how = copy_string(how);
	st->answer_pattern = copy_string(pattern);
	return st->answer_how && st->answer_pattern ? 0 : out_of_memory(ps);
}

/* The NAME=VALUE words at the start of arg, into when; returns where
   the rest begins, or NULL on failure. */
static const char *read_when(struct parser *ps, struct lesson_when *when,
                             const char *arg)
{
	size_t cap = 0;
	when->line = ps->line;
	for (;;) {
		arg += strspn(arg, " \t");
		size_t len = strcspn(arg, " \t");
		if (!len || !is_run_arg(arg, len))
			return arg;
		char **args = grow(when->args, &cap, when->nargs,
		                   sizeof *args);
		char *one = args ? malloc(len + 1) : NULL;
		if (args)
			when->args = args;
		if (!one) {
			out_of_memory(ps);
			return NULL;
		}
		memcpy(one, arg, len);
		one[len] = '\0';
		when->args[when->nargs++] = one;
		arg += len;
	}
}

/* @option VALUES TEXT: one option of a choice question. */
static int option_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	if (!st->predict || st->kind != PREDICT_CHOICE)
		return fail(ps, _("@option belongs after a @predict choice "
		                  "question in the same step"));
	if (st->noptions == LESSON_MAX_OPTIONS)
		return fail(ps, _("a question has at most %d options"),
		            LESSON_MAX_OPTIONS);
	size_t len = strcspn(arg, " \t");
	static const char value_chars[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.|-";
	/* Letters of other scripts too (父进程), as UTF-8: the line is
	   valid UTF-8 already. */
	int bad_char = 0;
	for (size_t i = 0; i < len; i++)
		if (!strchr(value_chars, arg[i]) &&
		    (unsigned char)arg[i] < 0x80)
			bad_char = 1;
	if (!len || bad_char || arg[0] == '|' ||
	    arg[len - 1] == '|' || memmem(arg, len, "||", 2))
		return fail(ps, _("@option takes its values (letters, "
		                  "digits, '_' for a space, '|' between "
		                  "them), then its text; not '%.*s'"),
		            (int)len, arg);
	const char *text = arg + len + strspn(arg + len, " \t");
	if (!*text)
		return fail(ps, _("@option %.*s needs the text shown for it"),
		            (int)len, arg);
	struct lesson_option *options = grow(st->options, &ps->options_cap,
	                                     st->noptions, sizeof *options);
	if (!options)
		return out_of_memory(ps);
	st->options = options;
	struct lesson_option *o = &options[st->noptions];
	o->values = malloc(len + 1);
	o->text = copy_string(text);
	if (o->values) {
		memcpy(o->values, arg, len);
		o->values[len] = '\0';
	}
	st->noptions++;
	if (!ps->option_line)
		ps->option_line = ps->line;
	return o->values && o->text ? 0 : out_of_memory(ps);
}

/* @within N or N%: how far a number answer may be from the truth. */
static int within_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	if (!st->predict || st->kind != PREDICT_NUMBER)
		return fail(ps, _("@within belongs after a @predict number "
		                  "question in the same step"));
	if (ps->within_line)
		return fail(ps, _("a step has at most one @within (first at "
		                  "line %d)"), ps->within_line);
	char *end;
	double v = strtod(arg, &end);
	int percent = *end == '%';
	if (end == arg || !isfinite(v) || v < 0 || end[percent] != '\0' ||
	    (percent && v > 100) || arg[0] == '+' || !strchr("0123456789",
	                                                      arg[0]))
		return fail(ps, _("@within takes a tolerance such as 2 or "
		                  "10%%, not '%s'"), arg);
	st->within = v;
	st->within_percent = percent;
	ps->within_line = ps->line;
	return 0;
}

/* @explain [NAME=VALUE...] TEXT: said with the verdict, of every run, or
   of the runs with those parameters. */
static int explain_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	struct lesson_explain *explains = grow(st->explains, &ps->explains_cap,
	                                       st->nexplains,
	                                       sizeof *explains);
	if (!explains)
		return out_of_memory(ps);
	st->explains = explains;
	struct lesson_explain *e = &explains[st->nexplains++];
	memset(e, 0, sizeof *e);
	const char *text = read_when(ps, &e->when, arg);
	if (!text)
		return -1;
	if (!*text)
		return fail(ps, _("@explain needs a sentence"));
	for (size_t i = 0; i + 1 < st->nexplains; i++) {
		const struct lesson_when *w = &st->explains[i].when;
		if (!w->nargs && !e->when.nargs)
			return fail(ps, _("a step has at most one @explain "
			                  "for every run (first at line %d); "
			                  "give the others NAME=VALUE "
			                  "conditions"), w->line);
	}
	if (st->nexplains > LESSON_MAX_EXPLAINS)
		return fail(ps, _("a step has at most %d @explain lines"),
		            LESSON_MAX_EXPLAINS);
	if (!ps->explain_line)
		ps->explain_line = ps->line;
	e->text = copy_string(text);
	return e->text ? 0 : out_of_memory(ps);
}

/* @ask-if NAME=VALUE...: the question is asked only for such runs. */
static int ask_if_directive(struct parser *ps, const char *arg)
{
	struct lesson_step *st = ps->step;
	if (st->ask_if.line)
		return fail(ps, _("a step has at most one @ask-if (first at "
		                  "line %d)"), st->ask_if.line);
	const char *rest = read_when(ps, &st->ask_if, arg);
	if (!rest)
		return -1;
	if (*rest || !st->ask_if.nargs)
		return fail(ps, _("@ask-if takes NAME=VALUE conditions, not "
		                  "'%s'"), *rest ? rest : arg);
	return 0;
}

/* Let the program check NAME=VALUE conditions against the step's demo. */
static int check_when(struct parser *ps, const struct lesson_when *when,
                      const char *name)
{
	const struct lesson_hooks *h = ps->hooks;
	if (!when->nargs || !h || !h->check_run)
		return 0;
	char *cause = NULL;
	int rc = h->check_run(ps->step->demo, when->args, when->nargs, &cause,
	                      h->arg);
	if (rc != 0)
		fail_at(ps, when->line, "@%s: %s", name,
		        cause ? cause : _("not a parameter of this demo"));
	free(cause);
	return rc != 0 ? -1 : 0;
}

/* The @answer of a question does not fit its kind: say which do. */
static int wrong_answer_how(struct parser *ps, const char *how)
{
	int line = ps->answer_line;
	/* TRANSLATORS: in these four, %s is the @answer word written in
	   the lesson; the words after @answer are keywords, as is "or"
	   between them only in English. */
	switch (ps->step->kind) {
	case PREDICT_CHOICE:
		return fail_at(ps, line, _("@predict choice is answered with "
		                           "@answer first or last, not %s"),
		               how);
	case PREDICT_NUMBER:
		return fail_at(ps, line, _("@predict number is answered with "
		                           "@answer first, last or count, not "
		                           "%s"), how);
	case PREDICT_ORDER:
		return fail_at(ps, line, _("@predict order is answered with "
		                           "@answer all, not %s"), how);
	case PREDICT_YESNO:
	default:
		return fail_at(ps, line, _("@predict yesno is answered with "
		                           "@answer any or none, not %s"), how);
	}
}

/* A question must be one that can be judged: what the run shows must be
   readable, and of the kind the learner answers. */
static int check_question(struct parser *ps)
{
	struct lesson_step *st = ps->step;
	const char *kind = predict_kinds[st->kind];
	const char *how = st->answer_how;
	if (!how)
		/* TRANSLATORS: %s is choice, number, order or yesno. */
		return fail_at(ps, st->predict_line,
		               _("@predict %s needs an @answer line: how the "
		                 "demo's output answers it, or it cannot be "
		                 "judged"), kind);
	static const char *const fits[] = {
		[PREDICT_CHOICE] = "first or last",
		[PREDICT_NUMBER] = "first, last or count",
		[PREDICT_ORDER] = "all",
		[PREDICT_YESNO] = "any or none",
	};
	/* Is how one of the words the list names? */
	const char *list = fits[st->kind];
	size_t n = strlen(how);
	int fit = 0;
	for (const char *c = list; (c = strstr(c, how)); c += n)
		fit |= (c == list || c[-1] == ' ') &&
		       (c[n] == '\0' || c[n] == ' ' || c[n] == ',');
	if (!fit)
		return wrong_answer_how(ps, how);
	if (st->kind == PREDICT_CHOICE && st->noptions < 2)
		return fail_at(ps, st->predict_line,
		               _("@predict choice needs at least two @option "
		                 "lines"));
	if (check_when(ps, &st->ask_if, "ask-if") != 0)
		return -1;
	for (size_t i = 0; i < st->nexplains; i++)
		if (check_when(ps, &st->explains[i].when, "explain") != 0)
			return -1;
	return 0;
}

/* ---- dispatching ------------------------------------------------------ */

/* Edit distance (Levenshtein) of a (la bytes) and the short word b. */
static size_t name_distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), row[16];
	if (lb >= sizeof row / sizeof *row)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t above = row[j];
			size_t best = diagonal + (a[i - 1] != b[j - 1]);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

/* An unknown @name, with the nearest known directive when one is close. */
static int unknown_directive(struct parser *ps, const char *name, size_t len)
{
	const char *near = NULL;
	size_t best = 3;
	for (int d = 0; d < D_COUNT && len < 16; d++) {
		size_t dist = name_distance(name, len, directive_names[d]);
		if (dist < best) {
			best = dist;
			near = directive_names[d];
		}
	}
	if (near)
		return fail(ps, _("unknown directive '@%.*s' (did you mean "
		                  "'@%s'?)"), (int)len, name, near);
	return fail(ps, _("unknown directive '@%.*s'"), (int)len, name);
}

static int find_directive(const char *name, size_t len)
{
	for (int d = 0; d < D_COUNT; d++)
		if (strlen(directive_names[d]) == len &&
		    memcmp(name, directive_names[d], len) == 0)
			return d;
	return -1;
}

/* What each directive of a step's body does; the header directives and
   @step, @end are handled by where they may stand. */
static int (*const body_directives[D_COUNT])(struct parser *ps,
                                             const char *arg) = {
	[D_CODE] = code_directive,
	[D_SOURCE] = source_directive,
	[D_RUN] = run_directive,
	[D_PREDICT] = predict_directive,
	[D_ANSWER] = answer_directive,
	[D_OPTION] = option_directive,
	[D_WITHIN] = within_directive,
	[D_EXPLAIN] = explain_directive,
	[D_ASK_IF] = ask_if_directive,
};

/* A directive line, "@name args" (trailing blanks already trimmed). */
static int directive(struct parser *ps, const char *line)
{
	const char *name = line + 1;
	size_t len = strcspn(name, " \t");
	const char *arg = name + len + strspn(name + len, " \t");
	if (len == 0)
		return fail(ps, _("'@' must be followed by a directive name "
		                  "('@@' stands for a literal '@')"));
	int d = find_directive(name, len);
	if (d < 0)
		return unknown_directive(ps, name, len);
	if (d <= D_SUMMARY)
		return header_directive(ps, (enum directive)d, arg);
	if (d == D_STEP)
		return step_directive(ps, arg);
	if (d == D_END)
		return fail(ps, _("@end without @code"));
	if (!ps->step)
		/* TRANSLATORS: %s is a directive of a step, as written. */
		return fail(ps, _("@%s must come after a @step"),
		            directive_names[d]);
	narrative_break(ps);
	return body_directives[d](ps, arg);
}

/* 1 if the n bytes at s are only spaces and tabs. */
static int is_blank(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 0;
}

/* A line inside a code block: kept as it is, or the closing @end. */
static int block_line(struct parser *ps, const char *s, size_t n)
{
	if (n >= 4 && memcmp(s, "@end", 4) == 0 && is_blank(s + 4, n - 4)) {
		char *text = ps->block.data;
		int empty = 1;
		for (size_t i = 0; i < ps->block.len && empty; i++)
			empty = strchr(" \t\n", text[i]) != NULL;
		ps->in_block = 0;
		ps->block = (struct text){ 0 };
		if (empty) {
			free(text);
			return fail_at(ps, ps->block_line,
			               _("@code block is empty"));
		}
		return add_code(ps, ps->block_lang, NULL, text, ps->block_line);
	}
	if (text_add(&ps->block, s, n) != 0 ||
	    text_add(&ps->block, "\n", 1) != 0)
		return out_of_memory(ps);
	return 0;
}

/* A line outside code blocks: a directive, a blank line or narrative. */
static int outside_line(struct parser *ps, char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	if (s[0] == '@' && s[1] != '@')
		return directive(ps, s);
	if (n == 0) {
		narrative_break(ps);
		return 0;
	}
	if (!ps->step)
		return fail(ps, _("text before the first @step"));
	if (s[0] == '@')        /* "@@..." stands for "@..." */
		return narrative_line(ps, s + 1, n - 1);
	return narrative_line(ps, s, n);
}

/* Check and parse one line of n bytes (without '\n' or a final CR). */
static int parse_line(struct parser *ps, const char *s, size_t n)
{
	if (check_line(ps, (const unsigned char *)s, n) != 0)
		return -1;
	memcpy(ps->buf, s, n);
	ps->buf[n] = '\0';
	if (ps->in_block)
		return block_line(ps, ps->buf, n);
	return outside_line(ps, ps->buf, n);
}

/* The checks at the end of the file. */
static int finish(struct parser *ps)
{
	if (ps->in_block)
		return fail_at(ps, ps->block_line,
		               _("@code block is never closed (missing "
		                 "@end)"));
	if (!ps->lesson->nsteps) {
		if (check_header(ps, ps->line) != 0)
			return -1;
		return fail(ps, _("lesson has no @step"));
	}
	return finish_step(ps);
}

/* Read every line of buf, then run the end-of-file checks. */
static int parse_lines(struct parser *ps, const char *buf, size_t len)
{
	size_t pos = 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		size_t n = end - pos;
		if (n > 0 && buf[end - 1] == '\r')
			n--;
		ps->line++;
		if (parse_line(ps, buf + pos, n) != 0)
			return -1;
		pos = end + 1;
	}
	return finish(ps);
}

int lesson_parse(const char *path, const char *buf, size_t len,
                 const struct lesson_hooks *hooks, struct lesson **out,
                 int *line, char **cause)
{
	struct parser *ps = calloc(1, sizeof *ps);
	if (!ps) {
		*line = 1;
		*cause = copy_string(_("out of memory"));
		return -1;
	}
	ps->hooks = hooks;
	if (len > LESSON_MAX_SIZE)
		fail_at(ps, 1, _("file is larger than 1 MiB"));
	else if (!(ps->lesson = calloc(1, sizeof *ps->lesson)) ||
	         !(ps->lesson->path = copy_string(path ? path : "")))
		out_of_memory(ps);
	else
		parse_lines(ps, buf, len);
	free(ps->narrative.data);
	free(ps->block.data);
	int rc = 0;
	if (ps->failed) {
		lesson_free(ps->lesson);
		*line = ps->error_line;
		*cause = ps->cause ? ps->cause :
		         copy_string(_("out of memory"));
		rc = -1;
	} else {
		*out = ps->lesson;
	}
	free(ps);
	return rc;
}

static void free_when(struct lesson_when *when)
{
	for (size_t i = 0; i < when->nargs; i++)
		free(when->args[i]);
	free(when->args);
}

static void free_step(struct lesson_step *st)
{
	free(st->title);
	free(st->text);
	for (size_t i = 0; i < st->ncode; i++) {
		free(st->code[i].lang);
		free(st->code[i].snippet);
		free(st->code[i].text);
	}
	free(st->code);
	free(st->demo);
	for (size_t i = 0; i < st->nrun_args; i++)
		free(st->run_args[i]);
	free(st->run_args);
	free(st->predict);
	free(st->answer_how);
	free(st->answer_pattern);
	for (size_t i = 0; i < st->noptions; i++) {
		free(st->options[i].values);
		free(st->options[i].text);
	}
	free(st->options);
	for (size_t i = 0; i < st->nexplains; i++) {
		free_when(&st->explains[i].when);
		free(st->explains[i].text);
	}
	free(st->explains);
	free_when(&st->ask_if);
}

void lesson_free(struct lesson *lesson)
{
	if (!lesson)
		return;
	for (size_t i = 0; i < lesson->nsteps; i++)
		free_step(&lesson->steps[i]);
	free(lesson->steps);
	free(lesson->path);
	free(lesson->id);
	free(lesson->title);
	free(lesson->summary);
	free(lesson);
}

static int has_python(const struct lesson_step *st)
{
	for (size_t i = 0; i < st->ncode; i++)
		if (st->code[i].text && !strcmp(st->code[i].lang, "python"))
			return 1;
	return 0;
}

const struct lesson_step *lesson_python_step(const struct lesson *l,
                                             size_t step)
{
	if (step >= l->nsteps)
		return NULL;
	const struct lesson_step *me = &l->steps[step];
	if (has_python(me))
		return me;
	for (size_t k = step; me->demo && k-- > 0;) {
		const struct lesson_step *st = &l->steps[k];
		if (st->demo && !strcmp(st->demo, me->demo) && has_python(st))
			return st;
	}
	return NULL;
}

/* ---- translations ------------------------------------------------------ */

static int differ(int *line, char **cause, int at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int differ(int *line, char **cause, int at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = NULL;
	if (vasprintf(&m, fmt, ap) < 0)
		m = NULL;
	va_end(ap);
	*line = at > 0 ? at : 1;
	*cause = m ? m : copy_string(_("out of memory"));
	return -1;
}

static int same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_when(const struct lesson_when *a, const struct lesson_when *b)
{
	if (a->nargs != b->nargs)
		return 0;
	for (size_t i = 0; i < a->nargs; i++)
		if (strcmp(a->args[i], b->args[i]) != 0)
			return 0;
	return 1;
}

/* Does s (len bytes) open or close a docstring here: three quotes? */
static int triple_quote(const char *s, size_t len)
{
	return len >= 3 && (!strncmp(s, "\"\"\"", 3) || !strncmp(s, "'''", 3));
}

/* A Python listing without its comments: each line's text before a '#'
   that is not inside a string, trailing blanks dropped, and docstring
   lines left out (from a line that opens with three quotes to the line
   that closes them). Good enough for the lessons' own listings. */
static char *python_code_only(const char *text)
{
	char *out = malloc(strlen(text) + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	int in_doc = 0;
	while (*text) {
		size_t len = strcspn(text, "\n");
		const char *s = text;
		size_t lead = strspn(s, " \t");
		if (in_doc || triple_quote(s + lead, len - lead)) {
			const char *from = in_doc ? s : s + lead + 3;
			int closed = 0;
			for (const char *c = from; c < s + len && !closed; c++)
				closed = triple_quote(c, (size_t)(s + len - c));
			in_doc = !closed;
		} else {
			char quote = 0;
			size_t end = len;
			for (size_t i = 0; i < len; i++) {
				if (quote) {
					if (s[i] == '\\')
						i++;
					else if (s[i] == quote)
						quote = 0;
				} else if (s[i] == '"' || s[i] == '\'') {
					quote = s[i];
				} else if (s[i] == '#') {
					end = i;
					break;
				}
			}
			while (end && (s[end - 1] == ' ' || s[end - 1] == '\t'))
				end--;
			if (end) {
				memcpy(out + o, s, end);
				o += end;
				out[o++] = '\n';
			}
		}
		text += len + (text[len] == '\n');
	}
	out[o] = '\0';
	return out;
}

static int same_code(const struct lesson_code *a, const struct lesson_code *b)
{
	if (strcmp(a->lang, b->lang) || !same_string(a->snippet, b->snippet))
		return 0;
	if (a->snippet)
		return 1;
	if (strcmp(a->lang, "python") != 0)
		return same_string(a->text, b->text);
	char *x = python_code_only(a->text), *y = python_code_only(b->text);
	int same = x && y && !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* Are all of the '|'-separated values a in b (which may add more)? */
static int option_values_kept(const char *a, const char *b)
{
	while (*a) {
		size_t n = strcspn(a, "|");
		int found = 0;
		for (const char *c = b; *c && !found; ) {
			size_t m = strcspn(c, "|");
			found = m == n && !strncmp(a, c, n);
			c += m + (c[m] == '|');
		}
		if (!found)
			return 0;
		a += n + (a[n] == '|');
	}
	return 1;
}

static int same_step(const struct lesson_step *a, const struct lesson_step *b,
                     size_t k, int *line, char **cause)
{
	int at = b->run_line ? b->run_line : b->line;
	if (!same_string(a->demo, b->demo) || a->nrun_args != b->nrun_args) {
		/* (A step without a demo has no parameters either.) */
		if (!a->demo)
			return differ(line, cause, at,
			              _("step %zu runs no demo in the "
			                "original: @run must be the same"),
			              k + 1);
		/* TRANSLATORS: %s is the name of a demo. */
		if (a->nrun_args)
			return differ(line, cause, at,
			              _("step %zu runs %s with parameters in "
			                "the original: @run must be the same"),
			              k + 1, a->demo);
		/* TRANSLATORS: %s is the name of a demo. */
		return differ(line, cause, at,
		              _("step %zu runs %s in the original: @run must "
		                "be the same"), k + 1, a->demo);
	}
	for (size_t i = 0; i < a->nrun_args; i++)
		if (strcmp(a->run_args[i], b->run_args[i]) != 0)
			/* TRANSLATORS: a parameter as the translation writes
			   it (NAME=VALUE), then as the original does. */
			return differ(line, cause, b->run_line,
			              _("step %zu: @run parameter '%s' is '%s' "
			                "in the original"),
			              k + 1, b->run_args[i], a->run_args[i]);
	if (!a->predict != !b->predict || (a->predict && a->kind != b->kind))
		return differ(line, cause, b->predict_line ? b->predict_line :
		              b->line, a->predict ?
		              _("step %zu: the original asks a question of "
		                "another kind") :
		              _("step %zu: the original asks no question"),
		              k + 1);
	if (!same_string(a->answer_how, b->answer_how) ||
	    !same_string(a->answer_pattern, b->answer_pattern))
		return differ(line, cause, b->predict_line,
		              _("step %zu: @answer must be the original's"),
		              k + 1);
	if (a->noptions != b->noptions)
		return differ(line, cause, b->predict_line,
		              _("step %zu: %zu options, the original has %zu"),
		              k + 1, b->noptions, a->noptions);
	for (size_t i = 0; i < a->noptions; i++)
		if (!option_values_kept(a->options[i].values,
		                        b->options[i].values))
			/* TRANSLATORS: %c is the option's letter (a, b...); %s
			   its values as the original writes them (a|b). */
			return differ(line, cause, b->predict_line,
			              _("step %zu: option %c must keep the "
			                "values '%s'"), k + 1, (char)('a' + i),
			              a->options[i].values);
	if (a->within != b->within || a->within_percent != b->within_percent)
		return differ(line, cause, b->predict_line,
		              _("step %zu: @within must be the original's"),
		              k + 1);
	if (a->nexplains != b->nexplains)
		return differ(line, cause, b->line,
		              _("step %zu: %zu @explain, the original has %zu"),
		              k + 1, b->nexplains, a->nexplains);
	for (size_t i = 0; i < a->nexplains; i++)
		if (!same_when(&a->explains[i].when, &b->explains[i].when))
			/* TRANSLATORS: the step's number, then the @explain
			   line's number within the step (1, 2...). */
			return differ(line, cause, b->explains[i].when.line,
			              _("step %zu: @explain %zu's "
			                "conditions must be the original's"),
			              k + 1, i + 1);
	if (!same_when(&a->ask_if, &b->ask_if))
		return differ(line, cause, b->ask_if.line ? b->ask_if.line :
		              b->line,
		              _("step %zu: @ask-if must be the original's"),
		              k + 1);
	if (a->ncode != b->ncode)
		return differ(line, cause, b->line,
		              _("step %zu: %zu listings, the original has %zu"),
		              k + 1, b->ncode, a->ncode);
	for (size_t i = 0; i < a->ncode; i++)
		if (!same_code(&a->code[i], &b->code[i]))
			/* TRANSLATORS: the last %s is the listing's language:
			   c, python, shell or text. */
			return differ(line, cause, b->code[i].line,
			              _("step %zu: this @code %s listing "
			                "differs from the original's beyond "
			                "its comments"),
			              k + 1, b->code[i].lang);
	return 0;
}

int lesson_same_shape(const struct lesson *original,
                      const struct lesson *translation, int *line,
                      char **cause)
{
	const struct lesson *a = original, *b = translation;
	if (strcmp(a->id, b->id) != 0)
		return differ(line, cause, 1, _("the original's id is '%s'"),
		              a->id);
	if (a->order != b->order)
		return differ(line, cause, 1, _("@order is %d in the original"),
		              a->order);
	if (a->nsteps != b->nsteps)
		return differ(line, cause, b->nsteps ?
		              b->steps[b->nsteps - 1].line : 1,
		              _("%zu steps; the original has %zu"), b->nsteps,
		              a->nsteps);
	for (size_t k = 0; k < a->nsteps; k++)
		if (same_step(&a->steps[k], &b->steps[k], k, line, cause) != 0)
			return -1;
	return 0;
}
