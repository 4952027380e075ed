/* processes-daemon: a ticker that prints for ever, as a daemon child of a
 * parent that works for one second and leaves: the ticker goes with it.
 *
 * The child asks the kernel for SIGKILL the moment its parent dies, what
 * Python's daemon=True gets from the parent's exit code. */
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
	pid_t parent = getpid();

	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		/* The child asks: kill me when my parent dies. fork() does
		 * not copy this wish, so only the child can make it. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) {
			perror("prctl");
			_exit(1);
		}
		if (getppid() != parent)     /* it died before we asked */
			_exit(0);
		tick();
	}

	printf("parent: started the ticker, pid %d; working 1 s\n", (int)pid);
	sleep(1);                        /* the parent's own work */
	printf("parent: leaving now\n");
	return 0;                        /* the kernel kills the ticker */
}
