/* Almost: each job is a process of its own, so the crash ends job 2
 * alone. But main never waits for its children: it returns at once,
 * leaving them running and unreaped, and never learns that job 2
 * crashed. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void job(int k)
{
	printf("job-%d: started\n", k);
	usleep(500000);                        /* half the work */
	if (k == 2) {
		volatile int *nowhere = NULL;
		*nowhere = 1;                  /* the bug: SIGSEGV */
	}
	usleep(500000);                        /* the other half */
	printf("job-%d: done\n", k);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	for (int k = 1; k <= 3; k++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			job(k);
			exit(0);
		}
	}
	printf("main: all three jobs started\n");
	return 0;
}
