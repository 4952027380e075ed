/* processes-daemon: a ticker that prints for ever, beside a parent that
 * works for one second and leaves. Who stops the ticker? */
#include <stdio.h>
#include <unistd.h>

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
	return 0;                        /* ...and the ticker? */
}
