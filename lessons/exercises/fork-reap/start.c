/* fork-reap: three children, and a parent that forgets them.
 *
 * Child i lives i tenths of a second and exits with status i. The parent
 * then does its own work for two seconds. Who collects the children's
 * exit statuses? */
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

	/* The parent's own work. Meanwhile its children end... */
	printf("parent: on with my own work\n");
	sleep(2);
	printf("parent: work done\n");
	return 0;
}
