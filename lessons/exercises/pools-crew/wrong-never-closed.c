/* pools-crew, almost: a crew of four shares the twelve tasks, but the
 * parent never closes its write end of the task pipe. With a writer left,
 * a worker's read() on the empty pipe waits for more instead of returning
 * 0, and the parent waits for the workers: for ever. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#define WORKERS 4
#define TASKS 12

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* One task: a fifth of a second of "work", then a result. */
static void task(int t)
{
	usleep(200000);
	printf("pid %d: task %d done, %d squared is %d\n",
	       (int)getpid(), t, t, t * t);
}

/* A worker: tasks from the pipe until end of file. */
static void worker(int from)
{
	int t;
	ssize_t n;

	while ((n = read(from, &t, sizeof t)) == sizeof t)
		task(t);
	if (n < 0)
		die("read");
	_exit(0);                        /* 0: no task left, no writer left */
}

int main(void)
{
	int fds[2];

	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	if (pipe(fds) < 0)
		die("pipe");
	for (int w = 0; w < WORKERS; w++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(fds[1]);           /* or it would wait for itself */
			worker(fds[0]);
		}
	}
	close(fds[0]);                       /* the parent only writes */
	for (int t = 1; t <= TASKS; t++)
		if (write(fds[1], &t, sizeof t) != sizeof t)
			die("write");
	for (int w = 0; w < WORKERS; w++)   /* like join() */
		if (wait(NULL) < 0)
			die("wait");
	printf("parent: all %d tasks done by %d workers\n", TASKS, WORKERS);
	return 0;
}
