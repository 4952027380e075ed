/* subprocess-close, almost: the child closes its copy of the write end,
 * but the parent never closes its own. sort still has a writer, the
 * parent, and the parent is waiting for sort: neither moves. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Run argv with a pipe to its standard input; return the write end. */
static int start(char *argv[], pid_t *pid)
{
	int fds[2];                      /* fds[0] reads, fds[1] writes */

	if (pipe(fds) < 0)
		die("pipe");
	if ((*pid = fork()) < 0)
		die("fork");
	if (*pid == 0) {                 /* the child: stdin from the pipe */
		if (dup2(fds[0], 0) < 0)
			die("dup2");
		close(fds[0]);
		close(fds[1]);           /* this child only reads */
		execvp(argv[0], argv);
		perror(argv[0]);         /* exec returns only on failure */
		_exit(127);
	}
	close(fds[0]);                   /* the parent only writes */
	return fds[1];
}

/* Write the words into fd, then wait for the program that reads them. */
static void feed_and_wait(int fd, pid_t pid, const char *what)
{
	int status;

	if (dprintf(fd, "pear\napple\nplum\nfig\ncherry\n") < 0)
		die("write");
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	printf("parent: %s exited with status %d\n", what, WEXITSTATUS(status));
}

int main(void)
{
	char *up[] = { "sort", NULL };
	char *down[] = { "sort", "-r", NULL };
	pid_t up_pid, down_pid;

	setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, even into a pipe */
	int to_up = start(up, &up_pid);
	int to_down = start(down, &down_pid);
	feed_and_wait(to_up, up_pid, "sort");
	feed_and_wait(to_down, down_pid, "sort -r");
	return 0;
}
