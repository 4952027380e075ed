/* lifecycle.h - the exact record of a run: every process and thread the
 * demo made, at every depth, with its names, its execs, when it was born
 * and when and how it ended. Filled from the tracer's events (runner.c);
 * read by the monitor, the timeline, `ps` and `trace`. Pure: no I/O. */
#ifndef FORKLORE_LIFECYCLE_H
#define FORKLORE_LIFECYCLE_H

#include <stddef.h>
#include <sys/types.h>

/* Tasks kept per run, and names and execs kept per task: past that, new
   ones are counted in `dropped` and not kept. */
#define LIFECYCLE_MAX_TASKS 4096
#define LIFECYCLE_MAX_NAMES 64
#define LIFECYCLE_MAX_EXECS 8

/* A name a task took, and when (seconds since the run started). */
struct lifecycle_name {
	double at;
	char name[16];
};

struct lifecycle_exec {
	double at;
	char program[64];          /* the new program's name */
};

struct lifecycle_task {
	pid_t id;                  /* PID, or TID for a thread */
	pid_t process;             /* its process (its own PID for one) */
	pid_t parent;              /* a process's parent; a thread's process */
	int is_thread;             /* not its process's first thread */
	double born;               /* seconds since the run started */
	double ended;              /* < 0 while it lives */
	int status;                /* wait status once ended, else -1 */
	int stopped;               /* held by job control (SIGSTOP, Ctrl-Z):
	                              /proc says t, the tracing stop, while
	                              the tracer holds it; shown as T */
	struct lifecycle_name *names;
	size_t nnames;
	struct lifecycle_exec *execs;
	size_t nexecs;
	double adopted_end;        /* when forklore reaped it as an orphan
	                              (its parent ended without waiting for
	                              it), or < 0 */
	long maxrss_kb;            /* a process's peak resident memory, and
	                              its waited-for children's, as its end
	                              report gave it; 0 if not known */
};

struct lifecycle {
	struct lifecycle_task *tasks;  /* in order of birth */
	size_t ntasks;
	size_t dropped;                /* tasks not kept (over the limit) */
	double length;                 /* the run's length once it ended */
	char run[64];                  /* what ran: the demo's name */
	double started;                /* when, monotonic_seconds() */
	int traced;                    /* 1 when the record is exact */
	int held;                      /* 1 while the user holds the run
	                                  (Ctrl-Z): set by the runner */
};

/* Forget everything: a new run starts. */
void lifecycle_reset(struct lifecycle *l);
void lifecycle_free(struct lifecycle *l);

/* The task with this id that lives or lived last, or NULL. */
struct lifecycle_task *lifecycle_find(struct lifecycle *l, pid_t id);
const struct lifecycle_task *lifecycle_find_const(const struct lifecycle *l,
                                                  pid_t id);

/* A task was born at `at` with this name: a process (process == id) or a
   thread of process. Its parent: the process that forked it, or for a
   thread its process. Returns the task, or NULL when over the limit. */
struct lifecycle_task *lifecycle_birth(struct lifecycle *l, pid_t id,
                                       pid_t process, pid_t parent,
                                       double at, const char *name);

/* The task took a name (kept only when it differs from its last). */
void lifecycle_rename(struct lifecycle *l, pid_t id, double at,
                      const char *name);

/* The task's process replaced its program. */
void lifecycle_exec(struct lifecycle *l, pid_t id, double at,
                    const char *program, const char *name);

/* The task ended at `at` with a wait status (-1: not known). */
void lifecycle_end(struct lifecycle *l, pid_t id, double at, int status);

/* Its name at time at (its first name before it had any). */
const char *lifecycle_name_at(const struct lifecycle_task *t, double at);

/* Its last name. */
const char *lifecycle_last_name(const struct lifecycle_task *t);

/* How it ended, in a few words: "exit 0", "signal 15", "ended" (a thread,
   or a status not known), or "" while it lives. buf of size bytes. */
const char *lifecycle_how(const struct lifecycle_task *t, char *buf,
                          size_t size);

/*
 * The record as a trace in the Chrome trace event format (JSON), which
 * Perfetto's UI and chrome://tracing open as a timeline: a track per
 * process and per thread, named; a slice for each name a task had, from
 * its birth to its end; an instant for each exec and for each end ("exit
 * 0"). Times are microseconds from the run's start. title names the run.
 * malloc'ed.
 */
char *lifecycle_trace_json(const struct lifecycle *l, const char *title);

/* The same in parts, for a file of several runs: the events of one run
   appended to o, offset seconds later on the time axis; and the document
   made of such events. */
struct strbuf;
void lifecycle_trace_events(const struct lifecycle *l, double offset,
                            struct strbuf *o);
char *lifecycle_trace_document(const char *events, const char *title,
                               int exact);

#endif
