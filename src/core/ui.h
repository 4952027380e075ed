/* ui.h - what the core asks of a front end (plain lines, or curses panes). */
#ifndef FORKLORE_UI_H
#define FORKLORE_UI_H

#include <sys/types.h>

#include "lesson.h"
#include "tagline.h"

/*
 * The core never prints: it tells the front end what happened, and the
 * front end decides where it goes (a text section, or a pane). Every
 * function receives the front end's own state as `self`.
 */
struct ui {
	/* Text a command printed (help, lists, notices); ends without '\n'. */
	void (*message)(void *self, const char *text);
	/* A user mistake or a failure: one line, shown as an error. */
	void (*error)(void *self, const char *text);
	/* The current step changed, or `show` asked for it. */
	void (*step)(void *self, const struct lesson *lesson, size_t step);
	/* `code`: the listings of a step in one language. */
	void (*code)(void *self, const struct lesson_step *step,
	             const char *lang);
	/* A demo started, printed a line, or ended (summary in words). */
	void (*demo_started)(void *self, const char *demo, pid_t root);
	void (*demo_line)(void *self, const struct tagline *line);
	void (*demo_ended)(void *self, const char *summary);
	/* `zoom PANE` / `zoom`: 0, or -1 with a malloc'ed one-line *cause. */
	int (*zoom)(void *self, const char *pane, char **cause);
	void *self;
	/* `present on|off` (on -1: toggle): the projector preset. NULL when
	   the front end has no such thing (plain mode). */
	int (*present)(void *self, int on);

	/* ---- the flow of lines (queue.c) ---- */
	/* The last line typed is done: show the prompt (session_prompt)
	   and take keys again. */
	void (*ready)(void *self);
	/* A script's line is about to run: show it after its prompt.
	   NULL: not shown. */
	void (*echo)(void *self, const char *prompt, const char *line);
	/* A replay's next line: type it out, then give it to queue_push()
	   with QUEUE_TYPED, or call queue_script_skip() for a line handled
	   by the front end itself (a pause). answer: the line is a pause
	   right after a predict question, the class's turn to answer it.
	   NULL: no replay. */
	void (*type)(void *self, const char *line, long number, int answer);
	/* A replay's lines are all done: the prompt is the presenter's. */
	void (*script_over)(void *self, const char *why);
	/* Ctrl-C did what flags say (INTERRUPT_* in queue.h). */
	void (*interrupted)(void *self, int flags);
	/* Ctrl-Z: let go of the terminal (leave 1) before forklore stops;
	   take it back (leave 0) after fg. */
	void (*suspend)(void *self, int leave);
	/* The terminal changed size. */
	void (*resize)(void *self);
	/* `try`: an exercise's task, shown in place of the step (until the
	   step changes). NULL: the front end has no such place, and the
	   task goes out as a message. */
	void (*task)(void *self, const char *title, const char *text);
};

#endif
