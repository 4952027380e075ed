/* Almost: a semaphore keeps workers out, but it starts at 1: it lets
 * one worker in at a time, as a mutex would, and the second place on
 * the machine is never used. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WORKERS 5

static pthread_mutex_t books = PTHREAD_MUTEX_INITIALIZER;
static int inside;                     /* workers inside, under books */
static sem_t slots;                    /* free places: 1 at the start */

static void check(int err, const char *call)
{
	if (err != 0) {
		fprintf(stderr, "%s: %s\n", call, strerror(err));
		exit(1);
	}
}

static void *worker(void *arg)
{
	int k = (int)(long)arg;
	if (sem_wait(&slots) != 0) {           /* take a slot, or sleep */
		perror("sem_wait");
		exit(1);
	}
	check(pthread_mutex_lock(&books), "pthread_mutex_lock");
	inside++;
	printf("worker-%d: enter, %d inside\n", k, inside);
	check(pthread_mutex_unlock(&books), "pthread_mutex_unlock");
	usleep(400000);                        /* the job */
	check(pthread_mutex_lock(&books), "pthread_mutex_lock");
	inside--;
	printf("worker-%d: leave, %d inside\n", k, inside);
	check(pthread_mutex_unlock(&books), "pthread_mutex_unlock");
	if (sem_post(&slots) != 0) {           /* give the slot back */
		perror("sem_post");
		exit(1);
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[WORKERS];
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	if (sem_init(&slots, 0, 1) != 0) {     /* 0: shared by threads only */
		perror("sem_init");
		return 1;
	}
	for (int k = 1; k <= WORKERS; k++)
		check(pthread_create(&threads[k - 1], NULL, worker, (void *)(long)k),
		      "pthread_create");
	for (int k = 1; k <= WORKERS; k++)
		check(pthread_join(threads[k - 1], NULL), "pthread_join");
	return 0;
}
