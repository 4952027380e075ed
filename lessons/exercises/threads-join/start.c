/* threads-join: four workers, each a thread of its own.
 *
 * Worker K works (5 - K) fifths of a second, then prints "worker-K: done".
 * main() starts them all and returns. Do they ever get to print? And what
 * are they called? */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WORKERS 4

/* Sleep ms milliseconds: the worker's "work". */
static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	if (nanosleep(&ts, NULL) != 0) {
		perror("nanosleep");
		exit(1);
	}
}

/* A worker: arg points at its number K, 1..WORKERS. */
static void *work(void *arg)
{
	int k = *(const int *)arg;
	pause_ms((WORKERS + 1 - k) * 200L);   /* worker-1 has the most */
	printf("worker-%d: done\n", k);
	return NULL;
}

int main(void)
{
	static int numbers[WORKERS];          /* each worker's K */
	pthread_t thread;

	setvbuf(stdout, NULL, _IOLBF, 0);     /* whole lines, even into a pipe */
	for (int k = 1; k <= WORKERS; k++) {
		numbers[k - 1] = k;
		int err = pthread_create(&thread, NULL, work, &numbers[k - 1]);
		if (err != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
	}
	printf("main: started %d workers\n", WORKERS);
	return 0;                             /* ...and the process ends */
}
