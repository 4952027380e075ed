/* cmd_demos.c - the commands that run and watch demos: demos, run (and
 * the predict question it may ask first), demo, stop, wait, pause, set,
 * params and ps. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "commands.h"
#include "demo.h"
#include "files.h"
#include "i18n.h"
#include "layout.h"
#include "predict.h"
#include "procmon.h"
#include "progress.h"
#include "python.h"
#include "record.h"
#include "session.h"
#include "settings.h"
#include "util.h"

/* A demo's summary or a parameter's help, in the language shown (the
   table marks them N_(); "" stays "", never the catalogue's header). */
static const char *shown(const char *text)
{
	return text && *text ? _(text) : "";
}

int cmd_demos(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct strbuf t = { 0 };
	for (const struct demo *d = demo_table; d->name; d++)
		strbuf_addf(&t, "  %-18s %s\n", d->name, shown(d->summary));
	strbuf_addf(&t, "%s\n",
	            _("'demo NAME' runs one; 'help demo NAME' describes it."));
	session_say_text(s, &t);
	return 0;
}

/* ---- settings and parameters ------------------------------------------ */


/* Fill values for demo: defaults, then the step's @run arguments (when it
   is the step's demo), then `set` values, then the command's arguments. */
static int compose_values(struct session *s, const struct demo *demo,
                          char *const *step_args, size_t nstep_args,
                          char *const *args, size_t nargs, long *values)
{
	char *cause = NULL;
	demo_defaults(demo, values);
	if (demo_apply_args(demo, step_args, nstep_args, values, &cause) != 0)
		goto bad;
	size_t n = demo_nparams(demo);
	for (size_t i = 0; i < n; i++) {
		const char *v = settings_get(&s->settings, demo->params[i].name);
		if (v && demo_param_parse(&demo->params[i], v, &values[i],
		                          &cause) != 0)
			goto bad;
	}
	if (demo_apply_args(demo, args, nargs, values, &cause) == 0)
		return 0;
bad:
	session_fail(s, "%s", cause);
	free(cause);
	return -1;
}

/* The demo of the current step, or NULL with an error shown. */
static const struct demo *step_demo(struct session *s)
{
	if (session_need_lesson(s))
		return NULL;
	const struct lesson_step *step = session_step(s);
	if (step->demo)
		return demo_find(step->demo);
	struct strbuf list = { 0 };
	for (size_t i = 0; i < s->lesson->nsteps; i++) {
		if (!s->lesson->steps[i].demo || list.len > 100)
			continue;
		/* TRANSLATORS: separates the items of a list ("1, 3, 4"). */
		strbuf_addf(&list, "%s%zu", list.len ? _(", ") : "", i + 1);
	}
	if (list.len)
		/* TRANSLATORS: %s lists the numbers of the steps that have a
		   demo ("1, 3, 4"). */
		session_fail(s, _("step %zu has no demo; steps with one: %s (or "
		             "try 'demos')"), s->step + 1, list.buf);
	else
		session_fail(s, _("this lesson has no demo; 'demos' lists them "
		             "all"));
	strbuf_free(&list);
	return NULL;
}

static int start_demo(struct session *s, const struct demo *demo,
                      const long *values, int from_step)
{
	char *cause = NULL;
	if (!runner_busy(s->runner))
		watch_forget(&s->watch);
	if (runner_start(s->runner, demo, values, s->settings.speed, s->settings.seed,
	                 &cause) != 0) {
		session_fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	s->last_run.python = python_is_demo(demo);
	s->ui->demo_started(s->ui->self, demo->name, runner_root(s->runner));
	if (from_step && s->progress) {
		progress_ran(s->progress, s->lesson->id, s->step);
		session_save_progress(s);
	}
	return 0;
}

/* The step asks its predict question first; the next line answers it,
   and then the demo runs (session_answer). */
static int ask_prediction(struct session *s, const struct demo *demo,
                          const long *values)
{
	const struct lesson_step *step = session_step(s);
	s->ask = ASK_PREDICT;
	s->predict.demo = demo;
	memcpy(s->predict.values, values, sizeof s->predict.values);
	char *how = predict_how_to_answer(step);
	char *question = xasprintf(_("Predict: %s"), step->predict);
	/* TRANSLATORS: %s says what to type: "  A letter, a to c" (after
	   the options, one a line), "  A number", "  A sequence, such as
	   2 1 3" or "  yes or no". */
	char *then = xasprintf(_("%s, then Enter (Enter alone skips; Ctrl-C "
	                         "cancels the run)."), how);
	char *text = xasprintf("%s\n%s", question, then);
	session_say(s, text);
	free(text);
	free(then);
	free(question);
	free(how);
	return 0;
}

/* The Python listing step runs (lesson_python_step), or NULL. */
static const struct lesson_code *python_listing(const struct lesson *l,
                                                size_t step)
{
	const struct lesson_step *st = lesson_python_step(l, step);
	for (size_t i = 0; st && i < st->ncode; i++)
		if (st->code[i].text && !strcmp(st->code[i].lang, "python"))
			return &st->code[i];
	return NULL;
}

/* `run python [NAME=VALUE...] [start=METHOD]`: the step's Python listing,
   given the step's demo's parameters; the demo to run, or NULL with an
   error shown. values gets the parameters. */
static const struct demo *python_demo(struct session *s, int argc,
                                      char **argv, long *values)
{
	if (session_need_lesson(s))
		return NULL;
	if (runner_busy(s->runner)) {
		session_fail(s, _("demo %s is still running: 'stop' it or "
		             "'wait' for it"), runner_demo(s->runner)->name);
		return NULL;
	}
	const struct lesson_step *step = session_step(s);
	const struct lesson_code *code = python_listing(s->lesson, s->step);
	if (!code) {
		struct strbuf list = { 0 };
		for (size_t i = 0; i < s->lesson->nsteps; i++)
			if (python_listing(s->lesson, i))
				strbuf_addf(&list, "%s%zu",
				            list.len ? _(", ") : "", i + 1);
		if (list.len)
			/* TRANSLATORS: %s lists the numbers of the steps
			   that have one ("1, 3, 4"). */
			session_fail(s, _("step %zu has no Python listing; "
			             "steps with one: %s"), s->step + 1,
			             list.buf);
		else
			session_fail(s, _("step %zu has no Python listing"),
			             s->step + 1);
		strbuf_free(&list);
		return NULL;
	}
	/* `run python free ...`: a free-threaded Python. */
	int free_threaded = argc > 0 && !strcmp(argv[0], "free");
	if (free_threaded) {
		argc--;
		argv++;
	}
	/* start=METHOD is for listings that start processes. */
	const char *start = NULL;
	char **rest = xmalloc(sizeof *rest * (size_t)(argc > 0 ? argc : 1));
	size_t nrest = 0;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "start=", 6) != 0) {
			rest[nrest++] = argv[i];
			continue;
		}
		start = argv[i] + 6;
		size_t k = 0;
		while (python_start_methods[k] &&
		       strcmp(python_start_methods[k], start) != 0)
			k++;
		if (!strstr(code->text, "multiprocessing")) {
			session_fail(s, _("start= is for listings that use "
			             "multiprocessing; this one does not"));
			goto fail;
		}
		if (!python_start_methods[k]) {
			session_fail(s, _("start must be fork, spawn or "
			             "forkserver, not '%s'"), start);
			goto fail;
		}
	}
	if (!start && strstr(code->text, "multiprocessing"))
		start = "fork";
	const struct demo *like = step->demo ? demo_find(step->demo) : NULL;
	if (like) {
		if (compose_values(s, like, step->run_args, step->nrun_args,
		                   rest, nrest, values) != 0)
			goto fail;
	} else if (nrest) {
		session_fail(s, _("this listing takes no parameters ('%s')"),
		             rest[0]);
		goto fail;
	}
	char *file = xasprintf("%s-%zu.py", s->lesson->id, s->step + 1);
	char *cause = NULL;
	const struct demo *demo = python_prepare(code->text, file, like, start,
	                                         free_threaded, &cause);
	free(file);
	if (!demo) {
		session_fail(s, "%s", cause);
		free(cause);
	}
	free(rest);
	return demo;
fail:
	free(rest);
	return NULL;
}

/* ---- run both: the C, then the Python, then one line comparing them --- */

/* The figures of the run that just ended, from its record. */
static void run_figures(struct session *s, double *seconds, size_t *processes,
                        size_t *threads, long *peak_kb, int *exact)
{
	const struct lifecycle *l = runner_record(s->runner);
	*seconds = s->last_run.seconds;
	*processes = *threads = 0;
	*peak_kb = 0;
	for (size_t i = 0; i < l->ntasks; i++) {
		const struct lifecycle_task *t = &l->tasks[i];
		if (t->is_thread)
			(*threads)++;
		else
			(*processes)++;
		if (t->maxrss_kb > *peak_kb)
			*peak_kb = t->maxrss_kb;
	}
	*exact = l->traced;
}

/* "0.52 s, 3 processes, 2 threads, peak 1.6 MB" */
static void describe_run(struct strbuf *t, double seconds, size_t processes,
                         size_t threads, long peak_kb, int exact)
{
	char *secs = xasprintf(_("%.2f s"), seconds);
	char *procs = xasprintf(ngettext("%zu process", "%zu processes",
	                                 processes), processes);
	char *thrs = xasprintf(ngettext("%zu thread", "%zu threads",
	                                threads), threads);
	double peak = peak_kb / 1024.0;
	if (exact && peak_kb > 0)
		/* TRANSLATORS: a run's time, processes, threads and peak
		   memory: "0.52 s, 3 processes, 2 threads, peak 1.6 MB". */
		strbuf_addf(t, _("%s, %s, %s, peak %.1f MB"), secs, procs,
		            thrs, peak);
	else if (exact)
		/* TRANSLATORS: a run's time, processes and threads: "0.52 s,
		   3 processes, 2 threads". */
		strbuf_addf(t, _("%s, %s, %s"), secs, procs, thrs);
	else if (peak_kb > 0)
		/* TRANSLATORS: a run's time and peak memory: "0.52 s, peak
		   1.6 MB". */
		strbuf_addf(t, _("%s, peak %.1f MB"), secs, peak);
	else
		strbuf_adds(t, secs);
	free(thrs);
	free(procs);
	free(secs);
}

static int both_compared(struct session *s)
{
	if (s->last_run.stopped)
		return session_fail(s, _("run both: the Python run was "
		                    "stopped, so there is nothing to "
		                    "compare"));
	double seconds;
	size_t processes, threads;
	long peak;
	int exact;
	run_figures(s, &seconds, &processes, &threads, &peak, &exact);
	struct strbuf c = { 0 }, py = { 0 }, line = { 0 }, t = { 0 };
	describe_run(&c, s->both.seconds, s->both.processes, s->both.threads,
	             s->both.peak_kb, s->both.exact);
	describe_run(&py, seconds, processes, threads, peak, exact);
	if (s->both.seconds > 0 && seconds > 0)
		/* TRANSLATORS: the C run's figures, the Python run's, and how
		   many times as long the Python took: "C: 0.52 s, 3
		   processes, 2 threads; Python: 1.04 s, ...; Python took
		   2.0x the time". */
		strbuf_addf(&line, _("C: %s; Python: %s; Python took %.1fx "
		            "the time"), c.buf, py.buf,
		            seconds / s->both.seconds);
	else
		/* TRANSLATORS: the C run's figures and the Python run's. */
		strbuf_addf(&line, _("C: %s; Python: %s"), c.buf, py.buf);
	if (!exact || !s->both.exact)
		/* TRANSLATORS: %s is the line comparing the two runs. */
		strbuf_addf(&t, _("%s (no record: --no-trace)"), line.buf);
	else
		strbuf_adds(&t, line.buf);
	strbuf_addf(&t, "\n");
	strbuf_free(&line);
	strbuf_free(&py);
	strbuf_free(&c);
	session_say_text(s, &t);
	return 0;
}

/* The C run has ended: keep its figures and start the Python. */
static int both_c_ended(struct session *s)
{
	if (s->last_run.stopped)
		return session_fail(s, _("run both: the C demo was stopped, "
		                    "so the Python does not run"));
	run_figures(s, &s->both.seconds, &s->both.processes,
	            &s->both.threads, &s->both.peak_kb, &s->both.exact);
	if (start_demo(s, s->both.python, s->both.values, 1) != 0)
		return -1;
	return session_wait_for(s, WAIT_DEMO, NULL, 0, both_compared);
}

/* `run both [NAME=VALUE...] [start=METHOD]`: the step's C demo, then its
   Python listing with the same parameters, each to its end; then one
   line with both runs' times, tasks and peak memory. */
static int run_both(struct session *s, int argc, char **argv)
{
	const struct demo *c = step_demo(s);
	if (!c)
		return -1;
	long values[DEMO_MAX_PARAMS];
	const struct demo *py = python_demo(s, argc, argv, values);
	if (!py)
		return -1;
	if (session_step(s)->predict && !s->settings.no_predict)
		session_say(s, _("(run both compares the two runs and asks no "
		            "question: 'run' and 'run python' do.)"));
	s->both.python = py;
	memcpy(s->both.values, values, sizeof values);
	if (start_demo(s, c, values, 1) != 0)
		return -1;
	return session_wait_for(s, WAIT_DEMO, NULL, 0, both_c_ended);
}

int cmd_run(struct session *s, int argc, char **argv)
{
	long values[DEMO_MAX_PARAMS];
	const struct demo *demo;
	const struct lesson_step *step;
	if (argc > 1 && !strcmp(argv[1], "both"))
		return run_both(s, argc - 2, argv + 2);
	if (argc > 1 && (!strcmp(argv[1], "python") || !strcmp(argv[1], "py"))) {
		demo = python_demo(s, argc - 2, argv + 2, values);
		if (!demo)
			return -1;
		step = session_step(s);
	} else {
		demo = step_demo(s);
		if (!demo)
			return -1;
		step = session_step(s);
		if (compose_values(s, demo, step->run_args, step->nrun_args,
		                   argv + 1, (size_t)argc - 1, values) != 0)
			return -1;
	}
	if (step->predict && !s->settings.no_predict) {
		if (prediction_run_fits(demo, values, &step->ask_if))
			return ask_prediction(s, demo, values);
		struct strbuf when = { 0 };
		for (size_t i = 0; i < step->ask_if.nargs; i++)
			strbuf_addf(&when, "%s%s", i ? " " : "",
			            step->ask_if.args[i]);
		/* TRANSLATORS: %s is the parameters of the run the question
		   is about ("workers=4 linger=1"). */
		char *note = xasprintf(_("(This step's question is about the "
		                       "run with %s, so this run goes without "
		                       "it.)"), when.buf);
		session_say(s, note);
		free(note);
		strbuf_free(&when);
	}
	return start_demo(s, demo, values, 1);
}

/* A copy of line without the blanks around it. */
static char *trimmed(const char *line)
{
	line += strspn(line, " \t");
	size_t len = strlen(line);
	while (len && strchr(" \t\r\n", line[len - 1]))
		len--;
	return xasprintf("%.*s", (int)len, line);
}

int session_answer(struct session *s, const char *line)
{
	char *answer = trimmed(line);
	int kind = s->ask;
	s->ask = ASK_NONE;
	int rc = 0;
	if (kind == ASK_PREDICT) {
		/* "-" skips; "pause" is how a script leaves the answer to the
		   class, and in plain mode, with nobody there, it skips too. */
		char *reading = NULL, *why = NULL;
		if (*answer && strcmp(answer, "pause") != 0 &&
		    strcmp(answer, "-") != 0 &&
		    predict_read(session_step(s), answer, &reading,
		                 &why) != 0) {
			/* Not judged: asked again at the prompt; a script's
			   next lines are not answers, so its run is off. */
			if (s->scripted) {
				/* TRANSLATORS: the answer given, then why it
				   cannot be judged ("answer yes or no (y or
				   n)"). */
				rc = session_fail(s, _("cannot judge '%s': %s; "
				                  "the run is cancelled"), answer,
				                  why);
			} else {
				/* TRANSLATORS: the answer typed, then what to
				   type instead ("answer yes or no (y or
				   n)"). */
				rc = session_fail(s, _("'%s' cannot be judged: "
				                  "%s (Enter alone skips)"),
				                  answer, why);
				s->ask = ASK_PREDICT;
			}
			free(why);
			free(answer);
			return rc;
		}
		free(s->predict.answer);
		s->predict.answer = reading;
		s->predict.lesson = s->lesson;
		s->predict.step = s->step;
		s->predict.pending = 1;
		rc = start_demo(s, s->predict.demo, s->predict.values, 1);
		if (rc != 0)
			s->predict.pending = 0;
	} else if (kind == ASK_RESET) {
		rc = cmd_reset_answered(s, answer);
	} else if (kind == ASK_SOLUTION) {
		rc = cmd_solution_answered(s, answer);
	}
	free(answer);
	return rc;
}

int session_cancel_ask(struct session *s)
{
	if (s->ask == ASK_NONE)
		return 0;
	session_say(s, s->ask == ASK_PREDICT ?
	            _("^C: the question and its run are cancelled") :
	            _("^C: nothing was reset"));
	s->ask = ASK_NONE;
	free(s->ask_reset);
	s->ask_reset = NULL;
	return 1;
}


/* Candidate i for "did you mean" among demo names. */
static const char *demo_name_at(size_t i, void *arg)
{
	(void)arg;
	return demo_table[i].name;
}

static size_t demo_count(void)
{
	size_t n = 0;
	while (demo_table[n].name)
		n++;
	return n;
}

/* The demo named name, or NULL after saying there is none. */
static const struct demo *find_demo(struct session *s, const char *name)
{
	const struct demo *demo = demo_find(name);
	if (demo)
		return demo;
	const char *near = suggest(name, demo_name_at, demo_count(), NULL);
	if (near)
		session_fail(s, _("no demo '%s' (did you mean '%s'?)"), name,
		             near);
	else
		session_fail(s, _("no demo '%s' ('demos' lists them)"), name);
	return NULL;
}

int cmd_help_demo(struct session *s, const char *name)
{
	const struct demo *d = find_demo(s, name);
	if (!d)
		return -1;
	struct strbuf t = { 0 };
	strbuf_addf(&t, "demo %s: %s\n", d->name, shown(d->summary));
	size_t n = demo_nparams(d);
	if (n == 0)
		strbuf_addf(&t, "  %s\n", _("no parameters"));
	for (size_t i = 0; i < n; i++) {
		const struct demo_param *p = &d->params[i];
		char def[32];
		demo_param_format(p, p->def, def, sizeof def);
		strbuf_adds(&t, "  ");
		if (p->type == PARAM_BOOL)
			/* TRANSLATORS: a parameter's name, what it does, and
			   its default (on or off). */
			strbuf_addf(&t, _("%s=on|off  %s (default %s)"),
			            p->name, shown(p->help), p->def ? "on" : "off");
		else if (p->type == PARAM_IPV4)
			/* TRANSLATORS: a parameter's name, what it does, and
			   its default (an IPv4 address). */
			strbuf_addf(&t, _("%s=A.B.C.D  %s (default %s)"),
			            p->name, shown(p->help), def);
		else
			/* TRANSLATORS: a parameter's name, what it does, its
			   smallest and largest value, and its default. */
			strbuf_addf(&t, _("%s=N  %s (%ld to %ld, default %ld)"),
			            p->name, shown(p->help), p->min, p->max, p->def);
		strbuf_adds(&t, "\n");
	}
	struct strbuf used_by = { 0 };
	for (size_t l = 0; l < s->nlessons; l++) {
		const struct lesson *lesson = s->lessons[l];
		for (size_t k = 0; k < lesson->nsteps; k++) {
			const char *used = lesson->steps[k].demo;
			if (!used || strcmp(used, d->name) != 0)
				continue;
			if (used_by.len)
				strbuf_adds(&used_by, _(", "));
			/* TRANSLATORS: a lesson's name and a step of it:
			   "fork step 1". */
			strbuf_addf(&used_by, _("%s step %zu"), lesson->id,
			            k + 1);
		}
	}
	if (used_by.len) {
		strbuf_adds(&t, "  ");
		/* TRANSLATORS: %s lists the lesson steps that run the demo
		   ("fork step 1, fork step 3"). */
		strbuf_addf(&t, _("used by: %s"), used_by.buf);
		strbuf_addf(&t, "\n  ");
		strbuf_addf(&t, _("'demo %s' runs it; 'code' in those steps "
		            "shows its C."), d->name);
		strbuf_adds(&t, "\n");
	} else {
		strbuf_adds(&t, "  ");
		strbuf_addf(&t, _("no lesson step runs it; 'demo %s' does."),
		            d->name);
		strbuf_adds(&t, "\n");
	}
	strbuf_free(&used_by);
	session_say_text(s, &t);
	return 0;
}

int cmd_demo(struct session *s, int argc, char **argv)
{
	const struct demo *demo = find_demo(s, argv[1]);
	if (!demo)
		return -1;
	long values[DEMO_MAX_PARAMS];
	if (compose_values(s, demo, NULL, 0, argv + 2, (size_t)argc - 2,
	                   values) != 0)
		return -1;
	return start_demo(s, demo, values, 0);
}

int cmd_stop(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!session_interrupt(s))
		return session_fail(s, _("no demo is running"));
	/* A script goes on only once the demo is gone. */
	if (s->scripted)
		return session_wait_for(s, WAIT_DEMO, NULL, 0, NULL);
	return 0;
}

/* `wait TEXT` is over: did the demo print it? */
static int wait_resumed(struct session *s)
{
	if (s->waiting.text && !s->waiting.seen)
		return session_fail(s, _("the demo ended without printing "
		                    "'%s'"), s->waiting.text);
	return 0;
}

int cmd_wait(struct session *s, int argc, char **argv)
{
	if (!runner_busy(s->runner))
		return argc > 1 ? session_fail(s, _("no demo is running to "
		                               "wait for")) : 0;
	if (argc == 1)
		return session_wait_for(s, WAIT_DEMO, NULL, 0, NULL);
	/* The words of TEXT need no quotes: `wait LoopThread: count 2`. */
	struct strbuf want = { 0 };
	for (int i = 1; i < argc; i++)
		strbuf_addf(&want, "%s%s", i > 1 ? " " : "", argv[i]);
	return session_wait_for(s, WAIT_TEXT, want.buf, 0, wait_resumed);
}

/* `pause` in a plain script waits --pace seconds (the demo goes on
   meanwhile), else nothing; the panes' replay handles its pauses itself. */
int cmd_pause(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!s->scripted || s->settings.pace <= 0)
		return 0;
	return session_wait_for(s, WAIT_TIME, NULL, (int)(s->settings.pace * 1000), NULL);
}

/* Find a parameter named name in any demo, preferring the step's demo. */
static const struct demo_param *param_anywhere(struct session *s,
                                               const char *name)
{
	if (s->lesson && session_step(s)->demo) {
		const struct demo *d = demo_find(session_step(s)->demo);
		int k = d ? demo_param_index(d, name) : -1;
		if (k >= 0)
			return &d->params[k];
	}
	for (const struct demo *d = demo_table; d->name; d++) {
		int k = demo_param_index(d, name);
		if (k >= 0)
			return &d->params[k];
	}
	return NULL;
}

/* All setting names: speed, seed, and every demo parameter, once each. */
size_t cmd_setting_names(const char **names, size_t max)
{
	size_t n = 0;
	names[n++] = "speed";
	names[n++] = "seed";
	names[n++] = "workspace";
	names[n++] = "lang";
	for (const struct demo *d = demo_table; d->name; d++) {
		for (size_t i = 0; i < demo_nparams(d) && n < max; i++) {
			size_t j = 0;
			while (j < n && strcmp(names[j], d->params[i].name))
				j++;
			if (j == n)
				names[n++] = d->params[i].name;
		}
	}
	return n;
}

static const char *string_at(size_t i, void *arg)
{
	return ((const char **)arg)[i];
}

static int set_speed(struct session *s, const char *value)
{
	char *end;
	double v = strtod(value, &end);
	if (end == value || *end || !(v >= 0 && v <= 100))
		return session_fail(s, _("speed must be a number from 0 to 100 "
		                    "(1 = as written, 0 = no pauses), not "
		                    "'%s'"), value);
	s->settings.speed = v;
	return 0;
}

int cmd_set(struct session *s, int argc, char **argv)
{
	(void)argc;
	const char *name = argv[1], *value = argv[2];
	if (strcmp(name, "speed") == 0)
		return set_speed(s, value);
	if (strcmp(name, "lang") == 0) {
		/* The lessons' language: the open step comes back in it. */
		char *cause = NULL;
		if (session_set_lang(s, value, &cause) != 0) {
			session_fail(s, "%s", cause);
			free(cause);
			return -1;
		}
		if (s->lesson)
			s->ui->step(s->ui->self, s->lesson, s->step);
		return 0;
	}
	if (strcmp(name, "workspace") == 0) {
		/* Where `try` puts the learner's files: a directory that
		   exists, kept as an absolute path. */
		char real[PATH_MAX];
		struct stat st;
		if (!realpath(value, real) || stat(real, &st) != 0 ||
		    !S_ISDIR(st.st_mode))
			return session_fail(s, _("workspace must be a "
			                    "directory that exists, not '%s'"),
			                    value);
		settings_put(&s->settings, name, real);
		char *m = xasprintf(_("Exercise files go to %s from now on "
		                    "(this session)."), real);
		session_say(s, m);
		free(m);
		return 0;
	}
	if (strcmp(name, "seed") == 0) {
		long v;
		if (parse_long(value, &v) != 0 || v < 0 || v > 4294967295L)
			return session_fail(s, _("seed must be a whole number "
			                    "from 0 to 4294967295, not '%s'"),
			                    value);
		s->settings.seed = (unsigned long)v;
		return 0;
	}
	const struct demo_param *p = param_anywhere(s, name);
	if (!p) {
		const char *names[64];
		size_t n = cmd_setting_names(names, 64);
		const char *near = suggest(name, string_at, n, names);
		if (near)
			return session_fail(s, _("no setting '%s' (did you mean "
			                    "'%s'?)"), name, near);
		return session_fail(s, _("no setting '%s' ('params' lists "
		                    "them)"), name);
	}
	if (strcmp(value, "default") == 0) {
		settings_put(&s->settings, name, NULL);
		return 0;
	}
	long v;
	char *cause = NULL;
	if (demo_param_parse(p, value, &v, &cause) != 0) {
		session_fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	settings_put(&s->settings, name, value);
	return 0;
}

int cmd_params(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct strbuf t = { 0 };
	strbuf_addf(&t, "  speed = %g\n      %s\n", s->settings.speed,
	            _("pause factor: 1 = as written, 0 = none (0 to 100)"));
	strbuf_addf(&t, "  seed = %lu\n      %s\n", s->settings.seed,
	            _("fixes the demos' random delays"));
	const struct demo *demo = NULL;
	if (s->lesson && session_step(s)->demo)
		demo = demo_find(session_step(s)->demo);
	if (!demo) {
		strbuf_addf(&t, "%s\n", _("This step has no demo; 'set NAME "
		            "VALUE' applies to every demo with that "
		            "parameter."));
		session_say_text(s, &t);
		return 0;
	}
	long values[DEMO_MAX_PARAMS];
	const struct lesson_step *step = session_step(s);
	char *cause = NULL;
	demo_defaults(demo, values);
	if (demo_apply_args(demo, step->run_args, step->nrun_args, values,
	                    &cause) != 0)
		free(cause);
	strbuf_addf(&t, _("Demo %s:"), demo->name);
	strbuf_adds(&t, "\n");
	for (size_t i = 0; i < demo_nparams(demo); i++) {
		const struct demo_param *p = &demo->params[i];
		const char *set = settings_get(&s->settings, p->name);
		char value[32], def[32];
		demo_param_format(p, values[i], value, sizeof value);
		demo_param_format(p, p->def, def, sizeof def);
		strbuf_adds(&t, "  ");
		if (p->type == PARAM_BOOL)
			/* TRANSLATORS: a parameter's name, its value, and its
			   default. */
			strbuf_addf(&t, _("%s = %s   (on or off, default %s)"),
			            p->name, set ? set : value, def);
		else if (p->type == PARAM_IPV4)
			/* TRANSLATORS: a parameter's name, its value, and its
			   default. */
			strbuf_addf(&t, _("%s = %s   (an IPv4 address, default "
			            "%s)"), p->name, set ? set : value, def);
		else
			/* TRANSLATORS: a parameter's name, its value, its
			   smallest and largest value, and its default. */
			strbuf_addf(&t, _("%s = %s   (%ld to %ld, default %s)"),
			            p->name, set ? set : value, p->min, p->max,
			            def);
		strbuf_adds(&t, "\n");
		strbuf_addf(&t, "      %s\n", shown(p->help));
	}
	strbuf_addf(&t, "%s\n", _("'run NAME=VALUE' for one run, 'set NAME "
	            "VALUE' to keep it."));
	session_say_text(s, &t);
	return 0;
}

/* One task of the record and, under it, what it made: its threads, then
   the processes it forked, each in the order they were born. */
static void record_rows(struct strbuf *t, const struct lifecycle *l,
                        size_t i, int depth)
{
	const struct lifecycle_task *k = &l->tasks[i];
	char how[32], names[160] = "";
	for (size_t n = 0; n < k->nnames; n++) {
		size_t used = strlen(names);
		snprintf(names + used, sizeof names - used, "%s%s",
		         n ? " > " : "", k->names[n].name);
	}
	lifecycle_how(k, how, sizeof how);
	char ended[16] = "-";
	if (k->ended >= 0)
		snprintf(ended, sizeof ended, "%.1f", k->ended * 1000);
	strbuf_addf(t, "%7d %7d %8.1f %8s  %-10s %*s%s%s\n", (int)k->id,
	            (int)k->parent, k->born * 1000, ended,
	            *how ? how : "running",
	            depth * 2, "", k->is_thread ? "thread " : "", names);
	for (size_t e = 0; e < k->nexecs; e++)
		strbuf_addf(t, "%7s %7s %8.1f %8s  %-10s %*s  exec %s\n", "", "",
		            k->execs[e].at * 1000, "", "", depth * 2, "",
		            k->execs[e].program);
	if (depth > 32)
		return;
	for (int threads = 1; threads >= 0; threads--)
		for (size_t j = i + 1; j < l->ntasks; j++) {
			const struct lifecycle_task *c = &l->tasks[j];
			if (c->is_thread == threads && c->parent == k->id &&
			    (threads ? c->process == k->id : !k->is_thread))
				record_rows(t, l, j, depth + 1);
		}
}

/* ps after a run: the whole record of it. */
static int ps_record(struct session *s)
{
	const struct lifecycle *l = runner_record(s->runner);
	if (!l->ntasks)
		return session_fail(s, _("no demo is running, and none has "
		                    "run yet; 'run' starts one"));
	struct strbuf t = { 0 };
	if (l->traced)
		strbuf_addf(&t, _("The last run, %.2f s: every process and "
		            "thread it made, as the tracer saw them (times "
		            "in ms from its start)"), l->length);
	else
		strbuf_addf(&t, _("The last run, %.2f s, was not traced: only "
		            "its first process is known"), l->length);
	strbuf_adds(&t, "\n");
	strbuf_addf(&t, "%7s %7s %8s %8s  %-10s NAME\n", "PID/TID", "PARENT",
	            "BORN", "ENDED", "HOW");
	for (size_t i = 0; i < l->ntasks; i++) {
		const struct lifecycle_task *k = &l->tasks[i];
		/* The roots: tasks whose parent the record does not hold. */
		if (!lifecycle_find_const(l, k->parent) ||
		    lifecycle_find_const(l, k->parent)->born > k->born)
			record_rows(&t, l, i, 0);
	}
	if (l->dropped) {
		strbuf_addf(&t, _("(%zu more were not kept)"), l->dropped);
		strbuf_adds(&t, "\n");
	}
	session_say_text(s, &t);
	return 0;
}

int cmd_trace(struct session *s, int argc, char **argv)
{
	(void)argc;
	const struct lifecycle *l = runner_record(s->runner);
	if (runner_busy(s->runner))
		return session_fail(s, _("demo %s is still running: its "
		                    "record is written once it has ended "
		                    "('wait' first)"),
		                    runner_demo(s->runner)->name);
	if (!l->ntasks)
		return session_fail(s, _("no demo has run yet: 'run' one, "
		                    "then 'trace FILE' writes its record"));
	const char *path = argv[1];
	char *json = lifecycle_trace_json(l, l->run);
	int rc = files_write_new(path, json, 0644);
	free(json);
	if (rc != 0)
		return errno == EEXIST ?
		       session_fail(s, _("%s exists; trace never overwrites "
		                    "a file (choose another name)"), path) :
		       /* TRANSLATORS: the file, then why it cannot be
		          written (strerror). */
		       session_fail(s, _("cannot write %s: %s"), path,
		                    strerror(errno));
	char *said;
	if (l->traced)
		/* TRANSLATORS: the demo's name, how many processes and
		   threads the record holds, and the file written. */
		said = xasprintf(_("Wrote the record of the last run (%s, %zu "
		                 "tasks) to %s: Perfetto's UI "
		                 "(ui.perfetto.dev) and chrome://tracing open "
		                 "it as a timeline."), l->run, l->ntasks,
		                 path);
	else
		/* TRANSLATORS: the demo's name, how many processes and
		   threads the record holds, and the file written. */
		said = xasprintf(_("Wrote the record of the last run (%s, %zu "
		                 "tasks; not traced, so only its first "
		                 "process) to %s: Perfetto's UI "
		                 "(ui.perfetto.dev) and chrome://tracing open "
		                 "it as a timeline."), l->run, l->ntasks,
		                 path);
	session_say(s, said);
	free(said);
	return 0;
}

int cmd_ps(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!runner_busy(s->runner))
		return ps_record(s);
	struct procmon_tree tree;
	if (runner_scan(s->runner, &tree) != 0)
		return session_fail(s, _("cannot read the process tree from "
		                    "/proc: %s"), strerror(errno));
	/* A table like ps(1): threads other than the main one under their
	   process, zombies marked as ps marks them. */
	struct strbuf t = { 0 };
	strbuf_addf(&t, "%7s %7s S  NAME\n", "PID", "PPID");
	for (size_t i = 0; i < tree.nprocs; i++) {
		const struct procmon_proc *pr = &tree.procs[i];
		int escaped = runner_escaped(s->runner, pr);
		strbuf_addf(&t, "%7d %7d %c  %*s%s%s%s%s\n", (int)pr->pid,
		            (int)pr->ppid, pr->state, pr->depth * 2, "",
		            pr->name, pr->state == 'Z' ? " <defunct>" : "",
		            escaped ? "  " : "",
		            escaped ? _("(escaped: adopted by forklore)") : "");
		for (size_t k = 1; k < pr->nthreads; k++)
			strbuf_addf(&t, "%7s %7d %c  %*s  thread %s\n", "",
			            (int)pr->threads[k].tid,
			            pr->threads[k].state, pr->depth * 2, "",
			            pr->threads[k].name);
	}
	if (tree.nprocs == 0)
		strbuf_addf(&t, "%s\n", _("(the demo has just ended)"));
	procmon_tree_free(&tree);
	session_say_text(s, &t);
	return 0;
}

