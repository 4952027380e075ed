/* demo_gil.c - the GIL lesson's demos: the same work done once, by
 * threads and by processes (computing, or waiting), and a GIL in
 * miniature with its switch interval. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* Shorter than this, one task's time is mostly the scheduler's noise. */
#define SHORTEST_TASK 0.05

/* ---- what the kernel says: clocks, CPUs, CPU time ------------------- */

/* A clock's reading in seconds; a failure ends the demo. */
static double clock_seconds(clockid_t clock)
{
	struct timespec ts;
	if (clock_gettime(clock, &ts) != 0)
		demo_fail("clock_gettime", errno);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The CPUs this process may run on (taskset can make it fewer than the
   machine has). */
static int usable_cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		demo_fail("sched_getaffinity", errno);
	return CPU_COUNT(&set);
}

/* snippet: gil-cpu-time */
/* The calling thread's CPU time so far, in seconds, as the monitor and
   top see it: utime + stime, fields 14 and 15 of /proc/self/task/TID/stat,
   counted in clock ticks. */
static double thread_cpu(void)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", gettid());
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		demo_fail("reading /proc", errno);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	int err = errno;
	close(fd);
	if (n < 0)
		demo_fail("reading /proc", err);
	buf[n] = '\0';
	const char *rest = strrchr(buf, ')');     /* after the thread's name */
	unsigned long utime, stime;
	if (!rest || sscanf(rest + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u "
	                    "%*u %*u %lu %lu", &utime, &stime) != 2)
		demo_fail("reading /proc", EINVAL);
	long ticks = sysconf(_SC_CLK_TCK);
	return (double)(utime + stime) / (double)(ticks > 0 ? ticks : 100);
}
/* end snippet */

/* ---- the same work, once, in threads, in processes ------------------ */

/* snippet: gil-cpu */
/* The task: n steps of arithmetic, the classic CPU-bound loop. Each
   step needs the one before, so no step can be skipped or overlapped. */
static unsigned long crunch(long n)
{
	unsigned long x = 1;
	for (long i = n; i > 0; i--)
		x = x * 6364136223846793005ul + 1442695040888963407ul;
	return x;
}

struct worker {
	char name[16];
	int io;            /* 1: wait (blocked, as in a read), 0: compute */
	long steps;        /* how many steps, when it computes */
	double seconds;    /* how long it waits, when it waits */
	double cpu;        /* the CPU time it used, from /proc */
	volatile unsigned long result;   /* kept, so the work is done */
};

static void do_task(struct worker *w)
{
	if (w->io)
		demo_sleep(w->seconds);   /* asleep in the kernel, as in read() */
	else
		w->result = crunch(w->steps);
}

static void *thread_main(void *arg)
{
	struct worker *w = arg;
	demo_name_thread(w->name);
	do_task(w);
	w->cpu = thread_cpu();    /* read while the thread is still there */
	return NULL;
}

/* n threads, one task each, all at once: the wall time they take. */
static double in_threads(struct worker *ws, long n)
{
	pthread_t ids[16];
	double began = demo_elapsed();
	for (long i = 0; i < n; i++)
		demo_pthread_create(&ids[i], thread_main, &ws[i]);
	for (long i = 0; i < n; i++)
		demo_pthread_join(ids[i]);
	return demo_elapsed() - began;
}

/* n processes, one task each, all at once: the wall time they take. */
static double in_processes(const struct worker *task, long n)
{
	pid_t pids[16];
	double began = demo_elapsed();
	for (long i = 0; i < n; i++) {
		pids[i] = demo_fork();
		if (pids[i] == 0) {
			char name[16];
			snprintf(name, sizeof name, "Process-%ld", i + 1);
			demo_child(name);
			struct worker mine = *task;
			do_task(&mine);
			_exit(0);
		}
	}
	for (long i = 0; i < n; i++)
		demo_waitpid(pids[i]);
	return demo_elapsed() - began;
}
/* end snippet */

/* How many steps of crunch() take `seconds` of CPU time here: time ever
   longer runs of it on this thread's CPU clock, then scale up. */
static long calibrate(double seconds)
{
	if (!(seconds > 0))
		return 0;
	double probe = seconds / 10 < 0.02 ? seconds / 10 : 0.02;
	for (long n = 1000;; n *= 2) {
		double began = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
		volatile unsigned long result = crunch(n);
		(void)result;
		double took = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - began;
		if (took >= probe || n > (1L << 40))
			return (long)((double)n * seconds / (took > 0 ? took : 1e-9));
	}
}

/* What the runs showed: the table, or why there is none. */
static void report(const struct worker *ws, long n, double one,
                   double one_cpu, double threads, double processes,
                   int io, int cpus)
{
	if (one < SHORTEST_TASK) {
		demo_say("MainThread: one task took only %.3f s at speed %g: too "
		         "short to time against the scheduler's noise, so no "
		         "table ('set speed 1' for real seconds)", one,
		         demo_speed());
		return;
	}
	/* The same task should take the same CPU time alone and in each
	   thread, all of it while it runs: if not, others shared the CPUs. */
	double least = one_cpu, most = one_cpu;
	for (long i = 0; i < n; i++) {
		least = ws[i].cpu < least ? ws[i].cpu : least;
		most = ws[i].cpu > most ? ws[i].cpu : most;
	}
	if (!io && (one_cpu < 0.8 * one || most > 1.25 * least))
		demo_say("MainThread: note: one task used %.2f s of CPU in %.2f s "
		         "alone, %.2f to %.2f s in the threads: other programs "
		         "are busy, so the times below are rough", one_cpu, one,
		         least, most);
	double total = 0;
	for (long i = 0; i < n; i++) {
		demo_say("MainThread: %s used %.2f s of CPU (utime+stime)",
		         ws[i].name, ws[i].cpu);
		total += ws[i].cpu;
	}
	demo_say("MainThread: the %ld threads' CPU time: %.2f s in %.2f s of "
	         "wall time, %.2f CPUs' worth", n, total, threads,
	         total / threads);
	/* C threads that compute never wait for each other: if they got
	   less than the CPUs they could use, others were using them. */
	long could = n < cpus ? n : cpus;
	if (!io && total / threads < 0.8 * (double)could)
		demo_say("MainThread: note: the threads got %.2f CPUs' worth of "
		         "the %ld they could use: other programs are busy, so "
		         "the times below are rough", total / threads, could);
	demo_say("MainThread: wall time, in multiples of one task alone "
	         "(%.2f s):", one);
	demo_say("MainThread:   %ld threads: %.2fx one task", n, threads / one);
	demo_say("MainThread:   %ld processes: %.2fx one task", n,
	         processes / one);
	if (cpus == 1 && n > 1)
		demo_say("MainThread: this process may use 1 CPU only: there "
		         "threads and processes cannot overlap, they take "
		         "turns%s", io ? ", except while they wait" : "");
}

/* The same task once, then n times in threads, then n times in
   processes; io: the task waits instead of computing. */
static int compare(int io, long n, long seconds)
{
	int cpus = usable_cpus();
	demo_say("MainThread: C threads have no GIL; this process may use %d "
	         "CPU%s", cpus, cpus == 1 ? "" : "s");
	struct worker task = { .io = io, .seconds = (double)seconds };
	if (!io) {
		task.steps = calibrate((double)seconds * demo_speed());
		demo_say("MainThread: one task: %ld steps of arithmetic, about "
		         "%.2f s of CPU here", task.steps,
		         (double)seconds * demo_speed());
	} else {
		demo_say("MainThread: one task: waiting %.2f s, blocked",
		         (double)seconds * demo_speed());
	}
	double began = demo_elapsed();
	double cpu_before = thread_cpu();
	do_task(&task);                          /* once, alone */
	double one = demo_elapsed() - began;
	double one_cpu = thread_cpu() - cpu_before;
	struct worker ws[16];
	for (long i = 0; i < n; i++) {
		ws[i] = task;
		snprintf(ws[i].name, sizeof ws[i].name, "Thread-%ld", i + 1);
	}
	double threads = in_threads(ws, n);
	double processes = in_processes(&task, n);
	report(ws, n, one, one_cpu, threads, processes, io, cpus);
	return 0;
}

int demo_gil_cpu(const long *values)
{
	return compare(0, values[0], values[1]);
}

int demo_gil_io(const long *values)
{
	return compare(1, values[0], values[1]);
}

/* ---- a GIL in miniature, and its switch interval --------------------- */

/* snippet: gil-switch */
/* A GIL built as CPython builds its own (Python/ceval_gil.c): a flag
   under a mutex; a thread that wants it waits on a condition variable,
   and if a whole switch interval passes without the GIL changing hands,
   it asks the holder to drop it. The holder looks at that request only
   at certain points: calls, and the jump back of a loop. */
static struct {
	pthread_mutex_t mutex;
	pthread_cond_t dropped;        /* signalled when it is let go */
	pthread_cond_t taken;          /* signalled when it changes hands */
	int locked;
	unsigned long switches;        /* how many times it was taken */
	atomic_int drop_request;       /* "let another thread run" */
	long interval_us;              /* sys.setswitchinterval(), in us */
} gil = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
          PTHREAD_COND_INITIALIZER, 0, 0, 0, 5000 };

static void take_gil(void)
{
	pthread_mutex_lock(&gil.mutex);
	while (gil.locked) {
		unsigned long seen = gil.switches;
		struct timespec until;
		double at = clock_seconds(CLOCK_REALTIME) + gil.interval_us / 1e6;
		until.tv_sec = (time_t)at;
		until.tv_nsec = (long)((at - (double)until.tv_sec) * 1e9);
		int err = pthread_cond_timedwait(&gil.dropped, &gil.mutex, &until);
		if (err == ETIMEDOUT && gil.locked && gil.switches == seen)
			atomic_store(&gil.drop_request, 1);   /* waited in vain */
	}
	gil.locked = 1;
	gil.switches++;
	atomic_store(&gil.drop_request, 0);
	pthread_cond_signal(&gil.taken);
	pthread_mutex_unlock(&gil.mutex);
}

static void drop_gil(void)
{
	pthread_mutex_lock(&gil.mutex);
	gil.locked = 0;
	pthread_cond_signal(&gil.dropped);
	pthread_mutex_unlock(&gil.mutex);
}

/* Where CPython's loop looks at the drop request. Asked, the holder lets
   the GIL go, waits until another thread has taken it (else it could
   grab it straight back), and queues to take it again. */
static void check_point(void)
{
	if (!atomic_load(&gil.drop_request))
		return;
	pthread_mutex_lock(&gil.mutex);
	unsigned long seen = gil.switches;
	gil.locked = 0;
	pthread_cond_signal(&gil.dropped);
	while (gil.switches == seen)
		pthread_cond_wait(&gil.taken, &gil.mutex);
	pthread_mutex_unlock(&gil.mutex);
	take_gil();
}

static volatile long counter;
static long rounds;
static pthread_barrier_t start_line;    /* both threads begin together */

static long add(long a, long b)
{
	check_point();                  /* a call: a point to switch at */
	return a + b;
}

static void *adder(void *arg)
{
	demo_name_thread(arg);
	pthread_barrier_wait(&start_line);
	take_gil();                     /* only the holder runs "Python" */
	for (long i = 0; i < rounds; i++) {
		check_point();          /* the loop's jump back */
		counter = add(counter, 1);      /* read, call, write */
	}
	drop_gil();
	return NULL;
}
/* end snippet */

/* One trial: two threads each add 1 `rounds` times; the count. */
static long switch_trial(void)
{
	pthread_t a, b;
	counter = 0;
	pthread_barrier_init(&start_line, NULL, 2);
	demo_pthread_create(&a, adder, "Thread-1");
	demo_pthread_create(&b, adder, "Thread-2");
	demo_pthread_join(a);
	demo_pthread_join(b);
	pthread_barrier_destroy(&start_line);
	return counter;
}

int demo_gil_switch(const long *values)
{
	rounds = values[0];
	long trials = values[1];
	gil.interval_us = values[2];
	demo_say("MainThread: switch interval %ld us (CPython's default is "
	         "5000)", gil.interval_us);
	long wrong = 0;
	double began = demo_elapsed();
	for (long t = 1; t <= trials; t++) {
		long lost = 2 * rounds - switch_trial();
		if (lost != 0)
			wrong++;
		if (t <= 3 || t == trials)
			demo_say("MainThread: trial %ld: counter = %ld of %ld%s", t,
			         2 * rounds - lost, 2 * rounds,
			         lost ? "  (updates were lost)" : "");
		else if (t == 4)
			demo_say("MainThread: ...");
	}
	double trial_ms = (demo_elapsed() - began) * 1000 / (double)trials;
	demo_say("MainThread: switch interval %ld us: updates lost in %ld of "
	         "%ld trials (%ld rounds a thread; a trial took %.2f ms)",
	         gil.interval_us, wrong, trials, rounds, trial_ms);
	return 0;
}
