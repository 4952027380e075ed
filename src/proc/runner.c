/* runner.c - run one demo at a time, supervised, and end all of it.
 *
 * The demo runs in a child of this process, in its own process group, with
 * its output on a pipe. This process is a child subreaper: whatever the
 * demo forks and abandons comes back to it, so "nothing left behind" can be
 * checked by looking at our own children. The demo is over when its root
 * has been reaped, its output pipe is drained, and no descendant is left. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo_lib.h"
#include "descendants.h"
#include "i18n.h"
#include "lifecycle.h"
#include "procmon.h"
#include "runner.h"
#include "tracer.h"
#include "util.h"

#define LINE_BUFFER 8192

struct runner {
	struct loop *loop;
	struct runner_events ev;
	const struct demo *demo;
	pid_t root;
	int root_reaped;
	int root_status;
	int pipe_fd;                  /* read end, -1 once at EOF */
	char buf[LINE_BUFFER];
	size_t buffered;
	int stopping;                 /* stop asked for, or cleanup started */
	int stopped_by_user;
	int kill_timer;
	int settle_timer;             /* looking again before calling
	                                 anything left behind */
	int settled;                  /* that second look was taken */
	int left_behind;
	int killed;
	int killed_at_once;
	int grace_over;               /* the SIGKILL timer has fired */
	int scan_errno;               /* the last /proc scan failed so */
	double started;               /* monotonic_seconds() */
	int trace_off;                /* --no-trace: no record kept */
	int trace_errno;              /* why the last run was not traced */
	struct lifecycle life;        /* the record of the run */
	struct runner_limits next;    /* for the next run (runner_set_limits) */
	struct runner_limits lim;     /* this run's */
	size_t output;                /* bytes read from the pipe */
	int wall_timer;
	char limit[160];              /* the limit crossed, or "" */
};

int runner_become_subreaper(void)
{
	/* Switched off only to prove that the tests notice escapees. */
	const char *off = getenv("FORKLORE_NO_SUBREAPER");
	if (off && *off && strcmp(off, "0") != 0)
		return 0;
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

struct runner *runner_new(struct loop *loop, const struct runner_events *ev)
{
	struct runner *r = xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	r->loop = loop;
	r->ev = *ev;
	r->pipe_fd = -1;
	return r;
}

void runner_free(struct runner *runner)
{
	if (!runner)
		return;
	runner_kill_now(runner);
	lifecycle_free(&runner->life);
	free(runner);
}

void runner_set_limits(struct runner *runner,
                       const struct runner_limits *limits)
{
	memset(&runner->next, 0, sizeof runner->next);
	if (limits)
		runner->next = *limits;
}

void runner_set_trace(struct runner *runner, int on)
{
	runner->trace_off = !on;
}

int runner_limited(const struct runner *runner)
{
	return runner->demo && runner->lim.wall_ms > 0;
}

int runner_tracing(const struct runner *runner)
{
	return !runner->trace_off;
}

const struct lifecycle *runner_record(const struct runner *runner)
{
	return &runner->life;
}

int runner_trace_errno(const struct runner *runner)
{
	return runner->trace_errno;
}

/* Seconds since the run started. */
static double run_time(const struct runner *r)
{
	return monotonic_seconds() - r->started;
}

int runner_busy(const struct runner *runner)
{
	return runner->demo != NULL;
}

pid_t runner_root(const struct runner *runner)
{
	return runner->demo && !runner->root_reaped ? runner->root : 0;
}

const struct demo *runner_demo(const struct runner *runner)
{
	return runner->demo;
}

static void collect(struct runner *r);

/* A name a scan read for task id (name, rewritten to what to show). The
   tracer sees a prctl rename before it runs: for a moment /proc still has
   the name before, which is not a new one. Any other name the scan finds
   is new (a rename the tracer could not see), and goes in the record. */
static void note_name(struct lifecycle *l, const struct lifecycle_task *t,
                      pid_t id, double at, char *name)
{
	if (t && t->nnames >= 2 &&
	    strcmp(name, t->names[t->nnames - 2].name) == 0 &&
	    at - t->names[t->nnames - 1].at < 0.05) {
		snprintf(name, PROCMON_NAME_SIZE, "%s", lifecycle_last_name(t));
		return;
	}
	lifecycle_rename(l, id, at, name);
}

int runner_scan(struct runner *runner, struct procmon_tree *tree)
{
	/* Stops the tracer has not handled yet would show as t: let them
	   go first. */
	if (runner->life.traced)
		collect(runner);
	if (procmon_scan_live(getpid(), 0, tree) != 0)
		return -1;
	if (!runner->life.traced)
		return 0;
	/* The names they have now go into the record. A task the tracer
	   holds in a job-control stop shows T, as it would untraced; one
	   that only waits for the tracer to note an event (a fork, an exit),
	   for microseconds, was running: R. */
	double at = run_time(runner);
	for (size_t i = 0; i < tree->nprocs; i++) {
		struct procmon_proc *pr = &tree->procs[i];
		for (size_t t = 0; t < pr->nthreads; t++) {
			struct procmon_thread *th = &pr->threads[t];
			const struct lifecycle_task *task =
			    lifecycle_find_const(&runner->life, th->tid);
			note_name(&runner->life, task, th->tid, at, th->name);
			if (th->state == 't')
				th->state = task && task->stopped ? 'T' : 'R';
		}
		const struct lifecycle_task *task =
		    lifecycle_find_const(&runner->life, pr->pid);
		if (pr->nthreads)
			memcpy(pr->name, pr->threads[0].name, sizeof pr->name);
		if (pr->state == 't')
			pr->state = task && task->stopped ? 'T' : 'R';
	}
	return 0;
}

int runner_escaped(const struct runner *runner,
                   const struct procmon_proc *proc)
{
	return proc->depth == 0 &&
	       (!runner->demo || runner->root_reaped ||
	        proc->pid != runner->root);
}

/* Does this process have any child left, live or zombie? 1 or 0; -1 when
   /proc could not be read (the error kept in scan_errno): not known. */
static int have_descendants(struct runner *r)
{
	struct procmon_tree tree;
	if (procmon_scan_live(getpid(), 0, &tree) != 0) {
		r->scan_errno = errno ? errno : EIO;
		return -1;
	}
	int any = tree.nprocs > 0;
	procmon_tree_free(&tree);
	return any;
}

/* Signal every descendant; how many were reached (none if /proc could
   not be read: the error is kept, and the end line will say it). */
static int signal_all(struct runner *r, int sig)
{
	int n = descendants_signal(sig);
	if (n >= 0)
		return n;
	r->scan_errno = errno ? errno : EIO;
	return 0;
}

static void begin_cleanup(struct runner *r);

/* A limit was crossed: say which (the first one only), and kill all of
   the run at once: the group in one call, then every descendant (one
   that left the group too). What it forks meanwhile is killed as its
   reports come in (collect). */
static void limit_hit(struct runner *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void limit_hit(struct runner *r, const char *fmt, ...)
{
	if (r->limit[0] || !r->demo)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->limit, sizeof r->limit, fmt, ap);
	va_end(ap);
	if (!r->root_reaped)
		kill(-r->root, SIGKILL);
	signal_all(r, SIGKILL);
	begin_cleanup(r);           /* and SIGKILL again after the grace */
}

/* The tasks of the run alive now, from the record. */
static int live_tasks(const struct runner *r)
{
	int n = 0;
	for (size_t i = 0; i < r->life.ntasks; i++)
		n += r->life.tasks[i].ended < 0;
	return n + (int)r->life.dropped;
}

static void on_wall_timer(void *arg)
{
	struct runner *r = arg;
	r->wall_timer = 0;
	limit_hit(r, _("still running after %.1f s (its limit)"),
	          r->lim.wall_ms / 1000.0);
}

/* ---- the demo's side of the fork ------------------------------------ */

/* The C library will not touch the signals it keeps for itself (32 and
 * 33 in glibc), yet a disposition of SIG_IGN on them is inherited like
 * any other (GNU make, for one, starts its commands so). Ask the kernel
 * directly: an ignored one goes back to the default; a handler the C
 * library installed is left alone. A zeroed kernel sigaction is SIG_DFL,
 * whatever the architecture's field order. */
static void reserved_signal_default(int sig)
{
	unsigned long old[8] = { 0 }, dfl[8] = { 0 };
	if (syscall(SYS_rt_sigaction, sig, NULL, old, _NSIG / 8) == 0 &&
	    old[0] == (unsigned long)SIG_IGN)
		syscall(SYS_rt_sigaction, sig, dfl, NULL, _NSIG / 8);
}

/* In the new child: a clean process for the demo, then run it. */
static void __attribute__((noreturn))
child_run(const struct demo *demo, const long *values, double speed,
          unsigned long seed, int out_fd, pid_t ui, int go_fd)
{
	setpgid(0, 0);
	/* Wait until forklore has seized us (or given up), so that the
	   record starts before the demo does anything. */
	if (go_fd >= 0) {
		char go = 0;
		while (read(go_fd, &go, 1) < 0 && errno == EINTR)
			;
		if (go == 't')                 /* traced: names exactly too */
			tracer_watch_names();
	}
	/* Default signal dispositions, whatever the UI ignores or catches. */
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP &&
		    signal(sig, SIG_DFL) == SIG_ERR && errno == EINVAL)
			reserved_signal_default(sig);
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != ui)
		_exit(127);
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0 && null != STDIN_FILENO) {
		dup2(null, STDIN_FILENO);
		close(null);
	}
	dup2(out_fd, STDOUT_FILENO);
	dup2(out_fd, STDERR_FILENO);
	if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	demo_lib_init(demo->process, speed, seed);
	int status = demo->main(values);
	_exit(status & 0xff);
}

/* ---- the UI's side --------------------------------------------------- */

static void finish_if_done(struct runner *r);

/* Hand every complete line in the buffer to the listener. */
static void emit_lines(struct runner *r, int flush_partial)
{
	size_t start = 0;
	for (size_t i = 0; i < r->buffered; i++) {
		if (r->buf[i] != '\n')
			continue;
		struct tagline line;
		tagline_parse(r->buf + start, i - start, &line);
		r->ev.line(&line, r->ev.arg);
		start = i + 1;
	}
	/* A line that fills the buffer, or the tail at EOF, goes as it is. */
	if ((flush_partial || (start == 0 && r->buffered == LINE_BUFFER)) &&
	    start < r->buffered) {
		struct tagline line;
		tagline_parse(r->buf + start, r->buffered - start, &line);
		r->ev.line(&line, r->ev.arg);
		start = r->buffered;
	}
	memmove(r->buf, r->buf + start, r->buffered - start);
	r->buffered -= start;
}

/* How many reads of the pipe one round of the loop may do: a demo that
   writes faster than its lines can be shown must not keep the loop from
   the keyboard and the signals (Ctrl-C would never be read). */
#define READS_PER_ROUND 8

/* Read what the pipe holds, or up to max_reads reads of it (0: all); at
   EOF, close it. */
static void drain_pipe(struct runner *r, int max_reads)
{
	for (int reads = 0; r->pipe_fd >= 0; reads++) {
		if (max_reads > 0 && reads == max_reads)
			return;   /* the rest next round: the pipe stays ready */
		ssize_t n = read(r->pipe_fd, r->buf + r->buffered,
		                 LINE_BUFFER - r->buffered);
		if (n > 0 && r->limit[0]) {
			continue;         /* past a limit: read, and drop */
		} else if (n > 0) {
			r->output += (size_t)n;
			if (r->lim.output && r->output > r->lim.output) {
				/* Keep what fits; the rest goes. */
				size_t over = r->output - r->lim.output;
				n -= (ssize_t)(over < (size_t)n ? over : (size_t)n);
				limit_hit(r, _("more than %zu KiB of output "
				          "(its limit)"), r->lim.output / 1024);
			}
			r->buffered += (size_t)n;
			emit_lines(r, 0);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		emit_lines(r, 1);
		loop_remove_fd(r->loop, r->pipe_fd);
		close(r->pipe_fd);
		r->pipe_fd = -1;
	}
}

static void on_pipe(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	struct runner *r = arg;
	drain_pipe(r, READS_PER_ROUND);
	finish_if_done(r);
}

static void on_kill_timer(void *arg)
{
	struct runner *r = arg;
	r->kill_timer = 0;
	r->killed += signal_all(r, SIGKILL);
	r->grace_over = 1;
	finish_if_done(r);
}

/* The second look, RUNNER_SETTLE_MS after the root was reaped. */
static void on_settle_timer(void *arg)
{
	struct runner *r = arg;
	r->settle_timer = 0;
	r->settled = 1;
	finish_if_done(r);
}

/* Start ending whatever is left: TERM now, KILL after the grace period. */
static void begin_cleanup(struct runner *r)
{
	if (r->stopping)
		return;
	r->stopping = 1;
	if (!r->root_reaped)
		kill(-r->root, SIGTERM);
	int n = signal_all(r, SIGTERM);
	if (r->root_reaped && !r->stopped_by_user)
		r->left_behind = n;
	signal_all(r, SIGCONT);   /* a stopped process cannot die */
	r->kill_timer = loop_add_timer(r->loop, RUNNER_GRACE_MS,
	                               on_kill_timer, r);
}

/* Report the end once the root is reaped, output drained, nothing left. */
static void finish_if_done(struct runner *r)
{
	if (!r->demo || !r->root_reaped)
		return;
	int left = have_descendants(r);
	if (left < 0 && r->grace_over) {
		/* /proc cannot be read even after the grace period: end,
		   and say that nothing could be checked. */
	} else if (left != 0) {
		/* A child that the kernel is already ending (its parent's
		   death signal) may still be in /proc for a moment: look
		   again shortly before calling anything left behind. Each
		   child reaped meanwhile brings us back here. */
		if (!r->stopping && !r->settled) {
			if (!r->settle_timer)
				r->settle_timer = loop_add_timer(r->loop,
				    RUNNER_SETTLE_MS, on_settle_timer, r);
			return;
		}
		begin_cleanup(r);
		return;
	} else {
		r->scan_errno = 0;
	}
	drain_pipe(r, 0);
	if (r->pipe_fd >= 0) {
		/* Nobody can still hold the write end; close our side. */
		emit_lines(r, 1);
		loop_remove_fd(r->loop, r->pipe_fd);
		close(r->pipe_fd);
		r->pipe_fd = -1;
	}
	if (r->kill_timer)
		loop_cancel_timer(r->loop, r->kill_timer);
	r->kill_timer = 0;
	if (r->settle_timer)
		loop_cancel_timer(r->loop, r->settle_timer);
	r->settle_timer = 0;
	if (r->wall_timer)
		loop_cancel_timer(r->loop, r->wall_timer);
	r->wall_timer = 0;
	double seconds = monotonic_seconds() - r->started;
	r->life.length = seconds;
	struct runner_end end = {
		.status = r->root_status, .stopped = r->stopped_by_user,
		.seconds = seconds, .left_behind = r->left_behind,
		.killed = r->killed, .killed_at_once = r->killed_at_once,
		.unchecked = r->scan_errno,
	};
	snprintf(end.limit, sizeof end.limit, "%s", r->limit);
	r->demo = NULL;
	r->stopping = 0;
	r->ev.ended(&end, r->ev.arg);
}

int runner_start(struct runner *r, const struct demo *demo,
                 const long *values, double speed, unsigned long seed,
                 char **cause)
{
	if (r->demo) {
		*cause = xasprintf(_("demo %s is still running: 'stop' it or "
		                   "'wait' for it"), r->demo->name);
		return -1;
	}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0) {
		*cause = xasprintf(_("cannot make a pipe: %s"),
		                   strerror(errno));
		return -1;
	}
	int go[2] = { -1, -1 };
	if (!r->trace_off && pipe2(go, O_CLOEXEC) != 0)
		go[0] = go[1] = -1;         /* then no record: said below */
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	fflush(NULL);
	pid_t ui = getpid();
	pid_t pid = fork();
	if (pid == 0)
		child_run(demo, values, speed, seed, fds[1], ui, go[0]);
	int saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(fds[1]);
	if (go[0] >= 0)
		close(go[0]);
	if (pid < 0) {
		close(fds[0]);
		if (go[1] >= 0)
			close(go[1]);
		*cause = xasprintf(_("cannot start the demo: %s"),
		                   strerror(saved));
		return -1;
	}
	setpgid(pid, pid);   /* both sides set it, so there is no race */
	lifecycle_reset(&r->life);
	snprintf(r->life.run, sizeof r->life.run, "%s", demo->name);
	r->started = monotonic_seconds();
	r->life.started = r->started;
	r->trace_errno = r->trace_off ? 0 : go[1] < 0 ? EMFILE : 0;
	r->life.traced = go[1] >= 0 && tracer_seize(pid, r->next.need_trace) == 0;
	if (go[1] >= 0 && !r->life.traced)
		r->trace_errno = errno;
	if (r->next.need_trace && !r->life.traced) {
		/* Not a step further without the tracer's count. */
		int why = r->trace_errno ? r->trace_errno : EPERM;
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
			;
		close(fds[0]);
		if (go[1] >= 0)
			close(go[1]);
		memset(&r->next, 0, sizeof r->next);
		/* TRANSLATORS: %s is the system's reason (strerror). */
		*cause = xasprintf(_("cannot trace the program (%s): forklore "
		                   "runs a learner's program only where it can "
		                   "count its processes"), strerror(why));
		return -1;
	}
	/* Born a copy of this process, under its name, until it takes the
	   demo's (a rename the tracer sees, and after which a scan that
	   still reads the old name is known to be late). */
	char mine[16] = "forklore";
	prctl(PR_GET_NAME, mine, 0, 0, 0);
	lifecycle_birth(&r->life, pid, pid, getpid(), 0, mine);
	if (go[1] >= 0) {
		/* t: traced; u: not (and then no filter, whose prctl
		   would fail without a tracer). */
		while (write(go[1], r->life.traced ? "t" : "u", 1) < 0 &&
		       errno == EINTR)
			;
		close(go[1]);
	}
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	r->demo = demo;
	r->root = pid;
	r->root_reaped = 0;
	r->root_status = 0;
	r->pipe_fd = fds[0];
	r->buffered = 0;
	r->stopping = 0;
	r->stopped_by_user = 0;
	r->left_behind = 0;
	r->killed = 0;
	r->killed_at_once = 0;
	r->grace_over = 0;
	r->settled = 0;
	r->scan_errno = 0;
	r->lim = r->next;
	memset(&r->next, 0, sizeof r->next);
	r->output = 0;
	r->limit[0] = '\0';
	r->wall_timer = r->lim.wall_ms > 0 ?
	    loop_add_timer(r->loop, r->lim.wall_ms, on_wall_timer, r) : 0;
	loop_add_fd(r->loop, fds[0], POLLIN, on_pipe, r);
	return 0;
}

void runner_stop(struct runner *r)
{
	if (!r->demo)
		return;
	r->stopped_by_user = 1;
	begin_cleanup(r);
}

/* One report from wait4: a traced task's stop (noted and let go), or a
   task's end (noted with its peak memory; the root's is the demo's
   end). */
static void take_report(struct runner *r, pid_t pid, int status,
                        const struct rusage *ru)
{
	/* Over a tasks limit, or about to be: a task stopped at an event
	   is not let go (it would fork again); the limit kills it. */
	int max_live = !r->demo ? 0 : r->limit[0] ? -1 : r->lim.tasks;
	if (tracer_stopped(&r->life, pid, status, run_time(r), max_live)) {
		if (max_live > 0 && live_tasks(r) > r->lim.tasks)
			limit_hit(r, _("%d processes and threads alive at once "
			          "(its limit is %d)"), live_tasks(r),
			          r->lim.tasks);
		return;
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		struct lifecycle_task *t = lifecycle_find(&r->life, pid);
		if (t && !t->is_thread && t->ended >= 0 && pid != r->root) {
			/* Its end came to us as its tracer before; now, its
			   parent gone, it came to us as an orphan, and this
			   wait reaped it. */
			t->adopted_end = run_time(r);
			return;
		}
		lifecycle_end(&r->life, pid, run_time(r), status);
		if (t && !t->is_thread)
			t->maxrss_kb = ru->ru_maxrss;
	}
	if (r->demo && pid == r->root) {
		r->root_reaped = 1;
		r->root_status = status;
	}
}

static void collect(struct runner *r)
{
	int status;
	pid_t pid;
	struct rusage ru;
	while ((pid = wait4(-1, &status, WNOHANG | __WALL, &ru)) > 0)
		take_report(r, pid, status, &ru);
	if (r->demo && r->lim.tasks && r->limit[0])
		signal_all(r, SIGKILL);   /* what it forked before it died */
}

void runner_pause(struct runner *r, int paused)
{
	if (!r->demo)
		return;
	/* Stops that arrived while we were away are handled first: a stop
	   signal still held by the tracer must not outlast the SIGCONT. */
	if (!paused)
		collect(r);
	r->life.held = paused;
	signal_all(r, paused ? SIGSTOP : SIGCONT);
}

void runner_reap(struct runner *r)
{
	collect(r);
	finish_if_done(r);
}

void runner_kill_now(struct runner *r)
{
	if (!r->demo && have_descendants(r) == 0)
		return;
	/* Count first: once the group is killed, its members are zombies
	   that a scan no longer counts. */
	r->killed_at_once += signal_all(r, SIGKILL);
	if (r->demo && !r->root_reaped)
		kill(-r->root, SIGKILL);
	/* Reap until no child is left. Each death can hand us orphans, so
	   look again after each; if /proc cannot be read, the ones not yet
	   dead cannot be found, and after a second we stop waiting. */
	int status, idle = 0;
	pid_t pid;
	struct rusage ru;
	for (;;) {
		pid = wait4(-1, &status, WNOHANG | __WALL, &ru);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			break;              /* no child left */
		if (pid > 0) {
			take_report(r, pid, status, &ru);
		} else if (r->scan_errno && ++idle > 100) {
			break;
		} else {
			struct timespec nap = { 0, 10 * 1000 * 1000 };
			nanosleep(&nap, NULL);
		}
		signal_all(r, SIGKILL);
	}
	r->stopped_by_user = 1;
	r->grace_over = 1;
	finish_if_done(r);
}
