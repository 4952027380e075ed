/* cmd_lessons.c - the commands that move through the course: lessons,
 * open, next, prev, goto, show, code, record and reset. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "cmdline.h"
#include "commands.h"
#include "demo.h"
#include "layout.h"
#include "predict.h"
#include "procmon.h"
#include "progress.h"
#include "record.h"
#include "session.h"
#include "settings.h"
#include "util.h"

int cmd_lessons(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (s->nlessons == 0)
		return s->lesson_dir ?
		    session_fail(s, _("no lessons found in %s"), s->lesson_dir) :
		    session_fail(s, "%s", _("no lessons found in any lesson "
		                 "folder"));
	struct strbuf t = { 0 };
	for (size_t i = 0; i < s->nlessons; i++) {
		const struct lesson *l = s->lessons[i];
		strbuf_addf(&t, "%c %2zu. %s  ", l == s->lesson ? '*' : ' ',
		            i + 1, l->title);
		strbuf_addf(&t, _("(%s, %zu steps)"), l->id, l->nsteps);
		if (s->progress) {
			struct progress_summary sum;
			progress_summarize(s->progress, l, &sum);
			if (sum.done)
				strbuf_addf(&t, "  %s", _("done"));
			else if (sum.seen || sum.ran)
				strbuf_addf(&t, _("  in progress: %zu/%zu steps "
				                  "seen, %zu/%zu demos run"),
				            sum.seen, l->nsteps, sum.ran, sum.demos);
			else
				strbuf_addf(&t, "  %s", _("new"));
			if (sum.predicted)
				strbuf_addf(&t, _(", %zu/%zu predictions right"),
				            sum.right, sum.predicted);
			if (sum.attempts > sum.predicted)
				/* TRANSLATORS: after ", %zu/%zu predictions
				   right": how many were right at the first
				   try, and all the tries (always 2 or more). */
				strbuf_addf(&t, _(" (%zu at the first try, %zu "
				            "tries)"), sum.first_try,
				            sum.attempts);
			size_t solved, n = exercises_of_lesson(s, l->id,
			                                       &solved);
			if (n)
				strbuf_addf(&t, _(", %zu/%zu exercises solved"),
				            solved, n);
		}
		strbuf_addf(&t, "\n      %s\n", l->summary);
	}
	strbuf_addf(&t, "%s\n", _("'open NAME' or 'open NUMBER' starts a "
	                           "lesson."));
	session_say_text(s, &t);
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

int cmd_open(struct session *s, int argc, char **argv)
{
	(void)argc;
	char *cause = NULL;
	struct lesson *l = session_find_lesson(s, argv[1], &cause);
	if (!l) {
		session_fail(s, "%s", cause);
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

int cmd_next(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (session_need_lesson(s))
		return -1;
	if (s->step + 1 < s->lesson->nsteps) {
		s->step++;
		show_step(s);
		return 0;
	}
	struct lesson *after = lesson_after(s);
	if (!after) {
		session_say(s, _("That was the last step of the last lesson. "
		                 "Well done!"));
		return 0;
	}
	char *msg = xasprintf(_("End of lesson '%s'. On to the next one:"),
	                      s->lesson->id);
	session_say(s, msg);
	free(msg);
	s->lesson = after;
	s->step = 0;
	show_step(s);
	return 0;
}

int cmd_prev(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (session_need_lesson(s))
		return -1;
	if (s->step == 0)
		return session_fail(s, _("already at the first step of '%s'"),
		            s->lesson->id);
	s->step--;
	show_step(s);
	return 0;
}

int cmd_goto(struct session *s, int argc, char **argv)
{
	(void)argc;
	if (session_need_lesson(s))
		return -1;
	long n;
	if (parse_long(argv[1], &n) != 0 || n < 1 ||
	    (size_t)n > s->lesson->nsteps)
		return session_fail(s, _("step must be a number from 1 to %zu, "
		                    "not '%s'"),
		            s->lesson->nsteps, argv[1]);
	s->step = (size_t)n - 1;
	show_step(s);
	return 0;
}

int cmd_show(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (session_need_lesson(s))
		return -1;
	show_step(s);
	return 0;
}

int cmd_code(struct session *s, int argc, char **argv)
{
	if (session_need_lesson(s))
		return -1;
	const char *lang = argc > 1 ? argv[1] : "c";
	static const char *const langs[] = { "c", "python", "shell", "text" };
	int known = 0;
	for (size_t i = 0; i < 4; i++)
		known |= strcmp(lang, langs[i]) == 0;
	if (!known)
		return session_fail(s, _("no language '%s': try c or python"),
		                    lang);
	const struct lesson_step *step = session_step(s);
	const struct lesson_step *py = lesson_python_step(s->lesson, s->step);
	if (!strcmp(lang, "python") && py && py != step) {
		/* The listing `run python` runs here: an earlier step's. */
		char *note = xasprintf(_("(Step %zu's listing: 'run python' "
		                         "runs it here with this step's "
		                         "parameters.)"),
		                       (size_t)(py - s->lesson->steps) + 1);
		session_say(s, note);
		free(note);
		s->ui->code(s->ui->self, py, lang);
		return 0;
	}
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
		return session_fail(s, _("step %zu has no code listing"),
		                    s->step + 1);
	/* TRANSLATORS: the second %s is a language (c, python, shell,
	   text), the third the ones the step has ("c, python"). */
	return session_fail(s, _("step %zu has no %s listing (it has: %s)"),
	                    s->step + 1, lang, have);
}

/* ---- recording -------------------------------------------------------- */

int cmd_record(struct session *s, int argc, char **argv)
{
	if (argc == 1) {
		char *text = s->rec.file ?
		    xasprintf(ngettext("Recording to %s: %zu command so far "
		                       "('record off' stops).",
		                       "Recording to %s: %zu commands so far "
		                       "('record off' stops).", s->rec.count),
		              s->rec.path, s->rec.count) :
		    xstrdup(_("Not recording; 'record FILE' starts."));
		session_say(s, text);
		free(text);
		return 0;
	}
	if (strcmp(argv[1], "off") == 0) {
		if (!s->rec.file)
			return session_fail(s, "%s", _("not recording; 'record "
			                    "FILE' starts"));
		char *path = xstrdup(s->rec.path);
		size_t n = record_stop(&s->rec);
		char *text = xasprintf(ngettext("Recorded %zu command to %s; "
		                                "'forklore --script %s' "
		                                "replays them.",
		                                "Recorded %zu commands to %s; "
		                                "'forklore --script %s' "
		                                "replays them.", n),
		                       n, path, path);
		session_say(s, text);
		free(text);
		free(path);
		return 0;
	}
	char *cause = NULL;
	if (record_start(&s->rec, argv[1], &s->settings, s->lesson, s->step,
	                 &cause) != 0) {
		session_fail(s, "%s", cause);
		free(cause);
		return -1;
	}
	char *text = xasprintf(_("Recording the commands from now on to %s "
	                         "('record off' stops)."), argv[1]);
	session_say(s, text);
	free(text);
	return 0;
}

/* ---- progress --------------------------------------------------------- */

int cmd_reset(struct session *s, int argc, char **argv)
{
	if (!s->progress)
		return session_fail(s, "%s", _("progress is kept only for a "
		                    "learner at the prompt, not for a script; "
		                    "nothing to reset"));
	const struct lesson *l = NULL;
	if (argc == 2) {
		char *cause = NULL;
		l = session_find_lesson(s, argv[1], &cause);
		if (!l) {
			session_fail(s, "%s", cause);
			free(cause);
			return -1;
		}
	}
	free(s->ask_reset);
	s->ask_reset = xstrdup(l ? l->id : "");
	s->ask = ASK_RESET;
	char *q = l ? xasprintf(_("Forget what you have seen, run and "
	                          "predicted in '%s'? Type y to confirm."),
	                        l->id) :
	              xstrdup(_("Forget your progress in every lesson? Type "
	                        "y to confirm."));
	session_say(s, q);
	free(q);
	return 0;
}

int cmd_reset_answered(struct session *s, const char *answer)
{
	char *id = s->ask_reset;
	s->ask_reset = NULL;
	if (strcasecmp(answer, "y") != 0 && strcasecmp(answer, "yes") != 0) {
		session_say(s, _("Nothing was reset."));
		free(id);
		return 0;
	}
	progress_reset(s->progress, *id ? id : NULL);
	session_save_progress(s);
	char *done = *id ? xasprintf(_("Progress in '%s' cleared."), id) :
	                   xstrdup(_("Progress in every lesson cleared."));
	session_say(s, done);
	free(done);
	free(id);
	return 0;
}

