/* gil-release, almost: the big lock taken for one request at a time.
 *
 * big_lock plays CPython's GIL: a thread must hold it to touch the shared
 * counts. Each client serves REQUESTS requests: it takes big_lock, counts
 * the request, waits a quarter of a second for the reply, a blocking call,
 * and gives big_lock back before the next request. main() reports how
 * many were served, and the most clients that were waiting at the same
 * moment. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLIENTS 4
#define REQUESTS 3

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static int served, waiting, most_waiting; /* touched under big_lock only */

/* The blocking call: a quarter of a second, waiting for a reply. */
static void wait_for_reply(void)
{
	struct timespec ts = { 0, 250000000L };
	if (nanosleep(&ts, NULL) != 0) {
		perror("nanosleep");
		exit(1);
	}
}

static void *client(void *arg)
{
	int k = (int)(intptr_t)arg;           /* 1..CLIENTS */
	for (int r = 0; r < REQUESTS; r++) {
		pthread_mutex_lock(&big_lock);     /* one request at a time */
		served++;
		if (++waiting > most_waiting)
			most_waiting = waiting;
		wait_for_reply();
		waiting--;
		pthread_mutex_unlock(&big_lock);
	}
	printf("client-%d: %d requests served\n", k, REQUESTS);
	return NULL;
}

int main(void)
{
	pthread_t threads[CLIENTS];
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);     /* whole lines, even into a pipe */
	for (int k = 1; k <= CLIENTS; k++)
		if ((err = pthread_create(&threads[k - 1], NULL, client,
		                          (void *)(intptr_t)k)) != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
	for (int k = 0; k < CLIENTS; k++)
		if ((err = pthread_join(threads[k], NULL)) != 0) {
			fprintf(stderr, "pthread_join: %s\n", strerror(err));
			return 1;
		}
	printf("main: %d requests served; at most %d of %d clients were "
	       "waiting at once\n", served, most_waiting, CLIENTS);
	return 0;
}
