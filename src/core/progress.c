/* progress.c - the learner's progress, one line per lesson:
 *
 *   # forklore progress: steps seen, demos run, predictions (plain text)
 *   last fork 3
 *   lesson fork seen 1,2,3 ran 1,3 predicted 1r,3wwr
 *
 *   exercise fork fork-wait attempted solved hints 2
 *
 * "3wwr": every judged attempt at step 3's question, in order (w wrong,
 * then w, then r right); s marks a skipped question, ? one the demo gave
 * no answer to.
 * Steps are numbered from 1 in the file, as the learner sees them. The
 * reader is forgiving: what it does not understand it drops, and a step
 * number beyond a lesson's end is kept but not counted. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "i18n.h"
#include "progress.h"
#include "util.h"

/* Steps a lesson may have, as far as progress is concerned. */
#define PROGRESS_STEPS_MAX 1000
/* Attempts kept per question: past that, the last one is replaced, so
   the first attempts and the latest are what is kept. */
#define PROGRESS_ATTEMPTS_MAX 100

struct lesson_marks {
	char *id;
	size_t nsteps;          /* length of the arrays below */
	char *seen, *ran;       /* 0 or 1 per step */
	char **verdicts;        /* per step: NULL, or its attempts ("wr") */
};

/* A progress file is small; a huge one is not ours to read. */
#define PROGRESS_MAX_SIZE (1024 * 1024)

struct exercise_marks {
	char *lesson, *name;
	int bits;
	size_t hints;
};

struct progress {
	char *path;
	struct exercise_marks *exercises;
	size_t nexercises;
	char *problem;          /* why the file was not read, or NULL */
	struct lesson_marks *lessons;
	size_t n;
	char *last;             /* lesson id, or NULL */
	size_t last_step;
};

static struct lesson_marks *marks_of(struct progress *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->lessons[i].id, id) == 0)
			return &p->lessons[i];
	p->lessons = xrealloc(p->lessons, (p->n + 1) * sizeof *p->lessons);
	struct lesson_marks *m = &p->lessons[p->n++];
	memset(m, 0, sizeof *m);
	m->id = xstrdup(id);
	return m;
}

/* Make room for step (0-based) in m's arrays; 0, or -1 if out of range. */
static int reach(struct lesson_marks *m, size_t step)
{
	if (step >= PROGRESS_STEPS_MAX)
		return -1;
	if (step < m->nsteps)
		return 0;
	size_t n = step + 1;
	m->seen = xrealloc(m->seen, n);
	m->ran = xrealloc(m->ran, n);
	m->verdicts = xrealloc(m->verdicts, n * sizeof *m->verdicts);
	memset(m->seen + m->nsteps, 0, n - m->nsteps);
	memset(m->ran + m->nsteps, 0, n - m->nsteps);
	memset(m->verdicts + m->nsteps, 0, (n - m->nsteps) *
	       sizeof *m->verdicts);
	m->nsteps = n;
	return 0;
}

/* A lesson id as lessons have them: [a-z0-9-], 1 to 32 characters. */
static int is_id(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
	return n > 0 && n <= 32 && s[n] == '\0';
}

static void free_verdicts(struct lesson_marks *m)
{
	for (size_t k = 0; k < m->nsteps; k++)
		free(m->verdicts[k]);
	free(m->verdicts);
	m->verdicts = NULL;
}

/* One more attempt at a step's question. */
static void add_verdict(struct lesson_marks *m, size_t step, char verdict)
{
	char *v = m->verdicts[step];
	size_t n = v ? strlen(v) : 0;
	if (n == PROGRESS_ATTEMPTS_MAX) {
		v[n - 1] = verdict;
		return;
	}
	v = xrealloc(v, n + 2);
	v[n] = verdict;
	v[n + 1] = '\0';
	m->verdicts[step] = v;
}

/* "1,2,5" or "1r,3wwr": mark each step; bad items are dropped. */
static void read_list(struct lesson_marks *m, char *list, int which)
{
	for (char *save = NULL, *item = strtok_r(list, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		char *end;
		errno = 0;
		unsigned long k = strtoul(item, &end, 10);
		if (errno || end == item || k == 0 || reach(m, k - 1) != 0)
			continue;
		if (which == 's' && !*end)
			m->seen[k - 1] = 1;
		else if (which == 'r' && !*end)
			m->ran[k - 1] = 1;
		else if (which == 'p' && end[0] &&
		         strspn(end, "rws?") == strlen(end)) {
			free(m->verdicts[k - 1]);
			m->verdicts[k - 1] = NULL;
			for (; *end; end++)
				add_verdict(m, k - 1, *end);
		}
	}
}

static void read_line(struct progress *p, char *line)
{
	char *save = NULL;
	char *word = strtok_r(line, " \t\n", &save);
	if (!word || word[0] == '#')
		return;
	char *id = strtok_r(NULL, " \t\n", &save);
	if (!id || !is_id(id))
		return;
	if (strcmp(word, "last") == 0) {
		char *step = strtok_r(NULL, " \t\n", &save), *end;
		unsigned long k = step ? strtoul(step, &end, 10) : 0;
		if (k == 0 || *end || k > PROGRESS_STEPS_MAX)
			return;
		free(p->last);
		p->last = xstrdup(id);
		p->last_step = k - 1;
		return;
	}
	if (strcmp(word, "exercise") == 0) {
		char *name = strtok_r(NULL, " \t\n", &save), *w;
		if (!name || !is_id(name))
			return;
		while ((w = strtok_r(NULL, " \t\n", &save))) {
			if (!strcmp(w, "attempted"))
				progress_exercise(p, id, name,
				                  PROGRESS_ATTEMPTED, 0);
			else if (!strcmp(w, "solved"))
				progress_exercise(p, id, name, PROGRESS_SOLVED,
				                  0);
			else if (!strcmp(w, "shown"))
				progress_exercise(p, id, name, PROGRESS_SHOWN,
				                  0);
			else if (!strcmp(w, "hints")) {
				char *k = strtok_r(NULL, " \t\n", &save), *e;
				unsigned long v = k ? strtoul(k, &e, 10) : 0;
				if (k && !*e && v > 0 && v < 100)
					progress_exercise(p, id, name,
					                  PROGRESS_HINTS, v);
			}
		}
		return;
	}
	if (strcmp(word, "lesson") != 0)
		return;
	struct lesson_marks *m = marks_of(p, id);
	char *key, *list;
	while ((key = strtok_r(NULL, " \t\n", &save)) &&
	       (list = strtok_r(NULL, " \t\n", &save))) {
		if (strcmp(key, "seen") == 0)
			read_list(m, list, 's');
		else if (strcmp(key, "ran") == 0)
			read_list(m, list, 'r');
		else if (strcmp(key, "predicted") == 0)
			read_list(m, list, 'p');
	}
}

struct progress *progress_load(const char *path)
{
	struct progress *p = xmalloc(sizeof *p);
	memset(p, 0, sizeof *p);
	p->path = path ? xstrdup(path) : NULL;
	struct stat st;
	if (!path || (stat(path, &st) != 0 && errno == ENOENT))
		return p;    /* nothing done yet */
	size_t len;
	char *cause = NULL;
	char *text = files_read_regular(path, "progress file",
	                                PROGRESS_MAX_SIZE, &len, &cause);
	if (!text) {
		/* Not ours to read, so not ours to write over either. */
		char *name = files_printable(path);
		/* TRANSLATORS: FILE: why it cannot be read. */
		p->problem = xasprintf(_("%s: %s; progress is not kept this "
		                         "time"), name, cause);
		free(name);
		free(cause);
		free(p->path);
		p->path = NULL;
		return p;
	}
	char *line = text, *end = text + len;
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		if (nl)
			*nl = '\0';
		read_line(p, line);
		line = nl ? nl + 1 : end;
	}
	free(text);
	return p;
}

const char *progress_problem(const struct progress *p)
{
	return p ? p->problem : NULL;
}

void progress_free(struct progress *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->lessons[i].id);
		free(p->lessons[i].seen);
		free(p->lessons[i].ran);
		free_verdicts(&p->lessons[i]);
	}
	free(p->lessons);
	for (size_t i = 0; i < p->nexercises; i++) {
		free(p->exercises[i].lesson);
		free(p->exercises[i].name);
	}
	free(p->exercises);
	free(p->problem);
	free(p->last);
	free(p->path);
	free(p);
}

/* " key 1,2,3" for the steps marked in marks. */
static void write_list(struct strbuf *o, const char *key, const char *marks,
                       size_t n)
{
	int first = 1;
	for (size_t k = 0; k < n; k++) {
		if (!marks[k])
			continue;
		if (first)
			strbuf_addf(o, " %s", key);
		strbuf_addf(o, "%s%zu", first ? " " : ",", k + 1);
		first = 0;
	}
}

/* " predicted 1r,3wwr" for the steps with attempts. */
static void write_verdicts(struct strbuf *o, char *const *verdicts,
                           size_t n)
{
	int first = 1;
	for (size_t k = 0; k < n; k++) {
		if (!verdicts[k])
			continue;
		strbuf_addf(o, first ? " predicted %zu%s" : ",%zu%s", k + 1,
		            verdicts[k]);
		first = 0;
	}
}

int progress_save(const struct progress *p, char **cause)
{
	if (!p->path)
		return 0;
	struct strbuf o = { 0 };
	strbuf_adds(&o, "# forklore progress: steps seen, demos run, "
	                "predictions (r right, w wrong, s skipped: every attempt)\n");
	if (p->last)
		strbuf_addf(&o, "last %s %zu\n", p->last, p->last_step + 1);
	for (size_t i = 0; i < p->n; i++) {
		const struct lesson_marks *m = &p->lessons[i];
		size_t before = o.len;
		strbuf_addf(&o, "lesson %s", m->id);
		size_t head = o.len;
		write_list(&o, "seen", m->seen, m->nsteps);
		write_list(&o, "ran", m->ran, m->nsteps);
		write_verdicts(&o, m->verdicts, m->nsteps);
		if (o.len == head) {         /* nothing left of it */
			o.len = before;
			o.buf[before] = '\0';
			continue;
		}
		strbuf_adds(&o, "\n");
	}
	for (size_t i = 0; i < p->nexercises; i++) {
		const struct exercise_marks *e = &p->exercises[i];
		if (!e->bits)
			continue;
		strbuf_addf(&o, "exercise %s %s%s%s%s", e->lesson, e->name,
		            e->bits & PROGRESS_ATTEMPTED ? " attempted" : "",
		            e->bits & PROGRESS_SOLVED ? " solved" : "",
		            e->bits & PROGRESS_SHOWN ? " shown" : "");
		if (e->hints)
			strbuf_addf(&o, " hints %zu", e->hints);
		strbuf_adds(&o, "\n");
	}
	int rc = files_replace(p->path, o.buf ? o.buf : "", 0600);
	if (rc != 0)
		*cause = xasprintf(_("cannot save progress in %s: %s"), p->path,
		                   strerror(errno));
	strbuf_free(&o);
	return rc;
}

void progress_seen(struct progress *p, const char *lesson, size_t step)
{
	struct lesson_marks *m = marks_of(p, lesson);
	if (reach(m, step) != 0)
		return;
	m->seen[step] = 1;
	free(p->last);
	p->last = xstrdup(lesson);
	p->last_step = step;
}

void progress_ran(struct progress *p, const char *lesson, size_t step)
{
	struct lesson_marks *m = marks_of(p, lesson);
	if (reach(m, step) == 0)
		m->ran[step] = 1;
}

void progress_predicted(struct progress *p, const char *lesson, size_t step,
                        char verdict)
{
	struct lesson_marks *m = marks_of(p, lesson);
	if (reach(m, step) == 0)
		add_verdict(m, step, verdict);
}

int progress_last(const struct progress *p, const char **lesson,
                  size_t *step)
{
	if (!p->last)
		return -1;
	*lesson = p->last;
	*step = p->last_step;
	return 0;
}

void progress_summarize(const struct progress *p, const struct lesson *l,
                        struct progress_summary *out)
{
	memset(out, 0, sizeof *out);
	const struct lesson_marks *m = NULL;
	for (size_t i = 0; i < p->n && !m; i++)
		if (strcmp(p->lessons[i].id, l->id) == 0)
			m = &p->lessons[i];
	for (size_t k = 0; k < l->nsteps; k++) {
		int has_demo = l->steps[k].demo != NULL;
		out->demos += (size_t)has_demo;
		if (!m || k >= m->nsteps)
			continue;
		out->seen += m->seen[k] ? 1 : 0;
		out->ran += m->ran[k] && has_demo ? 1 : 0;
		const char *v = m->verdicts[k];
		if (!v)
			continue;
		/* The latest judgement counts; the first try is told apart. */
		const char *last = NULL, *first = NULL;
		for (const char *c = v; *c; c++) {
			if (*c != 'r' && *c != 'w')
				continue;
			last = c;
			first = first ? first : c;
			out->attempts++;
		}
		if (!last)
			continue;
		out->predicted++;
		out->right += *last == 'r';
		out->first_try += *first == 'r';
	}
	out->done = l->nsteps > 0 && out->seen == l->nsteps &&
	            out->ran == out->demos;
}

void progress_reset(struct progress *p, const char *lesson)
{
	for (size_t i = 0; i < p->n; i++) {
		struct lesson_marks *m = &p->lessons[i];
		if (lesson && strcmp(m->id, lesson) != 0)
			continue;
		free(m->seen);
		free(m->ran);
		free_verdicts(m);
		m->seen = m->ran = NULL;
		m->nsteps = 0;
	}
	for (size_t i = 0; i < p->nexercises; i++)
		if (!lesson || !strcmp(p->exercises[i].lesson, lesson)) {
			p->exercises[i].bits = 0;
			p->exercises[i].hints = 0;
		}
	if (p->last && (!lesson || strcmp(p->last, lesson) == 0)) {
		free(p->last);
		p->last = NULL;
	}
}

char *progress_state_path(const char *name)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir;
	if (state && *state == '/')
		dir = xasprintf("%s/forklore", state);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/forklore", home);
	else
		return NULL;
	/* mkdir -p, quietly: without the folder there is just no file. */
	for (char *c = dir + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		mkdir(dir, 0700);
		*c = '/';
	}
	mkdir(dir, 0700);
	char *path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

void progress_exercise(struct progress *p, const char *lesson,
                       const char *name, int what, size_t hints)
{
	struct exercise_marks *e = NULL;
	for (size_t i = 0; i < p->nexercises && !e; i++)
		if (!strcmp(p->exercises[i].name, name))
			e = &p->exercises[i];
	if (!e) {
		if (p->nexercises >= 10000)
			return;
		p->exercises = xrealloc(p->exercises, (p->nexercises + 1) *
		                        sizeof *p->exercises);
		e = &p->exercises[p->nexercises++];
		e->lesson = xstrdup(lesson);
		e->name = xstrdup(name);
		e->bits = 0;
		e->hints = 0;
	}
	e->bits |= what;
	if (what == PROGRESS_HINTS && hints > e->hints)
		e->hints = hints;
}

int progress_exercise_state(const struct progress *p, const char *name)
{
	for (size_t i = 0; i < p->nexercises; i++)
		if (!strcmp(p->exercises[i].name, name))
			return p->exercises[i].bits;
	return 0;
}
