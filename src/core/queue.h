/* queue.h - the one queue of command lines, the waits of commands, and
 * the one event loop.
 *
 * Every line comes through here: typed at the prompt, given with -c, read
 * from a script, or typed by a replay. A command finishes (0), fails (-1)
 * or waits (CMD_WAIT, with s->waiting saying for what); a waiting command is
 * resumed by the event that ends its wait, and the next line runs only
 * then. The loop runs in queue_run() and nowhere else. */
#ifndef FORKLORE_QUEUE_H
#define FORKLORE_QUEUE_H

#include "session.h"

/* The next line of a script (-c, a file, a pipe), read as the queue needs
   it; also holds what went wrong with the script's lines. */
struct script_source;

void queue_init(struct session *s);
void queue_free(struct session *s);

/*
 * A line to run, typed at the prompt (number 0) or the line of the script
 * numbered number (its failures are counted). It runs at once when nothing
 * runs or waits, else when its turn comes.
 */
void queue_push(struct session *s, const char *line, long number);

/* queue_push's number for the line ui->type was given. */
#define QUEUE_TYPED (-1)

/* The line ui->type was given was handled by the front end (a pause):
   the script goes on. */
void queue_script_skip(struct session *s);

/* Nothing runs, waits or is queued: the prompt may take a line. */
int queue_idle(const struct session *s);

/*
 * Scripts. name is used in messages ("-c", "stdin", a file name). The
 * lines are echoed after the prompt (ui->echo) and run one by one; once
 * they are done and the last demo has ended, queue_run() returns.
 */
void queue_script_fd(struct session *s, const char *name, int fd);
void queue_script_commands(struct session *s, char **commands);

/*
 * A replay in the panes: the script's lines are handed to ui->type as
 * their turn comes, and come back through queue_push() with their number
 * once typed. Bad lines are reported and counted here.
 */
void queue_script_typed(struct session *s, const char *name);
void queue_script_add(struct session *s, const char *line, long number,
                      const char *problem);
/* The presenter took over: no more lines come from the script; the
   failures so far still count. */
void queue_script_abandon(struct session *s);
/* How many of the script's lines failed so far. */
int queue_script_failures(const struct session *s);

/* Run the loop until the session ends (quit, a signal, a script's end). */
void queue_run(struct session *s);

/* After queue_run: report a script's failed lines on stderr, and return
   the exit status (0, 1 for failed lines, 130 interrupted, 128+signal). */
int queue_finish(struct session *s);

/* What Ctrl-C did, for the front end to show. */
enum {
	INTERRUPT_CLEAR = 0,          /* nothing to stop: clear the line */
	INTERRUPT_CANCELLED = 1 << 0, /* a question was cancelled */
	INTERRUPT_STOPPING = 1 << 1,  /* the demo is being stopped */
	INTERRUPT_ENDING = 1 << 2,    /* the script is over */
	INTERRUPT_HELD = 1 << 3,      /* the replay is held (p resumes) */
};

/* Every signal the loop delivers (signals_init's handler, arg: the
   session): Ctrl-C, Ctrl-Z, resize, children, and the ends. */
void queue_signal(int sig, void *arg);

#endif
