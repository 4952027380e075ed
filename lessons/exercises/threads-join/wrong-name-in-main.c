/* threads-join: four workers, each a thread of its own.
 *
 * main() names each worker as it starts it, works (5 - K) fifths of a
 * second in each, then joins all four. But whose name does prctl() set? */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>

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
	pthread_t threads[WORKERS];           /* keep them all, to join */

	setvbuf(stdout, NULL, _IOLBF, 0);     /* whole lines, even into a pipe */
	for (int k = 1; k <= WORKERS; k++) {
		numbers[k - 1] = k;
		int err = pthread_create(&threads[k - 1], NULL, work,
		                         &numbers[k - 1]);
		if (err != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
		char name[16];
		snprintf(name, sizeof name, "worker-%d", k);
		if (prctl(PR_SET_NAME, name) != 0) {   /* name the new one? */
			perror("prctl");
			return 1;
		}
	}
	printf("main: started %d workers\n", WORKERS);
	for (int k = 1; k <= WORKERS; k++) {  /* all started: now wait */
		int err = pthread_join(threads[k - 1], NULL);
		if (err != 0) {
			fprintf(stderr, "pthread_join: %s\n", strerror(err));
			return 1;
		}
	}
	printf("main: all %d workers joined\n", WORKERS);
	return 0;
}
