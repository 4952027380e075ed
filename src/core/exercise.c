/* exercise.c - read and check an exercise's header and its files.
 *
 *   @exercise fork-wait
 *   @lesson fork
 *   @step 3
 *   @language c
 *   @title Wait for every child
 *   @task
 *   ...paragraphs...
 *   @end
 *   @fact zombies 0.5
 *   @fact output 3 3 "^child [0-9]+ done$" each child reports
 *   @hint
 *   ...
 *   @end
 */
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exercise.h"
#include "files.h"
#include "i18n.h"
#include "util.h"

#define EXERCISE_MAX_SIZE (64 * 1024)
#define EXERCISE_MAX_LINE 1024
#define EXERCISE_MAX_FACTS 16
#define EXERCISE_MAX_NAMES 16

static const char *const fact_kinds[FACT_COUNT] = {
	[FACT_EXIT] = "exit", [FACT_TIME] = "time",
	[FACT_ZOMBIES] = "zombies", [FACT_PROCESSES] = "processes",
	[FACT_AT_ONCE] = "at-once", [FACT_THREADS] = "threads",
	[FACT_THREADS_AT_ONCE] = "threads-at-once", [FACT_NAMES] = "names",
	[FACT_OUTPUT] = "output", [FACT_DISTINCT] = "distinct",
};

const char *exercise_ext(const struct exercise *e)
{
	return e->language == EXERCISE_PYTHON ? "py" : "c";
}

struct parser {
	struct exercise *e;
	int line;
	char *cause;
	/* The block being read: @task or @hint, or none. */
	enum { IN_NONE, IN_TASK, IN_HINT } block;
	int block_line;
	struct strbuf text;
	int seen_language;
};

static int fail(struct parser *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = NULL;
	if (vasprintf(&m, fmt, ap) < 0)
		m = NULL;
	va_end(ap);
	free(ps->cause);
	ps->cause = m ? m : xstrdup(_("out of memory"));
	return -1;
}

/* [a-z][a-z0-9-]*, 1..max characters. */
static int is_name(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max || s[0] < 'a' || s[0] > 'z')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* The words of arg (split at spaces and tabs), in a malloc'ed array. */
static size_t split_words(const char *arg, char ***out)
{
	char **w = NULL;
	size_t n = 0;
	while (*arg) {
		arg += strspn(arg, " \t");
		size_t len = strcspn(arg, " \t");
		if (!len)
			break;
		w = xrealloc(w, (n + 1) * sizeof *w);
		w[n] = xmalloc(len + 1);
		memcpy(w[n], arg, len);
		w[n][len] = '\0';
		n++;
		arg += len;
	}
	*out = w;
	return n;
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* The text of a block, blank lines at its ends dropped. */
static char *block_text(struct strbuf *t)
{
	const char *s = t->buf ? t->buf : "";
	while (*s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	char *r = xmalloc(n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	strbuf_free(t);
	return r;
}

static int end_block(struct parser *ps)
{
	char *text = block_text(&ps->text);
	if (!*text) {
		free(text);
		ps->line = ps->block_line;
		/* TRANSLATORS: %s is task or hint (a directive). */
		return fail(ps, _("@%s needs some text before its @end"),
		            ps->block == IN_TASK ? "task" : "hint");
	}
	struct exercise *e = ps->e;
	if (ps->block == IN_TASK) {
		e->task = text;
	} else {
		e->hints = xrealloc(e->hints, (e->nhints + 1) * sizeof *e->hints);
		e->hints[e->nhints++] = text;
	}
	ps->block = IN_NONE;
	return 0;
}

/* A decimal count 0..100000: what is MIN or MAX, or NULL for the
   status of @fact exit. */
static int count_arg(struct parser *ps, const char *word, const char *what,
                     long *out)
{
	if (parse_long(word, out) == 0 && *out >= 0 && *out <= 100000)
		return 0;
	if (!what)
		return fail(ps, _("the status must be a whole number from 0 to "
		                  "100000, not '%s'"), word);
	/* TRANSLATORS: %s is MIN or MAX (the words of a @fact line, as
	   written); the last %s is what the line gives instead. */
	return fail(ps, _("%s must be a whole number from 0 to 100000, "
	                  "not '%s'"), what, word);
}

/* Seconds: a decimal number above 0 and at most 600. */
static int seconds_arg(struct parser *ps, const char *word, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(word, &end);
	if (errno || end == word || *end || !(v > 0) || v > 600)
		return fail(ps, _("seconds must be a number above 0 and at "
		                  "most 600, such as 1.5, not '%s'"), word);
	*out = v;
	return 0;
}

/* A "quoted" regular expression at *p (\" and \\ escape), then the
   words after it. */
static int regex_arg(struct parser *ps, const char *p,
                     struct exercise_fact *f)
{
	p += strspn(p, " \t");
	if (*p != '"')
		/* TRANSLATORS: %s is output or distinct (a kind of fact). */
		return fail(ps, _("@fact %s MIN MAX wants a regular "
		                  "expression in double quotes next"),
		            fact_kinds[f->kind]);
	struct strbuf re = { 0 };
	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		strbuf_add(&re, p, 1);
	}
	if (*p != '"') {
		strbuf_free(&re);
		return fail(ps, _("the regular expression has no closing "
		                  "'\"'"));
	}
	f->regex = re.buf ? re.buf : xstrdup("");
	regex_t compiled;
	int rc = regcomp(&compiled, f->regex, REG_EXTENDED);
	if (rc != 0) {
		char why[128];
		regerror(rc, &compiled, why, sizeof why);
		return fail(ps, _("bad regular expression \"%s\": %s"),
		            f->regex, why);
	}
	if (f->kind == FACT_DISTINCT && compiled.re_nsub < 1) {
		regfree(&compiled);
		return fail(ps, _("@fact distinct counts what the first group "
		                  "( ... ) caught; \"%s\" has none"), f->regex);
	}
	regfree(&compiled);
	p++;
	p += strspn(p, " \t");
	if (*p)
		f->words = xstrdup(p);
	return 0;
}

static int fact_directive(struct parser *ps, const char *arg)
{
	struct exercise *e = ps->e;
	if (e->nfacts == EXERCISE_MAX_FACTS)
		return fail(ps, _("at most %d facts"), EXERCISE_MAX_FACTS);
	size_t klen = strcspn(arg, " \t");
	int kind = -1;
	for (int k = 0; k < FACT_COUNT; k++)
		if (strlen(fact_kinds[k]) == klen &&
		    !strncmp(fact_kinds[k], arg, klen))
			kind = k;
	if (kind < 0)
		return fail(ps, _("unknown fact '%.*s' (exit, time, zombies, "
		                  "processes, at-once, threads, "
		                  "threads-at-once, names, output, distinct)"),
		            (int)klen, arg);
	e->facts = xrealloc(e->facts, (e->nfacts + 1) * sizeof *e->facts);
	struct exercise_fact *f = &e->facts[e->nfacts++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->line = ps->line;
	const char *rest = arg + klen;
	char **w;
	size_t n = split_words(rest, &w);
	/* Words after a fact's own arguments say what it means. */
	static const size_t own[FACT_COUNT] = {
		[FACT_EXIT] = 1, [FACT_TIME] = 1, [FACT_ZOMBIES] = 1,
		[FACT_PROCESSES] = 2, [FACT_AT_ONCE] = 2, [FACT_THREADS] = 2,
		[FACT_THREADS_AT_ONCE] = 2,
	};
	if (own[f->kind] && n > own[f->kind]) {
		const char *p = rest;
		for (size_t k = 0; k < own[f->kind]; k++) {
			p += strspn(p, " \t");
			p += strcspn(p, " \t");
		}
		f->words = xstrdup(p + strspn(p, " \t"));
		for (size_t k = own[f->kind]; k < n; k++)
			free(w[k]);
		n = own[f->kind];
	}
	int rc = 0;
	switch (f->kind) {
	case FACT_EXIT:
		if (n != 1)
			rc = fail(ps, _("@fact exit wants one status, 0 to "
			                "255"));
		else if (count_arg(ps, w[0], NULL, &f->min) != 0)
			rc = -1;
		else if (f->min > 255)
			rc = fail(ps, _("an exit status is 0 to 255"));
		break;
	case FACT_TIME:
	case FACT_ZOMBIES:
		/* TRANSLATORS: %s is time or zombies (a kind of fact). */
		rc = n != 1 ? fail(ps, _("@fact %s wants one number of "
		                         "seconds"), fact_kinds[f->kind]) :
		     seconds_arg(ps, w[0], &f->seconds);
		break;
	case FACT_PROCESSES:
	case FACT_AT_ONCE:
	case FACT_THREADS:
	case FACT_THREADS_AT_ONCE:
		if (n != 2)
			/* TRANSLATORS: %s is processes, at-once, threads or
			   threads-at-once (a kind of fact). */
			rc = fail(ps, _("@fact %s wants MIN MAX"),
			          fact_kinds[f->kind]);
		else if (count_arg(ps, w[0], "MIN", &f->min) ||
		         count_arg(ps, w[1], "MAX", &f->max))
			rc = -1;
		else if (f->min > f->max)
			rc = fail(ps, _("MIN (%ld) is above MAX (%ld)"), f->min,
			          f->max);
		break;
	case FACT_NAMES:
		if (n == 0 || n > EXERCISE_MAX_NAMES) {
			rc = fail(ps, _("@fact names wants 1 to %d thread "
			                "names"), EXERCISE_MAX_NAMES);
			break;
		}
		for (size_t i = 0; i < n; i++)
			if (strlen(w[i]) > 15) {
				rc = fail(ps, _("a thread name is at most 15 "
				                "bytes: '%s' is longer"), w[i]);
				break;
			}
		if (rc == 0) {
			f->names = w;
			f->nnames = n;
			w = NULL;
			n = 0;
		}
		break;
	case FACT_OUTPUT:
	case FACT_DISTINCT:
		if (n < 3)
			/* TRANSLATORS: %s is output or distinct (a kind of
			   fact). */
			rc = fail(ps, _("@fact %s wants MIN MAX \"REGEX\" "
			                "and optionally words"),
			          fact_kinds[f->kind]);
		else if (count_arg(ps, w[0], "MIN", &f->min) ||
		         count_arg(ps, w[1], "MAX", &f->max))
			rc = -1;
		else if (f->min > f->max)
			rc = fail(ps, _("MIN (%ld) is above MAX (%ld)"), f->min,
			          f->max);
		else {
			/* The text after MIN and MAX, as written. */
			const char *p = rest;
			for (int k = 0; k < 2; k++) {
				p += strspn(p, " \t");
				p += strcspn(p, " \t");
			}
			rc = regex_arg(ps, p, f);
		}
		break;
	case FACT_COUNT:
		break;
	}
	free_words(w, n);
	return rc;
}

static int limit_directive(struct parser *ps, const char *arg)
{
	static const struct {
		const char *name;
		size_t offset;
		long max;
	} kinds[] = {
		{ "tasks", offsetof(struct exercise_limits, tasks), 512 },
		{ "seconds", offsetof(struct exercise_limits, seconds), 120 },
		{ "cpu", offsetof(struct exercise_limits, cpu), 120 },
		{ "memory", offsetof(struct exercise_limits, memory), 4096 },
		{ "output", offsetof(struct exercise_limits, output), 16384 },
	};
	char **w;
	size_t n = split_words(arg, &w);
	int rc = -1;
	if (n != 2) {
		fail(ps, _("@limit wants KIND N (tasks, seconds, cpu, memory, "
		           "output)"));
		goto out;
	}
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		if (strcmp(w[0], kinds[k].name) != 0)
			continue;
		long v;
		if (parse_long(w[1], &v) != 0 || v < 1 || v > kinds[k].max) {
			/* TRANSLATORS: the first %s is tasks, seconds, cpu,
			   memory or output (a kind of limit). */
			fail(ps, _("@limit %s is 1 to %ld, not '%s'"), w[0],
			     kinds[k].max, w[1]);
			goto out;
		}
		*(long *)((char *)&ps->e->limits + kinds[k].offset) = v;
		rc = 0;
		goto out;
	}
	fail(ps, _("unknown limit '%s' (tasks, seconds, cpu, memory, output)"),
	     w[0]);
out:
	free_words(w, n);
	return rc;
}

/* A one-value directive's argument into *slot, once. */
static int set_once(struct parser *ps, char **slot, const char *name,
                    const char *arg)
{
	if (*slot)
		/* TRANSLATORS: %s is a directive, as written. */
		return fail(ps, _("@%s given twice"), name);
	if (!*arg)
		/* TRANSLATORS: %s is a directive, as written. */
		return fail(ps, _("@%s needs a value"), name);
	*slot = xstrdup(arg);
	return 0;
}

static int directive(struct parser *ps, const char *name, const char *arg)
{
	struct exercise *e = ps->e;
	if (!strcmp(name, "exercise")) {
		if (set_once(ps, &e->name, name, arg))
			return -1;
		if (!is_name(arg, 32))
			return fail(ps, _("an exercise's name is 1 to 32 of "
			                  "a-z, 0-9 and '-', starting with a "
			                  "letter, not '%s'"), arg);
		return 0;
	}
	if (!strcmp(name, "lesson"))
		return (e->lesson_line = ps->line, 0) ||
		       set_once(ps, &e->lesson, name, arg) ? -1 :
		       is_name(arg, 32) ? 0 :
		       fail(ps, _("'%s' is not a lesson id"), arg);
	if (!strcmp(name, "title")) {
		if (set_once(ps, &e->title, name, arg))
			return -1;
		return strlen(arg) > 72 ? fail(ps, _("a title is at most 72 "
		                                     "bytes")) : 0;
	}
	if (!strcmp(name, "step")) {
		long v;
		if (parse_long(arg, &v) != 0 || v < 1 || v > 999)
			return fail(ps, _("@step is a step number from 1, not "
			                  "'%s'"), arg);
		e->step = (int)v;
		e->step_line = ps->line;
		return 0;
	}
	if (!strcmp(name, "language")) {
		if (ps->seen_language++)
			return fail(ps, _("@language given twice"));
		if (!strcmp(arg, "c"))
			e->language = EXERCISE_C;
		else if (!strcmp(arg, "python"))
			e->language = EXERCISE_PYTHON;
		else
			return fail(ps, _("@language is c or python, not '%s'"),
			            arg);
		return 0;
	}
	if (!strcmp(name, "task") || !strcmp(name, "hint")) {
		if (*arg)
			/* TRANSLATORS: %s is task or hint (a directive). */
			return fail(ps, _("@%s takes no argument: its text "
			                  "follows, up to @end"), name);
		if (name[0] == 't' && e->task)
			return fail(ps, _("@task given twice"));
		if (name[0] == 'h' && e->nhints == EXERCISE_MAX_HINTS)
			return fail(ps, _("at most %d hints"),
			            EXERCISE_MAX_HINTS);
		ps->block = name[0] == 't' ? IN_TASK : IN_HINT;
		ps->block_line = ps->line;
		return 0;
	}
	if (!strcmp(name, "end"))
		return fail(ps, _("@end without a @task or @hint before it"));
	if (!strcmp(name, "args")) {
		if (e->args)
			return fail(ps, _("@args given twice"));
		e->nargs = split_words(arg, &e->args);
		if (e->nargs > EXERCISE_MAX_ARGS)
			return fail(ps, _("at most %d arguments"),
			            EXERCISE_MAX_ARGS);
		return 0;
	}
	if (!strcmp(name, "slowmo")) {
		if (*arg)
			return fail(ps, _("@slowmo takes no argument"));
		e->slowmo = 1;
		return 0;
	}
	if (!strcmp(name, "limit"))
		return limit_directive(ps, arg);
	if (!strcmp(name, "fact"))
		return fact_directive(ps, arg);
	return fail(ps, _("unknown directive '@%s' (exercise, lesson, step, "
	                  "language, title, task, args, slowmo, limit, fact, "
	                  "hint)"),
	            name);
}

static int parse_line(struct parser *ps, char *s)
{
	if (ps->block != IN_NONE) {
		if (!strcmp(s, "@end"))
			return end_block(ps);
		/* "@@" at the start stands for "@". */
		strbuf_adds(&ps->text, s[0] == '@' && s[1] == '@' ? s + 1 : s);
		strbuf_adds(&ps->text, "\n");
		return 0;
	}
	if (s[0] == '#' || !s[strspn(s, " \t")])
		return 0;
	if (s[0] != '@')
		return fail(ps, _("text outside a @task or @hint block (a "
		                  "directive starts with '@', a comment with "
		                  "'#')"));
	char *name = s + 1;
	size_t n = strcspn(name, " \t");
	char *arg = name + n;
	if (*arg)
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	return directive(ps, name, arg);
}

static int check_whole(struct parser *ps)
{
	struct exercise *e = ps->e;
	static const char *const need[] = { "exercise", "lesson", "title",
	                                    "task" };
	const void *have[] = { e->name, e->lesson, e->title, e->task };
	for (size_t i = 0; i < 4; i++)
		if (!have[i])
			/* TRANSLATORS: %s is exercise, lesson, title or
			   task (a directive). */
			return fail(ps, _("@%s is missing"), need[i]);
	if (!ps->seen_language)
		return fail(ps, _("@language is missing (c or python)"));
	if (e->nfacts == 0)
		return fail(ps, _("no @fact: a check needs something to "
		                  "judge"));
	if (e->nhints == 0)
		return fail(ps, _("no @hint: give 1 to %d, from gentle to "
		                  "nearly the answer"), EXERCISE_MAX_HINTS);
	return 0;
}

int exercise_parse(const char *buf, size_t len, struct exercise **out,
                   int *line, char **cause)
{
	struct parser ps = { 0 };
	ps.e = xmalloc(sizeof *ps.e);
	memset(ps.e, 0, sizeof *ps.e);
	ps.e->step = 1;
	int rc = 0;
	size_t pos = 0;
	if (len > EXERCISE_MAX_SIZE) {
		ps.line = 1;
		rc = fail(&ps, _("the file is larger than %d KiB"),
		          EXERCISE_MAX_SIZE / 1024);
	}
	while (rc == 0 && pos < len) {
		ps.line++;
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		size_t use = n;
		if (use && buf[pos + use - 1] == '\r')
			use--;
		char why[128];
		const char *problem = line_problem(buf + pos, use,
		                                   EXERCISE_MAX_LINE, why,
		                                   sizeof why);
		if (problem) {
			rc = fail(&ps, "%s", problem);
			break;
		}
		char *s = xmalloc(use + 1);
		memcpy(s, buf + pos, use);
		s[use] = '\0';
		while (use && (s[use - 1] == ' ' || s[use - 1] == '\t'))
			s[--use] = '\0';
		rc = parse_line(&ps, s);
		free(s);
		pos += n + 1;
	}
	if (rc == 0 && ps.block != IN_NONE) {
		ps.line = ps.block_line;
		/* TRANSLATORS: %s is task or hint (a directive). */
		rc = fail(&ps, _("@%s has no @end"),
		          ps.block == IN_TASK ? "task" : "hint");
	}
	if (rc == 0) {
		ps.line = 1;            /* what the whole file lacks */
		rc = check_whole(&ps);
	}
	strbuf_free(&ps.text);
	if (rc != 0) {
		*line = ps.line ? ps.line : 1;
		*cause = ps.cause;
		exercise_free(ps.e);
		return -1;
	}
	*out = ps.e;
	return 0;
}

/* Is dir/name a regular file? */
static int have_file(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat st;
	int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int exercise_read(const char *dir, struct exercise **out, char **error)
{
	char *path = xasprintf("%s/exercise", dir);
	char *shown = files_printable(path);
	char *cause = NULL;
	size_t len;
	/* TRANSLATORS: the kind of file, in "is a directory, not a %s"
	   and "is larger than %zu bytes: too big for a %s". */
	char *buf = files_read_regular(path, _("exercise file"),
	                               EXERCISE_MAX_SIZE, &len, &cause);
	struct exercise *e = NULL;
	int line = 0;
	if (!buf) {
		*error = xasprintf("%s: %s", shown, cause);
		goto fail;
	}
	if (exercise_parse(buf, len, &e, &line, &cause) != 0) {
		*error = xasprintf("%s:%d: %s", shown, line, cause);
		goto fail;
	}
	/* Its name is its directory's. */
	const char *base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	if (strcmp(base, e->name) != 0) {
		/* TRANSLATORS: keep "%s:1: " first (FILE:LINE:); then the
		   exercise's name, and its folder's. */
		*error = xasprintf(_("%s:1: @exercise %s is in a directory "
		                     "named '%s'; the two must be the same"),
		                   shown, e->name, base);
		goto fail;
	}
	const char *ext = exercise_ext(e);
	static const char *const files[] = { "start", "solution" };
	for (size_t i = 0; i < 2; i++) {
		char *name = xasprintf("%s.%s", files[i], ext);
		int ok = have_file(dir, name);
		if (!ok)
			/* TRANSLATORS: keep "%s:1: " first (FILE:LINE:);
			   then the exercise's name, and the file it lacks
			   (start.c, solution.py...). */
			*error = xasprintf(_("%s:1: %s has no %s beside it"),
			                   shown, e->name, name);
		free(name);
		if (!ok)
			goto fail;
	}
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			size_t n = strlen(de->d_name), el = strlen(ext);
			if (strncmp(de->d_name, "wrong-", 6) != 0 || n < 8 + el ||
			    de->d_name[n - el - 1] != '.' ||
			    strcmp(de->d_name + n - el, ext) != 0 ||
			    !have_file(dir, de->d_name))
				continue;
			e->wrongs = xrealloc(e->wrongs, (e->nwrongs + 1) *
			                     sizeof *e->wrongs);
			e->wrongs[e->nwrongs++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	if (e->nwrongs == 0) {
		/* TRANSLATORS: keep "%s:1: " first (FILE:LINE:); then the
		   exercise's name, and its files' extension (c or py). */
		*error = xasprintf(_("%s:1: %s has no wrong-*.%s beside it: at "
		                     "least one almost-solution must fail its "
		                     "check"), shown, e->name, ext);
		goto fail;
	}
	qsort(e->wrongs, e->nwrongs, sizeof *e->wrongs, by_name);
	e->dir = xstrdup(dir);
	free(buf);
	free(cause);
	free(path);
	free(shown);
	*out = e;
	return 0;
fail:
	exercise_free(e);
	free(buf);
	free(cause);
	free(path);
	free(shown);
	return -1;
}

void exercise_free(struct exercise *e)
{
	if (!e)
		return;
	free(e->dir);
	free(e->name);
	free(e->lesson);
	free(e->title);
	free(e->task);
	free_words(e->args, e->nargs);
	for (size_t i = 0; i < e->nfacts; i++) {
		free_words(e->facts[i].names, e->facts[i].nnames);
		free(e->facts[i].regex);
		free(e->facts[i].words);
	}
	free(e->facts);
	free_words(e->hints, e->nhints);
	free_words(e->wrongs, e->nwrongs);
	free(e);
}

/* "exactly N", "at most N" or "N to M" things, by f's MIN and MAX: the
   three sentences (translated already), given MIN or MAX, then MAX,
   then what follows (a regular expression, or nothing). */
static void range_words(struct strbuf *t, const struct exercise_fact *f,
                        const char *exactly, const char *at_most,
                        const char *between)
{
	if (f->min == f->max)
		strbuf_addf(t, exactly, f->min, f->regex);
	else if (f->min == 0)
		strbuf_addf(t, at_most, f->max, f->regex);
	else
		strbuf_addf(t, between, f->min, f->max, f->regex);
}

char *exercise_fact_words(const struct exercise_fact *f)
{
	struct strbuf t = { 0 };
	unsigned long n = (unsigned long)f->max;
	switch (f->kind) {
	case FACT_EXIT:
		strbuf_addf(&t, _("it exits with status %ld"), f->min);
		break;
	case FACT_TIME:
		strbuf_addf(&t, _("it ends within %g s"), f->seconds);
		break;
	case FACT_ZOMBIES:
		strbuf_addf(&t, _("no child stays a zombie longer than %g s"),
		            f->seconds);
		break;
	case FACT_PROCESSES:
		range_words(&t, f,
		            ngettext("exactly %ld process made",
		                     "exactly %ld processes made", n),
		            ngettext("at most %ld process made",
		                     "at most %ld processes made", n),
		            ngettext("%ld to %ld process made",
		                     "%ld to %ld processes made", n));
		break;
	case FACT_AT_ONCE:
		range_words(&t, f,
		            ngettext("exactly %ld process alive at once",
		                     "exactly %ld processes alive at once", n),
		            ngettext("at most %ld process alive at once",
		                     "at most %ld processes alive at once", n),
		            ngettext("%ld to %ld process alive at once",
		                     "%ld to %ld processes alive at once", n));
		break;
	case FACT_THREADS:
		range_words(&t, f,
		            ngettext("exactly %ld thread made",
		                     "exactly %ld threads made", n),
		            ngettext("at most %ld thread made",
		                     "at most %ld threads made", n),
		            ngettext("%ld to %ld thread made",
		                     "%ld to %ld threads made", n));
		break;
	case FACT_THREADS_AT_ONCE:
		range_words(&t, f,
		            ngettext("exactly %ld thread alive at once",
		                     "exactly %ld threads alive at once", n),
		            ngettext("at most %ld thread alive at once",
		                     "at most %ld threads alive at once", n),
		            ngettext("%ld to %ld thread alive at once",
		                     "%ld to %ld threads alive at once", n));
		break;
	case FACT_NAMES: {
		struct strbuf names = { 0 };
		for (size_t i = 0; i < f->nnames; i++)
			strbuf_addf(&names, "%s%s", i ? " " : "", f->names[i]);
		/* TRANSLATORS: %s is the thread names, separated by
		   spaces. */
		strbuf_addf(&t, _("the threads are named %s"),
		            names.buf ? names.buf : "");
		strbuf_free(&names);
		break;
	}
	case FACT_OUTPUT:
		/* TRANSLATORS: these three end with the regular expression
		   the lines must match ("match" in every one, as the
		   English says it). */
		range_words(&t, f,
		            ngettext("exactly %ld line match \"%s\"",
		                     "exactly %ld lines match \"%s\"", n),
		            ngettext("at most %ld line match \"%s\"",
		                     "at most %ld lines match \"%s\"", n),
		            ngettext("%ld to %ld line match \"%s\"",
		                     "%ld to %ld lines match \"%s\"", n));
		break;
	case FACT_DISTINCT:
		/* TRANSLATORS: these three end with the regular expression
		   whose first group ( ... ) catches the values counted. */
		range_words(&t, f,
		            ngettext("exactly %ld distinct value of \"%s\"",
		                     "exactly %ld distinct values of \"%s\"",
		                     n),
		            ngettext("at most %ld distinct value of \"%s\"",
		                     "at most %ld distinct values of \"%s\"",
		                     n),
		            ngettext("%ld to %ld distinct value of \"%s\"",
		                     "%ld to %ld distinct values of \"%s\"",
		                     n));
		break;
	case FACT_COUNT:
		break;
	}
	if (f->words) {
		/* TRANSLATORS: what the exercise says the fact means (its
		   own words, in the exercise's language), then the fact. */
		char *both = xasprintf(_("%s: %s"), f->words,
		                       t.buf ? t.buf : "");
		strbuf_free(&t);
		return both;
	}
	return t.buf ? t.buf : xstrdup("");
}
