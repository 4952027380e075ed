/* bench.c - the measurements behind `make bench` that need forklore's own
 * code: a demo run through the runner (as forklore runs it) against the
 * same demo run bare (fork, run it, read its output from a pipe as a
 * terminal would, wait: the same system calls without forklore's line
 * tagging, /proc scans, signals and event loop); the bare
 * primitives; and the cost of scanning a demo's tree in /proc.
 *
 *   bench primitives N        fork+exit+wait and thread create+join
 *   bench compare NAME N [P=V..]  N runs through the runner at speed 0,
 *                             each followed by one of the same demo bare
 *   bench time N -- CMD...    N runs of a program, output discarded
 *   bench python N FILE       N runs of a Python program as `run python`
 *                             runs a listing, each followed by one of
 *                             python3 FILE alone
 *   bench scan N REPS [EXTRA] scan a tree of N sleeping children REPS
 *                             times (with EXTRA unrelated processes)
 *
 * Each prints one line of "name value" pairs: medians in microseconds,
 * the number of runs, and what else it knows.
 * Timings are medians, taken in the same process.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"
#include "loop.h"
#include "files.h"
#include "procmon.h"
#include "python.h"
#include "runner.h"
#include "signals.h"
#include "tracer.h"

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int runs_arg(const char *s)
{
	int n = atoi(s);
	if (n < 1 || n > 1000000) {
		fprintf(stderr, "bench: bad count %s\n", s);
		exit(2);
	}
	return n;
}

/* ---- primitives ---------------------------------------------------------- */

static void *nothing(void *arg)
{
	return arg;
}

static int primitives(int n)
{
	double *v = malloc(sizeof *v * (size_t)n);
	for (int i = 0; i < n; i++) {
		double t0 = now_us();
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
		v[i] = now_us() - t0;
	}
	printf("fork_wait_us %.1f", median(v, n));
	for (int i = 0; i < n; i++) {
		double t0 = now_us();
		pthread_t t;
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
		v[i] = now_us() - t0;
	}
	printf(" thread_create_join_us %.1f runs %d\n", median(v, n), n);
	free(v);
	return 0;
}

/* ---- a demo, through the runner or bare ---------------------------------- */

struct through {
	struct runner *runner;
	int ended;
	long lines;
	int status;
};

static void on_line(const struct tagline *line, void *arg)
{
	(void)line;
	((struct through *)arg)->lines++;
}

static void on_end(const struct runner_end *end, void *arg)
{
	struct through *t = arg;
	t->ended = 1;
	t->status = end->status;
}

static struct through *current;

static void on_signal(int sig, void *arg)
{
	(void)arg;
	if (sig == SIGCHLD && current)
		runner_reap(current->runner);
}

static const struct demo *find(const char *name)
{
	const struct demo *d = demo_find(name);
	if (!d) {
		fprintf(stderr, "bench: no demo %s\n", name);
		exit(2);
	}
	return d;
}

/* The demo's defaults, changed by NAME=VALUE arguments. */
static void values_for(const struct demo *d, char **args, int nargs,
                       long *values)
{
	char *cause = NULL;
	demo_defaults(d, values);
	if (demo_apply_args(d, args, (size_t)nargs, values, &cause) != 0) {
		fprintf(stderr, "bench: %s\n", cause);
		exit(2);
	}
}

/* One run through the runner: start to reported end, in microseconds;
   -1 if it did not end well. */
static double one_through_runner(struct loop *loop, struct through *t,
                                 const struct demo *d, const long *values,
                                 unsigned long seed)
{
	char *cause = NULL;
	t->ended = 0;
	double t0 = now_us();
	if (runner_start(t->runner, d, values, 0, seed, &cause) != 0) {
		fprintf(stderr, "bench: %s\n", cause);
		exit(1);
	}
	while (!t->ended)
		loop_run_once(loop, -1);
	double us = now_us() - t0;
	return WIFEXITED(t->status) && WEXITSTATUS(t->status) == 0 ? us : -1;
}

/* In a child just forked: its output into the pipe out, in a process
   group of its own if asked, no signal blocked. */
static void child_into(int out[2], int own_group)
{
	close(out[0]);
	dup2(out[1], STDOUT_FILENO);
	dup2(out[1], STDERR_FILENO);
	close(out[1]);
	if (own_group)
		setpgid(0, 0);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* In the parent: read the child's output to its end (as a terminal
   reads it), then its status; whatever it left behind (orphans come to
   a subreaper: us) is reaped too. The microseconds since t0, or -1 if
   it did not exit 0. */
static double drain_and_wait(int out[2], pid_t pid, double t0)
{
	close(out[1]);
	char buf[8192];
	while (read(out[0], buf, sizeof buf) > 0)
		;
	close(out[0]);
	int status;
	waitpid(pid, &status, 0);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	double us = now_us() - t0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? us : -1;
}

/* One bare run: fork, the demo's code, its output read from a pipe to
   the end (as a terminal reads it), wait. */
static double one_bare(const struct demo *d, const long *values,
                       unsigned long seed)
{
	int out[2];
	if (pipe(out) != 0)
		exit(1);
	double t0 = now_us();
	pid_t pid = fork();
	if (pid == 0) {
		child_into(out, 1);
		demo_lib_init(d->process, 0, seed);
		_exit(d->main(values) & 0xff);
	}
	return drain_and_wait(out, pid, t0);
}

/* The same bare run, followed with ptrace as the record follows it (the
   same options and name filter) by the simplest tracer there is: block
   in waitpid, let every stop go at once, keep nothing. What this costs
   over the bare run is ptrace's own price, the floor under the record. */
static double one_traced_bare(const struct demo *d, const long *values,
                              unsigned long seed)
{
	int out[2], go[2];
	if (pipe(out) != 0 || pipe(go) != 0)
		exit(1);
	/* Room for all a demo prints at speed 0: the tracer does not read
	   until the end, so the demo must never wait for it to. */
	fcntl(out[0], F_SETPIPE_SZ, 1 << 20);
	double t0 = now_us();
	pid_t pid = fork();
	if (pid == 0) {
		close(go[1]);
		child_into(out, 1);
		char c;
		if (read(go[0], &c, 1) != 1 || tracer_watch_names() != 0)
			_exit(1);
		close(go[0]);
		demo_lib_init(d->process, 0, seed);
		_exit(d->main(values) & 0xff);
	}
	close(go[0]);
	if (tracer_seize(pid) != 0 || write(go[1], "t", 1) != 1) {
		perror("bench: ptrace");
		exit(1);
	}
	close(go[1]);
	int status, root_status = -1;
	pid_t who;
	while ((who = waitpid(-1, &status, __WALL)) > 0) {
		if (WIFSTOPPED(status)) {
			int event = (unsigned)status >> 16;
			int sig = WSTOPSIG(status);
			ptrace(PTRACE_CONT, who, 0L,
			       event || sig == SIGTRAP ? 0L : (long)sig);
		} else if (who == pid) {
			root_status = status;
		}
	}
	close(out[1]);
	char buf[8192];
	while (read(out[0], buf, sizeof buf) > 0)
		;
	close(out[0]);
	double us = now_us() - t0;
	return root_status >= 0 && WIFEXITED(root_status) &&
	       WEXITSTATUS(root_status) == 0 ? us : -1;
}

/* A runner on loop, reporting to t, with forklore's setup: it is the
   subreaper, and signals come through the loop. 0, or -1 (said). */
static int through_setup(struct loop *loop, struct through *t)
{
	static struct runner_events ev = { on_line, on_end, NULL };
	memset(t, 0, sizeof *t);
	ev.arg = t;
	t->runner = runner_new(loop, &ev);
	current = t;
	if (runner_become_subreaper() != 0 ||
	    signals_init(loop, on_signal, NULL) != 0) {
		perror("bench: setup");
		return -1;
	}
	return 0;
}

/* Runner and bare runs alternate, so both see the same machine. */
static int compare(const char *name, int n, char **args, int nargs)
{
	const struct demo *d = find(name);
	long values[DEMO_MAX_PARAMS];
	values_for(d, args, nargs, values);
	struct loop *loop = loop_new();
	struct through t;
	if (through_setup(loop, &t) != 0)
		return 1;
	double *vr = malloc(sizeof *vr * (size_t)n);
	double *vu = malloc(sizeof *vu * (size_t)n);
	double *vb = malloc(sizeof *vb * (size_t)n);
	double *vf = malloc(sizeof *vf * (size_t)n);
	int bad = 0;
	for (int i = 0; i < n; i++) {
		/* Recorded (the default), then not, then bare. */
		runner_set_trace(t.runner, 1);
		vr[i] = one_through_runner(loop, &t, d, values,
		                           (unsigned long)i + 1);
		runner_set_trace(t.runner, 0);
		vu[i] = one_through_runner(loop, &t, d, values,
		                           (unsigned long)i + 1);
		vb[i] = one_bare(d, values, (unsigned long)i + 1);
		vf[i] = one_traced_bare(d, values, (unsigned long)i + 1);
		bad += (vr[i] < 0) + (vu[i] < 0) + (vb[i] < 0) + (vf[i] < 0);
	}
	double mr = median(vr, n), mu = median(vu, n), mb = median(vb, n);
	double mf = median(vf, n);
	printf("runner_us %.1f untraced_us %.1f bare_us %.1f floor_us %.1f "
	       "ratio %.2f record_ratio %.2f floor_ratio %.2f "
	       "runs %d lines_per_run %ld failed %d\n",
	       mr, mu, mb, mf, mr / mb, mr / mu, mf / mb, n,
	       t.lines / (2L * n), bad);
	runner_free(t.runner);
	loop_free(loop);
	free(vr);
	free(vu);
	free(vb);
	free(vf);
	return bad ? 1 : 0;
}

/* ---- the /proc scan ------------------------------------------------------- */

static pid_t sleeper(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		for (;;)
			pause();
	}
	return pid;
}

static int scan(int n, int reps, int extra)
{
	/* The unrelated processes: children of a helper that is not ours
	   (a double fork hands it to init), so they are in /proc but not in
	   our tree. The helper sends its PID when they are all there. */
	pid_t other = 0;
	if (extra > 0) {
		int ready[2];
		if (pipe(ready) != 0)
			return 1;
		pid_t middle = fork();
		if (middle == 0) {
			if (fork() != 0)
				_exit(0);
			close(ready[0]);
			for (int i = 0; i < extra; i++)
				sleeper();
			pid_t self = getpid();
			if (write(ready[1], &self, sizeof self) < 0)
				_exit(1);
			for (;;)
				pause();
		}
		close(ready[1]);
		waitpid(middle, NULL, 0);
		if (read(ready[0], &other, sizeof other) != sizeof other)
			return 1;
		close(ready[0]);
	}
	pid_t root = sleeper();
	pid_t *kids = malloc(sizeof *kids * (size_t)n);
	/* The tree: n sleeping children of this process. */
	kids[0] = root;
	for (int i = 1; i < n; i++)
		kids[i] = sleeper();
	double *v = malloc(sizeof *v * (size_t)reps);
	size_t found = 0;
	for (int r = 0; r < reps; r++) {
		struct procmon_tree tree;
		double t0 = now_us();
		if (procmon_scan_live(getpid(), 0, &tree) != 0) {
			perror("bench: scan");
			return 1;
		}
		v[r] = now_us() - t0;
		found = tree.nprocs;
		procmon_tree_free(&tree);
	}
	int entries = 0;
	FILE *p = popen("ls -d /proc/[0-9]* | wc -l", "r");
	if (p) {
		if (fscanf(p, "%d", &entries) != 1)
			entries = 0;
		pclose(p);
	}
	double m = median(v, reps);
	printf("median_us %.1f per_process_us %.2f processes %zu "
	       "proc_entries %d runs %d\n", m, m / (double)n, found, entries,
	       reps);
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	if (other)
		kill(other, SIGKILL);   /* its sleepers die with it */
	while (wait(NULL) > 0)
		;
	free(kids);
	free(v);
	return found == (size_t)n ? 0 : 1;
}

/* ---- any program, start to end ---------------------------------------- */

static int time_command(int n, char **cmd)
{
	double *v = malloc(sizeof *v * (size_t)n);
	int bad = 0;
	for (int i = 0; i < n; i++) {
		double t0 = now_us();
		pid_t pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_RDWR);
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
			execvp(cmd[0], cmd);
			_exit(127);
		}
		int status;
		waitpid(pid, &status, 0);
		v[i] = now_us() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad++;
	}
	printf("median_us %.1f runs %d failed %d\n", median(v, n), n, bad);
	free(v);
	return bad ? 1 : 0;
}

/* ---- a Python program, through `run python` or alone ------------------- */

/* python3 FILE alone: its output read from a pipe to the end, waited for. */
static double one_python_alone(const char *python, const char *file)
{
	int out[2];
	if (pipe(out) != 0)
		exit(1);
	double t0 = now_us();
	pid_t pid = fork();
	if (pid == 0) {
		child_into(out, 0);
		execl(python, "python3", file, (char *)NULL);
		_exit(127);
	}
	return drain_and_wait(out, pid, t0);
}

/* The program in file through the runner as `run python` runs a listing
   (the start-up module, the record), against python3 FILE alone;
   alternating. */
static int python_compare(const char *file, int n)
{
	char *cause = NULL;
	size_t len;
	char *text = files_read_regular(file, "Python file", 1 << 20, &len,
	                                &cause);
	const struct demo *d = text ? python_prepare(text, "bench.py", NULL,
	                                             NULL, 0, &cause) : NULL;
	if (!d) {
		fprintf(stderr, "bench: %s: %s\n", file, cause);
		return 1;
	}
	struct loop *loop = loop_new();
	struct through t;
	if (through_setup(loop, &t) != 0)
		return 1;
	double *vr = malloc(sizeof *vr * (size_t)n);
	double *va = malloc(sizeof *va * (size_t)n);
	long values[DEMO_MAX_PARAMS] = { 0 };
	int bad = 0;
	for (int i = 0; i < n; i++) {
		vr[i] = one_through_runner(loop, &t, d, values, 1);
		va[i] = one_python_alone(python_interpreter(), file);
		bad += (vr[i] < 0) + (va[i] < 0);
	}
	double mr = median(vr, n), ma = median(va, n);
	printf("runner_us %.1f alone_us %.1f ratio %.2f runs %d failed %d\n",
	       mr, ma, mr / ma, n, bad);
	runner_free(t.runner);
	loop_free(loop);
	python_cleanup();
	free(vr);
	free(va);
	free(text);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "time") == 0 &&
	    strcmp(argv[3], "--") == 0)
		return time_command(runs_arg(argv[2]), argv + 4);
	if (argc >= 3 && strcmp(argv[1], "primitives") == 0)
		return primitives(runs_arg(argv[2]));
	if (argc >= 4 && strcmp(argv[1], "compare") == 0)
		return compare(argv[2], runs_arg(argv[3]), argv + 4, argc - 4);
	if (argc >= 4 && strcmp(argv[1], "python") == 0)
		return python_compare(argv[3], runs_arg(argv[2]));
	if (argc >= 4 && strcmp(argv[1], "scan") == 0)
		return scan(runs_arg(argv[2]), runs_arg(argv[3]),
		            argc >= 5 ? atoi(argv[4]) : 0);
	fputs("usage: bench primitives N | compare NAME N [P=V...] | "
	      "python N FILE | scan N REPS [EXTRA] | "
	      "time N -- CMD...\n", stderr);
	return 2;
}
