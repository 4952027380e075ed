/* Three jobs run side by side. Job 2 has a bug: half way through its
 * work, it writes through a NULL pointer. Each job is a process of its
 * own, so the crash ends job 2 alone: jobs 1 and 3 finish, and main
 * learns from waitpid() how each job ended. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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
	pid_t pids[3];
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	for (int k = 1; k <= 3; k++) {
		pids[k - 1] = fork();
		if (pids[k - 1] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[k - 1] == 0) {        /* the child: one job, then out */
			job(k);
			exit(0);
		}
	}
	for (int k = 1; k <= 3; k++) {         /* wait for each, and say how */
		int status;
		if (waitpid(pids[k - 1], &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (WIFSIGNALED(status))
			printf("main: job-%d was killed by signal %d (%s)\n", k,
			       WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			printf("main: job-%d exited with status %d\n", k,
			       WEXITSTATUS(status));
	}
	return 0;
}
