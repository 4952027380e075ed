/* python.c - a lesson's Python listing, run live as a demo. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo_lib.h"
#include "files.h"
#include "i18n.h"
#include "python.h"
#include "snippet.h"
#include "util.h"

const char *const python_start_methods[] = {
	"fork", "spawn", "forkserver", NULL
};

/* The run being prepared or last run: its directory and files, and what
   the root process is to exec (read in the demo's child, after fork). */
static struct {
	char dir[PATH_MAX];
	char listing[PATH_MAX + 64];
	char module[PATH_MAX + 32];
	char python[PATH_MAX];
	char start[16];
	const struct demo *like;
	struct demo demo;
} run;

/* The interpreter a python3 command runs, as it says itself (a shim
   such as pyenv's runs scripts first, which would fill the record).
   Asked once per python3 found and module file, and then it compiles
   the module too, so that each run loads its byte code (compiling it
   would cost each run some 2 ms) whatever PYTHONDONTWRITEBYTECODE says.
   0 with its path in out; -1 if it did not say (then run the command as
   it is); -2 if it is older than 3.9, with its version in out. */
static int interpreter(const char *command, const char *module, char *out,
                       size_t size)
{
	static char asked[3 * PATH_MAX], answer[PATH_MAX + 32];
	static int verdict;
	char key[sizeof asked];
	snprintf(key, sizeof key, "%s\n%s", command, module);
	if (asked[0] && strcmp(asked, key) == 0)
		goto done;
	snprintf(asked, sizeof asked, "%s", key);
	answer[0] = '\0';
	verdict = -1;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	                                 O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
	                                 O_WRONLY, 0);
	char *argv[] = { "python3", "-I", "-c",
	                 "import sys, py_compile, importlib.util as u\n"
	                 "f = sys.argv[1]\n"
	                 "try: py_compile.compile(f, u.cache_from_source(f))\n"
	                 "except Exception: pass\n"
	                 "sys.stdout.write('%d.%d.%d\\n' % sys.version_info[:3]"
	                 " + sys.executable)\n",
	                 (char *)module, NULL };
	extern char **environ;
	pid_t pid;
	int rc = posix_spawn(&pid, command, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		goto done;
	}
	size_t got = 0;
	ssize_t n;
	while (got < sizeof answer - 1 &&
	       ((n = read(fds[0], answer + got, sizeof answer - 1 - got)) > 0 ||
	        (n < 0 && errno == EINTR)))
		got += n > 0 ? (size_t)n : 0;
	answer[got] = '\0';
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* "3.11.7\n/usr/bin/python3.11" */
	int major = 0, minor = 0;
	char *path = strchr(answer, '\n');
	struct stat st;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !path ||
	    sscanf(answer, "%d.%d", &major, &minor) != 2) {
		answer[0] = '\0';
	} else if (major < 3 || (major == 3 && minor < 9)) {
		*path = '\0';              /* keep the version */
		verdict = -2;
	} else if (path[1] == '/' && stat(path + 1, &st) == 0 &&
	           S_ISREG(st.st_mode) && access(path + 1, X_OK) == 0) {
		memmove(answer, path + 1, strlen(path + 1) + 1);
		verdict = 0;
	}
done:
	if (verdict != -1)
		snprintf(out, size, "%.*s", (int)size - 1, answer);
	return verdict;
}

int python_find(char *buf, size_t size, char **cause)
{
	if (files_find_program("python3", buf, size) == 0)
		return 0;
	*cause = xstrdup(_("python3 is not installed (or not on PATH): "
	                 "'sudo apt-get install python3' installs it; the C "
	                 "demos need nothing more"));
	return -1;
}

int python_find_free(char *buf, size_t size, char **cause)
{
	/* The newest first. */
	static const char *const names[] = {
		"python3.16t", "python3.15t", "python3.14t", "python3.13t",
		NULL
	};
	for (size_t i = 0; names[i]; i++)
		if (files_find_program(names[i], buf, size) == 0)
			return 0;
	*cause = xstrdup(_("no free-threaded Python (python3.13t or later, "
	                 "built without the GIL) is on PATH; 'run python' "
	                 "runs python3"));
	return -1;
}

void python_run_done(void)
{
	if (run.listing[0])
		unlink(run.listing);
	run.listing[0] = '\0';
}

void python_cleanup(void)
{
	python_run_done();
	if (!run.dir[0])
		return;
	unlink(run.module);
	/* The module's byte code, one file per Python that ran it. */
	char cache[PATH_MAX + 16];
	snprintf(cache, sizeof cache, "%s/__pycache__", run.dir);
	DIR *d = opendir(cache);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (strncmp(e->d_name, "sitecustomize.", 14) == 0)
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
		rmdir(cache);
	}
	rmdir(run.dir);
	run.dir[0] = '\0';
}

void python_child_env(const char *more_path)
{
	char root[32], speed[32], path[2 * PATH_MAX + 2];
	snprintf(root, sizeof root, "%d", (int)getpid());
	snprintf(speed, sizeof speed, "%g", demo_speed());
	snprintf(path, sizeof path, "%s%s%s", run.dir, more_path ? ":" : "",
	         more_path ? more_path : "");
	if (setenv("PYTHONPATH", path, 1) != 0 ||
	    setenv("FORKLORE_PYTHON", "1", 1) != 0 ||
	    setenv("FORKLORE_ROOT", root, 1) != 0 ||
	    setenv("FORKLORE_SPEED", speed, 1) != 0)
		demo_fail("setenv", errno);
	/* Python's own switches stay as the learner's python3 has them;
	   only those that would hide the module or the output go. */
	unsetenv("PYTHONSTARTUP");
	unsetenv("PYTHONNOUSERSITE");
}

/* The root process of the run: exec python3 with the listing and the
   parameters. Runs in the demo's child. */
static int python_main(const long *values)
{
	char *argv[DEMO_MAX_PARAMS + 4];
	char args[DEMO_MAX_PARAMS + 1][96];
	size_t n = 0, i = 0;
	/* Its full path, not "python3": Python finds sys.executable from it,
	   and spawn and forkserver start that for their new interpreters. */
	argv[n++] = run.python;
	argv[n++] = run.listing;
	/* A demo with DEMO_MAX_PARAMS parameters has no NULL entry after them. */
	for (; run.like && i < DEMO_MAX_PARAMS && run.like->params[i].name;
	     i++) {
		char value[32];
		demo_param_format(&run.like->params[i], values[i], value,
		                  sizeof value);
		snprintf(args[i], sizeof args[i], "%s=%s",
		         run.like->params[i].name, value);
		argv[n++] = args[i];
	}
	if (run.start[0]) {
		snprintf(args[i], sizeof args[i], "start=%s", run.start);
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	python_child_env(NULL);
	execv(run.python, argv);
	const char *why = strerror(errno);
	/* TRANSLATORS: the Python interpreter's path, and the system's
	   reason (strerror). */
	demo_say(_("cannot run %s: %s"), run.python, why);
	return 127;
}

/* The start-up module's text, embedded at build time. */
static const char *module_text(void)
{
	for (const struct embedded_source *e = embedded_sources; e->name; e++)
		if (strcmp(e->name, "sitecustomize.py") == 0)
			return e->text;
	return NULL;
}

int python_ready(int free_threaded, char *python, size_t size, char **cause)
{
	char real[PATH_MAX];
	if ((free_threaded ? python_find_free : python_find)(python, size,
	                                                     cause) != 0)
		return -1;
	const char *module = module_text();
	if (!module) {
		*cause = xstrdup(_("this forklore was built without its Python "
		                 "start-up module"));
		return -1;
	}
	/* One private directory for the session: the module (and its byte
	   code) stay; each run's listing is written anew. */
	struct stat st;
	if (run.dir[0] && (stat(run.module, &st) != 0 || !S_ISREG(st.st_mode)))
		python_cleanup();           /* someone removed it: again */
	if (!run.dir[0]) {
		const char *tmp = getenv("TMPDIR");
		if (!tmp || !*tmp || strlen(tmp) > PATH_MAX - 64)
			tmp = "/tmp";
		snprintf(run.dir, sizeof run.dir, "%s/forklore-python-XXXXXX",
		         tmp);
		if (!mkdtemp(run.dir)) {
			/* TRANSLATORS: a directory (such as /tmp), and the
			   system's reason (strerror). */
			*cause = xasprintf(_("cannot make a directory for the "
			                   "listing in %s: %s"), tmp,
			                   strerror(errno));
			run.dir[0] = '\0';
			return -1;
		}
		snprintf(run.module, sizeof run.module, "%s/sitecustomize.py",
		         run.dir);
		if (files_write_new(run.module, module, 0600) != 0) {
			/* TRANSLATORS: a directory, and the system's reason
			   (strerror). */
			*cause = xasprintf(_("cannot write in %s: %s"), run.dir,
			                   strerror(errno));
			python_cleanup();
			return -1;
		}
	}
	int said = interpreter(python, run.module, real, sizeof real);
	if (said == -2) {
		/* TRANSLATORS: the python3 found (a path), and its version
		   (such as 3.8.10). */
		*cause = xasprintf(_("forklore runs Python 3.9 or later; %s is "
		                   "%s ('sudo apt-get install python3' on a "
		                   "newer system, or put a newer python3 first "
		                   "on PATH)"), python, real);
		return -1;
	}
	if (said == 0)
		snprintf(python, size, "%s", real);
	return 0;
}

const struct demo *python_prepare(const char *listing, const char *file_name,
                                  const struct demo *like, const char *start,
                                  int free_threaded, char **cause)
{
	python_run_done();
	char python[PATH_MAX];
	if (python_ready(free_threaded, python, sizeof python, cause) != 0)
		return NULL;
	snprintf(run.listing, sizeof run.listing, "%s/%s", run.dir, file_name);
	unlink(run.listing);
	if (files_write_new(run.listing, listing, 0600) != 0) {
		/* TRANSLATORS: a directory, and the system's reason
		   (strerror). */
		*cause = xasprintf(_("cannot write the listing in %s: %s"),
		                   run.dir, strerror(errno));
		run.listing[0] = '\0';
		return NULL;
	}
	snprintf(run.python, sizeof run.python, "%s", python);
	snprintf(run.start, sizeof run.start, "%s", start ? start : "");
	run.like = like;
	memset(&run.demo, 0, sizeof run.demo);
	if (like)
		memcpy(run.demo.params, like->params, sizeof run.demo.params);
	run.demo.name = "python";
	run.demo.family = "python";
	run.demo.summary = N_("the step's Python listing, run by python3");
	run.demo.process = "python3";
	run.demo.main = python_main;
	return &run.demo;
}

const char *python_interpreter(void)
{
	return run.python;
}

int python_is_demo(const struct demo *d)
{
	return d == &run.demo;
}
