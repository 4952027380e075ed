/* demo_lock.c - the locks lesson's demos: the lost update, and the mutex
 * that prevents it. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: lock-race */
/* volatile: every read and write below really goes to memory, one by
   one, as Python's bytecode does; it makes nothing atomic. */
static volatile long balance;
static pthread_mutex_t balance_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;    /* both threads begin together */
static int use_lock, slow_motion;

/* Slow motion: between a read and its write, sometimes give the CPU
   away, sometimes dawdle a little: the gap another thread can fall into. */
static void dawdle(void)
{
	if (!slow_motion)
		return;
	if (demo_random(0, 1) < 0.5) {
		sched_yield();
	} else {
		for (volatile int i = (int)demo_random(0, 200); i > 0; i--)
			;
	}
}

/* balance = balance + n; balance = balance - n; spelled out as the
   machine does it: read, compute, write. */
static void change_it(long n)
{
	long seen = balance;            /* read */
	dawdle();
	balance = seen + n;             /* write */
	dawdle();                       /* between the two statements */
	seen = balance;
	dawdle();
	balance = seen - n;
}

struct changer {
	long amount, rounds;
};

static void *run_thread(void *arg)
{
	const struct changer *c = arg;
	demo_name_thread(c->amount == 5 ? "changer-5" : "changer-8");
	/* Starting a thread takes time; without this the first could be done
	   before the second has begun, and nothing would overlap. */
	pthread_barrier_wait(&start_line);
	for (long i = 0; i < c->rounds; i++) {
		if (use_lock)
			pthread_mutex_lock(&balance_lock);
		change_it(c->amount);
		if (use_lock)
			pthread_mutex_unlock(&balance_lock);
	}
	return NULL;
}

/* One trial: two threads, +-5 and +-8, `rounds` times each. */
static long trial(long rounds)
{
	balance = 0;
	struct changer five = { 5, rounds }, eight = { 8, rounds };
	pthread_t a, b;
	pthread_barrier_init(&start_line, NULL, 2);
	demo_pthread_create(&a, run_thread, &five);
	demo_pthread_create(&b, run_thread, &eight);
	demo_pthread_join(a);
	demo_pthread_join(b);
	pthread_barrier_destroy(&start_line);
	return balance;                 /* 0 if no update was lost */
}
/* end snippet */

int demo_lock_race(const long *values)
{
	long rounds = values[0], trials = values[1];
	use_lock = (int)values[2];
	slow_motion = (int)values[3];
	long wrong = 0;
	for (long t = 1; t <= trials; t++) {
		long end = trial(rounds);
		if (end != 0)
			wrong++;
		if (t <= 5 || t == trials)
			demo_say("trial %ld: balance = %ld%s", t, end,
			         end ? "  (updates were lost)" : "");
		else if (t == 6)
			demo_say("...");
	}
	demo_say("%s: balance wrong in %ld of %ld trials (%ld rounds each, "
	         "slow motion %s)", use_lock ? "with the lock" :
	         "without a lock", wrong, trials, rounds,
	         slow_motion ? "on" : "off");
	return 0;
}

/* snippet: lock-counter */
static long counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static int counter_locked;

static atomic_long adders;
static pthread_barrier_t all_started;   /* they begin counting together */

static void *count_up(void *arg)
{
	long times = *(const long *)arg;
	char name[16];                  /* Python's Thread-1, Thread-2, ... */
	snprintf(name, sizeof name, "Thread-%ld",
	         atomic_fetch_add(&adders, 1) + 1);
	demo_name_thread(name);
	/* Starting a thread takes time: without this, one could be done
	   before the next had begun, and nothing would overlap. */
	pthread_barrier_wait(&all_started);
	for (long i = 0; i < times; i++) {
		if (counter_locked)
			pthread_mutex_lock(&counter_lock);    /* acquire() */
		long seen = counter;
		dawdle();
		counter = seen + 1;
		if (counter_locked)
			pthread_mutex_unlock(&counter_lock);  /* release() */
	}
	return NULL;
}

int demo_lock_counter(const long *values)
{
	long threads = values[0], times = values[1];
	counter_locked = (int)values[2];
	slow_motion = (int)values[3];
	pthread_t ids[16];
	pthread_barrier_init(&all_started, NULL, (unsigned)threads);
	for (long t = 0; t < threads; t++)
		demo_pthread_create(&ids[t], count_up, &times);
	for (long t = 0; t < threads; t++)
		demo_pthread_join(ids[t]);
	pthread_barrier_destroy(&all_started);
	demo_say("counter = %ld, expected %ld x %ld = %ld: %s", counter,
	         threads, times, threads * times,
	         counter == threads * times ? "exact" : "increments were lost");
	return 0;
}
/* end snippet */

/* snippet: lock-stuck */
static pthread_mutex_t stuck_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t holding;       /* the holder has the lock */

static void *holder(void *arg)
{
	(void)arg;
	demo_name_thread("holder");
	pthread_mutex_lock(&stuck_lock);
	demo_say("holder: I have the lock, and I will never let it go");
	pthread_barrier_wait(&holding);         /* now the others may start */
	for (;;)
		pause();                        /* forgot to unlock */
	return NULL;
}

static void *waiter(void *arg)
{
	demo_name_thread(arg);
	demo_sleep(0.5);
	demo_say("%s: waiting for the lock...", (const char *)arg);
	pthread_mutex_lock(&stuck_lock);        /* blocks for ever */
	demo_say("%s: got it (this never prints)", (const char *)arg);
	return NULL;
}

int demo_lock_stuck(const long *values)
{
	(void)values;
	pthread_t threads[3];
	pthread_barrier_init(&holding, NULL, 2);
	demo_pthread_create(&threads[0], holder, NULL);
	pthread_barrier_wait(&holding);
	demo_pthread_create(&threads[1], waiter, "waiter-1");
	demo_pthread_create(&threads[2], waiter, "waiter-2");
	demo_say("MainThread: joining all three; press Ctrl-C to stop this");
	for (int i = 0; i < 3; i++)
		demo_pthread_join(threads[i]);
	return 0;
}
/* end snippet */
