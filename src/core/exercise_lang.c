/* exercise_lang.c - an exercise's translation, held to its original. */
#include <stdlib.h>
#include <string.h>

#include "exercise_lang.h"
#include "files.h"
#include "i18n.h"
#include "util.h"

/* Largest header read (the originals' limit is the parser's own). */
#define TRANSLATION_MAX_SIZE (256 * 1024)

char *exercise_original_dir(const char *dir)
{
	/* .../LANG/exercises/NAME, LANG being "zh" or "zh_CN". */
	char *d = xstrdup(dir);
	size_t n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	char *name = strrchr(d, '/');
	if (!name) {
		free(d);
		return NULL;
	}
	*name++ = '\0';
	char *ex = strrchr(d, '/');
	const char *exname = ex ? ex + 1 : d;
	if (strcmp(exname, "exercises") != 0) {
		free(d);
		return NULL;
	}
	if (ex)
		*ex = '\0';
	else
		*d = '\0';
	char *lang = strrchr(d, '/');
	char *up = NULL;
	if (i18n_lang_folder(lang ? lang + 1 : d))
		up = lang ? xasprintf("%.*s/exercises/%s", (int)(lang - d), d,
		                      name) :
		            xasprintf("exercises/%s", name);
	free(d);
	return up;
}

/* The line of buf where the first line starting "@keyword" is (1 when
   there is none). */
static int keyword_line(const char *buf, size_t len, const char *keyword)
{
	size_t kl = strlen(keyword);
	int line = 1;
	for (size_t i = 0; i < len; line++) {
		if (len - i > kl && !memcmp(buf + i, keyword, kl) &&
		    (buf[i + kl] == ' ' || buf[i + kl] == '\n'))
			return line;
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	return 1;
}

static int same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_fact(const struct exercise_fact *a,
                     const struct exercise_fact *b)
{
	if (a->kind != b->kind || a->min != b->min || a->max != b->max ||
	    a->seconds != b->seconds || !same_string(a->regex, b->regex) ||
	    a->nnames != b->nnames)
		return 0;
	for (size_t i = 0; i < a->nnames; i++)
		if (strcmp(a->names[i], b->names[i]) != 0)
			return 0;
	/* A fact with words keeps them, one without stays without. */
	return (a->words != NULL) == (b->words != NULL);
}

/* Does t keep everything of o that the check uses? 0, or -1 with *line
   and a malloc'ed *cause. */
static int same_shape(const struct exercise *o, const struct exercise *t,
                      const char *buf, size_t len, int *line, char **cause)
{
	if (strcmp(o->name, t->name) != 0) {
		*line = keyword_line(buf, len, "@exercise");
		*cause = xasprintf(_("@exercise must be '%s', the original's "
		                     "name"), o->name);
		return -1;
	}
	if (strcmp(o->lesson, t->lesson) != 0 || o->step != t->step) {
		*line = strcmp(o->lesson, t->lesson) != 0 ? t->lesson_line :
		        t->step_line ? t->step_line : t->lesson_line;
		*cause = xasprintf(_("the original is for lesson %s step %d: "
		                     "@lesson and @step must be the same"),
		                   o->lesson, o->step);
		return -1;
	}
	if (o->language != t->language) {
		*line = keyword_line(buf, len, "@language");
		*cause = xasprintf(_("@language must be the same as the "
		                     "original's (%s)"),
		                   o->language == EXERCISE_C ? "c" : "python");
		return -1;
	}
	int args = o->nargs == t->nargs;
	for (size_t i = 0; args && i < o->nargs; i++)
		args = !strcmp(o->args[i], t->args[i]);
	if (!args) {
		*line = keyword_line(buf, len, "@args");
		*cause = xstrdup(_("@args must be the same as the original's"));
		return -1;
	}
	if (o->slowmo != t->slowmo) {
		*line = keyword_line(buf, len, "@slowmo");
		*cause = xstrdup(_("@slowmo must be the same as the "
		                   "original's"));
		return -1;
	}
	if (memcmp(&o->limits, &t->limits, sizeof o->limits) != 0) {
		*line = keyword_line(buf, len, "@limit");
		*cause = xstrdup(_("the @limit lines must be the same as the "
		                   "original's"));
		return -1;
	}
	for (size_t i = 0; i < o->nfacts || i < t->nfacts; i++) {
		if (i >= t->nfacts) {
			*line = t->nfacts ? t->facts[t->nfacts - 1].line : 1;
			*cause = xasprintf(_("the original has %zu @fact lines, "
			                     "this one %zu"), o->nfacts,
			                   t->nfacts);
			return -1;
		}
		if (i >= o->nfacts || !same_fact(&o->facts[i], &t->facts[i])) {
			*line = t->facts[i].line;
			*cause = i >= o->nfacts ?
			    xasprintf(_("the original has %zu @fact lines, "
			                "this one %zu"), o->nfacts, t->nfacts) :
			    xasprintf(_("@fact %zu must be the original's (line "
			                "%d) but for its words"), i + 1,
			              o->facts[i].line);
			return -1;
		}
	}
	if (o->nhints != t->nhints) {
		*line = keyword_line(buf, len, "@hint");
		*cause = xasprintf(_("the original has %zu hints, this one %zu: "
		                     "each must be translated, in order"),
		                   o->nhints, t->nhints);
		return -1;
	}
	return 0;
}

int exercise_read_translation(const char *dir, const struct exercise *orig,
                              struct exercise **out, char **error)
{
	char *path = xasprintf("%s/exercise", dir);
	char *shown = files_printable(path);
	char *cause = NULL;
	size_t len;
	struct exercise *t = NULL;
	int line = 0, rc = -1;
	char *buf = files_read_regular(path, "exercise file",
	                               TRANSLATION_MAX_SIZE, &len, &cause);
	if (!buf) {
		*error = xasprintf("%s: %s", shown, cause);
	} else if (exercise_parse(buf, len, &t, &line, &cause) != 0) {
		*error = xasprintf("%s:%d: %s", shown, line, cause);
	} else if (same_shape(orig, t, buf, len, &line, &cause) != 0) {
		/* TRANSLATORS: FILE:LINE: what is wrong (translating the
		   original exercise's folder). */
		*error = xasprintf(_("%s:%d: %s (translating %s)"), shown, line,
		                   cause, orig->dir);
	} else {
		/* Its files are the original's. */
		t->dir = xstrdup(orig->dir);
		t->wrongs = xmalloc((orig->nwrongs ? orig->nwrongs : 1) *
		                    sizeof *t->wrongs);
		for (size_t i = 0; i < orig->nwrongs; i++)
			t->wrongs[i] = xstrdup(orig->wrongs[i]);
		t->nwrongs = orig->nwrongs;
		*out = t;
		t = NULL;
		rc = 0;
	}
	exercise_free(t);
	free(buf);
	free(cause);
	free(shown);
	free(path);
	return rc;
}

#define SWAP(type, x, y) do { type swap_ = (x); (x) = (y); (y) = swap_; } \
	while (0)

void exercise_swap_words(struct exercise *a, struct exercise *b)
{
	SWAP(char *, a->title, b->title);
	SWAP(char *, a->task, b->task);
	SWAP(char **, a->hints, b->hints);
	SWAP(size_t, a->nhints, b->nhints);
	for (size_t i = 0; i < a->nfacts && i < b->nfacts; i++)
		SWAP(char *, a->facts[i].words, b->facts[i].words);
}
