/* main.c - forklore's start: options, lessons, and the front end. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cast.h"
#include "cmdline.h"
#include "exercise.h"
#include "exercise_lang.h"
#include "files.h"
#include "guard.h"
#include "i18n.h"
#include "options.h"
#include "panes.h"
#include "plain.h"
#include "queue.h"
#include "progress.h"
#include "panes_replay.h"
#include "script.h"
#include "script_check.h"
#include "runner.h"
#include "session.h"
#include "signals.h"
#include "util.h"

/* The lesson with this id among the *.lesson files of folder dir (the
   ones that parse), or NULL. */
static struct lesson *lesson_in_folder(const char *dir, const char *id)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct lesson *found = NULL;
	while (d && !found && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 8 || strcmp(de->d_name + len - 7, ".lesson") != 0)
			continue;
		char *file = xasprintf("%s/%s", dir, de->d_name);
		struct lesson *l;
		char *why = NULL;
		if (session_read_lesson(file, &l, &why) == 0) {
			if (!strcmp(l->id, id))
				found = l;
			else
				lesson_free(l);
		}
		free(why);
		free(file);
	}
	if (d)
		closedir(d);
	return found;
}

/* An exercise (its directory, or its header file): its format and
   files, and that the lesson beside the exercises has the step it names.
   0, or -1 with *error. */
static int check_exercise_translation(const char *dir, const char *original,
                                      char **error)
{
	struct exercise *o = NULL, *t = NULL;
	if (exercise_read(original, &o, error) != 0)
		return -1;
	int rc = exercise_read_translation(dir, o, &t, error);
	if (rc == 0) {
		char *shown = files_printable(dir);
		/* TRANSLATORS: keep "%s: " first (the translation's folder);
		   then the exercise's name, and its original's folder. */
		printf(_("%s: ok, translation of exercise '%s' (%s)\n"), shown,
		       t->name, o->dir);
		free(shown);
	}
	exercise_free(t);
	exercise_free(o);
	return rc;
}

static int check_exercise(const char *path, char **error)
{
	char *dir = xstrdup(path);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if (n >= 9 && !strcmp(dir + n - 9, "/exercise"))
		dir[n - 9] = '\0';
	else if (!strcmp(dir, "exercise"))
		strcpy(dir, ".");
	/* A translation (lessons/zh/exercises/NAME): its header alone,
	   held to the original's. */
	char *original = exercise_original_dir(dir);
	if (!original) {
		char *real = realpath(dir, NULL);
		if (real)
			original = exercise_original_dir(real);
		free(real);
	}
	if (original) {
		int rc = check_exercise_translation(dir, original, error);
		free(original);
		free(dir);
		return rc;
	}
	struct exercise *e;
	if (exercise_read(dir, &e, error) != 0) {
		free(dir);
		return -1;
	}
	/* The lessons: two levels up (lessons/exercises/NAME). */
	char *lessons = xasprintf("%s/../..", dir);
	struct lesson *l = lesson_in_folder(lessons, e->lesson);
	int found = l != NULL;
	size_t steps = l ? l->nsteps : 0;
	lesson_free(l);
	int rc = 0;
	char *shown = files_printable(dir);
	if (!found) {
		/* TRANSLATORS: keep "%s/exercise:%d: " first (FILE:LINE:);
		   the last %s is the lesson id the exercise names. */
		*error = xasprintf(_("%s/exercise:%d: no lesson '%s' beside "
		                     "the exercises"), shown, e->lesson_line,
		                   e->lesson);
		rc = -1;
	} else if ((size_t)e->step > steps) {
		/* TRANSLATORS: keep "%s/exercise:%d: " first (FILE:LINE:);
		   then the lesson id, its number of steps, and the step the
		   exercise names. */
		*error = xasprintf(_("%s/exercise:%d: lesson %s has %zu "
		                     "steps, not %d"), shown,
		                   e->step_line ? e->step_line : e->lesson_line,
		                   e->lesson, steps, e->step);
		rc = -1;
	} else {
		/* TRANSLATORS: the end of "FILE: ok, exercise ... 2 facts, %s":
		   how many wrong-*.c (or .py) files the exercise has, each an
		   almost-solution its check must fail. */
		char *wrongs = xasprintf(ngettext("%zu wrong almost-solution",
		                                  "%zu wrong almost-solutions",
		                                  e->nwrongs), e->nwrongs);
		/* TRANSLATORS: keep "%s: " first (the exercise's folder); then
		   the exercise's name, its language (C or Python), the lesson
		   id and step number it belongs to, its number of facts (the
		   checks of @fact lines), and "N wrong almost-solutions". */
		printf(ngettext("%s: ok, exercise '%s' (%s) for %s step %d, "
		                "%zu fact, %s\n",
		                "%s: ok, exercise '%s' (%s) for %s step %d, "
		                "%zu facts, %s\n", e->nfacts), shown, e->name,
		       e->language == EXERCISE_C ? "C" : "Python", e->lesson,
		       e->step, e->nfacts, wrongs);
		free(wrongs);
	}
	free(shown);
	free(lessons);
	exercise_free(e);
	free(dir);
	return rc;
}

static int is_dir(const char *path);
static int check_files(char **files, int n);

/* Does folder dir hold *.lesson files? */
static int has_lessons(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;
	while (d && !found && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		found = len > 7 && !strcmp(de->d_name + len - 7, ".lesson");
	}
	if (d)
		closedir(d);
	return found;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Check every lesson of a folder, in order; how many were bad. */
static int check_lesson_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **files = NULL;
	int n = 0;
	while (d && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len <= 7 || strcmp(de->d_name + len - 7, ".lesson") != 0)
			continue;
		files = xrealloc(files, (size_t)(n + 1) * sizeof *files);
		files[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	if (d)
		closedir(d);
	qsort(files, (size_t)n, sizeof *files, by_name);
	int bad = check_files(files, n);
	for (int i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return bad;
}

/* Does folder dir hold an exercise (a subfolder with an `exercise`)? */
static int has_exercises(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;
	while (d && !found && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *sub = xasprintf("%s/%s/exercise", dir, de->d_name);
		struct stat st;
		found = stat(sub, &st) == 0;
		free(sub);
	}
	if (d)
		closedir(d);
	return found;
}

/* The folder of the lessons a lesson at path translates: the parent of
   a folder named for a language ("lessons/zh/01-fork.lesson" ->
   "lessons/"), malloc'ed; NULL for an original. */
static char *originals_of(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash) {
		free(dir);
		return NULL;
	}
	*slash = '\0';
	const char *base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	if (!i18n_lang_folder(base)) {
		free(dir);
		return NULL;
	}
	char *up = xasprintf("%.*s", base > dir ? (int)(base - dir - 1) : 0,
	                     dir);
	free(dir);
	if (!*up) {
		free(up);
		up = xstrdup(".");
	}
	return up;
}

/* A translated lesson against its original (the lesson of the same id
   beside its language's folder): 0, or -1 with *error as FILE:LINE. */
static int check_translation(const char *path, const struct lesson *l,
                             char **error)
{
	char *dir = originals_of(path);
	if (!dir)
		return 0;
	struct lesson *original = lesson_in_folder(dir, l->id);
	char *name = files_printable(path);
	int rc = 0, line;
	char *cause = NULL;
	if (!original) {
		/* TRANSLATORS: keep "%s:1: " first (FILE:LINE:); then the
		   lesson id, and the folder of the original lessons. */
		*error = xasprintf(_("%s:1: a translation of lesson '%s', but "
		                     "%s has no such lesson"), name, l->id,
		                   dir);
		rc = -1;
	} else if (lesson_same_shape(original, l, &line, &cause) != 0) {
		/* TRANSLATORS: FILE:LINE: what is wrong
		   (translating the original lesson's file). */
		*error = xasprintf(_("%s:%d: %s (translating %s)"), name, line,
		                   cause, original->path);
		rc = -1;
	}
	free(cause);
	free(name);
	lesson_free(original);
	free(dir);
	return rc;
}

/* --check FILE...: report each file's first error as FILE:LINE; a
   FILE.script is checked as a script, an exercise (its directory, or
   its header file) as an exercise. */
static int check_files(char **files, int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		struct lesson *lesson = NULL;
		char *error = NULL;
		size_t len = strlen(files[i]), commands;
		char *header = xasprintf("%s/exercise", files[i]);
		struct stat st;
		int exercise = (len >= 8 && !strcmp(files[i] + len - 8,
		                                    "exercise")) ||
		               stat(header, &st) == 0;
		free(header);
		if (exercise) {
			if (check_exercise(files[i], &error) != 0) {
				fprintf(stderr, "%s\n", error);
				free(error);
				bad++;
			}
			continue;
		}
		if (is_dir(files[i]) && has_exercises(files[i])) {
			/* A folder of exercises (lessons/exercises): each. */
			DIR *d = opendir(files[i]);
			struct dirent *de;
			int found = 0;
			while (d && (de = readdir(d)) != NULL) {
				if (de->d_name[0] == '.')
					continue;
				char *sub = xasprintf("%s/%s/exercise", files[i],
				                      de->d_name);
				if (stat(sub, &st) == 0) {
					found++;
					sub[strlen(sub) - 9] = '\0';
					if (check_exercise(sub, &error) != 0) {
						fprintf(stderr, "%s\n", error);
						free(error);
						bad++;
					}
				}
				free(sub);
			}
			if (d)
				closedir(d);
			continue;
		}
		if (len > 7 && strcmp(files[i] + len - 7, ".script") == 0) {
			/* A script, not a lesson: its lines are checked. */
			if (script_check(files[i], &commands, &error) != 0) {
				fprintf(stderr, "%s\n", error);
				free(error);
				bad++;
				continue;
			}
			char *name = files_printable(files[i]);
			/* TRANSLATORS: keep "%s: " first (the script file). */
			printf(ngettext("%s: ok, script, %zu command\n",
			                "%s: ok, script, %zu commands\n",
			                commands), name, commands);
			free(name);
			continue;
		}
		if (is_dir(files[i]) && has_lessons(files[i])) {
			/* A language's folder (lessons/zh): each lesson. */
			bad += check_lesson_folder(files[i]);
			continue;
		}
		if (session_read_lesson(files[i], &lesson, &error) != 0 ||
		    check_translation(files[i], lesson, &error) != 0) {
			fprintf(stderr, "%s\n", error);
			free(error);
			if (lesson)
				lesson_free(lesson);
			lesson = NULL;
			bad++;
			continue;
		}
		char *name = files_printable(files[i]);
		/* TRANSLATORS: keep "%s: " first (the lesson file); then the
		   lesson's id and its number of steps. */
		printf(ngettext("%s: ok, lesson '%s', %zu step\n",
		                "%s: ok, lesson '%s', %zu steps\n",
		                lesson->nsteps),
		       name, lesson->id, lesson->nsteps);
		free(name);
		lesson_free(lesson);
	}
	return bad ? 1 : 0;
}

static int is_dir_fd(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where lessons come from: --lessons, $FORKLORE_LESSONS, ./lessons beside
   the program, then the installed share directory. */
static char *lesson_dir(const char *option)
{
	if (option)
		return xstrdup(option);
	const char *env = getenv("FORKLORE_LESSONS");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *beside = xasprintf("%s/lessons", exe);
			if (is_dir(beside))
				return beside;
			free(beside);
		}
	}
	return xstrdup(FORKLORE_LESSONDIR);
}

/* Readline reads these itself, with blocking calls and no limit: make
   sure each is a file before it does. */
#define HISTORY_MAX_SIZE (4 * 1024 * 1024)
#define INPUTRC_MAX_SIZE (1024 * 1024)

/* May readline read path (a `what` of at most max bytes)? If not, say so
   in one line, ending with what follows from it. */
static int readline_may_read(const struct session *s, const char *path,
                             const char *what, size_t max,
                             const char *so)
{
	char *cause = NULL;
	if (files_safe_to_read(path, what, max, &cause))
		return 1;
	char *name = files_printable(path);
	/* TRANSLATORS: a file, what is wrong with it ("is a directory, not
	   a history file"), and what follows from that ("history is not
	   kept this time"). */
	char *text = xasprintf(_("%s: %s; %s"), name, cause, so);
	s->ui->message(s->ui->self, text);
	free(text);
	free(name);
	free(cause);
	return 0;
}

/* $XDG_STATE_HOME/forklore/history, making the folders; "" if none, or
   if what is there is no history file (it is then left alone). */
static char *history_path(const struct session *s)
{
	char *path = progress_state_path("history");
	/* TRANSLATORS: the kind of file, in "is a directory, not a %s"
	   and "is larger than %zu bytes: too big for a %s". */
	if (path && readline_may_read(s, path, _("history file"),
	                              HISTORY_MAX_SIZE,
	                              _("history is not kept this time")))
		return path;
	free(path);
	return xstrdup("");
}

/* The init file readline is about to read: $INPUTRC, ~/.inputrc or
   /etc/inputrc. One that is not a plain file is replaced by /dev/null. */
static void check_inputrc(const struct session *s)
{
	const char *env = getenv("INPUTRC"), *home = getenv("HOME");
	char *path = NULL;
	struct stat st;
	if (env && *env) {
		path = xstrdup(env);
	} else if (home && *home) {
		path = xasprintf("%s/.inputrc", home);
		if (stat(path, &st) != 0) {
			free(path);
			path = NULL;
		}
	}
	if (!path)
		path = xstrdup("/etc/inputrc");
	/* TRANSLATORS: the kind of file, in "is a directory, not a %s"
	   and "is larger than %zu bytes: too big for a %s". */
	if (!readline_may_read(s, path, _("readline init file"),
	                       INPUTRC_MAX_SIZE, _("readline's settings are "
	                                           "not read")))
		setenv("INPUTRC", "/dev/null", 1);
	free(path);
}

/* A learner at the prompt: keep progress, and start where they left off
   unless a lesson was named. */
static void resume(struct session *s, int lesson_named)
{
	char *path = progress_state_path("progress");
	s->progress = progress_load(path);
	free(path);
	if (progress_problem(s->progress))
		s->ui->message(s->ui->self, progress_problem(s->progress));
	const char *id;
	size_t step;
	if (lesson_named && s->lesson) {
		/* The step it opened at was seen, as if 'open' had shown it. */
		progress_seen(s->progress, s->lesson->id, s->step);
		session_save_progress(s);
		return;
	}
	if (lesson_named || progress_last(s->progress, &id, &step) != 0)
		return;
	for (size_t i = 0; i < s->nlessons; i++) {
		struct lesson *l = s->lessons[i];
		if (strcmp(l->id, id) != 0 || step >= l->nsteps)
			continue;
		s->lesson = l;
		s->step = step;
		s->ui->step(s->ui->self, l, step);
		/* TRANSLATORS: the lesson id, the step number, and the
		   lesson's number of steps. */
		char *text = xasprintf(_("Welcome back: %s, step %zu/%zu, "
		                         "where you left off ('lessons' shows "
		                         "your progress, 'reset' starts "
		                         "over)."),
		                       l->id, step + 1, l->nsteps);
		s->ui->message(s->ui->self, text);
		free(text);
	}
}

/* Open and read --script FILE for a replay in the panes; NULL with the
   exit status when it cannot be read. */
static struct replay *load_replay(const struct options *o, int *status)
{
	char *error = NULL, *name = files_printable(o->script);
	/* TRANSLATORS: the kind of file, in "is a directory, not a %s"
	   and "is larger than %zu bytes: too big for a %s". */
	int fd = files_open_regular(o->script, _("script"), SCRIPT_MAX_SIZE,
	                            &error);
	if (fd < 0) {
		fprintf(stderr, "%s:1: %s\n", name, error);
		free(error);
		free(name);
		*status = 2;
		return NULL;
	}
	struct replay *r = replay_load(fd, name, &error);
	close(fd);
	free(name);
	if (!r) {
		fprintf(stderr, "%s\n", error);
		free(error);
		*status = 2;
		return NULL;
	}
	replay_set_speeds(r, o->type_speed, o->pace);
	return r;
}

/* The front end and the mode the options ask for; returns exit status. */
static int run_front_end(struct session *s, struct plain *plain,
                         const struct options *o)
{
	if (o->commands) {
		char **list = command_split_list(o->commands);
		int rc = plain_commands(plain, s, list);
		for (size_t i = 0; list[i]; i++)
			free(list[i]);
		free(list);
		return rc;
	}
	if (o->script || !isatty(STDIN_FILENO)) {
		const char *path = o->script ? o->script : "-";
		if (strcmp(path, "-") == 0) {
			/* Standard input may be a pipe that is still being
			   written: the reader keeps to the script limits. */
			if (is_dir_fd(STDIN_FILENO)) {
				/* TRANSLATORS: keep "stdin:1: " first
				   (FILE:LINE: for standard input). */
				fputs(_("stdin:1: is a directory, not a "
				        "script\n"), stderr);
				return 2;
			}
			return plain_script(plain, s, "stdin", STDIN_FILENO);
		}
		char *error = NULL, *name = files_printable(path);
		/* TRANSLATORS: the kind of file, in "is a directory, not a %s"
		   and "is larger than %zu bytes: too big for a %s". */
		int fd = files_open_regular(path, _("script"), SCRIPT_MAX_SIZE,
		                            &error);
		if (fd < 0) {
			fprintf(stderr, "%s:1: %s\n", name, error);
			free(error);
			free(name);
			return 2;
		}
		int rc = plain_script(plain, s, name, fd);
		close(fd);
		free(name);
		return rc;
	}
	char *history = history_path(s);
	/* TRANSLATORS: %s is forklore's version number. */
	char *hello = xasprintf(_("forklore %s: processes and threads, live. "
	                          "Type 'lessons' to begin, 'help' for "
	                          "commands."), FORKLORE_VERSION);
	s->ui->message(s->ui->self, hello);
	free(hello);
	int rc = plain_interactive(plain, s, history);
	free(history);
	return rc;
}

/* Descriptors 0, 1 and 2 closed by whoever started us would be handed to
   the first files opened (a record file would take the transcript's
   place). Take them with /dev/null, read-only: reading gives nothing, and
   writing fails, so a transcript with nowhere to go is still an error. */
static void take_closed_descriptors(void)
{
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int got = open("/dev/null", O_RDONLY);
		if (got >= 0 && got != fd) {
			/* Lower ones are open: this cannot be. */
			close(got);
			abort();
		}
	}
}

/* Descriptors forklore may hold at once: the terminal, the demo's pipe,
   the signal descriptor, a /proc scan, lesson, history, record and cast
   files. Fewer, and a /proc scan could fail at the moment it is needed
   to make sure a demo left nothing behind. */
#define FILES_NEEDED 32

/* Make sure that many can be open: raise the soft limit toward the hard
   one if need be. 0, or -1 after saying why forklore cannot run. */
static int reserve_descriptors(void)
{
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) != 0 ||
	    limit.rlim_cur >= FILES_NEEDED)
		return 0;
	if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= FILES_NEEDED)
		limit.rlim_cur = FILES_NEEDED;
	else
		limit.rlim_cur = limit.rlim_max;
	setrlimit(RLIMIT_NOFILE, &limit);
	if (getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
	    limit.rlim_cur >= FILES_NEEDED)
		return 0;
	fprintf(stderr, _("forklore: the open file limit is %llu (ulimit "
	                  "-n); forklore needs at least %d\n"),
	        (unsigned long long)limit.rlim_cur, FILES_NEEDED);
	return -1;
}

/* The exit status, after checking that the transcript was all written. */
static int output_checked(int rc)
{
	int err = plain_output_error();
	if (!err && fflush(stdout) != 0)
		err = errno ? errno : EIO;
	if (!err)
		return rc;
	/* TRANSLATORS: %s is why: "standard output is closed", or the
	   system's own words (strerror). */
	fprintf(stderr, _("forklore: cannot write the output: %s\n"),
	        err == EBADF ? _("standard output is closed") :
	        strerror(err));
	return rc ? rc : 1;
}

/* Ctrl-C on a terminal normally throws away the output not yet shown
   (the terminal's NOFLSH flag is off). On a pseudo-terminal that flush,
   coming while forklore writes a flood of demo lines, can leave the
   terminal's output wedged for good (seen with Linux 6.18: the writer
   waits for room that is never announced), so forklore and its Ctrl-C
   hang. With NOFLSH nothing is thrown away: the lines already printed
   are shown, and the interrupt is still sent. The flag goes back as it
   was when forklore ends (the guard's saved terminal, if it dies). */
static int noflsh_added;

static void keep_output_on_interrupt(void)
{
	struct termios t;
	if (!isatty(STDIN_FILENO) || tcgetpgrp(STDIN_FILENO) != getpgrp() ||
	    tcgetattr(STDIN_FILENO, &t) != 0 || (t.c_lflag & NOFLSH))
		return;
	t.c_lflag |= NOFLSH;
	noflsh_added = tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0;
}

static void give_back_noflsh(void)
{
	struct termios t;
	/* Only from the foreground: elsewhere tcsetattr() would stop us. */
	if (noflsh_added && tcgetpgrp(STDIN_FILENO) == getpgrp() &&
	    tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_lflag &= ~(tcflag_t)NOFLSH;
		tcsetattr(STDIN_FILENO, TCSADRAIN, &t);
	}
}

/* The language --lang asks for, read before the options are parsed so
   that their own errors are in it: NULL if none, or not en or zh (the
   parser says so). The last one counts, as in the parser; like it, "--la"
   and "--lan" stand for --lang. */
static const char *lang_option(int argc, char **argv)
{
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (!strcmp(a, "--"))
			break;
		size_t n = strcspn(a, "=");
		if (n < 4 || n > 6 || strncmp(a, "--lang", n) != 0)
			continue;
		if (a[n] == '=')
			v = a + n + 1;
		else if (i + 1 < argc)
			v = argv[++i];
		if (v && (!strcmp(v, "en") || !strcmp(v, "zh")))
			lang = v;
	}
	return lang;
}

int main(int argc, char **argv)
{
	take_closed_descriptors();
	/* Children must be waited for: an ignored SIGCHLD, inherited from
	   whoever started us, would have the kernel reap them unseen. */
	signal(SIGCHLD, SIG_DFL);
	setlocale(LC_ALL, "");
	i18n_init();
	/* The messages' language before the first message: --lang, else
	   the environment's (settled with the lessons below). */
	const char *lang = lang_option(argc, argv);
	i18n_set_lang(lang ? lang : session_env_lang());
	struct options o;
	char *cause = NULL;
	if (options_parse(argc, argv, &o, &cause) != 0) {
		fprintf(stderr, "forklore: %s\n", cause);
		free(cause);
		return 2;
	}
	if (o.help) {
		fputs(_(options_usage), stdout);
		return 0;
	}
	if (o.version) {
		printf("forklore %s\n", FORKLORE_VERSION);
		return 0;
	}
	if (o.check)
		return check_files(o.args, o.nargs);
	if (reserve_descriptors() != 0)
		return 1;
	/* --cast: the recorder stays here, above everything that follows;
	   the rest of forklore goes on in its child, on a terminal of its
	   own when this one is. */
	if (o.cast && cast_start(o.cast, &cause) != 0) {
		fprintf(stderr, "forklore: %s\n", cause);
		free(cause);
		return 2;
	}

	/* The panes when both ends are a capable terminal and nothing asks
	   for lines; plain mode otherwise. A script given on a terminal is
	   replayed in the panes, typed out for a class. */
	int tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	int interactive = tty && !o.script && !o.commands;
	int presenting = tty && o.script && strcmp(o.script, "-") != 0;
	const char *why = NULL;
	int use_panes = (interactive || presenting) && !o.plain &&
	                panes_possible(&why);
	if ((interactive || presenting) && !o.plain && !use_panes)
		/* TRANSLATORS: %s is why the panes cannot be shown. */
		fprintf(stderr, _("forklore: %s; using plain mode\n"), why);
	const char *term = getenv("TERM");
	int color = (interactive || presenting) && !o.no_color &&
	            !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
	struct replay *replay = NULL;
	if (use_panes && presenting) {
		int status = 0;
		replay = load_replay(&o, &status);
		if (!replay)
			return status;
	}
	/* From here on demos can run: the guard stays behind to clean up
	   if this process dies. */
	if (guard_start() != 0)
		/* TRANSLATORS: the guard is the process that cleans up
		   after forklore's demos if forklore dies; %s is the
		   system's error (strerror). */
		fprintf(stderr, _("forklore: running without a guard: %s\n"),
		        strerror(errno));
	keep_output_on_interrupt();
	struct plain *plain = NULL;
	struct panes *panes = NULL;
	const struct ui *ui;
	if (use_panes) {
		panes = panes_new(color);
		panes_set_present(panes, o.present);
		ui = panes_ui(panes);
	} else {
		plain = plain_new(terminal_columns(), color);
		plain_set_mask(plain, o.mask);
		ui = plain_ui(plain);
	}
	struct loop *loop = loop_new();
	struct session s;
	session_init(&s, ui, loop, o.speed, o.seed);
	queue_init(&s);
	/* -c is for quick commands: it never stops to ask a question. */
	s.settings.no_predict = o.no_predict || o.commands;
	runner_set_trace(s.runner, !o.no_trace);
	s.settings.pace = o.pace;
	int rc = 0;
	char *dir = NULL;
	if (o.trace && session_trace_to(&s, o.trace, &cause) != 0) {
		fprintf(stderr, "forklore: %s\n", cause);
		free(cause);
		rc = 2;
		goto out;
	}
	if (runner_become_subreaper() != 0 ||
	    signals_init(loop, queue_signal, &s) != 0) {
		fprintf(stderr, _("forklore: cannot set up signals: %s\n"),
		        strerror(errno));
		rc = 1;
		goto out;
	}
	dir = lesson_dir(o.lessons);
	if (session_load_lessons(&s, dir, &cause) < 0) {
		fprintf(stderr, "forklore: %s\n", cause);
		free(cause);
		if (o.lessons || getenv("FORKLORE_LESSONS")) {
			rc = 2;
			goto out;
		}
	}
	/* The lessons' language: --lang, else the environment's (which
	   falls back to English when there are no translations). */
	session_load_translations(&s, dir, "zh");
	const char *want = o.lang ? o.lang : session_env_lang();
	if (session_set_lang(&s, want, &cause) != 0) {
		/* No Chinese lessons: English it is, the messages too, and
		   so is the one that says why (asked again, in English). */
		free(cause);
		cause = NULL;
		i18n_set_lang("en");
		if (o.lang) {
			session_set_lang(&s, want, &cause);
			fprintf(stderr, "forklore: %s\n", cause);
			free(cause);
			rc = 2;
			goto out;
		}
	}
	if (o.nargs == 1) {
		/* forklore LESSON: start there. */
		s.lesson = session_find_lesson(&s, o.args[0], &cause);
		if (s.lesson) {
			s.step = 0;
			s.ui->step(s.ui->self, s.lesson, 0);
		} else {
			fprintf(stderr, "forklore: %s\n", cause);
			free(cause);
			rc = 2;
		}
	}
	if (rc == 0 && interactive)
		resume(&s, o.nargs == 1);
	if (rc == 0 && (interactive || use_panes))
		check_inputrc(&s);
	if (rc == 0 && use_panes) {
		char *history = history_path(&s);
		rc = panes_run(panes, &s, history, replay);
		free(history);
	} else if (rc == 0) {
		rc = run_front_end(&s, plain, &o);
	}
out:
	queue_free(&s);
	session_free(&s);
	loop_free(loop);
	if (plain)
		plain_free(plain);
	panes_free(panes);
	replay_free(replay);
	free(dir);
	give_back_noflsh();
	guard_leaving();
	return output_checked(rc);
}
