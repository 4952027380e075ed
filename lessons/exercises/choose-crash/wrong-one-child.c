/* Almost: main puts the jobs in a child process, so main survives the
 * crash and reports it. But the three jobs are still threads of that one
 * child, sharing its address space: the crash of job 2 takes jobs 1 and
 * 3 down with it. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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

static void run_jobs(void)
{
	pthread_t jobs[3];
	for (int k = 1; k <= 3; k++) {
		int err = pthread_create(&jobs[k - 1], NULL, job, (void *)(long)k);
		if (err != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			exit(1);
		}
	}
	for (int k = 1; k <= 3; k++)
		pthread_join(jobs[k - 1], NULL);
}

int main(void)
{
	int status;
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		run_jobs();
		exit(0);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return 1;
	}
	if (WIFSIGNALED(status))
		printf("main: the jobs' process was killed by signal %d (%s)\n",
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("main: the jobs' process exited with status %d\n",
		       WEXITSTATUS(status));
	return 0;
}
