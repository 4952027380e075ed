/* exrun.c - the runs an exercise check makes, as synthetic demos: each
 * one's main runs in the runner's child and execs the real program, so
 * the compiler and the learner's program run under the same supervision
 * as the course's own demos. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "demo_lib.h"
#include "exrun.h"
#include "files.h"
#include "i18n.h"
#include "jail.h"
#include "python.h"
#include "util.h"

/* The compiler's flags: the exercises' own dialect, every usual warning. */
static const char *const cc_flags[] = {
	"-std=gnu17", "-Wall", "-Wextra", "-O1", "-g", "-pthread", NULL
};

static struct {
	struct demo demo;
	char cc[PATH_MAX];
	char python[PATH_MAX];
	char source[PATH_MAX], binary[PATH_MAX], include[PATH_MAX];
	struct exrun_program program;
	char command[1024];
} run;

int exrun_find_cc(char *buf, size_t size, char **cause)
{
	if (files_find_program("cc", buf, size) == 0)
		return 0;
	*cause = xstrdup(_("there is no C compiler (cc) on PATH: 'sudo "
	                   "apt-get install gcc' installs one"));
	return -1;
}

static int compile_main(const long *values)
{
	(void)values;
	char include[PATH_MAX + 2];
	snprintf(include, sizeof include, "-I%s", run.include);
	char *argv[24];
	size_t n = 0;
	argv[n++] = "cc";
	for (size_t i = 0; cc_flags[i]; i++)
		argv[n++] = (char *)cc_flags[i];
	argv[n++] = include;
	argv[n++] = "-o";
	argv[n++] = run.binary;
	argv[n++] = run.source;
	argv[n++] = "-lrt";
	argv[n++] = "-lm";
	argv[n] = NULL;
	/* The compiler's messages name columns in the learner's file; no
	   colours in the output pane. */
	setenv("GCC_COLORS", "", 1);
	execv(run.cc, argv);
	demo_say(_("cannot run %s: %s"), run.cc, strerror(errno));
	return 127;
}

const struct demo *exrun_compile(const char *source, const char *binary,
                                 const char *include_dir, char **cause)
{
	if (exrun_find_cc(run.cc, sizeof run.cc, cause) != 0)
		return NULL;
	snprintf(run.source, sizeof run.source, "%s", source);
	snprintf(run.binary, sizeof run.binary, "%s", binary);
	snprintf(run.include, sizeof run.include, "%s", include_dir);
	struct strbuf t = { 0 };
	strbuf_adds(&t, "cc");
	for (size_t i = 0; cc_flags[i]; i++)
		strbuf_addf(&t, " %s", cc_flags[i]);
	strbuf_addf(&t, " -I%s -o %s %s -lrt -lm", include_dir, binary,
	            source);
	snprintf(run.command, sizeof run.command, "%s", t.buf);
	strbuf_free(&t);
	memset(&run.demo, 0, sizeof run.demo);
	run.demo.name = "cc";
	run.demo.family = "exercise";
	run.demo.summary = N_("the C compiler, on the exercise's file");
	run.demo.process = "cc";
	run.demo.main = compile_main;
	return &run.demo;
}

/* One limit, soft and hard alike: 0, or -1 with errno. */
static int limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };
	if (resource == RLIMIT_CPU)
		rl.rlim_max = value + 1;  /* SIGXCPU first, then SIGKILL */
	return setrlimit(resource, &rl);
}

/* The demo's end when a limit cannot be set: it would leave the machine
   open to what it guards against. The message has the error's %s. */
static void __attribute__((noreturn, format(printf, 1, 0)))
limit_failed(const char *fmt)
{
	demo_say(fmt, strerror(errno));
	_exit(DEMO_EXIT_FAILED);
}

static int program_main(const long *values)
{
	(void)values;
	const struct exrun_program *p = &run.program;
	if (jail_enter() != 0) {
		demo_say(_("cannot enter the program's cgroup: %s"),
		         strerror(errno));
		_exit(DEMO_EXIT_FAILED);
	}
	if (p->slowmo && setenv("FORKLORE_SLOWMO", "1", 1) != 0)
		demo_fail("setenv", errno);
	if (!p->slowmo)
		unsetenv("FORKLORE_SLOWMO");
	char *argv[EXERCISE_ARGV_MAX + 4];
	size_t n = 0;
	if (p->python) {
		python_child_env(p->include_dir);
		/* No byte code beside slowmo.py in the lessons. */
		if (setenv("PYTHONDONTWRITEBYTECODE", "1", 1) != 0)
			demo_fail("setenv", errno);
		argv[n++] = run.python;
	}
	argv[n++] = (char *)p->path;
	for (size_t i = 0; i < p->nargs && i < EXERCISE_ARGV_MAX; i++)
		argv[n++] = p->args[i];
	argv[n] = NULL;
	/* The limits last: from here to the exec nothing allocates (a
	   sanitizer's allocator would find no room under RLIMIT_AS). */
	if (limit(RLIMIT_AS, (rlim_t)p->memory_mib << 20) != 0)
		limit_failed(_("cannot limit the program's memory: %s"));
	if (limit(RLIMIT_CPU, (rlim_t)p->cpu_seconds) != 0)
		limit_failed(_("cannot limit the program's CPU time: %s"));
	if (limit(RLIMIT_FSIZE, (rlim_t)p->file_mib << 20) != 0)
		limit_failed(_("cannot limit the program's file size: %s"));
	if (limit(RLIMIT_CORE, 0) != 0)
		limit_failed(_("cannot limit the program's core dumps: %s"));
	execv(argv[0], argv);
	demo_say(_("cannot run %s: %s"), argv[0], strerror(errno));
	return 127;
}

const struct demo *exrun_run(const struct exrun_program *p, char **cause)
{
	if (p->python && python_ready(0, run.python, sizeof run.python,
	                              cause) != 0)
		return NULL;
	run.program = *p;
	struct strbuf t = { 0 };
	if (p->python)
		strbuf_addf(&t, "%s ", run.python);
	strbuf_adds(&t, p->path);
	for (size_t i = 0; i < p->nargs; i++)
		strbuf_addf(&t, " %s", p->args[i]);
	snprintf(run.command, sizeof run.command, "%s", t.buf);
	strbuf_free(&t);
	memset(&run.demo, 0, sizeof run.demo);
	run.demo.name = "exercise";
	run.demo.family = "exercise";
	run.demo.summary = N_("the learner's program, checked");
	run.demo.process = p->python ? "python3" : "exercise";
	run.demo.main = program_main;
	return &run.demo;
}

const char *exrun_command(void)
{
	return run.command;
}
