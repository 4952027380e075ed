/* commands.c - what each REPL command does, and the table that lists them. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmdline.h"
#include "demo.h"
#include "layout.h"
#include "predict.h"
#include "procmon.h"
#include "progress.h"
#include "record.h"
#include "session.h"
#include "settings.h"
#include "util.h"

/* Show a one-line error through the front end; returns -1. */
static int fail(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct session *s, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	session_error(s, msg ? msg : "out of memory");
	free(msg);
	return -1;
}

/* The command waits (see queue.h): text is taken over. */
static int wait_for(struct session *s, enum wait_kind kind, char *text,
                    int ms, int (*resume)(struct session *s))
{
	free(s->waiting.text);
	s->waiting = (struct waiting){ .kind = kind, .text = text, .ms = ms,
	                         .resume = resume };
	return CMD_WAIT;
}

static void say(struct session *s, const char *text)
{
	s->ui->message(s->ui->self, text);
}

/* Print the text (without its last newline) and free it. */
static void text_say(struct session *s, struct strbuf *t)
{
	if (t->len && t->buf[t->len - 1] == '\n')
		t->buf[--t->len] = '\0';
	say(s, t->buf ? t->buf : "");
	strbuf_free(t);
}

static int need_lesson(struct session *s)
{
	if (s->lesson)
		return 0;
	return fail(s, "no lesson is open: 'lessons' lists them, 'open 1' "
	               "starts the first");
}

static const struct lesson_step *current_step(const struct session *s)
{
	return &s->lesson->steps[s->step];
}

/* ---- help and lists --------------------------------------------------- */

static int cmd_help(struct session *s, int argc, char **argv)
{
	struct strbuf t = { 0 };
	if (argc == 2) {
		char *cause = NULL;
		const struct command *c = command_find(command_table, argv[1],
		                                       &cause);
		if (!c) {
			fail(s, "%s", cause);
			free(cause);
			return -1;
		}
		strbuf_addf(&t, "%s\n  %s\n", c->usage, c->help);
		text_say(s, &t);
		return 0;
	}
	strbuf_addf(&t, "Commands (any unique prefix works, e.g. 'n' for "
	             "next):\n");
	for (const struct command *c = command_table; c->name; c++)
		strbuf_addf(&t, "  %-22s %s\n", c->usage, c->help);
	strbuf_addf(&t, "Keys: Tab completes; Up/Down recall history; Ctrl-C "
	            "stops a demo or\nclears the line; Ctrl-D quits; in the "
	            "panes, PgUp/PgDn scroll, Ctrl-L redraws.\n"
	            "In a replay (forklore --script FILE on a terminal): "
	            "Space or Enter goes on\nafter a pause, p pauses and "
	            "resumes, + and - type faster or slower, q hands\nthe "
	            "prompt over to you.\n");
	text_say(s, &t);
	return 0;
}

static int cmd_lessons(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (s->nlessons == 0)
		return fail(s, "no lessons found in %s",
		            s->lesson_dir ? s->lesson_dir : "any lesson folder");
	struct strbuf t = { 0 };
	for (size_t i = 0; i < s->nlessons; i++) {
		const struct lesson *l = s->lessons[i];
		strbuf_addf(&t, "%c %2zu. %s  (%s, %zu steps)",
		         l == s->lesson ? '*' : ' ', i + 1, l->title, l->id,
		         l->nsteps);
		if (s->progress) {
			struct progress_summary sum;
			progress_summarize(s->progress, l, &sum);
			if (sum.done)
				strbuf_adds(&t, "  done");
			else if (sum.seen || sum.ran)
				strbuf_addf(&t, "  in progress: %zu/%zu steps "
				            "seen, %zu/%zu demos run", sum.seen,
				            l->nsteps, sum.ran, sum.demos);
			else
				strbuf_adds(&t, "  new");
			if (sum.predicted)
				strbuf_addf(&t, ", %zu/%zu predictions right",
				            sum.right, sum.predicted);
		}
		strbuf_addf(&t, "\n      %s\n", l->summary);
	}
	strbuf_addf(&t, "'open NAME' or 'open NUMBER' starts a lesson.\n");
	text_say(s, &t);
	return 0;
}

static int cmd_demos(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct strbuf t = { 0 };
	for (const struct demo *d = demo_table; d->name; d++)
		strbuf_addf(&t, "  %-18s %s\n", d->name, d->summary);
	strbuf_addf(&t, "'demo NAME' runs one; 'help demo' says more.\n");
	text_say(s, &t);
	return 0;
}

/* ---- moving through a lesson ------------------------------------------ */

static void show_step(struct session *s)
{
	s->ui->step(s->ui->self, s->lesson, s->step);
	if (s->progress) {
		progress_seen(s->progress, s->lesson->id, s->step);
		session_save_progress(s);
	}
}

static int cmd_open(struct session *s, int argc, char **argv)
{
	(void)argc;
	char *cause = NULL;
	struct lesson *l = session_find_lesson(s, argv[1], &cause);
	if (!l) {
		fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	s->lesson = l;
	s->step = 0;
	show_step(s);
	return 0;
}

/* The lesson after the open one in course order, or NULL. */
static struct lesson *lesson_after(const struct session *s)
{
	for (size_t i = 0; i + 1 < s->nlessons; i++)
		if (s->lessons[i] == s->lesson)
			return s->lessons[i + 1];
	return NULL;
}

static int cmd_next(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (need_lesson(s))
		return -1;
	if (s->step + 1 < s->lesson->nsteps) {
		s->step++;
		show_step(s);
		return 0;
	}
	struct lesson *after = lesson_after(s);
	if (!after) {
		say(s, "That was the last step of the last lesson. Well done!");
		return 0;
	}
	char *msg = xasprintf("End of lesson '%s'. On to the next one:",
	                      s->lesson->id);
	say(s, msg);
	free(msg);
	s->lesson = after;
	s->step = 0;
	show_step(s);
	return 0;
}

static int cmd_prev(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (need_lesson(s))
		return -1;
	if (s->step == 0)
		return fail(s, "already at the first step of '%s'",
		            s->lesson->id);
	s->step--;
	show_step(s);
	return 0;
}

static int cmd_goto(struct session *s, int argc, char **argv)
{
	(void)argc;
	if (need_lesson(s))
		return -1;
	long n;
	if (parse_long(argv[1], &n) != 0 || n < 1 ||
	    (size_t)n > s->lesson->nsteps)
		return fail(s, "step must be a number from 1 to %zu, not '%s'",
		            s->lesson->nsteps, argv[1]);
	s->step = (size_t)n - 1;
	show_step(s);
	return 0;
}

static int cmd_show(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (need_lesson(s))
		return -1;
	show_step(s);
	return 0;
}

static int cmd_code(struct session *s, int argc, char **argv)
{
	if (need_lesson(s))
		return -1;
	const char *lang = argc > 1 ? argv[1] : "c";
	static const char *const langs[] = { "c", "python", "shell", "text" };
	int known = 0;
	for (size_t i = 0; i < 4; i++)
		known |= strcmp(lang, langs[i]) == 0;
	if (!known)
		return fail(s, "no language '%s': try c or python", lang);
	const struct lesson_step *step = current_step(s);
	char have[64] = "";
	for (size_t i = 0; i < step->ncode; i++) {
		if (strcmp(step->code[i].lang, lang) == 0) {
			s->ui->code(s->ui->self, step, lang);
			return 0;
		}
		if (!strstr(have, step->code[i].lang) &&
		    strlen(have) + strlen(step->code[i].lang) + 3 < sizeof have) {
			if (have[0])
				strcat(have, ", ");
			strcat(have, step->code[i].lang);
		}
	}
	if (!have[0])
		return fail(s, "step %zu has no code listing", s->step + 1);
	return fail(s, "step %zu has no %s listing (it has: %s)", s->step + 1,
	            lang, have);
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
	fail(s, "%s", cause);
	free(cause);
	return -1;
}

/* The demo of the current step, or NULL with an error shown. */
static const struct demo *step_demo(struct session *s)
{
	if (need_lesson(s))
		return NULL;
	const struct lesson_step *step = current_step(s);
	if (step->demo)
		return demo_find(step->demo);
	char list[128] = "";
	for (size_t i = 0; i < s->lesson->nsteps; i++) {
		if (!s->lesson->steps[i].demo || strlen(list) > 100)
			continue;
		char num[32];
		snprintf(num, sizeof num, "%s%zu", list[0] ? ", " : "", i + 1);
		strcat(list, num);
	}
	if (list[0])
		fail(s, "step %zu has no demo; steps with one: %s (or try "
		        "'demos')", s->step + 1, list);
	else
		fail(s, "this lesson has no demo; 'demos' lists them all");
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
		fail(s, "%s", cause);
		free(cause);
		return -1;
	}
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
	s->ask = ASK_PREDICT;
	s->predict.demo = demo;
	memcpy(s->predict.values, values, sizeof s->predict.values);
	char *text = xasprintf("Predict: %s\n  Your answer, then Enter (Enter "
	                       "alone skips; Ctrl-C cancels the run).",
	                       current_step(s)->predict);
	say(s, text);
	free(text);
	return 0;
}

static int cmd_run(struct session *s, int argc, char **argv)
{
	const struct demo *demo = step_demo(s);
	if (!demo)
		return -1;
	const struct lesson_step *step = current_step(s);
	long values[DEMO_MAX_PARAMS];
	if (compose_values(s, demo, step->run_args, step->nrun_args, argv + 1,
	                   (size_t)argc - 1, values) != 0)
		return -1;
	if (step->predict && !s->settings.no_predict)
		return ask_prediction(s, demo, values);
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

static int reset_answered(struct session *s, const char *answer);

int session_answer(struct session *s, const char *line)
{
	char *answer = trimmed(line);
	int kind = s->ask;
	s->ask = ASK_NONE;
	int rc = 0;
	if (kind == ASK_PREDICT) {
		/* "-" skips; "pause" is how a script leaves the answer to the
		   class, and in plain mode, with nobody there, it skips too. */
		free(s->predict.answer);
		s->predict.answer = NULL;
		if (*answer && strcmp(answer, "pause") != 0 &&
		    strcmp(answer, "-") != 0)
			s->predict.answer = xstrdup(answer);
		s->predict.lesson = s->lesson;
		s->predict.step = s->step;
		s->predict.pending = 1;
		rc = start_demo(s, s->predict.demo, s->predict.values, 1);
		if (rc != 0)
			s->predict.pending = 0;
	} else if (kind == ASK_RESET) {
		rc = reset_answered(s, answer);
	}
	free(answer);
	return rc;
}

int session_cancel_ask(struct session *s)
{
	if (s->ask == ASK_NONE)
		return 0;
	say(s, s->ask == ASK_PREDICT ? "^C: the question and its run are "
	       "cancelled" : "^C: nothing was reset");
	s->ask = ASK_NONE;
	free(s->ask_reset);
	s->ask_reset = NULL;
	return 1;
}


/* ---- recording -------------------------------------------------------- */

static int cmd_record(struct session *s, int argc, char **argv)
{
	if (argc == 1) {
		char *text = s->rec.file ?
		    xasprintf("Recording to %s: %zu command%s so far ('record "
		              "off' stops).", s->rec.path, s->rec.count,
		              s->rec.count == 1 ? "" : "s") :
		    xstrdup("Not recording; 'record FILE' starts.");
		say(s, text);
		free(text);
		return 0;
	}
	if (strcmp(argv[1], "off") == 0) {
		if (!s->rec.file)
			return fail(s, "not recording; 'record FILE' starts");
		char *path = xstrdup(s->rec.path);
		size_t n = record_stop(&s->rec);
		char *text = xasprintf("Recorded %zu command%s to %s; 'forklore "
		                       "--script %s' replays them.", n,
		                       n == 1 ? "" : "s", path, path);
		say(s, text);
		free(text);
		free(path);
		return 0;
	}
	char *cause = NULL;
	if (record_start(&s->rec, argv[1], &s->settings, s->lesson, s->step,
	                 &cause) != 0) {
		fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	char *text = xasprintf("Recording the commands from now on to %s "
	                       "('record off' stops).", argv[1]);
	say(s, text);
	free(text);
	return 0;
}

/* ---- progress --------------------------------------------------------- */

static int cmd_reset(struct session *s, int argc, char **argv)
{
	if (!s->progress)
		return fail(s, "progress is kept only for a learner at the "
		               "prompt, not for a script; nothing to reset");
	const struct lesson *l = NULL;
	if (argc == 2) {
		char *cause = NULL;
		l = session_find_lesson(s, argv[1], &cause);
		if (!l) {
			fail(s, "%s", cause);
			free(cause);
			return -1;
		}
	}
	free(s->ask_reset);
	s->ask_reset = xstrdup(l ? l->id : "");
	s->ask = ASK_RESET;
	char *q = l ? xasprintf("Forget what you have seen, run and predicted "
	                        "in '%s'? Type y to confirm.", l->id) :
	              xstrdup("Forget your progress in every lesson? Type y "
	                      "to confirm.");
	say(s, q);
	free(q);
	return 0;
}

static int reset_answered(struct session *s, const char *answer)
{
	char *id = s->ask_reset;
	s->ask_reset = NULL;
	if (strcasecmp(answer, "y") != 0 && strcasecmp(answer, "yes") != 0) {
		say(s, "Nothing was reset.");
		free(id);
		return 0;
	}
	progress_reset(s->progress, *id ? id : NULL);
	session_save_progress(s);
	char *done = *id ? xasprintf("Progress in '%s' cleared.", id) :
	                   xstrdup("Progress in every lesson cleared.");
	say(s, done);
	free(done);
	free(id);
	return 0;
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

static int cmd_demo(struct session *s, int argc, char **argv)
{
	const struct demo *demo = demo_find(argv[1]);
	if (!demo) {
		const char *near = suggest(argv[1], demo_name_at, demo_count(),
		                           NULL);
		if (near)
			return fail(s, "no demo '%s' (did you mean '%s'?)",
			            argv[1], near);
		return fail(s, "no demo '%s' ('demos' lists them)", argv[1]);
	}
	long values[DEMO_MAX_PARAMS];
	if (compose_values(s, demo, NULL, 0, argv + 2, (size_t)argc - 2,
	                   values) != 0)
		return -1;
	return start_demo(s, demo, values, 0);
}

static int cmd_stop(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!session_interrupt(s))
		return fail(s, "no demo is running");
	/* A script goes on only once the demo is gone. */
	if (s->scripted)
		return wait_for(s, WAIT_DEMO, NULL, 0, NULL);
	return 0;
}

/* `wait TEXT` is over: did the demo print it? */
static int wait_resumed(struct session *s)
{
	if (s->waiting.text && !s->waiting.seen)
		return fail(s, "the demo ended without printing '%s'",
		            s->waiting.text);
	return 0;
}

static int cmd_wait(struct session *s, int argc, char **argv)
{
	if (!runner_busy(s->runner))
		return argc > 1 ? fail(s, "no demo is running to wait for") : 0;
	if (argc == 1)
		return wait_for(s, WAIT_DEMO, NULL, 0, NULL);
	/* The words of TEXT need no quotes: `wait LoopThread: count 2`. */
	struct strbuf want = { 0 };
	for (int i = 1; i < argc; i++)
		strbuf_addf(&want, "%s%s", i > 1 ? " " : "", argv[i]);
	return wait_for(s, WAIT_TEXT, want.buf, 0, wait_resumed);
}

/* `pause` in a plain script waits --pace seconds (the demo goes on
   meanwhile), else nothing; the panes' replay handles its pauses itself. */
static int cmd_pause(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!s->scripted || s->settings.pace <= 0)
		return 0;
	return wait_for(s, WAIT_TIME, NULL, (int)(s->settings.pace * 1000), NULL);
}

/* Find a parameter named name in any demo, preferring the step's demo. */
static const struct demo_param *param_anywhere(struct session *s,
                                               const char *name)
{
	if (s->lesson && current_step(s)->demo) {
		const struct demo *d = demo_find(current_step(s)->demo);
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
static size_t setting_names(const char **names, size_t max)
{
	size_t n = 0;
	names[n++] = "speed";
	names[n++] = "seed";
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
		return fail(s, "speed must be a number from 0 to 100 (1 = as "
		               "written, 0 = no pauses), not '%s'", value);
	s->settings.speed = v;
	return 0;
}

static int cmd_set(struct session *s, int argc, char **argv)
{
	(void)argc;
	const char *name = argv[1], *value = argv[2];
	if (strcmp(name, "speed") == 0)
		return set_speed(s, value);
	if (strcmp(name, "seed") == 0) {
		long v;
		if (parse_long(value, &v) != 0 || v < 0 || v > 4294967295L)
			return fail(s, "seed must be a whole number from 0 to "
			               "4294967295, not '%s'", value);
		s->settings.seed = (unsigned long)v;
		return 0;
	}
	const struct demo_param *p = param_anywhere(s, name);
	if (!p) {
		const char *names[64];
		size_t n = setting_names(names, 64);
		const char *near = suggest(name, string_at, n, names);
		if (near)
			return fail(s, "no setting '%s' (did you mean '%s'?)",
			            name, near);
		return fail(s, "no setting '%s' ('params' lists them)", name);
	}
	if (strcmp(value, "default") == 0) {
		settings_put(&s->settings, name, NULL);
		return 0;
	}
	long v;
	char *cause = NULL;
	if (demo_param_parse(p, value, &v, &cause) != 0) {
		fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	settings_put(&s->settings, name, value);
	return 0;
}

static int cmd_params(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct strbuf t = { 0 };
	strbuf_addf(&t, "  speed = %g\n      pause factor: 1 = as written, 0 = "
	             "none (0 to 100)\n", s->settings.speed);
	strbuf_addf(&t, "  seed = %lu\n      fixes the demos' random delays\n",
	         s->settings.seed);
	const struct demo *demo = NULL;
	if (s->lesson && current_step(s)->demo)
		demo = demo_find(current_step(s)->demo);
	if (!demo) {
		strbuf_addf(&t, "This step has no demo; 'set NAME VALUE' applies "
		             "to every demo with that parameter.\n");
		text_say(s, &t);
		return 0;
	}
	long values[DEMO_MAX_PARAMS];
	const struct lesson_step *step = current_step(s);
	char *cause = NULL;
	demo_defaults(demo, values);
	if (demo_apply_args(demo, step->run_args, step->nrun_args, values,
	                    &cause) != 0)
		free(cause);
	strbuf_addf(&t, "Demo %s:\n", demo->name);
	for (size_t i = 0; i < demo_nparams(demo); i++) {
		const struct demo_param *p = &demo->params[i];
		const char *set = settings_get(&s->settings, p->name);
		char value[32], def[32];
		demo_param_format(p, values[i], value, sizeof value);
		demo_param_format(p, p->def, def, sizeof def);
		if (p->type == PARAM_BOOL)
			strbuf_addf(&t, "  %s = %s   (on or off, default %s)\n",
			         p->name, set ? set : value, def);
		else
			strbuf_addf(&t, "  %s = %s   (%ld to %ld, default %s)\n",
			         p->name, set ? set : value, p->min, p->max, def);
		strbuf_addf(&t, "      %s\n", p->help);
	}
	strbuf_addf(&t, "'run NAME=VALUE' for one run, 'set NAME VALUE' to "
	             "keep it.\n");
	text_say(s, &t);
	return 0;
}

static int cmd_ps(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!runner_busy(s->runner))
		return fail(s, "no demo is running; 'run' starts one");
	struct procmon_tree tree;
	if (runner_scan(s->runner, &tree) != 0)
		return fail(s, "cannot read the process tree from /proc: %s",
		            strerror(errno));
	/* A table like ps(1): threads other than the main one under their
	   process, zombies marked as ps marks them. */
	struct strbuf t = { 0 };
	strbuf_addf(&t, "%7s %7s S  NAME\n", "PID", "PPID");
	for (size_t i = 0; i < tree.nprocs; i++) {
		const struct procmon_proc *pr = &tree.procs[i];
		strbuf_addf(&t, "%7d %7d %c  %*s%s%s%s\n", (int)pr->pid,
		            (int)pr->ppid, pr->state, pr->depth * 2, "",
		            pr->name, pr->state == 'Z' ? " <defunct>" : "",
		            runner_escaped(s->runner, pr) ?
		            "  (escaped: adopted by forklore)" : "");
		for (size_t k = 1; k < pr->nthreads; k++)
			strbuf_addf(&t, "%7s %7d %c  %*s  thread %s\n", "",
			            (int)pr->threads[k].tid,
			            pr->threads[k].state, pr->depth * 2, "",
			            pr->threads[k].name);
	}
	if (tree.nprocs == 0)
		strbuf_adds(&t, "(the demo has just ended)\n");
	procmon_tree_free(&tree);
	text_say(s, &t);
	return 0;
}

static int cmd_zoom(struct session *s, int argc, char **argv)
{
	char *cause = NULL;
	if (s->ui->zoom(s->ui->self, argc > 1 ? argv[1] : NULL, &cause) == 0)
		return 0;
	fail(s, "%s", cause);
	free(cause);
	return -1;
}

static int cmd_present(struct session *s, int argc, char **argv)
{
	if (!s->ui->present)
		return fail(s, "present needs the panes; this is plain mode");
	int on = -1;
	if (argc == 2 && strcmp(argv[1], "on") == 0)
		on = 1;
	else if (argc == 2 && strcmp(argv[1], "off") == 0)
		on = 0;
	else if (argc == 2)
		return fail(s, "present takes on or off, not '%s'", argv[1]);
	on = s->ui->present(s->ui->self, on);
	say(s, on ? "Presenting: high contrast, the lesson across the top, "
	            "output and monitor below; 'code' shows the code, 'show' "
	            "the lesson again, 'present off' ends it." :
	            "The usual panes again.");
	return 0;
}

static int cmd_quit(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	s->quit = 1;
	return 0;
}

const struct command command_table[] = {
	{ "help", "help [COMMAND]", "list the commands, or explain one",
	  0, 1, COMPLETE_COMMAND, cmd_help, 0 },
	{ "lessons", "lessons", "list the lessons of the course",
	  0, 0, COMPLETE_NONE, cmd_lessons, 0 },
	{ "open", "open LESSON", "open a lesson by name or number",
	  1, 1, COMPLETE_LESSON, cmd_open, 0 },
	{ "next", "next", "go to the next step (then the next lesson)",
	  0, 0, COMPLETE_NONE, cmd_next, 0 },
	{ "prev", "prev", "go back one step",
	  0, 0, COMPLETE_NONE, cmd_prev, 0 },
	{ "goto", "goto STEP", "go to step number STEP of this lesson",
	  1, 1, COMPLETE_NONE, cmd_goto, 0 },
	{ "show", "show", "show the current step again",
	  0, 0, COMPLETE_NONE, cmd_show, 0 },
	{ "code", "code [c|python]", "show the step's C (the code that runs) "
	  "or its Python", 0, 1, COMPLETE_LANG, cmd_code, 0 },
	{ "run", "run [NAME=VALUE...]", "run the step's demo, with changed "
	  "parameters if given", 0, -1, COMPLETE_RUN_ARGS, cmd_run,
	  AFTER_DEMO },
	{ "stop", "stop", "stop the running demo (Ctrl-C does the same)",
	  0, 0, COMPLETE_NONE, cmd_stop, 0 },
	{ "wait", "wait [TEXT]", "wait until the demo ends, or prints TEXT",
	  0, -1, COMPLETE_NONE, cmd_wait, 0 },
	{ "pause", "pause", "in a replay, wait for the presenter (Space or "
	  "Enter goes on)", 0, 0, COMPLETE_NONE, cmd_pause, 0 },
	{ "set", "set NAME VALUE", "keep a parameter, speed or seed "
	  "('default' clears)", 2, 2, COMPLETE_SETTING, cmd_set, 0 },
	{ "params", "params", "show the parameters of the step's demo",
	  0, 0, COMPLETE_NONE, cmd_params, 0 },
	{ "ps", "ps", "show the running demo's processes and threads",
	  0, 0, COMPLETE_NONE, cmd_ps, 0 },
	{ "demos", "demos", "list every built-in demo",
	  0, 0, COMPLETE_NONE, cmd_demos, 0 },
	{ "demo", "demo NAME [NAME=VALUE...]", "run any demo by name",
	  1, -1, COMPLETE_DEMO_ARGS, cmd_demo, AFTER_DEMO },
	{ "zoom", "zoom [PANE]", "let one pane (lesson, code, output...) "
	  "fill the screen", 0, 1, COMPLETE_PANE,
	  cmd_zoom, 0 },
	{ "record", "record [FILE|off]", "write the commands from now on to "
	  "FILE as a script to replay", 0, 1, COMPLETE_NONE, cmd_record, 0 },
	{ "reset", "reset [LESSON]", "forget your progress in a lesson, or in "
	  "all (asks first)", 0, 1, COMPLETE_LESSON, cmd_reset, 0 },
	{ "present", "present [on|off]", "the projector preset: high "
	  "contrast, big lesson and monitor", 0, 1, COMPLETE_NONE,
	  cmd_present, 0 },
	{ "quit", "quit", "leave forklore (Ctrl-D does the same)",
	  0, 0, COMPLETE_NONE, cmd_quit, 0 },
	{ NULL, NULL, NULL, 0, 0, COMPLETE_NONE, NULL, 0 },
};

/* ---- completion ------------------------------------------------------- */

/* A NULL-terminated list of candidates that start with word. */
struct candidates {
	char **items;
	size_t n;
	const char *word;
};

static void candidate_add(struct candidates *c, const char *item,
                          const char *suffix)
{
	if (strncmp(item, c->word, strlen(c->word)) != 0)
		return;
	c->items = xrealloc(c->items, (c->n + 2) * sizeof *c->items);
	c->items[c->n++] = xasprintf("%s%s", item, suffix);
	c->items[c->n] = NULL;
}

/* NAME= candidates for a demo's parameters. */
static void complete_params(struct candidates *c, const struct demo *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < demo_nparams(d); i++)
		candidate_add(c, d->params[i].name, "=");
}

char **session_complete(const struct session *s, const char *line,
                        int start, const char *word)
{
	struct candidates c = { NULL, 0, word };
	int argc = 0;
	char **argv = NULL, *cause = NULL;
	char *head = strndup(line, (size_t)start);
	if (!head || command_split(head, &argc, &argv, &cause) != 0) {
		free(head);
		free(cause);
		return NULL;
	}
	free(head);
	const struct command *cmd = NULL;
	if (argc > 0)
		cmd = command_find(command_table, argv[0], &cause);
	free(cause);
	if (argc == 0) {
		for (const struct command *k = command_table; k->name; k++)
			candidate_add(&c, k->name, "");
	} else if (cmd) {
		switch (cmd->complete) {
		case COMPLETE_COMMAND:
			for (const struct command *k = command_table; k->name;
			     k++)
				if (argc == 1)
					candidate_add(&c, k->name, "");
			break;
		case COMPLETE_LESSON:
			for (size_t i = 0; argc == 1 && i < s->nlessons; i++)
				candidate_add(&c, s->lessons[i]->id, "");
			break;
		case COMPLETE_LANG:
			if (argc == 1) {
				candidate_add(&c, "c", "");
				candidate_add(&c, "python", "");
			}
			break;
		case COMPLETE_RUN_ARGS:
			if (s->lesson && s->lesson->steps[s->step].demo)
				complete_params(&c, demo_find(
				    s->lesson->steps[s->step].demo));
			break;
		case COMPLETE_DEMO_ARGS:
			if (argc == 1)
				for (const struct demo *d = demo_table; d->name;
				     d++)
					candidate_add(&c, d->name, "");
			else
				complete_params(&c, demo_find(argv[1]));
			break;
		case COMPLETE_SETTING:
			if (argc == 1) {
				const char *names[64];
				size_t n = setting_names(names, 64);
				for (size_t i = 0; i < n; i++)
					candidate_add(&c, names[i], "");
			}
			break;
		case COMPLETE_PANE:
			for (int i = 0; argc == 1 && i < PANE_COUNT; i++)
				candidate_add(&c, layout_pane_name(i), "");
			break;
		case COMPLETE_NONE:
			break;
		}
	}
	command_free_argv(argc, argv);
	return c.items;
}

/* ---- running a line --------------------------------------------------- */

/* Run one command line; *name is its command's name when it is one. */
static int execute(struct session *s, const char *line, const char **name)
{
	int argc;
	char **argv, *cause = NULL;
	if (command_split(line, &argc, &argv, &cause) != 0) {
		session_error(s, cause);
		free(cause);
		return -1;
	}
	if (argc == 0) {
		command_free_argv(argc, argv);
		return 0;
	}
	int rc = -1;
	const struct command *cmd = command_find(command_table, argv[0],
	                                         &cause);
	if (!cmd) {
		session_error(s, cause);
	} else if (argc - 1 < cmd->min_args ||
	           (cmd->max_args >= 0 && argc - 1 > cmd->max_args)) {
		char *msg = xasprintf("usage: %s", cmd->usage);
		session_error(s, msg);
		free(msg);
	} else {
		*name = cmd->name;
		if ((cmd->flags & AFTER_DEMO) && s->scripted &&
		    runner_busy(s->runner)) {
			free(s->waiting.text);
			s->waiting = (struct waiting){ .kind = WAIT_DEMO, .again = 1 };
			rc = CMD_WAIT;
		} else {
			rc = cmd->exec(s, argc, argv);
		}
	}
	free(cause);
	command_free_argv(argc, argv);
	return rc;
}

int session_execute(struct session *s, const char *line, const char **name,
                    int *answer)
{
	*name = NULL;
	*answer = s->ask != ASK_NONE;
	if (*answer)
		return session_answer(s, line);
	return execute(s, line, name);
}
