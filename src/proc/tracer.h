/* tracer.h - follow every task of a demo with ptrace, as its parent, and
 * keep the exact record of their lives (lifecycle.h).
 *
 * The runner seizes the demo's first process before it runs a line of the
 * demo; the kernel then attaches every process and thread it forks or
 * clones, at any depth, and stops each at its birth, its exec and each
 * rename, where the record is written and the task let go at once; its
 * end is the kernel's report of its exit. Signals
 * are passed on as they came; a stop by job control (SIGSTOP, Ctrl-Z)
 * stays a stop, through PTRACE_LISTEN. */
#ifndef FORKLORE_TRACER_H
#define FORKLORE_TRACER_H

#include <sys/types.h>

#include "lifecycle.h"

/*
 * Seize pid (stopped or not yet running the demo), so that it and every
 * task it makes are followed; they are killed if forklore dies. 0, or -1
 * with errno (EPERM: something traces it already, such as strace).
 * exits: stop each task as it exits too, so that a thread's end is
 * recorded before a join can return (an exercise's threads-at-once);
 * one stop more per task, so only where that matters.
 */
int tracer_seize(pid_t pid, int exits);

/*
 * In the demo's first process, once it is seized: have every
 * prctl(PR_SET_NAME) of it and of all it makes stop for the tracer first
 * (a seccomp filter, inherited by all of them), so that each name a task
 * takes is in the record, at the moment it takes it. Sets no_new_privs.
 * 0, or -1 (then the names are read at each scan and at each end).
 * Only where a tracer is attached: without one the call would fail.
 */
int tracer_watch_names(void);

/*
 * A traced task reported a stop (waitpid status with WIFSTOPPED): note
 * what it says in the record, at `at` seconds into the run, and let the
 * task go on (or stay stopped, for job control). 1 if it was a ptrace
 * stop and was handled, 0 if not (not one of ours). max_live > 0: a
 * fork or clone that leaves more than max_live tasks alive in the record
 * is not let go on (the caller kills the run: its limit); max_live < 0:
 * no fork or clone is let go on; 0: no limit. Other stops always go on.
 */
int tracer_stopped(struct lifecycle *l, pid_t id, int status, double at,
                   int max_live);

#endif
