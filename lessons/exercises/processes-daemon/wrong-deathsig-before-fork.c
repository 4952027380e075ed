/* processes-daemon, almost: the death signal is asked for, but by the
 * parent, before fork(). The wish belongs to the process that made it, and
 * fork() does not copy it: the parent will be killed if ITS parent dies,
 * and the ticker, which has no such wish, outlives the parent. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/prctl.h>

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
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) {   /* "for the child" */
		perror("prctl");
		return 1;
	}
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
	return 0;
}
