/* runner.h - run one demo at a time, supervised, and end all of it. */
#ifndef FORKLORE_RUNNER_H
#define FORKLORE_RUNNER_H

#include <sys/types.h>

#include "demo.h"
#include "lifecycle.h"
#include "loop.h"
#include "procmon.h"
#include "tagline.h"

struct runner;

/* How a demo ended. */
struct runner_end {
	int status;        /* the root's wait status */
	int stopped;       /* by the user (stop, Ctrl-C) */
	double seconds;    /* run time */
	int left_behind;   /* processes still there after the root ended */
	int killed;        /* processes that needed SIGKILL after SIGTERM */
	int killed_at_once;/* processes killed with SIGKILL at once (leaving
	                      forklore, a second Ctrl-C) */
	int unchecked;     /* 0, or the errno that kept forklore from reading
	                      /proc to check that nothing is left */
	char limit[160];   /* why forklore ended it (runner_set_limits), in a
	                      few words; "" when no limit was crossed */
};

/* Limits for a run of code that is not forklore's own (a learner's
   program): 0 means no limit. Crossing one kills all of the run at once,
   and runner_end.limit says which. */
struct runner_limits {
	int tasks;         /* processes and threads alive at once (counted
	                      exactly from the record, so it needs the tracer;
	                      it binds for root too, as RLIMIT_NPROC does not) */
	size_t output;     /* bytes of output */
	int wall_ms;       /* run time */
	int need_trace;    /* refuse to run it untraced (the tasks limit
	                      needs the tracer) */
};

struct runner_events {
	/* A line of output from the demo (tagged, or pid 0 if not). */
	void (*line)(const struct tagline *line, void *arg);
	/* The demo is over, and nothing of it is left running (unless
	   end->unchecked says that could not be checked). */
	void (*ended)(const struct runner_end *end, void *arg);
	void *arg;
};

/* How long stopped processes get between SIGTERM and SIGKILL. */
#define RUNNER_GRACE_MS 1000
/* After the demo's first process has ended, how long what it left gets to
   end by itself (a death signal on its way) before it counts as left
   behind. */
#define RUNNER_SETTLE_MS 100

/*
 * Make this process a child subreaper, so that orphans of a demo come back
 * to it. Call once at start-up.
 */
int runner_become_subreaper(void);

struct runner *runner_new(struct loop *loop, const struct runner_events *ev);
void runner_free(struct runner *runner);

/*
 * Start demo with its parameter values, in a child in its own process
 * group with default signal handling and an empty signal mask. Returns 0,
 * or -1 with a malloc'ed *cause (a demo already runs; fork failed).
 */
int runner_start(struct runner *runner, const struct demo *demo,
                 const long *values, double speed, unsigned long seed,
                 char **cause);

/* The limits of the next run only (NULL: none); runner_start uses them
   and forgets them. */
void runner_set_limits(struct runner *runner,
                       const struct runner_limits *limits);

/*
 * Read the demo's processes from /proc: everything under this process,
 * which is the demo's root and whatever of the demo was orphaned and so
 * adopted here (we are its subreaper), each at depth 0. 0, or -1 with
 * errno when /proc could not be read.
 */
int runner_scan(struct runner *runner, struct procmon_tree *tree);

/* Did proc, from runner_scan(), get away from the demo's tree (an orphan
   adopted by forklore, or left when the demo's root ended)? */
int runner_escaped(const struct runner *runner,
                   const struct procmon_proc *proc);

/* Is a demo (or anything it left behind) still running? */
int runner_busy(const struct runner *runner);

/* PID of the demo's root process, or 0 when none runs. */
pid_t runner_root(const struct runner *runner);
const struct demo *runner_demo(const struct runner *runner);

/* End the demo: SIGTERM (and SIGCONT) to all of it, SIGKILL after the
   grace period. Returns at once; `ended` reports the end. */
void runner_stop(struct runner *runner);

/* Stop (SIGSTOP) or continue (SIGCONT) every process of the demo. */
void runner_pause(struct runner *runner, int paused);

/* Call on SIGCHLD: reaps every child that has ended. */
void runner_reap(struct runner *runner);

/*
 * Keep the exact record of each run (on by default): every process and
 * thread the demo makes is followed with ptrace (tracer.h). Off, or when
 * the demo cannot be traced (something traces it already), the run goes
 * on untraced, and the record holds only what the scans saw.
 */
void runner_set_trace(struct runner *runner, int on);

/* Does the running demo have a time limit (runner_set_limits)? */
int runner_limited(const struct runner *runner);

/* Will runs be traced (not switched off by runner_set_trace)? */
int runner_tracing(const struct runner *runner);

/* The record of the running or last run. */
const struct lifecycle *runner_record(const struct runner *runner);

/* Why the last run could not be traced (an errno value), or 0. */
int runner_trace_errno(const struct runner *runner);

/* Kill everything at once and reap it; for leaving the program. */
void runner_kill_now(struct runner *runner);

#endif
