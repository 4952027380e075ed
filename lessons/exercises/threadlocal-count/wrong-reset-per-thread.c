/* threadlocal-count, almost: each reader sets the shared counter to 0.
 *
 * Reader K reads 4 * K lines, a hundredth of a second each. read_line(),
 * deep in the call chain, counts them in lines_read; each reader starts
 * it at 0, and reports it when it is done. But lines_read is still one
 * variable, for all three. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define READERS 3

static int lines_read;                    /* the lines read so far */

/* Read one line (here: wait 10 ms, as for a slow file), and count it. */
static void read_line(void)
{
	struct timespec ts = { 0, 10 * 1000000L };
	if (nanosleep(&ts, NULL) != 0) {
		perror("nanosleep");
		exit(1);
	}
	lines_read++;
}

static void read_file(int lines)          /* knows nothing of the count */
{
	for (int i = 0; i < lines; i++)
		read_line();
}

static void *reader(void *arg)
{
	int k = (int)(intptr_t)arg;           /* 1..READERS */
	lines_read = 0;                       /* my count starts at 0? */
	read_file(4 * k);
	printf("reader-%d: read %d lines\n", k, lines_read);
	return NULL;
}

int main(void)
{
	pthread_t threads[READERS];
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);     /* whole lines, even into a pipe */
	for (int k = 0; k < READERS; k++)
		if ((err = pthread_create(&threads[k], NULL, reader,
		                          (void *)(intptr_t)(k + 1))) != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
	for (int k = 0; k < READERS; k++)
		if ((err = pthread_join(threads[k], NULL)) != 0) {
			fprintf(stderr, "pthread_join: %s\n", strerror(err));
			return 1;
		}
	return 0;
}
