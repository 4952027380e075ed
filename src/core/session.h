/* session.h - the core of forklore: lessons, position, settings, demos. */
#ifndef FORKLORE_SESSION_H
#define FORKLORE_SESSION_H

#include <stddef.h>
#include <stdio.h>

#include "lesson.h"
#include "loop.h"
#include "demo.h"
#include "prediction.h"
#include "record.h"
#include "runner.h"
#include "settings.h"
#include "watch.h"
#include "ui.h"
#include "util.h"

/*
 * What a waiting command waits for (see queue.h). A command sets s->waiting
 * and returns CMD_WAIT; the queue resumes it when the wait is over.
 */
#define CMD_WAIT 1

struct session;

enum wait_kind {
	WAIT_NONE,
	WAIT_DEMO,      /* until the demo has ended */
	WAIT_TEXT,      /* until the demo prints text (or ends) */
	WAIT_TIME,      /* ms milliseconds; the demo goes on meanwhile */
};

struct waiting {
	enum wait_kind kind;
	char *text;                    /* WAIT_TEXT, malloc'ed */
	int ms;                        /* WAIT_TIME */
	int seen;                      /* WAIT_TEXT: the demo printed it */
	int interruptible;             /* Ctrl-C ends the wait (and the
	                                  command, with no error) */
	int again;                     /* then run the same line again (a
	                                  script's run waits for the last
	                                  demo to end first) */
	/* The command's result once the wait is over; NULL: 0. */
	int (*resume)(struct session *s);
};

struct queue;

struct session {
	const struct ui *ui;
	struct loop *loop;
	struct runner *runner;

	struct lesson **lessons;       /* sorted by order, then id, each in
	                                  the language shown */
	size_t nlessons;
	/* Each lesson as written, and its translation into the other
	   language or NULL (lessons/zh), by the same index. */
	struct lesson **originals, **translations;
	char lang[8];                  /* "en" or "zh" */
	const char *lesson_dir;
	struct lesson *lesson;         /* open lesson, or NULL */
	size_t step;                   /* 0-based */
	struct progress *progress;     /* kept for a learner at the prompt;
	                                  NULL for scripts and -c */

	struct settings settings;      /* speed, seed, `set` values */
	struct watch watch;            /* the demo's lines so far */
	struct prediction predict;     /* the run a question holds back, and
	                                  the answer waiting for its verdict */
	struct recording rec;          /* `record FILE` (record.c) */
	/* --trace FILE: every run's record, written again after each. */
	struct {
		char *path;
		struct strbuf events;
		double origin;             /* when the session began */
		int runs, exact;
	} trace;

	/* A question waiting for the next line of input: a step's predict
	   question (holding back the run it belongs to), or `reset`'s. */
	enum { ASK_NONE, ASK_PREDICT, ASK_RESET, ASK_SOLUTION } ask;
	char *ask_reset;               /* the lesson to reset; "" for all */

	/* The flow of lines (queue.c). */
	struct queue *queue;
	struct waiting waiting;        /* what the running command waits for */
	/* Told of every demo line and end, after the session has seen it:
	   the queue looks whether a wait is over. */
	void (*demo_event)(struct session *s);
	/* Told of every demo line first, while set (an exercise check
	   keeps its program's output). */
	void (*line_event)(struct session *s, const struct tagline *line);
	struct exstate *ex;            /* the exercises (cmd_exercises.c) */
	char *last_error;              /* the last error shown, for a
	                                  script's report */
	int scripted;                  /* commands come from a script: a new
	                                  demo waits for the last to end */
	/* How the last run ended, and whether it was a Python listing. */
	struct {
		double seconds;
		int stopped;
		int status;
		int python;
		int left_behind;       /* processes it left, ended by forklore */
		char limit[160];       /* the limit it crossed, or "" */
	} last_run;
	/* `run both`: the C run's figures, kept for the comparison after the
	   Python's (cmd_demos.c). */
	struct {
		const struct demo *python;
		long values[DEMO_MAX_PARAMS];
		double seconds;
		size_t processes, threads;
		long peak_kb;
		int exact;
	} both;
	int quit;                      /* `quit` asked to leave */
	int exit_signal;               /* TERM, HUP or QUIT asked us to leave */
};

void session_init(struct session *s, const struct ui *ui, struct loop *loop,
                  double speed, unsigned long seed);
void session_free(struct session *s);

/*
 * Load every *.lesson file in dir. Files that fail to parse are reported
 * through the UI as FILE:LINE: message and skipped. Returns the number of
 * lessons loaded, or -1 when dir cannot be read (with *cause).
 */
int session_load_lessons(struct session *s, const char *dir, char **cause);

/*
 * Load the translations in dir/LANG (lessons/zh) of the lessons loaded,
 * each held to its original's shape (a mismatch is reported as FILE:LINE
 * and the translation left out). How many were loaded.
 */
int session_load_translations(struct session *s, const char *dir,
                              const char *lang);

/*
 * Show lessons in lang ("en" or "zh"): the open lesson, at the same step,
 * and every list switch to it; progress is per lesson, whatever the
 * language. 0, or -1 with a malloc'ed *cause.
 */
int session_set_lang(struct session *s, const char *lang, char **cause);

/* The language the environment asks for (LC_ALL, LC_MESSAGES, LANG):
   "zh" for zh_*, else "en". */
const char *session_env_lang(void);

/* Read and check one lesson file; on failure *error is "FILE:LINE: ...". */
int session_read_lesson(const char *path, struct lesson **out, char **error);

/* Run one line of input. Returns 0, -1 when the command failed (its
   error already shown), or CMD_WAIT with s->waiting set. *name is the
   command's name, or NULL; *answer is 1 when the line answered a
   question. */
int session_execute(struct session *s, const char *line, const char **name,
                    int *answer);

/* Show a one-line error, and remember it as the last one. */
void session_error(struct session *s, const char *text);

/* What the commands use. session_fail shows a one-line error made with
   printf's format and returns -1; session_say shows text, and
   session_say_text a buffer of it (without its last newline), which it
   frees; session_need_lesson is 0 when a lesson is open, else fails
   saying how to open one; session_step is the current step. */
int session_fail(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void session_say(struct session *s, const char *text);
void session_say_text(struct session *s, struct strbuf *t);
int session_need_lesson(struct session *s);
const struct lesson_step *session_step(const struct session *s);

/* The command waits for kind (see queue.h), with text (taken over) or
   ms; resume gives its result when the wait is over. Returns CMD_WAIT. */
int session_wait_for(struct session *s, enum wait_kind kind, char *text,
                     int ms, int (*resume)(struct session *s));

/* A question waits for its answer: a short label for the answer when it
   is echoed ("predict> ", "reset? "); NULL when no question waits. */
const char *session_question(const struct session *s);

/* The prompt: "forklore> ", or "forklore fork 2/5> " inside a lesson. */
char *session_prompt(const struct session *s);

/* The line after a question (predict, reset) is its answer: called by
   session_execute while s->ask is set. */
int session_answer(struct session *s, const char *line);

/* Save the progress file, reporting a failure once. */
void session_save_progress(struct session *s);

/* Ctrl-C while a question waits: forget it (and the run it held back).
   Returns 1 if there was one. */
int session_cancel_ask(struct session *s);

/* Is a demo running? */
int session_demo_running(const struct session *s);

/* The running demo's processes and threads, for a monitor (see
   runner_scan); and whether one of them got away from the demo's tree. */
int session_scan_demo(const struct session *s, struct procmon_tree *tree);
/*
 * --trace FILE: after each run, FILE holds the record of every run of the
 * session so far, as one trace (each run at its time since the session
 * began). FILE must not exist yet (never overwritten); it is made here.
 * 0, or -1 with a malloc'ed one-line *cause.
 */
int session_trace_to(struct session *s, const char *path, char **cause);

/* The exact record of the running or last run (every process and thread
   it made, with names, execs and ends). */
const struct lifecycle *session_record(const struct session *s);

int session_escaped(const struct session *s, const struct procmon_proc *p);

/* How lessons are checked against the program: @run names a built-in demo
   with valid parameters, @source a snippet of its code. */
extern const struct lesson_hooks session_lesson_hooks;

/* The signals every front end treats alike: SIGCHLD reaps, and TERM,
   HUP and QUIT end the session. Returns 1 if sig was one of them. */
int session_signal(struct session *s, int sig);

/* Ctrl-C: stop the demo if one runs; returns 1 if it did. */
int session_interrupt(struct session *s);

/* The lesson named by id, unique id prefix, or number; NULL if none. */
struct lesson *session_find_lesson(const struct session *s, const char *name,
                                   char **cause);

/* Names for completion; the table is NULL-terminated, malloc'ed. */
char **session_complete(const struct session *s, const char *line,
                        int start, const char *word);

#endif
