/* queues-sentinel: two workers take tasks from one pipe.
 *
 * The parent writes the task numbers 1 to 8 into the pipe; a worker reads
 * one number at a time and does that task. The number 0 is the stop sign:
 * a worker that reads it leaves. The parent sends one stop sign per
 * worker, after the tasks, then waits for both. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#define WORKERS 2
#define TASKS 8
#define STOP 0                           /* "no more tasks" */

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* A worker: tasks from the pipe until the stop sign (or end of file). */
static void worker(int n, int from)
{
	int t;

	for (;;) {
		ssize_t got = read(from, &t, sizeof t);
		if (got < 0)
			die("read");
		if (got == 0 || t == STOP)
			break;
		usleep(100000);          /* a tenth of a second of work */
		printf("worker-%d: task %d done\n", n, t);
	}
	printf("worker-%d: no more tasks, leaving\n", n);
	_exit(0);
}

int main(void)
{
	int fds[2];

	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	if (pipe(fds) < 0)
		die("pipe");
	for (int n = 1; n <= WORKERS; n++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			worker(n, fds[0]);
	}
	for (int t = 1; t <= TASKS; t++)
		if (write(fds[1], &t, sizeof t) != sizeof t)
			die("write");
	for (int n = 1; n <= WORKERS; n++) {  /* a stop sign for each worker */
		int stop = STOP;
		if (write(fds[1], &stop, sizeof stop) != sizeof stop)
			die("write");
	}
	for (int n = 1; n <= WORKERS; n++)
		if (wait(NULL) < 0)
			die("wait");
	printf("parent: both workers have left\n");
	return 0;
}
