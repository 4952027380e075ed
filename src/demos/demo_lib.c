/* demo_lib.c - what every demo uses: tagged output, scaled sleeps, names. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo_lib.h"
#include "tagline.h"

static double speed = 1.0;
static unsigned long seed;
static struct timespec started;
static pid_t self;                        /* this process, as last named */
static pid_t forklore;                    /* the interface running the demo */
static _Thread_local uint64_t random_state;
/* Set by any process of the demo whose system call failed; shared by all
   of them (an anonymous shared page made before the first fork). */
static atomic_int failed_here;
static atomic_int *failed = &failed_here;

/* Mix the seed with a name, so each named process or thread gets its
   own repeatable stream of random numbers. */
static void seed_random(const char *name)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)seed;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	random_state = h ? h : 1;
}

void demo_lib_init(const char *name, double speed_factor,
                   unsigned long seed_value)
{
	speed = speed_factor;
	seed = seed_value;
	self = getpid();
	forklore = getppid();
	clock_gettime(CLOCK_MONOTONIC, &started);
	prctl(PR_SET_NAME, name, 0, 0, 0);
	seed_random(name);
	void *page = mmap(NULL, sizeof *failed, PROT_READ | PROT_WRITE,
	                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page != MAP_FAILED)
		failed = page;
	atomic_store(failed, 0);
}

void demo_say(const char *fmt, ...)
{
	char text[TAGLINE_MAX], line[TAGLINE_MAX + 64], name[17] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	size_t len = tagline_format(line, sizeof line, getpid(), gettid(),
	                            name, text);
	/* One write per line: the pipe keeps it whole (len < PIPE_BUF). */
	while (write(STDOUT_FILENO, line, len) < 0 && errno == EINTR)
		;
}

void demo_sleep(double seconds)
{
	double total = seconds * speed;
	if (!(total > 0))
		return;
	struct timespec ts = { (time_t)total,
	                       (long)((total - floor(total)) * 1e9) };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* snippet: demo-child */
/* fork(), checked: -1 means there is no child, only an error to report. */
pid_t demo_fork(void)
{
	pid_t pid = fork();
	if (pid == -1)
		demo_fail("fork", errno);      /* ends the demo */
	return pid;
}

void demo_child(const char *name)
{
	pid_t parent = self;
	self = getpid();
	/* The name shows in ps, top and forklore's monitor. */
	prctl(PR_SET_NAME, name, 0, 0, 0);
	/* Die with the parent, so no demo process outlives the course... */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* ...even if the parent died before the line above took effect. */
	if (getppid() != parent)
		_exit(1);
	seed_random(name);
}
/* end snippet */

/* ---- checked system calls ------------------------------------------- */

/* What a limit-related errno means here, for the failure line. */
static const char *failure_hint(const char *call, int err)
{
	switch (err) {
	case EAGAIN:
		if (strcmp(call, "fork") == 0)
			return " (the process limit, see ulimit -u)";
		if (strcmp(call, "pthread_create") == 0)
			return " (the limit on processes and threads, see "
			       "ulimit -u)";
		return "";
	case EMFILE:
		return " (the open file limit, see ulimit -n)";
	case ENFILE:
		return " (the system's limit on open files)";
	case ENOMEM:
		return " (out of memory)";
	default:
		return "";
	}
}

void demo_fail(const char *call, int err)
{
	demo_say("%s failed: %s%s", call, strerror(err),
	         failure_hint(call, err));
	/* Every process of the demo that waits for a child sees this and
	   ends too, silently: one line says what went wrong. */
	atomic_store(failed, 1);
	_exit(DEMO_EXIT_FAILED);
}

/* A PID a demo did not get from the kernel: a bug, never passed on. */
static void __attribute__((noreturn)) refuse_pid(const char *call, pid_t pid)
{
	demo_say("%s refused: pid %d is not a child this demo started", call,
	         (int)pid);
	atomic_store(failed, 1);
	_exit(DEMO_EXIT_FAILED);
}

/* After a wait: if another process of the demo failed, end quietly. */
static void end_if_failed(void)
{
	if (atomic_load(failed))
		_exit(DEMO_EXIT_FAILED);
}


void demo_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		demo_fail("pipe", errno);
}

void demo_dup2(int from, int to)
{
	while (dup2(from, to) < 0)
		if (errno != EINTR)
			demo_fail("dup2", errno);
}

void demo_pthread_create(pthread_t *thread, void *(*run)(void *), void *arg)
{
	int err = pthread_create(thread, NULL, run, arg);
	if (err != 0)
		demo_fail("pthread_create", err);
}

void demo_pthread_join(pthread_t thread)
{
	int err = pthread_join(thread, NULL);
	if (err != 0)
		demo_fail("pthread_join", err);
}

int demo_waitpid(pid_t pid)
{
	if (pid <= 0)
		refuse_pid("waitpid", pid);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			demo_fail("waitpid", errno);
	end_if_failed();
	return status;
}

int demo_waitpid_nohang(pid_t pid, int *status)
{
	if (pid <= 0)
		refuse_pid("waitpid", pid);
	pid_t got;
	while ((got = waitpid(pid, status, WNOHANG)) < 0)
		if (errno != EINTR)
			demo_fail("waitpid", errno);
	end_if_failed();
	return got == pid;
}

/* Wait until child pid has done what options asks (WEXITED, WSTOPPED),
   without reaping it. */
static void wait_unreaped(pid_t pid, int options)
{
	if (pid <= 0)
		refuse_pid("waitid", pid);
	siginfo_t info;
	while (waitid(P_PID, (id_t)pid, &info, options | WNOWAIT) < 0)
		if (errno != EINTR)
			demo_fail("waitid", errno);
	end_if_failed();
}

void demo_wait_exited(pid_t pid)
{
	wait_unreaped(pid, WEXITED);
}

void demo_wait_stopped(pid_t pid)
{
	wait_unreaped(pid, WEXITED | WSTOPPED);
}

/* The contents of /proc/PID/NAME, up to size - 1 bytes; a failure to
   read it ends the demo, which must not guess. */
static void read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	FILE *f = fopen(path, "r");
	if (!f)
		demo_fail("reading /proc", errno);
	size_t n = fread(buf, 1, size - 1, f);
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err)
		demo_fail("reading /proc", err);
	buf[n] = '\0';
}

char demo_proc_state(pid_t pid)
{
	char buf[512];
	read_proc(pid, "stat", buf, sizeof buf);
	char *close = strrchr(buf, ')');
	return close && close[1] == ' ' && close[2] ? close[2] : '?';
}

void demo_proc_name(pid_t pid, char *name, size_t size)
{
	read_proc(pid, "comm", name, size);
	name[strcspn(name, "\n")] = '\0';
}

pid_t demo_wait(int *status)
{
	int ignored;
	pid_t pid;
	while ((pid = wait(status ? status : &ignored)) < 0) {
		if (errno == ECHILD)
			break;
		if (errno != EINTR)
			demo_fail("wait", errno);
	}
	end_if_failed();
	return pid > 0 ? pid : 0;
}

int demo_kill(pid_t pid, int sig)
{
	if (pid <= 0)
		refuse_pid("kill", pid);
	if (kill(pid, sig) == 0)
		return 0;
	if (errno != ESRCH)
		demo_fail("kill", errno);
	return -1;
}

void demo_name_thread(const char *name)
{
	prctl(PR_SET_NAME, name, 0, 0, 0);
	seed_random(name);
}

double demo_random(double lo, double hi)
{
	/* xorshift64*: small, fast, and the same on every machine. */
	uint64_t x = random_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	random_state = x;
	uint64_t r = x * 2685821657736338717ull;
	return lo + (hi - lo) * (double)(r >> 11) / 9007199254740992.0;
}

double demo_elapsed(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - started.tv_sec) +
	       (double)(now.tv_nsec - started.tv_nsec) / 1e9;
}

pid_t demo_forklore(void)
{
	return forklore;
}

double demo_speed(void)
{
	return speed;
}

void demo_write_all(int fd, const void *buf, size_t size)
{
	const char *p = buf;
	while (size > 0) {
		ssize_t n = write(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			demo_fail("write", errno);
		p += n;
		size -= (size_t)n;
	}
}

void demo_close(int fd)
{
	/* On Linux the descriptor is gone even when close() says EINTR. */
	if (close(fd) != 0 && errno != EINTR)
		demo_fail("close", errno);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void demo_sort_samples(double *samples, long n)
{
	qsort(samples, (size_t)n, sizeof *samples, by_value);
}

double demo_quantile(const double *sorted, long n, double q)
{
	double at = q * (double)(n - 1);
	long i = (long)at;
	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (at - (double)i) * (sorted[i + 1] - sorted[i]);
}
