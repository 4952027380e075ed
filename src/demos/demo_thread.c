/* demo_thread.c - the threads lesson's demos: many flows, one process. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: thread-loop */
static void *loop_thread(void *arg)
{
	long count = *(const long *)arg;
	demo_name_thread("LoopThread");
	for (long n = 1; n <= count; n++) {
		demo_say("LoopThread: count %ld", n);
		demo_sleep(1);
	}
	return NULL;
}

int demo_thread_loop(const long *values)
{
	long count = values[0];
	pthread_t thread;
	demo_say("MainThread: starting LoopThread");
	demo_pthread_create(&thread, loop_thread, &count);
	demo_pthread_join(thread);    /* wait for it to finish */
	demo_say("MainThread: LoopThread has ended");
	return 0;
}
/* end snippet */

/* snippet: thread-join */
struct job {
	char name[32];
	double seconds;
};

/* Each thread takes its name, reports who it is, then works a while. */
static void *sleeper(void *arg)
{
	const struct job *job = arg;
	demo_name_thread(job->name);
	demo_say("%s: pid %d, tid %d; working %.1f s", job->name, getpid(),
	         gettid(), job->seconds);
	demo_sleep(job->seconds);
	return NULL;
}

int demo_thread_join(const long *values)
{
	long count = values[0], together = values[2];
	pthread_t threads[16];
	struct job jobs[16];
	double started = demo_elapsed();
	for (long i = 0; i < count; i++) {
		snprintf(jobs[i].name, sizeof jobs[i].name, "Thread-%ld", i + 1);
		jobs[i].seconds = (double)values[1];
		demo_pthread_create(&threads[i], sleeper, &jobs[i]);
		if (!together)
			demo_pthread_join(threads[i]);   /* join in the loop */
	}
	if (together)
		for (long i = 0; i < count; i++)
			demo_pthread_join(threads[i]);   /* join them all after */
	double took = demo_elapsed() - started;
	double one = (double)values[1] * demo_speed();   /* one thread's */
	const char *how = together ? "started all, then joined all" :
	                             "joined each right after starting it";
	if (one > 0)
		demo_say("MainThread: %ld threads joined after %.2f s, %.1f "
		         "times the %.2f s one thread works (%s)", count, took,
		         took / one, one, how);
	else
		demo_say("MainThread: %ld threads joined after %.2f s (%s)",
		         count, took, how);
	return 0;
}
/* end snippet */

/* snippet: thread-daemon */
static void *forever(void *arg)
{
	(void)arg;
	demo_name_thread("daemon");
	for (long n = 1;; n++) {
		demo_say("daemon: tick %ld", n);
		demo_sleep(0.5);
	}
	return NULL;
}

int demo_thread_daemon(const long *values)
{
	pthread_t thread;
	demo_pthread_create(&thread, forever, NULL);
	demo_say("MainThread: working %ld s, then returning from main", values[0]);
	demo_sleep((double)values[0]);
	demo_say("MainThread: leaving; the process ends, and every thread "
	         "in it");
	return 0;        /* exit() ends all threads, joined or not */
}
/* end snippet */

/* snippet: thread-stop */
static atomic_int stop_requested;

static void *polite(void *arg)
{
	(void)arg;
	demo_name_thread("worker");
	long n = 0;
	while (!atomic_load(&stop_requested)) {   /* check the flag */
		demo_say("worker: round %ld", ++n);
		demo_sleep(0.3);
	}
	demo_say("worker: asked to stop; cleaning up and leaving");
	return NULL;
}

int demo_thread_stop(const long *values)
{
	pthread_t thread;
	demo_pthread_create(&thread, polite, NULL);
	demo_sleep((double)values[0]);
	demo_say("MainThread: setting the stop flag");
	atomic_store(&stop_requested, 1);
	demo_pthread_join(thread);
	demo_say("MainThread: the worker stopped by itself; nothing was "
	         "left half done");
	return 0;
}
/* end snippet */
