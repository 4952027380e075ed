/* demo_process.c - the processes lesson's demos: start, join, zombies,
 * terminate, daemons, and many children at once. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: process-start */
/* What the child runs: Python's Process(target=work, args=(3,)). */
static void work(long steps)
{
	for (long i = 1; i <= steps; i++) {
		demo_say("worker: step %ld of %ld", i, steps);
		demo_sleep(0.5);
	}
}

int demo_process_start(const long *values)
{
	long steps = values[0], join = values[1];
	pid_t pid = demo_fork();                 /* p.start() */
	if (pid == 0) {
		demo_child("worker");
		work(steps);
		_exit(0);                        /* the target returned */
	}
	demo_say("parent: started worker as pid %d", pid);
	if (join) {
		demo_say("parent: joining the worker...");
		demo_waitpid(pid);               /* p.join() */
		demo_say("parent: the worker has finished; now I go on");
	} else {
		demo_say("parent: not joining; I go on at once");
	}
	demo_say("parent: done with my own work");
	/* end snippet */
	/* Python joins a non-daemon child when the parent's script ends. */
	if (!join)
		demo_waitpid(pid);
	return 0;
}

int demo_process_zombie(const long *values)
{
	long linger = values[0];
	/* snippet: process-zombie */
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("child");
		demo_say("child: my work is done; exiting now");
		_exit(7);
	}
	demo_say("parent: not waiting for %d for %ld s", pid, linger);
	demo_wait_exited(pid);           /* waitid(..., WNOWAIT): not reaped */
	demo_say("parent: the child has exited; /proc/%d/stat says state %c "
	         "until I wait for it", pid, demo_proc_state(pid));
	demo_sleep((double)linger);
	int status = demo_waitpid(pid);          /* p.join() reaps it */
	demo_say("parent: reaped %d (exit code %d); the zombie is gone", pid,
	         WEXITSTATUS(status));
	/* end snippet */
	demo_sleep(1);
	return 0;
}

/* snippet: process-terminate-unjoined */
/* terminate() without join(): the child has ended, nobody has waited. */
static void leave_unjoined(pid_t pid, long linger)
{
	demo_wait_exited(pid);           /* ended, but not reaped (WNOWAIT) */
	demo_say("parent: not joined; /proc/%d/stat says state %c", pid,
	         demo_proc_state(pid));
	/* kill(pid, 0) finds a zombie as well: it cannot tell dead from
	   alive. is_alive() asks waitpid(pid, WNOHANG) instead. */
	demo_say("parent: kill(%d, 0) still finds it: %s", pid,
	         demo_kill(pid, 0) == 0 ? "yes" : "no");
	demo_sleep((double)linger);      /* a zombie all this time */
}
/* end snippet */

int demo_process_terminate(const long *values)
{
	long after = values[0], join = values[1], linger = values[2];
	/* snippet: process-terminate */
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("forever");
		for (long n = 1;; n++) {         /* never ends by itself */
			demo_say("forever: tick %ld", n);
			demo_sleep(0.5);
		}
	}
	demo_say("parent: alive? %s", demo_kill(pid, 0) == 0 ? "yes" : "no");
	demo_sleep((double)after);
	demo_say("parent: terminating %d with SIGTERM", pid);
	demo_kill(pid, SIGTERM);                 /* p.terminate() */
	if (!join)
		leave_unjoined(pid, linger);     /* no join() for a while */
	int status = demo_waitpid(pid);          /* p.join() */
	if (WIFSIGNALED(status))
		demo_say("parent: %d was ended by signal %d (%s); exitcode -%d "
		         "in Python", pid, WTERMSIG(status),
		         strsignal(WTERMSIG(status)), WTERMSIG(status));
	/* end snippet */
	/* Once reaped, the PID is no longer ours to signal, even with 0:
	   like Python's is_alive() after join(), answer from the status. */
	demo_say("parent: alive? %s", WIFEXITED(status) ||
	         WIFSIGNALED(status) ? "no" : "yes");
	return 0;
}

int demo_process_daemon(const long *values)
{
	long work_for = values[0];
	/* snippet: process-daemon */
	pid_t pid = demo_fork();
	if (pid == 0) {
		/* demo_child() asks for SIGKILL when the parent dies: what
		   Python does for a daemon=True child at exit. */
		demo_child("daemon");
		for (;;) {
			demo_say("daemon: still here, parent is %d", getppid());
			demo_sleep(0.5);
		}
	}
	demo_say("parent: started daemon %d; working %ld s, then leaving "
	         "without joining it", pid, work_for);
	demo_sleep((double)work_for);
	demo_say("parent: leaving now; the daemon goes with me");
	/* end snippet */
	return 0;
}

int demo_process_many(const long *values)
{
	long count = values[0];
	/* snippet: process-many */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);      /* cpu_count() */
	demo_say("parent: this machine has %ld CPUs", cpus);
	pid_t pids[16];
	for (long i = 0; i < count; i++) {
		pids[i] = demo_fork();
		if (pids[i] == 0) {
			char name[32];
			snprintf(name, sizeof name, "worker-%ld", i);
			demo_child(name);
			demo_say("%s: running as pid %d", name, getpid());
			demo_sleep(1 + demo_random(0, 1));
			_exit(0);
		}
	}
	/* active_children(): the ones not yet joined. */
	char list[256] = "";
	for (long i = 0; i < count; i++) {
		size_t used = strlen(list);
		snprintf(list + used, sizeof list - used, "%s%d",
		         i ? ", " : "", pids[i]);
	}
	demo_say("parent: active children: %s", list);
	for (long i = 0; i < count; i++)
		demo_waitpid(pids[i]);               /* join each */
	demo_say("parent: all %ld joined; active children: none", count);
	/* end snippet */
	return 0;
}

/* snippet: process-subclass */
/* A Process object in C: a name, the run() that start() calls in the
   child, the target with its arguments, and the child's PID. */
struct process {
	const char *name;
	void (*run)(struct process *self);
	void (*target)(long count, double pause, const char *word);
	long count;                      /* args=(count,) */
	double pause;                    /* kwargs={"pause": ..., */
	const char *word;                /*         "word": ...} */
	pid_t pid;                       /* 0 until start() */
	int ended, status;               /* reaped, and how it ended */
};

/* What Process.run() does unless a subclass overrides it:
   self._target(*self._args, **self._kwargs). */
static void default_run(struct process *self)
{
	self->target(self->count, self->pause, self->word);
}

static void greet(long count, double pause, const char *word)
{
	for (long i = 1; i <= count; i++) {
		demo_say("greeter: %s %ld of %ld, pausing %.1f s", word, i,
		         count, pause);
		demo_sleep(pause);
	}
}

/* class Counter(Process): its own run(), no target at all. */
static void counter_run(struct process *self)
{
	for (long i = 1; i <= self->count; i++) {
		demo_say("counter: run() counts %ld of %ld", i, self->count);
		demo_sleep(0.5);
	}
}

static void process_start(struct process *p)
{
	p->pid = demo_fork();
	if (p->pid == 0) {
		demo_child(p->name);
		p->run(p);                       /* start() calls run() */
		_exit(0);
	}
}

/* is_alive(): not before start(); after it, alive until waitpid() with
   WNOHANG, which never blocks, finds it ended. That call reaps it, as
   CPython's is_alive() does, so the status is kept for join(). */
static int process_is_alive(struct process *p)
{
	if (p->pid <= 0 || p->ended)
		return 0;
	p->ended = demo_waitpid_nohang(p->pid, &p->status);
	return !p->ended;
}

static int process_join(struct process *p)
{
	if (!p->ended)
		p->status = demo_waitpid(p->pid);
	p->ended = 1;
	return WIFEXITED(p->status) ? WEXITSTATUS(p->status) :
	                              -WTERMSIG(p->status);
}

static const char *yes_no(int yes)
{
	return yes ? "yes" : "no";
}

int demo_process_subclass(const long *values)
{
	long count = values[0];
	/* Process(target=greet, args=(count,), kwargs={"pause": 0.5,
	   "word": "hello"}, name="greeter") */
	struct process g = { .name = "greeter", .run = default_run,
	                     .target = greet, .count = count, .pause = 0.5,
	                     .word = "hello" };
	struct process c = { .name = "counter", .run = counter_run,
	                     .count = count };        /* Counter(count) */
	demo_say("parent: before start(), greeter alive? %s",
	         yes_no(process_is_alive(&g)));
	process_start(&g);
	process_start(&c);
	demo_say("parent: started greeter %d and counter %d; alive? %s and %s",
	         g.pid, c.pid, yes_no(process_is_alive(&g)),
	         yes_no(process_is_alive(&c)));
	int g_code = process_join(&g), c_code = process_join(&c);
	demo_say("parent: joined both; alive? %s and %s; exit codes %d and %d",
	         yes_no(process_is_alive(&g)), yes_no(process_is_alive(&c)),
	         g_code, c_code);
	return 0;
}
/* end snippet */
