/* demo_thread.c - the threads lesson's demos: many flows, one process. */
#include <pthread.h>
#include <string.h>

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
	int err = pthread_create(&thread, NULL, loop_thread, &count);
	if (err) {
		demo_say("pthread_create failed: %s", strerror(err));
		return 1;
	}
	pthread_join(thread, NULL);   /* wait for it to finish */
	demo_say("MainThread: LoopThread has ended");
	return 0;
}
/* end snippet */
