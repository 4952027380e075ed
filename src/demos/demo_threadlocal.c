/* demo_threadlocal.c - the ThreadLocal lesson's demo: a global variable
 * with one value per thread. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: threadlocal */
/* One variable, one copy per thread: threading.local() in Python. */
static _Thread_local const char *student;

/* Deep in the call chain, nothing is passed down: each thread finds its
   own student in the thread-local variable. */
static void greet(void)
{
	char me[16];
	prctl(PR_GET_NAME, me, 0, 0, 0);
	demo_say("Hello, %s (in %s)", student, me);
}

static void process_student(void)
{
	demo_sleep(demo_random(0, 0.5));   /* the threads interleave */
	greet();
}

struct who {
	const char *thread;
	const char *name;
};

static void *worker(void *arg)
{
	const struct who *w = arg;
	demo_name_thread(w->thread);
	student = w->name;                 /* bind it, for this thread only */
	for (int i = 0; i < 3; i++)
		process_student();
	return NULL;
}

int demo_threadlocal(const long *values)
{
	(void)values;
	static const struct who people[] = { { "Thread-A", "Alice" },
	                                     { "Thread-B", "Bob" } };
	pthread_t threads[2];
	for (int i = 0; i < 2; i++)
		demo_pthread_create(&threads[i], worker, (void *)&people[i]);
	for (int i = 0; i < 2; i++)
		demo_pthread_join(threads[i]);
	demo_say("MainThread: my own student is %s", student ? student :
	         "not set (each thread has its own)");
	return 0;
}
/* end snippet */
