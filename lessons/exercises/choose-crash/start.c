/* Three jobs run side by side. Job 2 has a bug: half way through its
 * work, it writes through a NULL pointer. Each job is a thread here, so
 * they all share one address space, and the crash of job 2 ends the
 * whole program: jobs 1 and 3 never finish, and nobody is left to say
 * what happened. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void *job(void *arg)
{
	int k = (int)(long)arg;
	printf("job-%d: started\n", k);
	usleep(500000);                        /* half the work */
	if (k == 2) {
		volatile int *nowhere = NULL;
		*nowhere = 1;                  /* the bug: SIGSEGV */
	}
	usleep(500000);                        /* the other half */
	printf("job-%d: done\n", k);
	return NULL;
}

int main(void)
{
	pthread_t jobs[3];
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	for (int k = 1; k <= 3; k++) {
		int err = pthread_create(&jobs[k - 1], NULL, job, (void *)(long)k);
		if (err != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
	}
	for (int k = 1; k <= 3; k++) {
		int err = pthread_join(jobs[k - 1], NULL);
		if (err != 0) {
			fprintf(stderr, "pthread_join: %s\n", strerror(err));
			return 1;
		}
		printf("main: job-%d finished\n", k);
	}
	return 0;
}
