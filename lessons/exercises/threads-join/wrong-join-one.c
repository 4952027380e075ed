/* threads-join: four workers, each a thread of its own.
 *
 * Worker K names itself worker-K, works (5 - K) fifths of a second, then
 * prints "worker-K: done". main() starts all four, then joins... the last
 * one it made, the only one it still has. */
#define _GNU_SOURCE                       /* for pthread_setname_np() */
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
	char name[16];                        /* the kernel keeps 15 bytes */
	snprintf(name, sizeof name, "worker-%d", k);
	int err = pthread_setname_np(pthread_self(), name);   /* name myself */
	if (err != 0) {
		fprintf(stderr, "pthread_setname_np: %s\n", strerror(err));
		exit(1);
	}
	pause_ms((WORKERS + 1 - k) * 200L);   /* worker-1 has the most */
	printf("%s: done\n", name);
	return NULL;
}

int main(void)
{
	static int numbers[WORKERS];          /* each worker's K */
	pthread_t thread;                     /* the one just made */

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
	int err = pthread_join(thread, NULL); /* wait for "the" thread */
	if (err != 0) {
		fprintf(stderr, "pthread_join: %s\n", strerror(err));
		return 1;
	}
	printf("main: all %d workers joined\n", WORKERS);
	return 0;
}
