/* session.c - the core of forklore: lessons, position, settings, demos.
 * Front ends feed it lines and events; it answers through struct ui. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "i18n.h"
#include "python.h"
#include "demo.h"
#include "demo_lib.h"
#include "files.h"
#include "progress.h"
#include "commands.h"
#include "python.h"
#include "session.h"
#include "snippet.h"
#include "util.h"

/* ---- runner events ---------------------------------------------------- */

static void on_demo_line(const struct tagline *line, void *arg)
{
	struct session *s = arg;
	/* Kept for `wait TEXT` and the prediction, as shown: the writer's
	   name too. */
	watch_add(&s->watch, line);
	if (s->line_event)
		s->line_event(s, line);
	if (s->waiting.kind == WAIT_TEXT &&
	    watch_matches(line, s->waiting.text))
		s->waiting.seen = 1;
	s->ui->demo_line(s->ui->self, line);
	if (s->demo_event)
		s->demo_event(s);
}

/* The predicted demo has ended: the verdict, kept in the progress. */
static void judge_prediction(struct session *s, const char *cut_short)
{
	const struct lesson *lesson = s->predict.lesson;
	size_t step = s->predict.step;
	char mark;
	char *text = prediction_verdict(&s->predict, &s->watch, cut_short,
	                                &mark);
	s->ui->message(s->ui->self, text);
	free(text);
	if (mark && s->progress) {
		progress_predicted(s->progress, lesson->id, step, mark);
		session_save_progress(s);
	}
}

/* --trace: the session's trace file, with this run added. Written to a
   temporary file and renamed over it, so it is whole at every moment. */
static void trace_run(struct session *s)
{
	static int complained;
	const struct lifecycle *l = runner_record(s->runner);
	lifecycle_trace_events(l, l->started - s->trace.origin,
	                       &s->trace.events);
	s->trace.runs++;
	s->trace.exact &= l->traced;
	char *title = xasprintf("forklore session, %d run%s", s->trace.runs,
	                        s->trace.runs == 1 ? "" : "s");
	char *doc = lifecycle_trace_document(s->trace.events.buf ?
	                                     s->trace.events.buf : "", title,
	                                     s->trace.exact);
	if (files_replace(s->trace.path, doc, 0644) != 0 && !complained++) {
		char *why = xasprintf(_("cannot write the trace to %s: %s"),
		                      s->trace.path, strerror(errno));
		session_error(s, why);
		free(why);
	}
	free(doc);
	free(title);
}

int session_trace_to(struct session *s, const char *path, char **cause)
{
	/* Until the first run ends, an empty trace. */
	if (files_write_new(path, "{\"traceEvents\":[]}\n", 0644) != 0) {
		*cause = errno == EEXIST ?
		    xasprintf(_("%s exists; --trace never overwrites a file "
		                "(choose another name)"), path) :
		    xasprintf(_("cannot write the trace to %s: %s"), path,
		              strerror(errno));
		return -1;
	}
	s->trace.path = xstrdup(path);
	s->trace.origin = monotonic_seconds();
	s->trace.exact = 1;
	return 0;
}

/* Put how a demo ended into words. */
static void on_demo_ended(const struct runner_end *end, void *arg)
{
	struct session *s = arg;
	int status = end->status;
	char how[300], extra[480] = "";
	if (end->limit[0])
		snprintf(how, sizeof how, _("ended by forklore: %s"), end->limit);
	else if (end->stopped)
		snprintf(how, sizeof how, "%s", _("stopped"));
	else if (WIFEXITED(status) &&
	         WEXITSTATUS(status) == DEMO_EXIT_FAILED)
		snprintf(how, sizeof how, "%s", _("could not go on (a system "
		         "call failed: the line above says which)"));
	else if (WIFEXITED(status))
		snprintf(how, sizeof how, _("ended, exit status %d"),
		         WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(how, sizeof how, _("killed by signal %d (%s)"),
		         WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(how, sizeof how, "%s", _("ended"));
	if (end->left_behind)
		/* TRANSLATORS: this and the next two are clauses added,
		   each with its "; ", after "%.2f s" in "%s after %.2f s%s;
		   nothing of it is left running". */
		snprintf(extra, sizeof extra, ngettext("; %d process it "
		                  "left behind was ended",
		                  "; %d processes it left behind were ended",
		                  end->left_behind), end->left_behind);
	if (end->killed) {
		size_t used = strlen(extra);
		snprintf(extra + used, sizeof extra - used,
		         ngettext("; %d process did not end on SIGTERM and "
		                  "needed SIGKILL",
		                  "; %d processes did not end on SIGTERM and "
		                  "needed SIGKILL", end->killed), end->killed);
	}
	if (end->killed_at_once) {
		size_t used = strlen(extra);
		snprintf(extra + used, sizeof extra - used,
		         ngettext("; %d process was killed with SIGKILL at once",
		                  "; %d processes were killed with SIGKILL at "
		                  "once", end->killed_at_once),
		         end->killed_at_once);
	}
	double seconds = end->seconds;
	char *text = end->unchecked ?
	    xasprintf(_("%s after %.2f s%s; forklore could not check that "
	                "nothing of it is left running: reading /proc failed "
	                "(%s)"), how, seconds, extra,
	              strerror(end->unchecked)) :
	    xasprintf(_("%s after %.2f s%s; nothing of it is left running"),
	              how, seconds, extra);
	s->ui->demo_ended(s->ui->self, text);
	free(text);
	if (s->trace.path)
		trace_run(s);
	s->last_run.seconds = end->seconds;
	s->last_run.stopped = end->stopped;
	s->last_run.status = status;
	s->last_run.left_behind = end->left_behind;
	snprintf(s->last_run.limit, sizeof s->last_run.limit, "%s",
	         end->limit);
	if (s->last_run.python)
		python_run_done();      /* the listing's file goes */
	if (s->predict.pending)
		/* TRANSLATORS: how a demo was cut short, put into "The
		   demo %s, so it showed no answer to judge; 'run' tries
		   again." */
		judge_prediction(s, end->stopped ? N_("was stopped") :
		    WIFEXITED(status) && WEXITSTATUS(status) ==
		    DEMO_EXIT_FAILED ? N_("could not go on") : NULL);
	if (s->demo_event)
		s->demo_event(s);
}

void session_init(struct session *s, const struct ui *ui, struct loop *loop,
                  double speed, unsigned long seed)
{
	memset(s, 0, sizeof *s);
	s->ui = ui;
	s->loop = loop;
	s->settings.speed = speed;
	s->settings.seed = seed;
	struct runner_events ev = { on_demo_line, on_demo_ended, s };
	s->runner = runner_new(loop, &ev);
	exercises_init(s);
}

void session_free(struct session *s)
{
	watch_forget(&s->watch);
	free(s->waiting.text);
	free(s->last_error);
	free(s->ask_reset);
	prediction_free(&s->predict);
	free(s->trace.path);
	strbuf_free(&s->trace.events);
	progress_free(s->progress);
	runner_free(s->runner);
	exercises_free(s);
	python_cleanup();
	for (size_t i = 0; i < s->nlessons; i++) {
		lesson_free(s->originals ? s->originals[i] : s->lessons[i]);
		if (s->translations)
			lesson_free(s->translations[i]);
	}
	free(s->lessons);
	free(s->originals);
	free(s->translations);
	settings_free(&s->settings);
	memset(s, 0, sizeof *s);
}

/* ---- lessons ---------------------------------------------------------- */

/* Lesson hook: a @run names a real demo with valid parameters. */
static int hook_check_run(const char *name, char *const *args, size_t nargs,
                          char **cause, void *arg)
{
	(void)arg;
	const struct demo *demo = demo_find(name);
	if (!demo) {
		*cause = xasprintf(_("unknown demo '%s' (the 'demos' "
		                     "command lists them)"), name);
		return -1;
	}
	long values[DEMO_MAX_PARAMS];
	demo_defaults(demo, values);
	return demo_apply_args(demo, args, nargs, values, cause);
}

static const char *hook_snippet(const char *name, void *arg)
{
	(void)arg;
	return snippet_find(name);
}

const struct lesson_hooks session_lesson_hooks = {
	hook_check_run, hook_snippet, NULL
};

int session_read_lesson(const char *path, struct lesson **out, char **error)
{
	char *name = files_printable(path), *cause = NULL;
	size_t size;
	char *buf = files_read_regular(path, "lesson file", LESSON_MAX_SIZE,
	                               &size, &cause);
	if (!buf) {
		*error = xasprintf("%s:1: %s", name, cause);
		free(cause);
		free(name);
		return -1;
	}
	int line = 0;
	int rc = lesson_parse(name, buf, size, &session_lesson_hooks, out,
	                      &line, &cause);
	free(buf);
	if (rc != 0) {
		*error = xasprintf("%s:%d: %s", name, line,
		                   cause ? cause : _("malformed lesson"));
		free(cause);
	}
	free(name);
	return rc;
}

static int compare_lessons(const void *a, const void *b)
{
	const struct lesson *x = *(struct lesson *const *)a;
	const struct lesson *y = *(struct lesson *const *)b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Keep a lesson unless its id is taken; report a clash as an error. */
static void add_lesson(struct session *s, struct lesson *lesson)
{
	for (size_t i = 0; i < s->nlessons; i++) {
		if (strcmp(s->lessons[i]->id, lesson->id) == 0) {
			/* TRANSLATORS: keep "%s:1: " first: an error's
			   FILE:LINE: form. */
			char *msg = xasprintf(_("%s:1: lesson id '%s' is "
			                        "already used by %s; file "
			                        "skipped"),
			                      lesson->path, lesson->id,
			                      s->lessons[i]->path);
			session_error(s, msg);
			free(msg);
			lesson_free(lesson);
			return;
		}
	}
	s->lessons = xrealloc(s->lessons,
	                      (s->nlessons + 1) * sizeof *s->lessons);
	s->lessons[s->nlessons++] = lesson;
}

static int is_lesson_file(const struct dirent *e)
{
	size_t len = strlen(e->d_name);
	return e->d_name[0] != '.' && len > 7 &&
	       strcmp(e->d_name + len - 7, ".lesson") == 0;
}

int session_load_lessons(struct session *s, const char *dir, char **cause)
{
	struct dirent **entries;
	int n = scandir(dir, &entries, is_lesson_file, alphasort);
	if (n < 0) {
		*cause = xasprintf(_("cannot read lessons from %s: %s"), dir,
		                   strerror(errno));
		return -1;
	}
	s->lesson_dir = dir;
	for (int i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, entries[i]->d_name);
		struct lesson *lesson;
		char *error = NULL;
		if (session_read_lesson(path, &lesson, &error) == 0) {
			add_lesson(s, lesson);
		} else {
			session_error(s, error);
			free(error);
		}
		free(path);
		free(entries[i]);
	}
	free(entries);
	qsort(s->lessons, s->nlessons, sizeof *s->lessons, compare_lessons);
	return (int)s->nlessons;
}

int session_load_translations(struct session *s, const char *dir,
                              const char *lang)
{
	char *sub = xasprintf("%s/%s", dir, lang);
	struct dirent **entries;
	int n = scandir(sub, &entries, is_lesson_file, alphasort);
	if (n < 0) {
		free(sub);
		return 0;
	}
	if (!s->originals) {
		s->originals = xmalloc((s->nlessons + 1) * sizeof *s->originals);
		memcpy(s->originals, s->lessons,
		       s->nlessons * sizeof *s->originals);
		s->translations = xmalloc((s->nlessons + 1) *
		                          sizeof *s->translations);
		memset(s->translations, 0,
		       (s->nlessons + 1) * sizeof *s->translations);
	}
	int loaded = 0;
	for (int i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", sub, entries[i]->d_name);
		struct lesson *t = NULL;
		char *error = NULL, *cause = NULL;
		int line;
		size_t k = 0;
		if (session_read_lesson(path, &t, &error) == 0) {
			while (k < s->nlessons && strcmp(s->originals[k]->id,
			                                 t->id) != 0)
				k++;
			if (k == s->nlessons)
				/* TRANSLATORS: keep "%s:1: " first
				   (FILE:LINE:). */
				error = xasprintf(_("%s:1: a translation of "
				                    "lesson '%s', which is not "
				                    "among the lessons"), path,
				                  t->id);
			else if (s->translations[k])
				/* TRANSLATORS: keep "%s:1: " first (FILE:LINE:);
				   the last %s is the other translation's file. */
				error = xasprintf(_("%s:1: lesson '%s' is "
				                    "translated already by %s"),
				                  path, t->id,
				                  s->translations[k]->path);
			else if (lesson_same_shape(s->originals[k], t, &line,
			                           &cause) != 0)
				/* TRANSLATORS: FILE:LINE: what is wrong
				   (translating the original lesson's file). */
				error = xasprintf(_("%s:%d: %s (translating %s)"),
				                  path, line, cause,
				                  s->originals[k]->path);
		}
		if (error) {
			session_error(s, error);
			lesson_free(t);
		} else {
			s->translations[k] = t;
			loaded++;
		}
		free(error);
		free(cause);
		free(path);
		free(entries[i]);
	}
	free(entries);
	free(sub);
	return loaded;
}

const char *session_env_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
	}
	return "en";
}

int session_set_lang(struct session *s, const char *lang, char **cause)
{
	int zh = !strcmp(lang, "zh");
	if (!zh && strcmp(lang, "en") != 0) {
		*cause = xasprintf(_("lang is en or zh, not '%s'"), lang);
		return -1;
	}
	size_t have = 0;
	for (size_t i = 0; s->translations && i < s->nlessons; i++)
		have += s->translations[i] != NULL;
	if (zh && !have) {
		*cause = xasprintf(_("no Chinese lessons were found (%s/zh)"),
		                   s->lesson_dir ? s->lesson_dir : "lessons");
		return -1;
	}
	snprintf(s->lang, sizeof s->lang, "%s", lang);
	i18n_set_lang(lang);
	if (!s->originals)
		return 0;
	for (size_t i = 0; i < s->nlessons; i++) {
		struct lesson *to = zh && s->translations[i] ?
		                    s->translations[i] : s->originals[i];
		if (s->lesson == s->lessons[i])
			s->lesson = to;
		s->lessons[i] = to;
	}
	return 0;
}

struct lesson *session_find_lesson(const struct session *s, const char *name,
                                   char **cause)
{
	long number;
	if (parse_long(name, &number) == 0) {
		if (number >= 1 && (size_t)number <= s->nlessons)
			return s->lessons[number - 1];
		*cause = xasprintf(_("there is no lesson %ld (1 to %zu)"), number,
		                   s->nlessons);
		return NULL;
	}
	struct lesson *found = NULL;
	size_t matches = 0, len = strlen(name);
	for (size_t i = 0; i < s->nlessons; i++) {
		if (strcmp(s->lessons[i]->id, name) == 0)
			return s->lessons[i];
		if (strncmp(s->lessons[i]->id, name, len) == 0) {
			found = s->lessons[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1)
		*cause = xasprintf(_("'%s' matches several lessons; type "
		                     "more of its name"), name);
	else
		*cause = xasprintf(_("no lesson '%s' ('lessons' lists them)"),
		                   name);
	return NULL;
}

/* ---- executing lines -------------------------------------------------- */

void session_error(struct session *s, const char *text)
{
	free(s->last_error);
	s->last_error = xstrdup(text);
	s->ui->error(s->ui->self, text);
}

/* ---- what commands use ------------------------------------------------- */

int session_fail(struct session *s, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	session_error(s, msg ? msg : _("out of memory"));
	free(msg);
	return -1;
}

int session_wait_for(struct session *s, enum wait_kind kind, char *text,
                    int ms, int (*resume)(struct session *s))
{
	free(s->waiting.text);
	s->waiting = (struct waiting){ .kind = kind, .text = text, .ms = ms,
	                         .resume = resume };
	return CMD_WAIT;
}

void session_say(struct session *s, const char *text)
{
	s->ui->message(s->ui->self, text);
}

void session_say_text(struct session *s, struct strbuf *t)
{
	if (t->len && t->buf[t->len - 1] == '\n')
		t->buf[--t->len] = '\0';
	session_say(s, t->buf ? t->buf : "");
	strbuf_free(t);
}

int session_need_lesson(struct session *s)
{
	if (s->lesson)
		return 0;
	return session_fail(s, "%s", _("no lesson is open: 'lessons' lists "
	                    "them, 'open 1' starts the first"));
}

const struct lesson_step *session_step(const struct session *s)
{
	return &s->lesson->steps[s->step];
}

const char *session_question(const struct session *s)
{
	return s->ask == ASK_PREDICT ? "predict> " :
	       s->ask == ASK_RESET ? "reset? " :
	       s->ask == ASK_SOLUTION ? "solution? " : NULL;
}

char *session_prompt(const struct session *s)
{
	if (s->ask == ASK_PREDICT)
		return xstrdup("predict> ");
	if (s->ask == ASK_RESET)
		return xstrdup("reset? [y/N] ");
	if (s->ask == ASK_SOLUTION)
		return xstrdup("solution? [y/N] ");
	if (!s->lesson)
		return xstrdup("forklore> ");
	return xasprintf("forklore %s %zu/%zu> ", s->lesson->id, s->step + 1,
	                 s->lesson->nsteps);
}

void session_save_progress(struct session *s)
{
	static int complained;
	char *cause = NULL;
	if (progress_save(s->progress, &cause) != 0 && !complained++)
		session_error(s, cause);
	free(cause);
}

int session_scan_demo(const struct session *s, struct procmon_tree *tree)
{
	return runner_scan(s->runner, tree);
}

const struct lifecycle *session_record(const struct session *s)
{
	return runner_record(s->runner);
}

int session_escaped(const struct session *s, const struct procmon_proc *p)
{
	return runner_escaped(s->runner, p);
}

int session_demo_running(const struct session *s)
{
	return runner_busy(s->runner);
}

int session_signal(struct session *s, int sig)
{
	switch (sig) {
	case SIGCHLD:
		runner_reap(s->runner);
		return 1;
	case SIGTERM:
	case SIGHUP:
	case SIGQUIT:
		s->exit_signal = sig;
		s->quit = 1;
		return 1;
	default:
		return 0;
	}
}

int session_interrupt(struct session *s)
{
	if (!runner_busy(s->runner))
		return 0;
	runner_stop(s->runner);
	return 1;
}
