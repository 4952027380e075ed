/* processes-daemon, almost: to leave nothing behind, the parent waits for
 * its child before it leaves, as Python's exit joins a child that is not a
 * daemon. But the ticker never ends by itself, so that wait never
 * returns, and the program never ends. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

/* The ticker's job: a line every fifth of a second, for ever. */
static void tick(void)
{
	for (;;) {                       /* never ends by itself */
		printf("ticker: tick\n");
		usleep(200000);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0)
		tick();                  /* the child: the ticker */

	printf("parent: started the ticker, pid %d; working 1 s\n", (int)pid);
	sleep(1);                        /* the parent's own work */
	printf("parent: leaving now\n");
	if (waitpid(pid, NULL, 0) < 0) {    /* leave nothing behind... */
		perror("waitpid");
		return 1;
	}
	return 0;
}
