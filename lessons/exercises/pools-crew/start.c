/* pools-crew: twelve tasks, one process each.
 *
 * Every task gets a fork() of its own: twelve processes for twelve small
 * jobs, all at once. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

#define TASKS 12

/* One task: a fifth of a second of "work", then a result. */
static void task(int t)
{
	usleep(200000);
	printf("pid %d: task %d done, %d squared is %d\n",
	       (int)getpid(), t, t, t * t);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	for (int t = 1; t <= TASKS; t++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {                  /* a process for this task */
			task(t);
			_exit(0);
		}
	}
	for (int t = 1; t <= TASKS; t++)
		if (wait(NULL) < 0) {
			perror("wait");
			return 1;
		}
	printf("parent: all %d tasks done\n", TASKS);
	return 0;
}
