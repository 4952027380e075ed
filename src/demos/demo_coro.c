/* demo_coro.c - the coroutines lesson: several tasks take turns inside one
 * thread, switched by hand with getcontext/makecontext/swapcontext; a
 * task that never yields stops them all; and what a switch costs, next
 * to a switch between two threads. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* ---- what the sanitizers need to know ------------------------------- */

/*
 * AddressSanitizer and ThreadSanitizer follow a thread's stack; when a
 * program moves the thread onto another stack behind their backs (which
 * is what swapcontext() does), they must be told, or they report errors
 * that are not there. Both have a small "fiber" interface for that. In a
 * normal build all of this is empty.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CORO_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define CORO_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CORO_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define CORO_TSAN 1
#endif

#if CORO_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if CORO_TSAN
#include <sanitizer/tsan_interface.h>
#endif

/* What a sanitizer keeps for each context (nothing without one). */
struct fiber {
#if CORO_ASAN
	void *fake_stack;          /* ASan's, saved while switched away */
	const void *bottom;        /* the stack, as ASan must be told */
	size_t size;
#endif
#if CORO_TSAN
	void *tsan;                /* TSan's fiber */
	int own;                   /* made by us: destroy it at the end */
#endif
	int ending;                /* leaving for good: never resumed */
};

#if CORO_ASAN
/*
 * ASan wraps swapcontext() and prints a warning the first time it is
 * called, however well the switches are announced; the calls below go to
 * glibc's own swapcontext() instead, found once with dlsym(). (The
 * announcing, which the wrapper cannot do, is done around each switch.)
 */
static int (*libc_swapcontext)(ucontext_t *, const ucontext_t *);

static void find_libc_swapcontext(void)
{
	if (libc_swapcontext)
		return;
	void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	if (!libc)
		demo_fail("dlopen", ENOENT);
	*(void **)&libc_swapcontext = dlsym(libc, "swapcontext");
	if (!libc_swapcontext)
		demo_fail("dlsym", ENOENT);
}
#define swapcontext(from, to) libc_swapcontext(from, to)
#else
static void find_libc_swapcontext(void)
{
}
#endif

/* A fresh context: a stack of its own at [bottom, bottom + size), or the
   thread's own stack (bottom NULL). */
static void fiber_init(struct fiber *f, void *bottom, size_t size)
{
	memset(f, 0, sizeof *f);
	find_libc_swapcontext();
#if CORO_ASAN
	f->bottom = bottom;
	f->size = size;
	if (bottom)
		ASAN_UNPOISON_MEMORY_REGION(bottom, size);
#else
	(void)bottom;
	(void)size;
#endif
#if CORO_TSAN
	f->own = bottom != NULL;
	f->tsan = f->own ? __tsan_create_fiber(0) : __tsan_get_current_fiber();
#endif
}

/* The context is done with (its stack is about to be unmapped). */
static void fiber_free(struct fiber *f)
{
#if CORO_ASAN
	if (f->bottom && f->size)
		ASAN_UNPOISON_MEMORY_REGION(f->bottom, f->size);
#endif
#if CORO_TSAN
	if (f->own)
		__tsan_destroy_fiber(f->tsan);
	f->tsan = NULL;
#endif
	(void)f;
}

/* Just before switching from one context to another. */
static void fiber_leave(struct fiber *from, struct fiber *to)
{
#if CORO_ASAN
	__sanitizer_start_switch_fiber(from->ending ? NULL : &from->fake_stack,
	                               to->bottom, to->size);
#endif
#if CORO_TSAN
	__tsan_switch_to_fiber(to->tsan, 0);
#endif
	(void)from;
	(void)to;
}

/* Just after a switch arrived in self, from the context `from` (in this
   file a context is only ever resumed by the one it switched to). */
static void fiber_arrive(struct fiber *self, struct fiber *from)
{
#if CORO_ASAN
	const void *bottom;
	size_t size;
	__sanitizer_finish_switch_fiber(self->fake_stack, &bottom, &size);
	if (from && !from->bottom) {        /* the thread's own stack */
		from->bottom = bottom;
		from->size = size;
	}
#endif
	(void)self;
	(void)from;
}

/* ---- small helpers --------------------------------------------------- */

/* Nanoseconds on the monotonic clock. */
static double now_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		demo_fail("clock_gettime", errno);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* How many threads /proc/self/task lists for this process now. */
static long threads_now(void)
{
	DIR *dir = opendir("/proc/self/task");
	if (!dir)
		demo_fail("opendir /proc/self/task", errno);
	long n = 0;
	struct dirent *entry;
	errno = 0;
	while ((entry = readdir(dir)) != NULL)
		if (entry->d_name[0] != '.')
			n++;
	int err = errno;
	closedir(dir);
	if (err)
		demo_fail("readdir /proc/self/task", err);
	return n;
}

/* Wait until the demo's clock reads `when` (seconds since it started),
   the wait scaled back by demo_sleep() as every demo sleep is. */
static void wait_until(double when)
{
	double left = when - demo_elapsed();
	if (left > 0 && demo_speed() > 0)
		demo_sleep(left / demo_speed());
}

/* ==== the context: a place to go on from ============================== */

/* snippet: coro-context */
/* A context is a saved place in a program: the registers, the signal
   mask, and the stack it was running on. */
struct context {
	ucontext_t uc;
	void *map;              /* its stack, from mmap(); NULL: the thread's */
	size_t map_size;
	struct fiber fiber;     /* for the sanitizers: empty otherwise */
};

/* Save where we are in *from, and go on from where *to was saved: the
   thread leaves one stack for the other. This returns only when some
   other context switches back to *from. */
static void switch_to(struct context *from, struct context *to)
{
	fiber_leave(&from->fiber, &to->fiber);
	if (swapcontext(&from->uc, &to->uc) != 0)
		demo_fail("swapcontext", errno);
	fiber_arrive(&from->fiber, &to->fiber);
}

/* A new context that will start by calling run(k) on a stack of its own;
   when run() returns, the thread goes on from *then. */
static void context_make(struct context *c, void (*run)(void), int k,
                         struct context *then)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size = 64 * 1024;
	c->map = mmap(NULL, size, PROT_READ | PROT_WRITE,
	              MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (c->map == MAP_FAILED)
		demo_fail("mmap", errno);
	c->map_size = size;
	/* Stacks grow down: an overflow reaches the lowest page first. Make
	   it a guard page, so it faults instead of writing over memory. */
	if (mprotect(c->map, page, PROT_NONE) != 0)
		demo_fail("mprotect", errno);
	if (getcontext(&c->uc) != 0)            /* a valid one, to edit */
		demo_fail("getcontext", errno);
	c->uc.uc_stack.ss_sp = (char *)c->map + page;
	c->uc.uc_stack.ss_size = size - page;
	c->uc.uc_link = &then->uc;
	makecontext(&c->uc, run, 1, k);         /* run(k) when switched to */
	fiber_init(&c->fiber, c->uc.uc_stack.ss_sp, c->uc.uc_stack.ss_size);
}

/* The context's stack is not needed any more. */
static void context_free(struct context *c)
{
	fiber_free(&c->fiber);
	if (c->map && munmap(c->map, c->map_size) != 0)
		demo_fail("munmap", errno);
	c->map = NULL;
}
/* end snippet */

/* The context of the thread's own stack: where the demo starts. */
static void context_here(struct context *c)
{
	memset(c, 0, sizeof *c);
	fiber_init(&c->fiber, NULL, 0);
}

/* A context that is about to return from its run(): its last switch. */
static void context_ending(struct context *c, struct context *then)
{
	c->fiber.ending = 1;
	fiber_leave(&c->fiber, &then->fiber);
}

/* A context that has just started: its first arrival. */
static void context_started(struct context *c, struct context *from)
{
	fiber_arrive(&c->fiber, &from->fiber);
}

/* ==== 1. tasks that take turns ======================================== */

#define MAX_TASKS 8

static pid_t tids[MAX_TASKS * 100];   /* the TIDs the tasks printed from */
static long ntids;

/* Note the TID a task printed from, once. */
static void seen_tid(pid_t tid)
{
	for (long i = 0; i < ntids; i++)
		if (tids[i] == tid)
			return;
	tids[ntids++] = tid;
}

/* snippet: coro-tasks */
struct task {
	struct context context;  /* its saved place and its own stack */
	char name[32];
	int done;
	double wake;             /* when it wants to go on (s since start) */
	double late;             /* how late the scheduler let it go on */
};

static struct context scheduler;      /* the thread's own stack */
static struct task tasks[MAX_TASKS];
static long steps, lines;             /* each task's steps; lines so far */
static int hog;                       /* task-1 hogs the thread? */

/* A task gives the thread back to the scheduler, asking to go on after
   `seconds`: a cooperative sleep. Only here can another task run. */
static void yield_for(struct task *t, double seconds)
{
	t->wake = demo_elapsed() + seconds * demo_speed();
	switch_to(&t->context, &scheduler);
}

/* Compute without yielding: no other task can run meanwhile. */
static void compute(struct task *t, double seconds)
{
	long before = lines;
	double began = demo_elapsed(), until = began + seconds * demo_speed();
	demo_say("%s: computing for %.2f s without yielding", t->name,
	         until - began);
	volatile double x = 0;
	do {
		for (int i = 0; i < 100000; i++)
			x += i * 0.5;
	} while (demo_elapsed() < until);
	(void)x;                       /* computed for the computing's sake */
	demo_say("%s: computed %.2f s; meanwhile the others printed %ld lines",
	         t->name, demo_elapsed() - began, lines - before);
}

/* A task's life: print a line, yield, again; then return. */
static void task_run(int k)
{
	struct task *t = &tasks[k];
	context_started(&t->context, &scheduler);  /* (for sanitizers) */
	for (long step = 1; step <= steps; step++) {
		demo_say("%s: step %ld of %ld on tid %d, %.2f s late", t->name,
		         step, steps, gettid(), t->late);
		lines++;
		seen_tid(gettid());
		if (hog && k == 0 && step == (steps < 2 ? 1 : 2))
			compute(t, 2.0);
		if (step < steps)
			yield_for(t, 0.5);
	}
	t->done = 1;
	context_ending(&t->context, &scheduler);   /* (for sanitizers) */
}   /* returning goes on from uc_link: the scheduler */

/* Round robin: the next task that is not done, once it is due. */
static void schedule(long n)
{
	long left = n;
	for (long k = 0; left > 0; k = (k + 1) % n) {
		struct task *t = &tasks[k];
		if (t->done)
			continue;
		wait_until(t->wake);        /* as an event loop waits */
		t->late = fmax(0, demo_elapsed() - t->wake);
		switch_to(&scheduler, &t->context);  /* until it yields */
		if (t->done) {
			context_free(&t->context);
			left--;
		}
	}
}

int demo_coro_tasks(const long *values)
{
	long n = values[0];
	steps = values[1];
	hog = (int)values[2];
	context_here(&scheduler);               /* the thread's own stack */
	demo_say("scheduler: %ld tasks, one thread: pid %d, tid %d (each "
	         "task has a 64 KiB stack of its own)", n, getpid(), gettid());
	for (long k = 0; k < n; k++) {
		snprintf(tasks[k].name, sizeof tasks[k].name, "task-%ld",
		         k + 1);
		context_make(&tasks[k].context, (void (*)(void))task_run,
		             (int)k, &scheduler);
		tasks[k].wake = demo_elapsed();        /* due at once */
	}
	schedule(n);
	long threads = threads_now();
	demo_say("scheduler: all %ld tasks done: %ld lines from %ld tid%s "
	         "(%d%s); /proc/self/task lists %ld thread%s", n, lines, ntids,
	         ntids == 1 ? "" : "s", tids[0], ntids > 1 ? ", ..." : "",
	         threads, threads == 1 ? "" : "s");
	return 0;
}
/* end snippet */

/* ==== 2. what a switch costs ========================================= */

static void write_byte(int fd)
{
	while (write(fd, "x", 1) != 1)
		if (errno != EINTR)
			demo_fail("write", errno);
}

/* A byte from fd: 1, or 0 at its end (every writer closed it). */
static int read_byte(int fd)
{
	char c;
	ssize_t n;
	while ((n = read(fd, &c, 1)) < 0)
		if (errno != EINTR)
			demo_fail("read", errno);
	return n == 1;
}

static void *checked_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		demo_fail("malloc", ENOMEM);
	return p;
}

/* The number of samples and round trips really run: all of them at
   speeds of 1 and more, fewer when the demo is sped up (at --speed 0, at
   most 10 samples of 20). */
static long at_speed(long wanted, long least)
{
	long n = (long)ceil((double)wanted * fmin(demo_speed(), 1.0));
	if (least > wanted)
		least = wanted;
	return n < least ? least : n;
}

/* snippet: coro-switch */
/* The median of the timings, and the quarters around it. */
struct spread {
	double low, median, high;       /* 25%, 50% and 75% of them below */
};

static struct spread report(const char *what, double *ns, long samples,
                            long batch)
{
	demo_sort_samples(ns, samples);
	struct spread s = { demo_quantile(ns, samples, 0.25),
	                    demo_quantile(ns, samples, 0.5),
	                    demo_quantile(ns, samples, 0.75) };
	demo_say("%s round trip: median %.0f ns over %ld samples of %ld "
	         "(middle half %.0f to %.0f ns)", what, s.median, samples,
	         batch, s.low, s.high);
	return s;
}

/* A coroutine that sends the thread straight back, until told to stop. */
static struct context measurer, echo;
static int echoing;

static void echo_run(int unused)
{
	(void)unused;
	context_started(&echo, &measurer);        /* (for sanitizers) */
	while (echoing)
		switch_to(&echo, &measurer);     /* there and straight back */
	context_ending(&echo, &measurer);         /* (for sanitizers) */
}

/* A thread that answers each byte on ping with a byte on pong. */
struct pipes {
	int ping[2], pong[2];
};

static void *echo_thread(void *arg)
{
	struct pipes *p = arg;
	demo_name_thread("echo");
	while (read_byte(p->ping[0]))       /* 0: the other end closed */
		write_byte(p->pong[1]);
	return NULL;
}

/* Time `batch` round trips to the echo coroutine; ns for one. */
static double time_coroutine(long batch)
{
	double start = now_ns();
	for (long i = 0; i < batch; i++)
		switch_to(&measurer, &echo);      /* two swapcontext() calls */
	return (now_ns() - start) / (double)batch;
}

/* Time `batch` round trips to the echo thread; ns for one. Each read()
   blocks until the kernel has run the other thread and it has written. */
static double time_thread(struct pipes *p, long batch)
{
	double start = now_ns();
	for (long i = 0; i < batch; i++) {
		write_byte(p->ping[1]);
		read_byte(p->pong[0]);
	}
	return (now_ns() - start) / (double)batch;
}

static void time_both(double *coroutine, double *thread, long samples,
                      long batch)
{
	context_here(&measurer);
	echoing = 1;
	context_make(&echo, (void (*)(void))echo_run, 0, &measurer);
	struct pipes p;
	demo_pipe(p.ping);
	demo_pipe(p.pong);
	pthread_t other;
	demo_pthread_create(&other, echo_thread, &p);
	/* Turn about, so that anything else the machine does slows both. */
	for (long s = 0; s < samples; s++) {
		coroutine[s] = time_coroutine(batch);
		thread[s] = time_thread(&p, batch);
	}
	echoing = 0;
	switch_to(&measurer, &echo);        /* it returns, and ends */
	context_free(&echo);
	demo_close(p.ping[1]);                /* the echo thread's cue to end */
	demo_pthread_join(other);
	demo_close(p.ping[0]);
	demo_close(p.pong[0]);
	demo_close(p.pong[1]);
}

int demo_coro_switch(const long *values)
{
	long samples = at_speed(values[0], 10), batch = at_speed(values[1], 20);
	double *coroutine = checked_malloc((size_t)samples * sizeof(double));
	double *thread = checked_malloc((size_t)samples * sizeof(double));
	time_both(coroutine, thread, samples, batch);
	struct spread c = report("coroutine", coroutine, samples, batch);
	struct spread t = report("thread", thread, samples, batch);
	if (t.median >= c.median)
		demo_say("a thread switch costs %.1fx a coroutine switch",
		         t.median / c.median);
	else
		demo_say("a coroutine switch costs %.1fx a thread switch",
		         c.median / t.median);
	/* Where the middle halves overlap, the order may be chance. */
	if (t.high >= c.low && c.high >= t.low)
		demo_say("but the middle halves overlap: too noisy here to be "
		         "sure (try more samples, or a quieter moment)");
	free(coroutine);
	free(thread);
	return 0;
}
/* end snippet */
