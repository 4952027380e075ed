/* Five workers share a machine that has room for two jobs at a time.
 * Each worker says when it enters and when it leaves, with how many are
 * inside; that count is kept under a mutex of its own, so every line is
 * true when printed. A semaphore that starts at 2 keeps the third out:
 * sem_wait() takes a slot, or sleeps until a leaving worker gives one
 * back with sem_post(). */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WORKERS 5

static pthread_mutex_t books = PTHREAD_MUTEX_INITIALIZER;
static int inside;                     /* workers inside, under books */
static sem_t slots;                    /* free places: 2 at the start */

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
	if (sem_init(&slots, 0, 2) != 0) {     /* 0: shared by threads only */
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
