/* queue.c - the one queue of command lines, the waits of commands, and
 * the one event loop.
 *
 * Lines wait their turn here, whoever gave them. One line runs at a time:
 * when its command waits (a demo to end, a text, a time), nothing else
 * runs until the event that ends the wait comes through the loop; then
 * the command's resume function gives its result, and the next line
 * runs. A script's lines are read only as they are needed, so a script
 * on a pipe that goes quiet leaves the loop free for signals. Ctrl-C
 * and Ctrl-Z get their meaning here, for whatever state the session is
 * in; the front ends only show it. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"
#include "commands.h"
#include "i18n.h"
#include "queue.h"
#include "record.h"
#include "script.h"
#include "util.h"

struct queued {
	char *line;
	long number;          /* in the script; 0: typed at the prompt */
};

struct script_source {
	char *name;
	int is_file;          /* failures named NAME:LINE, not "command N" */
	int typed;            /* lines go to ui->type (a replay) */
	/* Lines known in advance (-c, a replay); bad ones carry why. */
	struct queued *lines;
	char **problems;
	size_t nlines, next;
	/* Or a descriptor read a line at a time. */
	struct script_reader *reader;
	int watching;         /* the loop watches reader->fd */
	int exhausted;        /* no more lines will come */
	int over;             /* all done: the end was handled */
	int typing;           /* a line is with ui->type */
	long typing_number;
	int typing_pause;     /* that line is a pause */
	int interrupted;      /* Ctrl-C ended it */
	long last_number;     /* the line run last */
	/* The lines that failed, and why. */
	long *fail_lines;
	char **fail_why;
	size_t nfail;
};

struct queue {
	struct queued *items;
	size_t head, n, cap;
	struct queued current;
	int running;          /* current runs, or waits */
	int answer;           /* current answered a question */
	const char *name;     /* current's command name */
	int is_end;           /* current is a script's end, waiting for the
	                         last demo */
	int timer;            /* WAIT_TIME, or the deferred check */
	int check_timer;
	int quiet_timer;      /* a script waits on a demo that says nothing */
	int timed_out;        /* ... and it was stopped for that */
	int pumping;
	struct script_source *script;
};

static void pump(struct session *s);
static void on_demo_event(struct session *s);
static void quiet_watch(struct session *s);
static void quiet_end(struct session *s);
static int quiet_limit_ms(const struct session *s);

/* ---- the script source ------------------------------------------------ */

static struct script_source *script_new(struct session *s, const char *name,
                                        int is_file)
{
	struct script_source *src = xmalloc(sizeof *src);
	memset(src, 0, sizeof *src);
	src->name = xstrdup(name);
	src->is_file = is_file;
	s->queue->script = src;
	s->scripted = 1;
	return src;
}

static void script_free(struct session *s, struct script_source *src)
{
	if (!src)
		return;
	if (src->watching)
		loop_remove_fd(s->loop, src->reader->fd);
	for (size_t i = 0; i < src->nlines; i++) {
		free(src->lines[i].line);
		free(src->problems[i]);
	}
	free(src->lines);
	free(src->problems);
	free(src->reader);
	for (size_t i = 0; i < src->nfail; i++)
		free(src->fail_why[i]);
	free(src->fail_lines);
	free(src->fail_why);
	free(src->name);
	free(src);
}

static void note_failure(struct script_source *src, long number,
                         const char *why)
{
	src->fail_lines = xrealloc(src->fail_lines,
	                           (src->nfail + 1) * sizeof *src->fail_lines);
	src->fail_why = xrealloc(src->fail_why,
	                         (src->nfail + 1) * sizeof *src->fail_why);
	src->fail_lines[src->nfail] = number;
	src->fail_why[src->nfail++] = xstrdup(why ? why : _("failed"));
}

/* A line the script may not hold: shown and counted, never run. */
static void bad_line(struct session *s, long number, const char *problem)
{
	session_error(s, problem);
	note_failure(s->queue->script, number, problem);
}

static void on_script_fd(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	struct session *s = arg;
	struct script_source *src = s->queue->script;
	loop_remove_fd(s->loop, src->reader->fd);
	src->watching = 0;
	pump(s);
}

/* Is fd readable now? The reader never blocks the loop. */
static int readable_now(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int n = poll(&pfd, 1, 0);
	return n < 0 ? (errno == EINTR ? 0 : -1) : n;
}

/*
 * Put the script's next command in the queue. Returns 1 when it did, 0
 * when there is none for now (the source is exhausted, or waits to be
 * readable, or a replay is typing it).
 */
static int script_next(struct session *s)
{
	struct queue *q = s->queue;
	struct script_source *src = q->script;
	if (!src || src->exhausted || src->typing || src->watching)
		return 0;
	for (;;) {
		char *text, buf[256];
		size_t len;
		const char *problem = NULL, *command;
		long number;
		if (!src->reader) {
			if (src->next >= src->nlines) {
				src->exhausted = 1;
				return 0;
			}
			size_t k = src->next++;
			if (src->problems[k]) {
				bad_line(s, src->lines[k].number,
				         src->problems[k]);
				continue;
			}
			text = src->lines[k].line;
			len = strlen(text);
			number = src->lines[k].number;
		} else {
			enum script_read got = script_read_line(src->reader,
			    &text, &len, &problem, buf, sizeof buf);
			if (got == SCRIPT_READ_AGAIN) {
				loop_add_fd(s->loop, src->reader->fd, POLLIN,
				            on_script_fd, s);
				src->watching = 1;
				return 0;
			}
			if (got != SCRIPT_READ_LINE) {
				if (got == SCRIPT_READ_ERROR)
					bad_line(s, src->reader->number + 1,
					         problem);
				src->exhausted = 1;
				return 0;
			}
			number = src->reader->number;
		}
		switch (script_line(text, len, &command, &problem, buf,
		                    sizeof buf)) {
		case SCRIPT_SKIP:
			continue;
		case SCRIPT_BAD:
			bad_line(s, number, problem);
			continue;
		case SCRIPT_COMMAND:
			break;
		}
		if (src->typed) {
			src->typing = 1;
			src->typing_number = number;
			src->typing_pause = strcmp(command, "pause") == 0;
			s->ui->type(s->ui->self, command, number,
			            src->typing_pause && s->ask == ASK_PREDICT);
			return 0;
		}
		queue_push(s, command, number);
		return 1;
	}
}

/* The script has no more lines: once its last demo has ended, a plain
   script is over, and a replay gives the prompt to the presenter. */
static int script_end(struct session *s)
{
	struct queue *q = s->queue;
	struct script_source *src = q->script;
	if (!src || !src->exhausted || src->over || src->typing)
		return 0;
	if (runner_busy(s->runner) && !s->exit_signal) {
		q->running = 1;
		q->is_end = 1;
		s->waiting = (struct waiting){ .kind = WAIT_DEMO };
		quiet_watch(s);
		return 1;
	}
	src->over = 1;
	s->scripted = 0;
	if (!src->typed) {
		s->quit = 1;
		return 1;
	}
	char *why = src->nfail ?
	    xasprintf(ngettext("Replay of %s done; %zu command failed. The "
	                       "prompt is yours.",
	                       "Replay of %s done; %zu commands failed. The "
	                       "prompt is yours.", src->nfail),
	              src->name, src->nfail) :
	    xasprintf(_("Replay of %s done. The prompt is yours."), src->name);
	s->ui->script_over(s->ui->self, why);
	free(why);
	return 0;
}

void queue_script_fd(struct session *s, const char *name, int fd)
{
	struct script_source *src = script_new(s, name, 1);
	src->reader = xmalloc(sizeof *src->reader);
	script_reader_init(src->reader, fd, readable_now);
}

static void script_add(struct script_source *src, const char *line,
                       long number, const char *problem)
{
	src->lines = xrealloc(src->lines, (src->nlines + 1) *
	                                  sizeof *src->lines);
	src->problems = xrealloc(src->problems, (src->nlines + 1) *
	                                        sizeof *src->problems);
	src->lines[src->nlines] = (struct queued){
		line ? xstrdup(line) : xstrdup(""), number };
	src->problems[src->nlines++] = problem ? xstrdup(problem) : NULL;
}

void queue_script_commands(struct session *s, char **commands)
{
	struct script_source *src = script_new(s, "-c", 0);
	for (long i = 0; commands[i]; i++)
		script_add(src, commands[i], i + 1, NULL);
}

void queue_script_typed(struct session *s, const char *name)
{
	struct script_source *src = script_new(s, name, 1);
	src->typed = 1;
}

void queue_script_add(struct session *s, const char *line, long number,
                      const char *problem)
{
	script_add(s->queue->script, line, number, problem);
}

void queue_script_abandon(struct session *s)
{
	struct script_source *src = s->queue->script;
	if (!src || src->over)
		return;
	src->typing = 0;
	src->exhausted = 1;
	src->over = 1;
	s->scripted = 0;
}

void queue_script_skip(struct session *s)
{
	struct script_source *src = s->queue->script;
	if (src && src->typing) {
		src->typing = 0;
		pump(s);
	}
}

int queue_script_failures(const struct session *s)
{
	return s->queue->script ? (int)s->queue->script->nfail : 0;
}

/* ---- running lines ---------------------------------------------------- */

void queue_init(struct session *s)
{
	struct queue *q = xmalloc(sizeof *q);
	memset(q, 0, sizeof *q);
	s->queue = q;
	s->demo_event = on_demo_event;
}

void queue_free(struct session *s)
{
	struct queue *q = s->queue;
	if (!q)
		return;
	if (q->timer)
		loop_cancel_timer(s->loop, q->timer);
	if (q->check_timer)
		loop_cancel_timer(s->loop, q->check_timer);
	quiet_end(s);
	for (size_t i = 0; i < q->n; i++)
		free(q->items[(q->head + i) % q->cap].line);
	free(q->items);
	free(q->current.line);
	script_free(s, q->script);
	record_stop(&s->rec);
	free(q);
	s->queue = NULL;
	s->demo_event = NULL;
}

int queue_idle(const struct session *s)
{
	const struct queue *q = s->queue;
	return !q->running && q->n == 0;
}

static void finish_current(struct session *s, int rc)
{
	struct queue *q = s->queue;
	struct queued item = q->current;
	q->current = (struct queued){ 0 };
	q->running = 0;
	if (q->is_end) {
		q->is_end = 0;
		return;
	}
	int busy = (runner_busy(s->runner) ? RECORD_DEMO_RUNS : 0) |
	           (s->ask != ASK_NONE ? RECORD_QUESTION : 0);
	record_line(&s->rec, item.line, q->name, rc == 0, q->answer, busy,
	            s->lesson, s->step);
	if (rc != 0 && item.number > 0 && q->script)
		note_failure(q->script, item.number, s->last_error);
	free(item.line);
}

static void wait_check(struct session *s);

static void on_wait_timer(void *arg)
{
	struct session *s = arg;
	s->queue->timer = 0;
	s->waiting.ms = -1;      /* over */
	wait_check(s);
}

/* The running command waits (s->waiting is set): watch for its end. */
static void arm_wait(struct session *s)
{
	struct queue *q = s->queue;
	if (s->waiting.kind == WAIT_TEXT)
		s->waiting.seen = watch_printed(&s->watch, s->waiting.text);
	if (s->waiting.kind == WAIT_TIME)
		q->timer = loop_add_timer(s->loop, s->waiting.ms, on_wait_timer, s);
	quiet_watch(s);
	wait_check(s);
}

/* Run the current line (again, after a wait with `again`). */
static void run_current(struct session *s)
{
	struct queue *q = s->queue;
	free(s->waiting.text);
	s->waiting = (struct waiting){ 0 };
	free(s->last_error);
	s->last_error = NULL;
	int rc = session_execute(s, q->current.line, &q->name, &q->answer);
	if (rc != CMD_WAIT) {
		finish_current(s, rc);
		return;
	}
	arm_wait(s);
}

/* Is the current wait over? */
static int wait_over(const struct session *s)
{
	switch (s->waiting.kind) {
	case WAIT_DEMO:
		return !runner_busy(s->runner);
	case WAIT_TEXT:
		return s->waiting.seen || !runner_busy(s->runner);
	case WAIT_TIME:
		return s->waiting.ms < 0;
	case WAIT_NONE:
		break;
	}
	return 1;
}

/* End the current wait: the command gives its result, or runs again. */
static void wait_end(struct session *s)
{
	struct queue *q = s->queue;
	if (q->timer)
		loop_cancel_timer(s->loop, q->timer);
	q->timer = 0;
	quiet_end(s);
	if (q->timed_out) {
		q->timed_out = 0;
		free(s->waiting.text);
		s->waiting = (struct waiting){ 0 };
		char *msg = xasprintf(_("the demo printed nothing for %d s and "
		                        "did not end: a script waits no longer, "
		                        "so it was stopped"),
		                      quiet_limit_ms(s) / 1000);
		session_error(s, msg);
		free(msg);
		if (q->is_end && q->script)
			note_failure(q->script, q->script->last_number,
			             s->last_error);
		finish_current(s, -1);
		return;
	}
	if (s->waiting.again) {
		run_current(s);
		return;
	}
	int rc = s->waiting.resume ? s->waiting.resume(s) : 0;
	if (rc == CMD_WAIT) {
		/* The command goes on to wait for something else (its
		   resume set s->waiting anew). */
		arm_wait(s);
		return;
	}
	free(s->waiting.text);
	s->waiting = (struct waiting){ 0 };
	finish_current(s, rc);
}

static void on_check_timer(void *arg)
{
	struct session *s = arg;
	s->queue->check_timer = 0;
	pump(s);
}

/* Something happened (a demo's line or end, a timer): if it ends the
   wait, go on from the loop, not from inside the runner's callback. */
static void wait_check(struct session *s)
{
	struct queue *q = s->queue;
	if (q->running && wait_over(s) && !q->check_timer)
		q->check_timer = loop_add_timer(s->loop, 0, on_check_timer, s);
}

/* How long a script waits on a demo that prints nothing: a minute at
   real speed (no demo is quiet that long unless it is stuck), longer when
   slowed down, five seconds when the demos do not sleep at all. */
static int quiet_limit_ms(const struct session *s)
{
	double ms = 60000 * s->settings.speed;
	return ms < 5000 ? 5000 : (int)ms;
}

static void on_quiet_timer(void *arg)
{
	struct session *s = arg;
	struct queue *q = s->queue;
	q->quiet_timer = 0;
	if (!q->running || !runner_busy(s->runner))
		return;
	q->timed_out = 1;
	runner_stop(s->runner);   /* its end ends the wait */
}

/* A plain script waiting on a running demo (wait, the next run, its end)
   gives it quiet_limit_ms() between lines; a demo stuck for good (a lock
   never released) would otherwise hold the script for ever. A replay has
   its presenter to decide. */
static void quiet_watch(struct session *s)
{
	struct queue *q = s->queue;
	struct script_source *src = q->script;
	int on_demo = s->waiting.kind == WAIT_DEMO ||
	              s->waiting.kind == WAIT_TEXT;
	if (!src || src->typed || !on_demo || !runner_busy(s->runner) ||
	    runner_limited(s->runner))
		return;     /* (a run with limits has a time limit of its own) */
	if (q->quiet_timer)
		loop_cancel_timer(s->loop, q->quiet_timer);
	q->quiet_timer = loop_add_timer(s->loop, quiet_limit_ms(s),
	                                on_quiet_timer, s);
}

static void quiet_end(struct session *s)
{
	struct queue *q = s->queue;
	if (q->quiet_timer)
		loop_cancel_timer(s->loop, q->quiet_timer);
	q->quiet_timer = 0;
}

static void on_demo_event(struct session *s)
{
	struct queue *q = s->queue;
	if (q->quiet_timer)
		quiet_watch(s);    /* it said something: the limit starts again */
	wait_check(s);
}

/* Run lines until one waits or none is left. */
static void pump(struct session *s)
{
	struct queue *q = s->queue;
	if (q->pumping)
		return;
	q->pumping = 1;
	int ran = 0;
	for (;;) {
		if (s->quit)
			break;
		if (q->running) {
			if (!wait_over(s))
				break;
			wait_end(s);
			ran = 1;
			continue;
		}
		if (q->n == 0 && !script_next(s)) {
			if (script_end(s))
				continue;
			break;
		}
		q->current = q->items[q->head];
		q->head = (q->head + 1) % q->cap;
		q->n--;
		q->running = 1;
		ran = 1;
		if (q->current.number > 0 && q->script)
			q->script->last_number = q->current.number;
		if (q->current.number > 0 && s->ui->echo) {
			char *prompt = session_prompt(s);
			s->ui->echo(s->ui->self, prompt, q->current.line);
			free(prompt);
		}
		run_current(s);
	}
	q->pumping = 0;
	if (ran && !s->quit && queue_idle(s) && s->ui->ready)
		s->ui->ready(s->ui->self);
}

void queue_push(struct session *s, const char *line, long number)
{
	struct queue *q = s->queue;
	if (number == QUEUE_TYPED) {
		struct script_source *src = q->script;
		number = src && src->typing ? src->typing_number : 0;
		if (src)
			src->typing = 0;
	}
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 8;
		struct queued *items = xmalloc(cap * sizeof *items);
		for (size_t i = 0; i < q->n; i++)
			items[i] = q->items[(q->head + i) % q->cap];
		free(q->items);
		q->items = items;
		q->head = 0;
		q->cap = cap;
	}
	q->items[(q->head + q->n++) % q->cap] =
	    (struct queued){ xstrdup(line), number };
	pump(s);
}

void queue_run(struct session *s)
{
	pump(s);
	while (!s->quit)
		loop_run_once(s->loop, -1);
}

/* How many failures the closing report lists one by one. */
#define FAILURES_LISTED 20

int queue_finish(struct session *s)
{
	struct script_source *src = s->queue->script;
	if (runner_busy(s->runner))
		runner_kill_now(s->runner);
	int status = 0;
	if (src && !src->typed) {
		for (size_t i = 0; i < src->nfail && i < FAILURES_LISTED; i++) {
			if (src->is_file)
				fprintf(stderr, "%s:%ld: %s\n", src->name,
				        src->fail_lines[i], src->fail_why[i]);
			else
				/* TRANSLATORS: "forklore: -c: command 2: why
				   it failed" (the second -c command). */
				fprintf(stderr, _("forklore: %s: command %ld: "
				        "%s\n"), src->name, src->fail_lines[i],
				        src->fail_why[i]);
		}
		if (src->nfail > FAILURES_LISTED)
			/* TRANSLATORS: the first %s is the script's name. */
			fprintf(stderr, ngettext("forklore: %s: %zu more "
			        "command failed\n", "forklore: %s: %zu more "
			        "commands failed\n", src->nfail -
			        FAILURES_LISTED), src->name,
			        src->nfail - FAILURES_LISTED);
		if (src->interrupted)
			fprintf(stderr, _("forklore: %s: interrupted\n"),
			        src->name);
	}
	if (src && src->nfail)
		status = 1;
	if (src && src->interrupted)
		status = 130;
	if (s->exit_signal)
		status = 128 + s->exit_signal;
	return status;
}

/* ---- Ctrl-C, Ctrl-Z and the other signals ----------------------------- */

/* Ctrl-C: what it means depends on what the session is doing. */
static int interrupt(struct session *s)
{
	struct queue *q = s->queue;
	struct script_source *src = q->script;
	if (src && !src->typed && !src->over) {
		/* A script is over at Ctrl-C: its demo ends as any stopped
		   demo does, TERM first and KILL after the grace period; a
		   second Ctrl-C does not wait for that. */
		if (src->interrupted) {
			runner_kill_now(s->runner);
			return INTERRUPT_ENDING;
		}
		src->interrupted = 1;
		src->exhausted = 1;
		if (src->watching)
			loop_remove_fd(s->loop, src->reader->fd);
		src->watching = 0;
		for (; q->n; q->n--, q->head = (q->head + 1) % q->cap)
			free(q->items[q->head].line);
		int flags = INTERRUPT_ENDING;
		if (session_interrupt(s))
			flags |= INTERRUPT_STOPPING;
		if (q->running && !q->is_end) {
			/* The line that waited is cut short: no result. */
			if (q->timer)
				loop_cancel_timer(s->loop, q->timer);
			q->timer = 0;
			quiet_end(s);
			free(s->waiting.text);
			s->waiting = (struct waiting){ 0 };
			free(q->current.line);
			q->current = (struct queued){ 0 };
			q->running = 0;
		}
		pump(s);
		return flags;
	}
	/* A replay is held, unless it waits for the class's answer to a
	   question: then Ctrl-C is the class's, as at any prompt. */
	int flags = 0;
	if (src && src->typed && !src->over &&
	    !(src->typing && src->typing_pause && s->ask == ASK_PREDICT))
		flags |= INTERRUPT_HELD;
	if (q->running && s->waiting.interruptible &&
	    !runner_busy(s->runner)) {
		/* check --watch, between saves: it stops watching. */
		if (q->timer)
			loop_cancel_timer(s->loop, q->timer);
		q->timer = 0;
		exercises_watch_stopped(s);
		free(s->waiting.text);
		s->waiting = (struct waiting){ 0 };
		finish_current(s, 0);
		if (q->n)
			pump(s);            /* the lines typed meanwhile */
		else if (s->ui->ready)
			s->ui->ready(s->ui->self);
		return flags;
	}
	if (!q->running && session_cancel_ask(s))
		return flags | INTERRUPT_CANCELLED;
	if (session_interrupt(s))
		return flags | INTERRUPT_STOPPING;
	return flags;
}

/* Ctrl-Z: the demo stops with us, and goes on when we do. */
static void suspend(struct session *s)
{
	runner_pause(s->runner, 1);
	if (s->ui->suspend)
		s->ui->suspend(s->ui->self, 1);
	guard_suspend();
	if (s->ui->suspend)
		s->ui->suspend(s->ui->self, 0);
	runner_pause(s->runner, 0);
}

void queue_signal(int sig, void *arg)
{
	struct session *s = arg;
	if (session_signal(s, sig))
		return;
	switch (sig) {
	case SIGINT: {
		int flags = interrupt(s);
		if (s->ui->interrupted)
			s->ui->interrupted(s->ui->self, flags);
		break;
	}
	case SIGTSTP:
		suspend(s);
		break;
	case SIGWINCH:
		if (s->ui->resize)
			s->ui->resize(s->ui->self);
		break;
	default:
		break;
	}
}
