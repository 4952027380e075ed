/* processes-parallel: four workers of half a second each.
 *
 * The parent forks each worker and joins it (waitpid), then prints how
 * long all that took. Why does it take two seconds? */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define WORKERS 4

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A worker's job: half a second of "work". */
static void work(int n)
{
	printf("worker-%d: pid %d, working\n", n, (int)getpid());
	usleep(500000);
}

int main(void)
{
	pid_t pids[WORKERS];
	double began = now();

	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	for (int i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[i] == 0) {
			work(i + 1);
			_exit(i + 1);            /* its number as exit status */
		}
		int status;                      /* join it */
		if (waitpid(pids[i], &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		printf("parent: joined worker-%d, exit status %d\n", i + 1,
		       WEXITSTATUS(status));
	}
	printf("parent: all %d workers took %.1f s\n", WORKERS, now() - began);
	return 0;
}
