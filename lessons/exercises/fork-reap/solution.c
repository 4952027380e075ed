/* fork-reap: three children, each reaped by its parent.
 *
 * Child i lives i tenths of a second and exits with status i. The parent
 * waits for all three before its own work, so none stays a zombie. */
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

	/* One wait() per child: each returns a child that has ended, and
	 * reaps it, so it is a zombie only for a moment. */
	for (int i = 0; i < CHILDREN; i++) {
		int status;
		pid_t pid = wait(&status);
		if (pid < 0) {
			perror("wait");
			return 1;
		}
		if (WIFEXITED(status))
			printf("parent: child %d exited with status %d\n",
			       (int)pid, WEXITSTATUS(status));
	}

	printf("parent: on with my own work\n");
	sleep(2);
	printf("parent: work done\n");
	return 0;
}
