/* cmd_exercises.c - the exercises: exercises, try, edit, check, hint,
 * solution.
 *
 * `check` is a chain of waits on the command queue: the compiler runs as
 * a demo (its messages in the output, file:line), then the learner's
 * program runs as a demo under limits and the exact record, then the
 * facts are judged from the record, the output and what /proc said of
 * its zombies; with --watch it then waits for the file to change. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "exercise.h"
#include "exercise_lang.h"
#include "exrun.h"
#include "files.h"
#include "i18n.h"
#include "jail.h"
#include "progress.h"
#include "session.h"
#include "util.h"
#include "wrap.h"

/* What /proc said of a process the program made, once it had ended. */
struct zombie {
	pid_t pid, parent;
	double died;           /* seconds into the run */
	double reaped;         /* < 0: still a zombie when last looked */
	int by_forklore;       /* still there at the end, or orphaned */
};

struct exstate {
	struct exercise **list;
	size_t n;
	int loaded;
	/* Translations (lessons/zh/exercises), by the same index, or NULL;
	   when zh_shown, each has traded its words with its original. */
	struct exercise **zh;
	int zh_shown;
	size_t *hints;               /* hints given, per exercise */
	const struct exercise *current;
	/* The check under way. */
	const struct exercise *checking;
	char *file;                  /* the learner's file */
	char *dir;                   /* private: the binaries */
	char *binary;
	int watch;
	int saved;                   /* a save was seen: check once the file
	                                has stayed as it is for a poll */
	struct timespec mtime;
	off_t size;
	int compiling;
	size_t warnings;
	char **lines;                /* the program's output lines */
	size_t nlines;
	int timer;                   /* the zombie watch */
	struct zombie *z;
	size_t nz;
};

#define ZOMBIE_TICK_MS 20
#define CHECK_LINES_MAX 20000

/* ---- the list of exercises ------------------------------------------ */

static int lesson_order(const struct session *s, const char *id)
{
	for (size_t i = 0; i < s->nlessons; i++)
		if (!strcmp(s->lessons[i]->id, id))
			return (int)i;
	return -1;
}

static const struct session *sort_session;

static int by_place(const void *a, const void *b)
{
	const struct exercise *x = *(struct exercise *const *)a;
	const struct exercise *y = *(struct exercise *const *)b;
	int lx = lesson_order(sort_session, x->lesson);
	int ly = lesson_order(sort_session, y->lesson);
	if (lx != ly)
		return lx - ly;
	if (x->step != y->step)
		return x->step - y->step;
	return strcmp(x->name, y->name);
}

/* The translations of the exercises, read once they are (a bad one is
   reported, and its exercise stays in English). */
static void load_translations(struct session *s)
{
	struct exstate *x = s->ex;
	x->zh = xmalloc((x->n + 1) * sizeof *x->zh);
	for (size_t i = 0; i < x->n; i++) {
		x->zh[i] = NULL;
		char *dir = xasprintf("%s/zh/exercises/%s", s->lesson_dir,
		                      x->list[i]->name);
		char *header = xasprintf("%s/exercise", dir);
		struct stat st;
		char *error = NULL;
		if (stat(header, &st) == 0 &&
		    exercise_read_translation(dir, x->list[i], &x->zh[i],
		                              &error) != 0) {
			session_error(s, error);
			free(error);
		}
		free(header);
		free(dir);
	}
}

/* Show the exercises in the session's language: each translated one
   trades its words with its translation when the language changes. */
static void follow_lang(struct session *s)
{
	struct exstate *x = s->ex;
	int zh = !strcmp(s->lang, "zh");
	if (!x->zh || zh == x->zh_shown)
		return;
	for (size_t i = 0; i < x->n; i++)
		if (x->zh[i])
			exercise_swap_words(x->list[i], x->zh[i]);
	x->zh_shown = zh;
}

static int load_once(struct session *s);

/* The exercises, in the language shown: 0, or -1 when some were bad
   (each reported once). */
static int load(struct session *s)
{
	int rc = load_once(s);
	follow_lang(s);
	return rc;
}

/* The exercises beside the lessons, read and checked against them once:
   0, or -1 with each bad one reported. */
static int load_once(struct session *s)
{
	struct exstate *x = s->ex;
	if (x->loaded)
		return 0;
	x->loaded = 1;
	if (!s->lesson_dir)
		return 0;
	char *root = xasprintf("%s/exercises", s->lesson_dir);
	DIR *d = opendir(root);
	if (!d) {
		free(root);
		return 0;
	}
	struct dirent *de;
	int bad = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *dir = xasprintf("%s/%s", root, de->d_name);
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(dir);
			continue;
		}
		struct exercise *e = NULL;
		char *error = NULL;
		if (exercise_read(dir, &e, &error) != 0) {
			session_error(s, error);
			free(error);
			free(dir);
			bad = 1;
			continue;
		}
		free(dir);
		int at = lesson_order(s, e->lesson);
		if (at < 0 || (size_t)e->step > s->lessons[at]->nsteps) {
			/* TRANSLATORS: the first %s/exercise:%d is the
			   place in an exercise's file (FILE:LINE). */
			char *m = at < 0 ?
			    xasprintf(_("%s/exercise:%d: no lesson '%s'"),
			              e->dir, e->lesson_line, e->lesson) :
			    xasprintf(_("%s/exercise:%d: lesson %s has no "
			                "step %d"), e->dir, e->step_line,
			              e->lesson, e->step);
			session_error(s, m);
			free(m);
			exercise_free(e);
			bad = 1;
			continue;
		}
		x->list = xrealloc(x->list, (x->n + 1) * sizeof *x->list);
		x->list[x->n++] = e;
	}
	closedir(d);
	free(root);
	sort_session = s;
	qsort(x->list, x->n, sizeof *x->list, by_place);
	x->hints = xmalloc((x->n + 1) * sizeof *x->hints);
	memset(x->hints, 0, (x->n + 1) * sizeof *x->hints);
	load_translations(s);
	return bad ? -1 : 0;
}

static size_t index_of(const struct exstate *x, const struct exercise *e)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->list[i] == e)
			return i;
	return 0;
}

static const char *name_at(size_t i, void *arg)
{
	return ((struct exstate *)arg)->list[i]->name;
}

/* The exercise named, or else the one chosen last, or else the current
   step's (or the open lesson's first); NULL with the error shown. */
static const struct exercise *find(struct session *s, const char *name)
{
	struct exstate *x = s->ex;
	load(s);
	if (name) {
		for (size_t i = 0; i < x->n; i++)
			if (!strcmp(x->list[i]->name, name))
				return x->list[i];
		const char *near = suggest(name, name_at, x->n, x);
		if (near)
			session_fail(s, _("no exercise '%s' (did you mean "
			                  "'%s'?)"), name, near);
		else
			session_fail(s, _("no exercise '%s' ('exercises' lists "
			                  "them)"), name);
		return NULL;
	}
	if (x->current)
		return x->current;
	const struct exercise *first = NULL;
	for (size_t i = 0; s->lesson && i < x->n; i++) {
		const struct exercise *e = x->list[i];
		if (strcmp(e->lesson, s->lesson->id) != 0)
			continue;
		if ((size_t)e->step == s->step + 1)
			return e;
		if (!first)
			first = e;
	}
	if (first)
		return first;
	session_fail(s, "%s", _("no exercise chosen: 'exercises' lists them, "
	                        "and 'try NAME' starts one"));
	return NULL;
}

/* ---- the workspace ---------------------------------------------------- */

/* mkdir -p, for the workspace; 0 or -1 with errno. */
static int make_dirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*c = '/';
	}
	int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Where the learner's files go: `set workspace DIR`, $FORKLORE_WORKSPACE,
   $XDG_DATA_HOME/forklore/exercises, ~/.local/share/forklore/exercises. */
static char *workspace(const struct session *s)
{
	const char *set = settings_get(&s->settings, "workspace");
	if (set)
		return xstrdup(set);
	const char *env = getenv("FORKLORE_WORKSPACE");
	if (env && *env)
		return xstrdup(env);
	const char *data = getenv("XDG_DATA_HOME");
	if (data && data[0] == '/')
		return xasprintf("%s/forklore/exercises", data);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.local/share/forklore/exercises", home);
	return NULL;
}

/* The learner's file for e: malloc'ed, or NULL with the error shown. */
static char *learner_file(struct session *s, const struct exercise *e)
{
	char *ws = workspace(s);
	if (!ws) {
		session_fail(s, "%s", _("no place for your files: set HOME, "
		                        "XDG_DATA_HOME or FORKLORE_WORKSPACE, "
		                        "or 'set workspace DIR'"));
		return NULL;
	}
	char *path = xasprintf("%s/%s.%s", ws, e->name, exercise_ext(e));
	free(ws);
	return path;
}

/* The folder of all the exercises (lessons/exercises), where slowmo.h
   and slowmo.py are. malloc'ed. */
static char *exercises_dir(const struct exercise *e)
{
	char *dir = xstrdup(e->dir);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	return dir;
}

static char *exercise_file(const struct exercise *e, const char *base)
{
	return xasprintf("%s/%s.%s", e->dir, base, exercise_ext(e));
}

/* ---- exercises, try, hint, solution ---------------------------------- */

/* "solved", "attempted", "solution shown", both, or NULL (progress),
   as shown in the list: the progress file has words of its own. */
static const char *state_words(const struct session *s,
                               const struct exercise *e)
{
	int st = s->progress ? progress_exercise_state(s->progress, e->name) :
	         0;
	int shown = st & PROGRESS_SHOWN;
	if (st & PROGRESS_SOLVED)
		return shown ? _("solved, solution shown") : _("solved");
	if (st & PROGRESS_ATTEMPTED)
		return shown ? _("attempted, solution shown") :
		       _("attempted");
	return shown ? _("solution shown") : NULL;
}

int cmd_exercises(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct exstate *x = s->ex;
	load(s);
	if (x->n == 0)
		return session_fail(s, _("no exercises were found beside the "
		                         "lessons (%s/exercises)"),
		                    s->lesson_dir ? s->lesson_dir : "?");
	struct strbuf t = { 0 };
	const char *lesson = NULL;
	for (size_t i = 0; i < x->n; i++) {
		const struct exercise *e = x->list[i];
		if (s->lesson && strcmp(e->lesson, s->lesson->id) != 0)
			continue;
		if (!lesson || strcmp(lesson, e->lesson) != 0)
			strbuf_addf(&t, "%s:\n", e->lesson);
		lesson = e->lesson;
		const char *st = state_words(s, e);
		const char *language = e->language == EXERCISE_C ? "C" :
		                       "Python";
		if (st)
			/* TRANSLATORS: a line of the list of exercises: its
			   name, the step of the lesson it belongs to, its
			   language (C or Python), its title and its state
			   ("solved"...). Keep the widths (%-22s...). */
			strbuf_addf(&t, _("  %-22s step %-2d %-6s %s (%s)\n"),
			            e->name, e->step, language, e->title, st);
		else
			/* TRANSLATORS: a line of the list of exercises: its
			   name, the step of the lesson it belongs to, its
			   language (C or Python) and its title. Keep the
			   widths (%-22s...). */
			strbuf_addf(&t, _("  %-22s step %-2d %-6s %s\n"),
			            e->name, e->step, language, e->title);
	}
	strbuf_adds(&t, s->lesson ?
	            _("'try NAME' starts one; with no lesson open, "
	              "'exercises' lists them all.\n") :
	            _("'try NAME' starts one.\n"));
	session_say_text(s, &t);
	return 0;
}

static void show_task(struct session *s, const struct exercise *e,
                      const char *file, int kept)
{
	struct strbuf t = { 0 };
	/* TRANSLATORS: the exercise's name, its lesson, its step, its
	   language (C or Python), and its title. */
	char *title = xasprintf(_("Exercise %s (lesson %s, step %d, %s): %s"),
	                        e->name, e->lesson, e->step,
	                        e->language == EXERCISE_C ? "C" : "Python",
	                        e->title);
	if (s->ui->task) {
		/* The task in the lesson pane; the output has the rest. */
		/* TRANSLATORS: the exercise's task, then the learner's
		   file. */
		char *text = xasprintf(_("%s\n\nYour file: %s\n'edit' opens "
		                         "it, 'check' checks it, 'hint' helps; "
		                         "'show' brings the step back."),
		                       e->task, file);
		s->ui->task(s->ui->self, title, text);
		free(text);
		strbuf_addf(&t, _("%s\n(the task is in the lesson pane)\n"),
		            title);
	} else {
		strbuf_addf(&t, "%s\n\n%s\n\n", title, e->task);
	}
	free(title);
	strbuf_addf(&t, kept ? _("Your file (kept as it was): %s\n") :
	            _("Your file: %s\n"), file);
	/* TRANSLATORS: the number of facts 'check' judges, then the
	   number of hints. */
	strbuf_addf(&t, ngettext("'edit' opens it, 'check' checks it (%zu "
	                         "fact), 'hint' gives a hint (%zu in "
	                         "all).\n",
	                         "'edit' opens it, 'check' checks it (%zu "
	                         "facts), 'hint' gives a hint (%zu in "
	                         "all).\n", e->nfacts),
	            e->nfacts, e->nhints);
	session_say_text(s, &t);
}

int cmd_try(struct session *s, int argc, char **argv)
{
	const struct exercise *e = find(s, argc > 1 ? argv[1] : NULL);
	if (!e)
		return -1;
	char *file = learner_file(s, e);
	if (!file)
		return -1;
	int kept = 0;
	struct stat st;
	if (stat(file, &st) == 0) {
		kept = 1;                 /* never written over */
	} else {
		char *dir = xstrdup(file);
		*strrchr(dir, '/') = '\0';
		char *start = exercise_file(e, "start");
		char *cause = NULL;
		size_t len;
		char *text = files_read_regular(start, "exercise file",
		                                1024 * 1024, &len, &cause);
		int rc = -1;
		if (!text)
			rc = session_fail(s, "%s: %s", start, cause);
		else if (make_dirs(dir) != 0)
			rc = session_fail(s, _("cannot make %s: %s"), dir,
			                  strerror(errno));
		else if (files_write_new(file, text, 0644) != 0)
			rc = session_fail(s, _("cannot write %s: %s"), file,
			                  strerror(errno));
		else
			rc = 0;
		free(text);
		free(cause);
		free(start);
		free(dir);
		if (rc != 0) {
			free(file);
			return -1;
		}
	}
	s->ex->current = e;
	show_task(s, e, file, kept);
	free(file);
	return 0;
}

int cmd_hint(struct session *s, int argc, char **argv)
{
	const struct exercise *e = find(s, argc > 1 ? argv[1] : NULL);
	if (!e)
		return -1;
	struct exstate *x = s->ex;
	size_t *given = &x->hints[index_of(x, e)];
	if (*given >= e->nhints) {
		/* TRANSLATORS: the exercise, then the number of its hints,
		   twice. */
		char *m = xasprintf(_("That was the last hint for %s (%zu of "
		                      "%zu); 'solution' shows the reference "
		                      "solution."), e->name, e->nhints,
		                    e->nhints);
		session_say(s, m);
		free(m);
		return 0;
	}
	size_t k = (*given)++;
	/* TRANSLATORS: the hint's number, how many there are, the
	   exercise, then the hint's text. */
	char *m = xasprintf(_("Hint %zu of %zu for %s:\n%s"), k + 1,
	                    e->nhints, e->name, e->hints[k]);
	session_say(s, m);
	free(m);
	if (s->progress) {
		progress_exercise(s->progress, e->lesson, e->name,
		                  PROGRESS_HINTS, k + 1);
		session_save_progress(s);
	}
	return 0;
}

int cmd_solution(struct session *s, int argc, char **argv)
{
	const struct exercise *e = find(s, argc > 1 ? argv[1] : NULL);
	if (!e)
		return -1;
	s->ask = ASK_SOLUTION;
	s->ex->current = e;
	/* TRANSLATORS: the answer is read as y or yes (anything else is
	   no): keep [y/N]. */
	char *m = xasprintf(_("Show the reference solution of %s? Your "
	                      "progress will say it was shown. [y/N]"),
	                    e->name);
	session_say(s, m);
	free(m);
	return 0;
}

int cmd_solution_answered(struct session *s, const char *answer)
{
	const struct exercise *e = s->ex->current;
	if (!e || (strcasecmp(answer, "y") && strcasecmp(answer, "yes"))) {
		session_say(s, _("The solution stays hidden."));
		return 0;
	}
	char *path = exercise_file(e, "solution");
	char *cause = NULL;
	size_t len;
	char *text = files_read_regular(path, "exercise file", 1024 * 1024,
	                                &len, &cause);
	int rc = 0;
	if (!text) {
		rc = session_fail(s, "%s: %s", path, cause);
	} else {
		/* TRANSLATORS: the exercise, its solution's file, then
		   the solution's text. */
		char *m = xasprintf(_("The reference solution of %s (%s):\n%s"),
		                    e->name, path, text);
		session_say(s, m);
		free(m);
		if (s->progress) {
			progress_exercise(s->progress, e->lesson, e->name,
			                  PROGRESS_SHOWN, 0);
			session_save_progress(s);
		}
	}
	free(text);
	free(cause);
	free(path);
	return rc;
}

/* ---- edit -------------------------------------------------------------- */

int cmd_edit(struct session *s, int argc, char **argv)
{
	const struct exercise *e = find(s, argc > 1 ? argv[1] : NULL);
	if (!e)
		return -1;
	if (runner_busy(s->runner))
		return session_fail(s, "%s", _("a demo is running: 'stop' it "
		                               "or 'wait' for it first"));
	char *file = learner_file(s, e);
	if (!file)
		return -1;
	struct stat st;
	if (stat(file, &st) != 0) {
		session_fail(s, _("%s has no file yet: 'try %s' makes it"),
		             e->name, e->name);
		free(file);
		return -1;
	}
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	s->ex->current = e;
	if (s->ui->suspend)
		s->ui->suspend(s->ui->self, 1);
	pid_t pid = fork();
	if (pid == 0) {
		/* The editor gets the terminal as a shell would give it. */
		for (int sig = 1; sig < NSIG; sig++)
			if (sig != SIGKILL && sig != SIGSTOP)
				signal(sig, SIG_DFL);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/* EDITOR may hold arguments ("code -w"): a shell splits it. */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, file,
		      (char *)NULL);
		_exit(127);
	}
	int status = 0, err = pid < 0 ? errno : 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (s->ui->suspend)
		s->ui->suspend(s->ui->self, 0);
	int rc = 0;
	if (pid < 0)
		rc = session_fail(s, _("cannot start the editor: %s"),
		                  strerror(err));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		rc = session_fail(s, _("cannot run the editor '%s': set VISUAL "
		                       "or EDITOR to one you have"), editor);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = session_fail(s, _("the editor '%s' failed; your file is "
		                       "as it saved it: %s"), editor, file);
	else {
		/* TRANSLATORS: the editor, then the learner's file. */
		char *m = xasprintf(_("Back from %s; 'check' checks %s."),
		                    editor, file);
		session_say(s, m);
		free(m);
	}
	free(file);
	return rc;
}

/* ---- check: the runs ---------------------------------------------------- */

static void forget_run(struct exstate *x)
{
	for (size_t i = 0; i < x->nlines; i++)
		free(x->lines[i]);
	free(x->lines);
	x->lines = NULL;
	x->nlines = 0;
	free(x->z);
	x->z = NULL;
	x->nz = 0;
	x->warnings = 0;
}

static void on_line(struct session *s, const struct tagline *line)
{
	struct exstate *x = s->ex;
	if (x->compiling) {
		if (memmem(line->text, line->len, "warning:", 8))
			x->warnings++;
		return;
	}
	if (x->nlines >= CHECK_LINES_MAX)
		return;
	x->lines = xrealloc(x->lines, (x->nlines + 1) * sizeof *x->lines);
	char *t = xmalloc(line->len + 1);
	memcpy(t, line->text, line->len);
	t[line->len] = '\0';
	x->lines[x->nlines++] = t;
}

/* The state of process pid in /proc: 'Z', another letter, or 0 when it
   is gone. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Look at every process of the run that has ended: is it still a
   zombie? at_end: the run is over, so the ones still unreaped were
   reaped by forklore. */
static void look_at_zombies(struct session *s, int at_end)
{
	struct exstate *x = s->ex;
	const struct lifecycle *l = runner_record(s->runner);
	double now = monotonic_seconds() - l->started;
	for (size_t i = 1; i < l->ntasks; i++) {
		const struct lifecycle_task *t = &l->tasks[i];
		if (t->is_thread || t->ended < 0)
			continue;
		struct zombie *z = NULL;
		for (size_t k = 0; k < x->nz && !z; k++)
			if (x->z[k].pid == t->id)
				z = &x->z[k];
		if (!z) {
			x->z = xrealloc(x->z, (x->nz + 1) * sizeof *x->z);
			z = &x->z[x->nz++];
			*z = (struct zombie){ t->id, t->parent, t->ended, -1, 0 };
		}
		if (z->reaped >= 0)
			continue;
		if (t->adopted_end >= 0) {
			/* Its parent ended without waiting: forklore, the
			   subreaper, reaped it. */
			z->reaped = t->adopted_end;
			z->by_forklore = 1;
			continue;
		}
		if (at_end) {
			z->reaped = l->length;
			z->by_forklore = 1;
			continue;
		}
		if (proc_state(t->id) != 'Z')
			z->reaped = now;          /* its parent waited */
	}
}

static void on_zombie_tick(void *arg)
{
	struct session *s = arg;
	s->ex->timer = 0;
	look_at_zombies(s, 0);
	if (runner_busy(s->runner))
		s->ex->timer = loop_add_timer(s->loop, ZOMBIE_TICK_MS,
		                              on_zombie_tick, s);
}

static int check_judged(struct session *s);
static int check_compiled(struct session *s);
static int watch_poll(struct session *s);

static int start_run(struct session *s, const struct demo *demo)
{
	char *cause = NULL;
	watch_forget(&s->watch);
	if (runner_start(s->runner, demo, (long[DEMO_MAX_PARAMS]){ 0 }, 1.0,
	                 s->settings.seed, &cause) != 0) {
		runner_set_limits(s->runner, NULL);
		session_fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	s->last_run.python = 0;
	s->line_event = on_line;       /* until the check is judged */
	s->ui->demo_started(s->ui->self, demo->name, runner_root(s->runner));
	return 0;
}

/* The file's time and size, to see a save. */
static void note_file(struct exstate *x)
{
	struct stat st;
	if (stat(x->file, &st) == 0) {
		x->mtime = st.st_mtim;
		x->size = st.st_size;
	}
}

static int check_start(struct session *s)
{
	struct exstate *x = s->ex;
	const struct exercise *e = x->checking;
	forget_run(x);
	note_file(x);
	if (e->language == EXERCISE_PYTHON) {
		x->compiling = 0;
		return check_compiled(s);
	}
	if (!x->dir) {
		const char *tmp = getenv("TMPDIR");
		if (!tmp || tmp[0] != '/' || strlen(tmp) > PATH_MAX - 64)
			tmp = "/tmp";
		char *dir = xasprintf("%s/forklore-exercise-XXXXXX", tmp);
		if (!mkdtemp(dir)) {
			session_fail(s, _("cannot make a directory in %s: %s"),
			             tmp, strerror(errno));
			free(dir);
			return -1;
		}
		x->dir = dir;
	}
	free(x->binary);
	x->binary = xasprintf("%s/%s", x->dir, e->name);
	unlink(x->binary);
	char *cause = NULL;
	char *include = exercises_dir(e);
	const struct demo *cc = exrun_compile(x->file, x->binary, include,
	                                      &cause);
	free(include);
	if (!cc) {
		session_fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	/* TRANSLATORS: 'check' is the command; the exercise, then the
	   compiler's command line. */
	char *m = xasprintf(_("check %s: compiling: %s"), e->name,
	                    exrun_command());
	session_say(s, m);
	free(m);
	x->compiling = 1;
	if (start_run(s, cc) != 0)
		return -1;
	return session_wait_for(s, WAIT_DEMO, NULL, 0, check_compiled);
}

/* After a failed or stopped step: watch for the next save, or end. */
static int not_passed(struct session *s)
{
	struct exstate *x = s->ex;
	s->line_event = NULL;
	if (!x->watch || s->last_run.stopped)
		return -1;
	char *m = xasprintf(_("Watching %s: each save checks it again "
	                      "(Ctrl-C stops watching)."), x->file);
	session_say(s, m);
	free(m);
	int rc = session_wait_for(s, WAIT_TIME, NULL, 200, watch_poll);
	s->waiting.interruptible = 1;
	return rc;
}

static int check_compiled(struct session *s)
{
	struct exstate *x = s->ex;
	const struct exercise *e = x->checking;
	if (x->compiling) {
		x->compiling = 0;
		int st = s->last_run.status;
		if (s->last_run.stopped) {
			session_fail(s, _("check %s: stopped while compiling"),
			             e->name);
			return not_passed(s);
		}
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			/* TRANSLATORS: the exercise, then the learner's
			   file. */
			session_fail(s, _("check %s: %s does not compile; the "
			                  "compiler's messages above say where "
			                  "(FILE:LINE)"), e->name, x->file);
			return not_passed(s);
		}
	}
	struct exrun_program p = {
		.path = e->language == EXERCISE_C ? x->binary : x->file,
		.python = e->language == EXERCISE_PYTHON,
		.args = e->args, .nargs = e->nargs, .slowmo = e->slowmo,
		.memory_mib = e->limits.memory ? e->limits.memory :
		              EXERCISE_DEFAULT_MEMORY,
		.cpu_seconds = e->limits.cpu ? e->limits.cpu :
		               EXERCISE_DEFAULT_CPU,
		.file_mib = 16,
	};
	char *include = exercises_dir(e);
	p.include_dir = include;
	char *cause = NULL;
	const struct demo *prog = exrun_run(&p, &cause);
	if (!prog) {
		free(include);
		session_fail(s, "%s", cause);
		free(cause);
		s->line_event = NULL;
		return -1;
	}
	struct runner_limits lim = {
		.tasks = (int)(e->limits.tasks ? e->limits.tasks :
		               EXERCISE_DEFAULT_TASKS),
		.output = (size_t)(e->limits.output ? e->limits.output :
		                   EXERCISE_DEFAULT_OUTPUT) * 1024,
		.wall_ms = (int)(e->limits.seconds ? e->limits.seconds :
		                 EXERCISE_DEFAULT_SECONDS) * 1000,
		.need_trace = 1,
	};
	/* The kernel's own wall behind the tracer's count, a little
	   higher, so that the count is what ends a fork bomb. */
	int caged = jail_create(lim.tasks + 8, p.memory_mib) == 0;
	/* TRANSLATORS: the program's command line, run with the
	   environment variable FORKLORE_SLOWMO set to 1. */
	char *command = e->slowmo ? xasprintf(_("%s with FORKLORE_SLOWMO=1"),
	                                      exrun_command()) :
	                xstrdup(exrun_command());
	char *m = caged ?
	    /* TRANSLATORS: 'check' is the command; the exercise, the
	       command line, its limits, then a cgroup ("a cgroup with
	       pids.max 72"). */
	    xasprintf(_("check %s: running %s (limits: %d processes and "
	                "threads at once, %g s, %ld s of CPU, %ld MiB of "
	                "memory, %zu KiB of output; inside %s)"), e->name,
	              command, lim.tasks, lim.wall_ms / 1000.0,
	              p.cpu_seconds, p.memory_mib, lim.output / 1024,
	              jail_describe()) :
	    /* TRANSLATORS: 'check' is the command; the exercise, the
	       command line, then its limits. */
	    xasprintf(_("check %s: running %s (limits: %d processes and "
	                "threads at once, %g s, %ld s of CPU, %ld MiB of "
	                "memory, %zu KiB of output)"), e->name, command,
	              lim.tasks, lim.wall_ms / 1000.0, p.cpu_seconds,
	              p.memory_mib, lim.output / 1024);
	free(command);
	session_say(s, m);
	free(m);
	runner_set_limits(s->runner, &lim);
	int rc = start_run(s, prog);
	free(include);
	if (rc != 0) {
		jail_remove();
		s->line_event = NULL;
		return -1;
	}
	x->timer = loop_add_timer(s->loop, ZOMBIE_TICK_MS, on_zombie_tick, s);
	return session_wait_for(s, WAIT_DEMO, NULL, 0, check_judged);
}

/* ---- check: the facts --------------------------------------------------- */

struct verdict {
	struct strbuf t;
	size_t passed, failed;
};

static void say_fact(struct verdict *v, int ok, const char *what,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say_fact(struct verdict *v, int ok, const char *what,
                     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *seen = NULL;
	if (vasprintf(&seen, fmt, ap) < 0)
		seen = NULL;
	va_end(ap);
	/* The verdict in a column of 6, by display width. */
	const char *word = ok ? _("ok") : _("FAILED");
	size_t w = wrap_width(word, strlen(word));
	strbuf_addf(&v->t, "  %s%*s ", word, w < 6 ? (int)(6 - w) : 0, "");
	/* TRANSLATORS: a fact of an exercise, then what the check saw
	   of it. */
	strbuf_addf(&v->t, _("%s: %s\n"), what, seen ? seen : "");
	free(seen);
	if (ok)
		v->passed++;
	else
		v->failed++;
}

/* Is task i the program's? Not a thread of the first process from before
   its exec: forklore's side of the run (a sanitizer's helper thread). */
static int ours(const struct lifecycle *l, size_t i)
{
	const struct lifecycle_task *t = &l->tasks[i], *root = &l->tasks[0];
	if (i == 0 || !t->is_thread || t->process != root->id)
		return i != 0;
	return !root->nexecs || t->born >= root->execs[0].at;
}

/* The most tasks alive at one moment, of threads (threads != 0) or of
   processes; ends go before births at the same moment. */
struct moment { double at; int delta; };

static int by_moment(const void *a, const void *b)
{
	const struct moment *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->delta - y->delta;
}

static long most_at_once(const struct lifecycle *l, int threads)
{
	struct moment *m = xmalloc((2 * l->ntasks + 1) * sizeof *m);
	size_t n = 0;
	for (size_t i = 0; i < l->ntasks; i++) {
		const struct lifecycle_task *t = &l->tasks[i];
		if (!!t->is_thread != !!threads || (i && !ours(l, i)))
			continue;
		m[n++] = (struct moment){ t->born, +1 };
		m[n++] = (struct moment){ t->ended >= 0 ? t->ended : 1e9, -1 };
	}
	qsort(m, n, sizeof *m, by_moment);
	long live = 0, most = 0;
	for (size_t i = 0; i < n; i++) {
		live += m[i].delta;
		if (live > most)
			most = live;
	}
	free(m);
	return most;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A count judged against its range, with the pids ("(4312 4313 and 2
   more)") of the processes or threads made. */
static void made_in_range(struct verdict *v, const char *what, long got,
                          long min, long max, const struct lifecycle *l,
                          int threads)
{
	struct strbuf t = { 0 };
	size_t n = 0;
	for (size_t i = 1; i < l->ntasks; i++) {
		if (!!l->tasks[i].is_thread != !!threads || !ours(l, i))
			continue;
		if (n++ < 8)
			strbuf_addf(&t, "%s%d", n == 1 ? "" : " ",
			            (int)l->tasks[i].id);
	}
	int ok = got >= min && got <= max;
	if (n > 8)
		/* TRANSLATORS: how many processes or threads were made,
		   the first 8 of their pids, then how many more. */
		say_fact(v, ok, what, _("%ld (%s and %zu more)"), got, t.buf,
		         n - 8);
	else if (n)
		/* TRANSLATORS: how many processes or threads were made,
		   then their pids. */
		say_fact(v, ok, what, _("%ld (%s)"), got, t.buf);
	else
		say_fact(v, ok, what, "%ld", got);
	strbuf_free(&t);
}

/* The most alive at one moment, judged against its range. */
static void at_once_in_range(struct verdict *v, const char *what, long got,
                             long min, long max)
{
	/* TRANSLATORS: the most processes (or threads) the program had
	   alive at one moment. */
	say_fact(v, got >= min && got <= max, what, _("%ld at one moment"),
	         got);
}

static void judge_output(struct session *s, struct verdict *v,
                         const struct exercise_fact *f, const char *what)
{
	struct exstate *x = s->ex;
	regex_t re;
	if (regcomp(&re, f->regex, REG_EXTENDED) != 0) {
		say_fact(v, 0, what, "%s",
		         _("the regular expression does not compile"));
		return;
	}
	long count = 0;
	char **seen = NULL;
	size_t nseen = 0;
	const char *example = NULL;
	for (size_t i = 0; i < x->nlines; i++) {
		regmatch_t m[2];
		if (regexec(&re, x->lines[i], 2, m, 0) != 0)
			continue;
		count++;
		if (!example)
			example = x->lines[i];
		if (f->kind != FACT_DISTINCT || m[1].rm_so < 0)
			continue;
		int len = (int)(m[1].rm_eo - m[1].rm_so);
		char *val = xasprintf("%.*s", len, x->lines[i] + m[1].rm_so);
		size_t k = 0;
		while (k < nseen && strcmp(seen[k], val))
			k++;
		if (k < nseen) {
			free(val);
			continue;
		}
		seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
		seen[nseen++] = val;
	}
	regfree(&re);
	if (f->kind == FACT_OUTPUT) {
		int ok = count >= f->min && count <= f->max;
		if (example)
			say_fact(v, ok, what,
			         /* TRANSLATORS: how many lines of the
			            program's output matched, of how many,
			            then the first line that matched, as the
			            program wrote it. */
			         ngettext("%ld of %zu line matched (the "
			                  "first: \"%s\")", "%ld of %zu lines "
			                  "matched (the first: \"%s\")",
			                  x->nlines), count, x->nlines, example);
		else
			say_fact(v, ok, what,
			         /* TRANSLATORS: how many lines of the
			            program's output matched, of how many. */
			         ngettext("%ld of %zu line matched",
			                  "%ld of %zu lines matched",
			                  x->nlines), count, x->nlines);
	} else {
		struct strbuf t = { 0 };
		for (size_t k = 0; k < nseen && k < 8; k++)
			strbuf_addf(&t, "%s%s", k ? " " : "", seen[k]);
		if (nseen > 8)
			strbuf_addf(&t, " ...");
		int ok = (long)nseen >= f->min && (long)nseen <= f->max;
		if (nseen)
			/* TRANSLATORS: how many distinct values the
			   program's output lines had, then the values (the
			   first 8, then "..."). */
			say_fact(v, ok, what, _("%zu distinct (%s)"), nseen,
			         t.buf);
		else
			say_fact(v, ok, what, _("%zu distinct"), nseen);
		strbuf_free(&t);
	}
	for (size_t k = 0; k < nseen; k++)
		free(seen[k]);
	free(seen);
}

static void judge_fact(struct session *s, struct verdict *v,
                       const struct exercise_fact *f)
{
	struct exstate *x = s->ex;
	const struct lifecycle *l = runner_record(s->runner);
	char *what = exercise_fact_words(f);
	int st = s->last_run.status;
	long processes = 0, threads = 0;
	for (size_t i = 1; i < l->ntasks; i++)
		if (!ours(l, i))
			continue;
		else if (l->tasks[i].is_thread)
			threads++;
		else
			processes++;
	switch (f->kind) {
	case FACT_EXIT:
		if (WIFEXITED(st))
			say_fact(v, WEXITSTATUS(st) == f->min, what,
			         _("exit status %d"), WEXITSTATUS(st));
		else if (WIFSIGNALED(st))
			/* TRANSLATORS: the signal's number, then its
			   name. */
			say_fact(v, 0, what, _("it was killed by signal %d "
			                       "(%s)"), WTERMSIG(st),
			         strsignal(WTERMSIG(st)));
		else
			say_fact(v, 0, what, "%s",
			         _("it did not end by itself"));
		break;
	case FACT_TIME:
		say_fact(v, s->last_run.seconds <= f->seconds, what,
		         _("it took %.2f s"), s->last_run.seconds);
		break;
	case FACT_ZOMBIES: {
		const struct zombie *worst = NULL;
		for (size_t k = 0; k < x->nz; k++)
			if (!worst || x->z[k].reaped - x->z[k].died >
			              worst->reaped - worst->died)
				worst = &x->z[k];
		if (!worst) {
			say_fact(v, 1, what, "%s",
			         _("no process it made ended"));
			break;
		}
		double d = worst->reaped - worst->died;
		if (worst->by_forklore)
			say_fact(v, d <= f->seconds, what,
			         /* TRANSLATORS: the pid of the process that
			            stayed a zombie longest, then for how
			            long. */
			         _("the longest: pid %d was a zombie for %.2f "
			           "s (its parent never waited for it: "
			           "forklore reaped it once its parent had "
			           "ended)"), (int)worst->pid, d < 0 ? 0 : d);
		else
			say_fact(v, d <= f->seconds, what,
			         /* TRANSLATORS: the pid of the process that
			            stayed a zombie longest, then for how
			            long. */
			         _("the longest: pid %d was a zombie for %.2f "
			           "s (then its parent waited for it)"),
			         (int)worst->pid, d < 0 ? 0 : d);
		break;
	}
	case FACT_PROCESSES:
		made_in_range(v, what, processes, f->min, f->max, l, 0);
		break;
	case FACT_AT_ONCE:
		at_once_in_range(v, what, most_at_once(l, 0), f->min, f->max);
		break;
	case FACT_THREADS:
		made_in_range(v, what, threads, f->min, f->max, l, 1);
		break;
	case FACT_THREADS_AT_ONCE:
		at_once_in_range(v, what, most_at_once(l, 1), f->min, f->max);
		break;
	case FACT_NAMES: {
		char **got = xmalloc((l->ntasks + 1) * sizeof *got);
		size_t n = 0;
		for (size_t i = 1; i < l->ntasks; i++)
			if (l->tasks[i].is_thread && ours(l, i))
				got[n++] = (char *)lifecycle_last_name(&l->tasks[i]);
		char **want = xmalloc((f->nnames + 1) * sizeof *want);
		memcpy(want, f->names, f->nnames * sizeof *want);
		qsort(got, n, sizeof *got, by_string);
		qsort(want, f->nnames, sizeof *want, by_string);
		int same = n == f->nnames;
		for (size_t k = 0; same && k < n; k++)
			same = !strcmp(got[k], want[k]);
		struct strbuf t = { 0 };
		for (size_t k = 0; k < n && k < 16; k++)
			strbuf_addf(&t, "%s'%s'", k ? ", " : "", got[k]);
		if (n)
			/* TRANSLATORS: the names of the program's threads,
			   each in quotes ('worker-1', 'worker-2'). */
			say_fact(v, same, what, _("its threads were named %s"),
			         t.buf);
		else
			say_fact(v, same, what, "%s", _("it made no thread"));
		strbuf_free(&t);
		free(got);
		free(want);
		break;
	}
	case FACT_OUTPUT:
	case FACT_DISTINCT:
		judge_output(s, v, f, what);
		break;
	case FACT_COUNT:
		break;
	}
	free(what);
}

static int check_judged(struct session *s)
{
	struct exstate *x = s->ex;
	const struct exercise *e = x->checking;
	s->line_event = NULL;
	jail_remove();
	if (x->timer)
		loop_cancel_timer(s->loop, x->timer);
	x->timer = 0;
	look_at_zombies(s, 0);
	look_at_zombies(s, 1);
	const struct lifecycle *l = runner_record(s->runner);
	if (s->last_run.stopped && !s->last_run.limit[0]) {
		session_fail(s, _("check %s: stopped; nothing was judged"),
		             e->name);
		return not_passed(s);
	}
	struct verdict v = { 0 };
	/* TRANSLATORS: 'check' is the command; the exercise, the
	   learner's file, then the pid its program ran as. */
	strbuf_addf(&v.t, _("check %s: %s, as pid %d\n"), e->name, x->file,
	            l->ntasks ? (int)l->tasks[0].id : 0);
	if (x->warnings)
		strbuf_addf(&v.t, ngettext("  (the compiler gave %zu warning: "
		                           "worth reading)\n", "  (the "
		                           "compiler gave %zu warnings: worth "
		                           "reading)\n", x->warnings),
		            x->warnings);
	for (size_t i = 0; i < e->nfacts; i++)
		judge_fact(s, &v, &e->facts[i]);
	if (s->last_run.limit[0])
		say_fact(&v, 0, _("it stays within its limits"),
		         /* TRANSLATORS: %s is the limit the program
		            crossed. */
		         _("forklore ended it: %s"), s->last_run.limit);
	const char *alone = _("nothing is left running when its first "
	                      "process ends");
	if (s->last_run.left_behind)
		/* TRANSLATORS: how many processes of the program were
		   still running when its first process ended. */
		say_fact(&v, 0, alone, ngettext("%d process was left behind "
		                                "(forklore ended them)",
		                                "%d processes were left behind "
		                                "(forklore ended them)",
		                                (unsigned long)
		                                s->last_run.left_behind),
		         s->last_run.left_behind);
	else
		/* TRANSLATORS: nothing was left running. */
		say_fact(&v, 1, alone, "%s", _("nothing was"));
	if (l->dropped)
		strbuf_addf(&v.t, _("  (the record kept only %zu tasks: the "
		                    "counts are at least these)\n"), l->ntasks);
	int passed = v.failed == 0;
	if (passed)
		strbuf_addf(&v.t, _("Every fact holds: %s is solved."),
		            e->name);
	else
		/* TRANSLATORS: how many facts hold, of how many. */
		strbuf_addf(&v.t, _("%zu of %zu facts hold."), v.passed,
		            v.passed + v.failed);
	session_say_text(s, &v.t);
	if (s->progress) {
		progress_exercise(s->progress, e->lesson, e->name, passed ?
		                  PROGRESS_SOLVED : PROGRESS_ATTEMPTED, 0);
		session_save_progress(s);
	}
	if (passed) {
		x->watch = 0;
		return 0;
	}
	/* TRANSLATORS: 'check' is the command; the exercise, then how
	   many of its facts did not hold. */
	session_fail(s, ngettext("check %s: %zu fact did not hold ('hint' "
	                         "gives a hint)", "check %s: %zu facts did "
	                         "not hold ('hint' gives a hint)", v.failed),
	             e->name, v.failed);
	return not_passed(s);
}

/* check --watch: has the file been saved since? */
static int watch_poll(struct session *s)
{
	struct exstate *x = s->ex;
	struct stat st;
	int changed = stat(x->file, &st) == 0 &&
	              (st.st_mtim.tv_sec != x->mtime.tv_sec ||
	               st.st_mtim.tv_nsec != x->mtime.tv_nsec ||
	               st.st_size != x->size);
	if (changed) {
		/* Saved: check once it has stayed so for a poll (an editor
		   may write in steps). */
		note_file(x);
		x->saved = 1;
	} else if (x->saved) {
		x->saved = 0;
		char *m = xasprintf(_("%s changed: checking again."), x->file);
		session_say(s, m);
		free(m);
		return check_start(s);
	}
	int rc = session_wait_for(s, WAIT_TIME, NULL, 200, watch_poll);
	s->waiting.interruptible = 1;
	return rc;
}

int cmd_check(struct session *s, int argc, char **argv)
{
	struct exstate *x = s->ex;
	int watch = 0;
	const char *args[2] = { NULL, NULL };
	size_t nargs = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--watch") || !strcmp(argv[i], "-w"))
			watch = 1;
		else if (argv[i][0] == '-')
			return session_fail(s, _("check takes --watch, an "
			                         "exercise's name and a file, "
			                         "not '%s'"), argv[i]);
		else if (nargs < 2)
			args[nargs++] = argv[i];
		else
			return session_fail(s, "%s", _("check [--watch] [NAME "
			                               "[FILE]]: too many "
			                               "arguments"));
	}
	if (runner_busy(s->runner))
		return session_fail(s, "%s", _("a demo is running: 'stop' it "
		                               "or 'wait' for it first"));
	if (!runner_tracing(s->runner))
		return session_fail(s, "%s", _("check needs the exact record, "
		                               "which --no-trace switched off: "
		                               "it counts the program's "
		                               "processes with it"));
	const struct exercise *e = find(s, args[0]);
	if (!e)
		return -1;
	char *file = args[1] ? xstrdup(args[1]) : learner_file(s, e);
	if (!file)
		return -1;
	if (file[0] != '/') {
		char cwd[PATH_MAX];
		if (getcwd(cwd, sizeof cwd)) {
			char *abs = xasprintf("%s/%s", cwd, file);
			free(file);
			file = abs;
		}
	}
	char *cause = NULL;
	int fd = files_open_regular(file, "program", 1024 * 1024, &cause);
	if (fd < 0) {
		if (errno == ENOENT && !args[1])
			session_fail(s, _("%s has no file yet: 'try %s' makes "
			                  "it"), e->name, e->name);
		else
			session_fail(s, "%s: %s", file, cause);
		free(cause);
		free(file);
		return -1;
	}
	close(fd);
	size_t el = strlen(exercise_ext(e)), fl = strlen(file);
	if (fl <= el || file[fl - el - 1] != '.' ||
	    strcmp(file + fl - el, exercise_ext(e)) != 0) {
		/* TRANSLATORS: the exercise, its language (C or Python),
		   then its files' extension (c or py). */
		session_fail(s, _("%s is a %s exercise: its file ends in .%s"),
		             e->name, e->language == EXERCISE_C ? "C" :
		             "Python", exercise_ext(e));
		free(file);
		return -1;
	}
	free(x->file);
	x->file = file;
	x->checking = e;
	x->watch = watch;
	s->ex->current = e;
	return check_start(s);
}

/* ---- the session's side ------------------------------------------------ */

void exercises_init(struct session *s)
{
	s->ex = xmalloc(sizeof *s->ex);
	memset(s->ex, 0, sizeof *s->ex);
}

void exercises_free(struct session *s)
{
	struct exstate *x = s->ex;
	if (!x)
		return;
	jail_remove();          /* left if the session ended mid-check */
	forget_run(x);
	for (size_t i = 0; i < x->n; i++) {
		exercise_free(x->list[i]);
		if (x->zh)
			exercise_free(x->zh[i]);
	}
	free(x->list);
	free(x->zh);
	free(x->hints);
	free(x->file);
	if (x->binary)
		unlink(x->binary);
	free(x->binary);
	if (x->dir)
		rmdir(x->dir);
	free(x->dir);
	free(x);
	s->ex = NULL;
}

int exercises_watch_stopped(struct session *s)
{
	struct exstate *x = s->ex;
	if (!x || !x->watch)
		return 0;
	x->watch = 0;
	char *m = xasprintf(_("Stopped watching %s."), x->file);
	session_say(s, m);
	free(m);
	return 1;
}

size_t exercises_of_lesson(struct session *s, const char *lesson,
                           size_t *solved)
{
	struct exstate *x = s->ex;
	load(s);
	size_t n = 0;
	*solved = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (strcmp(x->list[i]->lesson, lesson) != 0)
			continue;
		n++;
		if (s->progress && (progress_exercise_state(s->progress,
		    x->list[i]->name) & PROGRESS_SOLVED))
			(*solved)++;
	}
	return n;
}

size_t exercises_names(struct session *s, const char **names, size_t max)
{
	struct exstate *x = s->ex;
	load(s);
	size_t n = 0;
	for (size_t i = 0; i < x->n && n < max; i++)
		names[n++] = x->list[i]->name;
	return n;
}
