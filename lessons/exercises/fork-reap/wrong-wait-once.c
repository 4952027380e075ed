/* fork-reap, almost: the parent waits, but only once.
 *
 * wait() reaps one child per call. The first child to end is reaped;
 * the other two stay zombies while the parent works. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

#define CHILDREN 3

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */

	for (int i = 1; i <= CHILDREN; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			/* The child: a short life, then its number as status. */
			printf("child-%d: pid %d, parent %d\n", i,
			       (int)getpid(), (int)getppid());
			usleep(i * 100000);
			_exit(i);
		}
		printf("parent: started child %d as pid %d\n", i, (int)pid);
	}

	/* Wait for the children... but one wait() reaps one child. */
	int status;
	pid_t pid = wait(&status);
	if (pid < 0) {
		perror("wait");
		return 1;
	}
	if (WIFEXITED(status))
		printf("parent: child %d exited with status %d\n",
		       (int)pid, WEXITSTATUS(status));

	printf("parent: on with my own work\n");
	sleep(2);
	printf("parent: work done\n");
	return 0;
}
