/* Almost: the worker looks at the flag before each round. But main sets
 * the flag and returns at once, without joining: returning from main
 * ends the process, and the worker with it, asleep in its round, before
 * it could ever see the flag. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static atomic_bool stop;               /* set by main, read by the worker */

static void *worker(void *arg)
{
	(void)arg;
	int n = 0;
	while (!atomic_load(&stop)) {          /* look before each round */
		n++;
		printf("worker: round %d\n", n);
		usleep(300000);                /* a round of work */
	}
	printf("worker: saw the stop flag after round %d\n", n);
	return NULL;
}

int main(void)
{
	pthread_t t;
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	int err = pthread_create(&t, NULL, worker, NULL);
	if (err != 0) {
		fprintf(stderr, "pthread_create: %s\n", strerror(err));
		return 1;
	}
	sleep(1);
	printf("main: asking the worker to stop\n");
	atomic_store(&stop, true);
	printf("main: the worker has stopped\n");
	return 0;
}
