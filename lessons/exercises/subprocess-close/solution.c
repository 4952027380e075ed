/* subprocess-close: five words through a pipe to sort, and to sort -r.
 *
 * Each program gets a pipe to its standard input. The parent writes the
 * words into it and closes it; sort sees end of file once no process
 * holds a write end of its pipe, sorts, prints and exits. */
#define _GNU_SOURCE                      /* for pipe2() */
#include <fcntl.h>
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

	/* O_CLOEXEC: both ends close themselves at any exec(), so no program
	 * keeps a write end: not this child, nor a child started later. The
	 * copy that dup2() puts at 0 stays open. */
	if (pipe2(fds, O_CLOEXEC) < 0)
		die("pipe2");
	if ((*pid = fork()) < 0)
		die("fork");
	if (*pid == 0) {                 /* the child: stdin from the pipe */
		if (dup2(fds[0], 0) < 0)
			die("dup2");
		execvp(argv[0], argv);
		perror(argv[0]);         /* exec returns only on failure */
		_exit(127);
	}
	close(fds[0]);                   /* the parent only writes */
	return fds[1];
}

/* Write the words into fd, close it, and wait for the program. */
static void feed_and_wait(int fd, pid_t pid, const char *what)
{
	int status;

	if (dprintf(fd, "pear\napple\nplum\nfig\ncherry\n") < 0)
		die("write");
	if (close(fd) < 0)               /* the last writer: end of file */
		die("close");
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
