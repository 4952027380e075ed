/* commands.c - the table of the REPL's commands, help, completion, and
 * running one line. What each command does is in cmd_lessons.c and
 * cmd_demos.c (and, for the few about the screen, here). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmdline.h"
#include "commands.h"
#include "i18n.h"
#include "demo.h"
#include "layout.h"
#include "predict.h"
#include "procmon.h"
#include "progress.h"
#include "record.h"
#include "session.h"
#include "settings.h"
#include "util.h"

/* ---- help and lists --------------------------------------------------- */

static int cmd_help(struct session *s, int argc, char **argv)
{
	struct strbuf t = { 0 };
	if (argc == 3) {
		if (strcmp(argv[1], "demo") != 0)
			return session_fail(s, _("'help %s' takes no more "
			                    "words; 'help demo NAME' describes a "
			                    "demo"), argv[1]);
		return cmd_help_demo(s, argv[2]);
	}
	if (argc == 2) {
		char *cause = NULL;
		const struct command *c = command_find(command_table, argv[1],
		                                       &cause);
		if (!c) {
			session_fail(s, "%s", cause);
			free(cause);
			return -1;
		}
		strbuf_addf(&t, "%s\n  %s\n", c->usage, _(c->help));
		session_say_text(s, &t);
		return 0;
	}
	strbuf_addf(&t, "%s\n", _("Commands (any unique prefix works, e.g. "
	                           "'n' for next):"));
	for (const struct command *c = command_table; c->name; c++)
		strbuf_addf(&t, "  %-22s %s\n", c->usage, _(c->help));
	strbuf_adds(&t, _("Keys: Tab completes; Up/Down recall history; "
	                  "Ctrl-C stops a demo or\nclears the line; Ctrl-D "
	                  "quits; in the panes, PgUp/PgDn scroll, Ctrl-L "
	                  "redraws.\nIn a replay (forklore --script FILE on a "
	                  "terminal): Space or Enter goes on\nafter a pause, p "
	                  "pauses and resumes, + and - type faster or slower, "
	                  "q hands\nthe prompt over to you.\n"));
	session_say_text(s, &t);
	return 0;
}

static int cmd_zoom(struct session *s, int argc, char **argv)
{
	char *cause = NULL;
	if (s->ui->zoom(s->ui->self, argc > 1 ? argv[1] : NULL, &cause) == 0)
		return 0;
	session_fail(s, "%s", cause);
	free(cause);
	return -1;
}

static int cmd_present(struct session *s, int argc, char **argv)
{
	if (!s->ui->present)
		return session_fail(s, "%s", _("present needs the panes; this "
		                    "is plain mode"));
	int on = -1;
	if (argc == 2 && strcmp(argv[1], "on") == 0)
		on = 1;
	else if (argc == 2 && strcmp(argv[1], "off") == 0)
		on = 0;
	else if (argc == 2)
		return session_fail(s, _("present takes on or off, not '%s'"),
		                    argv[1]);
	on = s->ui->present(s->ui->self, on);
	session_say(s, on ? _("Presenting: high contrast, the lesson across "
	            "the top, output and monitor below; 'code' shows the code, "
	            "'show' the lesson again, 'present off' ends it.") :
	            _("The usual panes again."));
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
	{ "help", "help [COMMAND]", N_("list the commands, or explain one "
	  "('help demo NAME': a demo)"), 0, 2, COMPLETE_COMMAND, cmd_help, 0 },
	{ "lessons", "lessons", N_("list the lessons of the course"),
	  0, 0, COMPLETE_NONE, cmd_lessons, 0 },
	{ "open", "open LESSON", N_("open a lesson by name or number"),
	  1, 1, COMPLETE_LESSON, cmd_open, 0 },
	{ "next", "next", N_("go to the next step (then the next lesson)"),
	  0, 0, COMPLETE_NONE, cmd_next, 0 },
	{ "prev", "prev", N_("go back one step"),
	  0, 0, COMPLETE_NONE, cmd_prev, 0 },
	{ "goto", "goto STEP", N_("go to step number STEP of this lesson"),
	  1, 1, COMPLETE_NONE, cmd_goto, 0 },
	{ "show", "show", N_("show the current step again"),
	  0, 0, COMPLETE_NONE, cmd_show, 0 },
	{ "code", "code [c|python]", N_("show the step's C (the code that runs) "
	  "or its Python"), 0, 1, COMPLETE_LANG, cmd_code, 0 },
	{ "run", "run [python [free]|both] [NAME=VALUE...]", N_("run the step's demo, "
	  "its Python listing, or both and compare them; with changed "
	  "parameters if given"), 0, -1, COMPLETE_RUN_ARGS, cmd_run,
	  AFTER_DEMO },
	{ "exercises", "exercises", N_("list the exercises (of the open "
	  "lesson), solved or not"), 0, 0, COMPLETE_NONE, cmd_exercises, 0 },
	{ "try", "try [NAME]", N_("start an exercise: your own copy of its "
	  "file, and the task"), 0, 1, COMPLETE_EXERCISE, cmd_try, 0 },
	{ "edit", "edit [NAME]", N_("open your exercise file in $VISUAL or "
	  "$EDITOR"), 0, 1, COMPLETE_EXERCISE, cmd_edit, 0 },
	{ "check", "check [--watch] [NAME [FILE]]", N_("build and run your "
	  "exercise and judge what it did (--watch: at every save)"), 0, 3,
	  COMPLETE_EXERCISE, cmd_check, AFTER_DEMO },
	{ "hint", "hint [NAME]", N_("the exercise's next hint"),
	  0, 1, COMPLETE_EXERCISE, cmd_hint, 0 },
	{ "solution", "solution [NAME]", N_("show the exercise's reference "
	  "solution (asks first)"), 0, 1, COMPLETE_EXERCISE, cmd_solution,
	  0 },
	{ "stop", "stop", N_("stop the running demo (Ctrl-C does the same)"),
	  0, 0, COMPLETE_NONE, cmd_stop, 0 },
	{ "wait", "wait [TEXT]", N_("wait until the demo ends, or prints TEXT"),
	  0, -1, COMPLETE_NONE, cmd_wait, 0 },
	{ "pause", "pause", N_("in a replay, wait for the presenter (Space or "
	  "Enter goes on)"), 0, 0, COMPLETE_NONE, cmd_pause, 0 },
	{ "set", "set NAME VALUE", N_("keep a parameter, speed, seed, lang or workspace "
	  "('default' clears)"), 2, 2, COMPLETE_SETTING, cmd_set, 0 },
	{ "params", "params", N_("show the parameters of the step's demo"),
	  0, 0, COMPLETE_NONE, cmd_params, 0 },
	{ "ps", "ps", N_("show the running demo's processes and threads"),
	  0, 0, COMPLETE_NONE, cmd_ps, 0 },
	{ "trace", "trace FILE", N_("write the last run's record as a trace "
	  "file (Perfetto, chrome://tracing)"), 1, 1, COMPLETE_NONE,
	  cmd_trace, 0 },
	{ "demos", "demos", N_("list every built-in demo"),
	  0, 0, COMPLETE_NONE, cmd_demos, 0 },
	{ "demo", "demo NAME [NAME=VALUE...]", N_("run any demo by name"),
	  1, -1, COMPLETE_DEMO_ARGS, cmd_demo, AFTER_DEMO },
	{ "zoom", "zoom [PANE]", N_("let one pane (lesson, code, output...) "
	  "fill the screen"), 0, 1, COMPLETE_PANE,
	  cmd_zoom, 0 },
	{ "record", "record [FILE|off]", N_("write the commands from now on to "
	  "FILE as a script to replay"), 0, 1, COMPLETE_NONE, cmd_record, 0 },
	{ "reset", "reset [LESSON]", N_("forget your progress in a lesson, or in "
	  "all (asks first)"), 0, 1, COMPLETE_LESSON, cmd_reset, 0 },
	{ "present", "present [on|off]", N_("the projector preset: high "
	  "contrast, big lesson and monitor"), 0, 1, COMPLETE_NONE,
	  cmd_present, 0 },
	{ "quit", "quit", N_("leave forklore (Ctrl-D does the same)"),
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
		case COMPLETE_EXERCISE: {
			const char *names[256];
			size_t n = exercises_names((struct session *)s, names,
			                           256);
			for (size_t i = 0; i < n; i++)
				if (argc == 1 || (argc == 2 &&
				    !strcmp(argv[1], "--watch")))
					candidate_add(&c, names[i], "");
			break;
		}
		case COMPLETE_LANG:
			if (argc == 1) {
				candidate_add(&c, "c", "");
				candidate_add(&c, "python", "");
			}
			break;
		case COMPLETE_RUN_ARGS:
			if (s->lesson && lesson_python_step(s->lesson, s->step)) {
				if (argc == 1) {
					candidate_add(&c, "python", "");
					if (s->lesson->steps[s->step].demo)
						candidate_add(&c, "both", "");
				} else if (argc == 2 &&
				           !strcmp(argv[1], "python")) {
					candidate_add(&c, "free", "");
				}
			}
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
				size_t n = cmd_setting_names(names, 64);
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
		/* TRANSLATORS: %s is a command's syntax, as written
		   ("open LESSON"). */
		char *msg = xasprintf(_("usage: %s"), cmd->usage);
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
