/* pools-crew, almost: a crew of four, but each worker takes one task and
 * leaves. Four tasks are done; eight stay in the pipe, and nobody reads
 * them. */
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

/* A worker: one task from the pipe. */
static void worker(int from)
{
	int t;
	ssize_t n = read(from, &t, sizeof t);

	if (n < 0)
		die("read");
	if (n == sizeof t)
		task(t);
	_exit(0);
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
	if (close(fds[1]) < 0)               /* no more tasks: like close() */
		die("close");
	for (int w = 0; w < WORKERS; w++)   /* like join() */
		if (wait(NULL) < 0)
			die("wait");
	printf("parent: all %d tasks done by %d workers\n", TASKS, WORKERS);
	return 0;
}
