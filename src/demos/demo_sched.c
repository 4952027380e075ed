/* demo_sched.c - the multitasking lesson's demos: busy processes taking
 * turns on one CPU, and what /proc counts of their turns. */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

#define MAX_BUSY 8
#define MAX_TURNS 16384         /* turns each worker notes, at most */

/* snippet: sched-workers */
/* How often a worker left the CPU, and the CPU time it had. */
struct counts {
	long ticks;                     /* utime + stime, in clock ticks */
	long voluntary, involuntary;    /* context switches */
};

/* What each worker notes, in memory it shares with the parent. */
struct worker {
	char name[16];
	int nice;                       /* its niceness: 0 unless asked */
	int sleeper;                    /* sleeps in a loop; else spins */
	double spun;                    /* seconds it worked, go to stop */
	long nturns;                    /* turns on a CPU (noted: MAX_TURNS) */
	double turn[MAX_TURNS][2];      /* each one: from, to (demo time) */
	struct counts used;             /* from /proc/self, go to stop */
	long wakeups;                   /* the sleeper's: how often it woke */
	double late;                    /* ...and how late, in all */
};

struct shared {
	atomic_int stop;                /* the parent's "time is up" */
	double go;                      /* when the parent said go */
	struct worker worker[MAX_BUSY + 1];
};

/* Between two readings of the clock in a row, a jump longer than this
   means the worker was off its CPU meanwhile. */
#define GAP 10e-6

static void read_counts(struct counts *c);
static void report(const struct worker *w);
static void doze(struct shared *sh, struct worker *w);

/* Run only on this CPU from now on (os.sched_setaffinity in Python). */
static void pin_to(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0)   /* 0: myself */
		demo_fail("sched_setaffinity", errno);
}

static void note_turn(struct worker *w, double from, double to)
{
	if (w->nturns < MAX_TURNS) {
		w->turn[w->nturns][0] = from;
		w->turn[w->nturns][1] = to;
	}
	w->nturns++;
}

/* Pure CPU work until the parent says stop: never a sleep, never a
   system call. It reads the clock over and over; a jump means that the
   kernel took the CPU away and gave it back later: a turn ended. */
static void spin(struct shared *sh, struct worker *w)
{
	double began = demo_elapsed(), from = began, last = began;
	while (!atomic_load_explicit(&sh->stop, memory_order_relaxed)) {
		double now = demo_elapsed();
		if (now - last > GAP) {          /* we were off the CPU */
			note_turn(w, from, last);
			from = now;
		}
		last = now;
	}
	note_turn(w, from, last);
	w->spun = last - began;
}

/* Block until the parent closes the start pipe's write end: then all
   the workers start at once (multiprocessing.Event's wait()). */
static void wait_for_go(int go[2])
{
	char byte;
	ssize_t n;
	close(go[1]);
	while ((n = read(go[0], &byte, 1)) < 0 && errno == EINTR)
		;
	if (n < 0)
		demo_fail("read", errno);
	close(go[0]);
}

static void __attribute__((noreturn))
worker_main(struct shared *sh, struct worker *w, int cpu, int go[2],
            int reports)
{
	demo_child(w->name);
	if (cpu >= 0)
		pin_to(cpu);
	errno = 0;
	if (w->nice != 0 && nice(w->nice) == -1 && errno != 0)  /* os.nice */
		demo_fail("nice", errno);
	wait_for_go(go);
	struct counts before, after;
	read_counts(&before);
	if (w->sleeper)
		doze(sh, w);
	else
		spin(sh, w);
	read_counts(&after);
	w->used.ticks = after.ticks - before.ticks;
	w->used.voluntary = after.voluntary - before.voluntary;
	w->used.involuntary = after.involuntary - before.involuntary;
	if (reports)
		report(w);
	_exit(0);
}

/* Fork the workers (pinned to cpu, or anywhere if cpu < 0), start them
   together, let them work for `seconds`, stop them and wait for them. */
static void run_workers(struct shared *sh, int nworkers, int cpu,
                        double seconds, int reports)
{
	pid_t pids[MAX_BUSY + 1];
	int go[2];
	demo_pipe(go);
	for (int i = 0; i < nworkers; i++) {
		pids[i] = demo_fork();
		if (pids[i] == 0)
			worker_main(sh, &sh->worker[i], cpu, go, reports);
	}
	close(go[0]);
	sh->go = demo_elapsed();
	close(go[1]);                   /* go: every read() returns 0 */
	demo_sleep(seconds);
	atomic_store(&sh->stop, 1);     /* time is up */
	for (int i = 0; i < nworkers; i++)
		demo_waitpid(pids[i]);
}
/* end snippet */

/* Memory shared with the workers (before the first fork), with the
   workers named busy-1 ... busy-N, and "sleeper" after them if asked. */
static struct shared *shared_workers(long busy, int nice_first, int sleeper)
{
	struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
	                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		demo_fail("mmap", errno);
	memset(sh, 0, sizeof *sh);
	for (int i = 0; i < busy && i < MAX_BUSY; i++)
		snprintf(sh->worker[i].name, sizeof sh->worker[i].name,
		         "busy-%d", i + 1);
	sh->worker[0].nice = nice_first;
	if (sleeper) {
		snprintf(sh->worker[busy].name, sizeof sh->worker[busy].name,
		         "sleeper");
		sh->worker[busy].sleeper = 1;
	}
	return sh;
}

/* The first CPU this demo may run on (its affinity can be less than all
   the machine's CPUs), and how many it may use. */
static int first_cpu(int *count)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		demo_fail("sched_getaffinity", errno);
	*count = CPU_COUNT(&set);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			return cpu;
	return 0;
}

/* The header both demos print: how many workers, where, how long. */
static void say_setup(long busy, int pin, int cpu, int ncpus,
                      double seconds)
{
	if (pin)
		demo_say("parent: %ld busy workers for %.1f s, all pinned to "
		         "CPU %d (of the %d this demo may use)", busy,
		         seconds, cpu, ncpus);
	else
		demo_say("parent: %ld busy workers for %.1f s, free to run on "
		         "any of the %d CPUs this demo may use", busy, seconds,
		         ncpus);
}

/* snippet: sched-turns */
/* Was worker w on a CPU at time t? (Its turns are in time order.) */
static int on_cpu(const struct worker *w, double t)
{
	long lo = 0, hi = w->nturns < MAX_TURNS ? w->nturns : MAX_TURNS;
	while (lo < hi) {               /* the first turn that ends at/after t */
		long mid = (lo + hi) / 2;
		if (w->turn[mid][1] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < (w->nturns < MAX_TURNS ? w->nturns : MAX_TURNS) &&
	       w->turn[lo][0] <= t;
}

/* The most workers on a CPU at the same moment: count, at the start of
   each turn, the workers that were on a CPU then. */
static int most_at_once(const struct worker *w, long n)
{
	int most = 0;
	for (long i = 0; i < n; i++) {
		long noted = w[i].nturns < MAX_TURNS ? w[i].nturns : MAX_TURNS;
		for (long k = 0; k < noted; k++) {
			int running = 0;
			for (long j = 0; j < n; j++)
				running += on_cpu(&w[j], w[i].turn[k][0]);
			most = running > most ? running : most;
		}
	}
	return most;
}

/* How much of [from, to) worker w spent on a CPU. */
static double time_on_cpu(const struct worker *w, double from, double to)
{
	double sum = 0;
	long noted = w->nturns < MAX_TURNS ? w->nturns : MAX_TURNS;
	for (long k = 0; k < noted; k++) {
		double a = w->turn[k][0] > from ? w->turn[k][0] : from;
		double b = w->turn[k][1] < to ? w->turn[k][1] : to;
		if (b > a)
			sum += b - a;
	}
	return sum;
}

/* One row per worker, one column per millisecond: '#' where the worker
   was on a CPU for most of that millisecond. */
static void draw_turns(const struct shared *sh, long n, double from)
{
	demo_say("parent: who had a CPU, from %.3f to %.3f s after go, one "
	         "column a ms (#: on a CPU)", from, from + 0.060);
	for (long i = 0; i < n; i++) {
		char row[61];
		for (int c = 0; c < 60; c++) {
			double t = sh->go + from + c * 0.001;
			row[c] = time_on_cpu(&sh->worker[i], t, t + 0.001) >
			         0.0005 ? '#' : '.';
		}
		row[60] = '\0';
		demo_say("parent: %8s %s", sh->worker[i].name, row);
	}
}

int demo_sched_turns(const long *values)
{
	long busy = values[0];
	double seconds = (double)values[1];
	int pin = (int)values[2], ncpus;
	int cpu = first_cpu(&ncpus);
	struct shared *sh = shared_workers(busy, 0, 0);
	say_setup(busy, pin, cpu, ncpus, seconds);
	run_workers(sh, (int)busy, pin ? cpu : -1, seconds, 0);
	/* The time every worker's turns were noted for (a worker that had
	   more than MAX_TURNS turns noted the first ones only). */
	double covered = 1e9;
	for (long i = 0; i < busy; i++) {
		const struct worker *w = &sh->worker[i];
		double upto = w->nturns > MAX_TURNS ?
		              w->turn[MAX_TURNS - 1][1] - sh->go : w->spun;
		covered = upto < covered ? upto : covered;
	}
	if (covered < 0.080) {
		demo_say("parent: the workers spun for %.3f s: too short to "
		         "show their turns, which last some ms each; try "
		         "'set speed 1'", covered);
		return 0;
	}
	/* The chart starts 10 ms after go, once every worker is going. */
	draw_turns(sh, busy, 0.010);
	demo_say("parent: at most %d of the %ld workers had a CPU at the "
	         "same moment (over %.2f s)",
	         most_at_once(sh->worker, busy), busy, covered);
	return 0;
}
/* end snippet */

/* snippet: sched-measure */
/* This process's CPU time from /proc/self/stat (utime + stime, fields
   14 and 15, in clock ticks), and how often it left the CPU, from
   /proc/self/status: by itself (voluntary) or made to (involuntary). */
static void read_counts(struct counts *c)
{
	char buf[1024];
	unsigned long utime, stime;
	FILE *f = fopen("/proc/self/stat", "r");
	if (!f)
		demo_fail("fopen /proc/self/stat", errno);
	size_t len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	/* The name ends at the last ')'; then state, ppid, pgrp, session,
	   tty, tpgid, flags, four fault counts, utime and stime. */
	const char *rest = strrchr(buf, ')');
	if (!rest || sscanf(rest + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u "
	                    "%*u %*u %lu %lu", &utime, &stime) != 2)
		demo_fail("reading /proc/self/stat", EPROTO);
	c->ticks = (long)(utime + stime);

	char line[256];
	c->voluntary = c->involuntary = -1;
	f = fopen("/proc/self/status", "r");
	if (!f)
		demo_fail("fopen /proc/self/status", errno);
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "voluntary_ctxt_switches: %ld", &c->voluntary);
		sscanf(line, "nonvoluntary_ctxt_switches: %ld",
		       &c->involuntary);
	}
	fclose(f);
	if (c->voluntary < 0 || c->involuntary < 0)
		demo_fail("reading /proc/self/status", EPROTO);
}

static long ticks_per_second(void)
{
	long hz = sysconf(_SC_CLK_TCK);       /* 100 on Linux */
	if (hz <= 0)
		demo_fail("sysconf(_SC_CLK_TCK)", EINVAL);
	return hz;
}

/* A worker's own line: its CPU time, its switches, its average turn. */
static void report(const struct worker *w)
{
	double cpu = (double)w->used.ticks / (double)ticks_per_second();
	long off = w->used.voluntary + w->used.involuntary;
	char turn[64] = "";
	if (w->used.ticks >= 5 && off > 0)   /* else too little to divide */
		snprintf(turn, sizeof turn, ": %.1f ms a turn",
		         cpu * 1000 / (double)off);
	demo_say("%s: cpu %.2f s in %.2f s; off the CPU %ld times "
	         "(%ld involuntary, %ld voluntary)%s", w->name, cpu,
	         w->spun, off, w->used.involuntary, w->used.voluntary, turn);
}

/* What share of the workers' CPU time each one had. */
static void say_shares(const struct shared *sh, int nworkers)
{
	long hz = ticks_per_second(), total = 0;
	for (int i = 0; i < nworkers; i++)
		total += sh->worker[i].used.ticks;
	double spun = sh->worker[0].spun;
	/* /proc counts in ticks (1/100 s): with a few ticks each, shares
	   would be mostly rounding. */
	if (total < 20 || spun < 0.1) {
		demo_say("parent: the workers had %.2f s of CPU time in "
		         "all: too little to share out, as /proc counts it "
		         "in ticks of 1/%ld s; try 'set speed 1'",
		         (double)total / (double)hz, hz);
		return;
	}
	demo_say("parent: from /proc, the workers had %.2f s of CPU time "
	         "in %.2f s: %.1f CPUs' worth", (double)total / (double)hz,
	         spun, (double)total / (double)hz / spun);
	for (int i = 0; i < nworkers; i++) {
		const struct worker *w = &sh->worker[i];
		demo_say("parent: %s (nice %d) had %.0f%% of it", w->name,
		         w->nice, 100.0 * (double)w->used.ticks /
		         (double)total);
	}
}

int demo_sched_share(const long *values)
{
	long busy = values[0];
	double seconds = (double)values[1];
	int pin = (int)values[2], nice_first = (int)values[3];
	int sleeper = (int)values[4], ncpus;
	int cpu = first_cpu(&ncpus);
	struct shared *sh = shared_workers(busy, nice_first, sleeper);
	say_setup(busy, pin, cpu, ncpus, seconds);
	if (nice_first != 0)
		demo_say("parent: busy-1 runs at nice %d, the others at 0",
		         nice_first);
	if (sleeper)
		demo_say("parent: and a sleeper, %s, that sleeps 10 ms at a "
		         "time", pin ? "on the same CPU" : "anywhere");
	run_workers(sh, (int)busy + sleeper, pin ? cpu : -1, seconds, 1);
	say_shares(sh, (int)busy + sleeper);
	return 0;
}
/* end snippet */

/* snippet: sched-sleeper */
/* A task that mostly waits, as for a disk or the network: each sleep
   gives the CPU up by itself. How late it wakes, past its 10 ms, is
   how long it waited for a CPU once it was ready to run again. */
static void doze(struct shared *sh, struct worker *w)
{
	double began = demo_elapsed();
	while (!atomic_load(&sh->stop)) {
		double before = demo_elapsed();
		demo_sleep(0.010);
		w->late += demo_elapsed() - before - 0.010 * demo_speed();
		w->wakeups++;
	}
	w->spun = demo_elapsed() - began;
	if (w->wakeups > 0 && demo_speed() > 0)
		demo_say("sleeper: woke %ld times, %.2f ms late on average",
		         w->wakeups, w->late * 1000 / (double)w->wakeups);
}
/* end snippet */
