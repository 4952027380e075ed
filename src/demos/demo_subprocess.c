/* demo_subprocess.c - the subprocess lesson's demos: run other programs,
 * read their exit codes, talk to them through pipes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: subprocess-call */
/* subprocess.call(argv): run a program, wait, return its exit code. */
static int call(char *const argv[])
{
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("child");
		execvp(argv[0], argv);          /* only returns on failure */
		demo_say("child: cannot run %s: %s", argv[0], strerror(errno));
		_exit(127);                     /* what a shell says: not run */
	}
	int status = demo_waitpid(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

int demo_subprocess_call(const long *values)
{
	int ask_missing = (int)values[0];
	char *const ok[] = { "ls", "-d", "/tmp", "/usr", NULL };
	char *const missing[] = { "ls", "/no-such-dir", NULL };
	char *const fails[] = { "false", NULL };
	char *const nothing[] = { "no-such-program", NULL };
	demo_say("parent: ls -d /tmp /usr exited with %d", call(ok));
	demo_say("parent: ls /no-such-dir exited with %d", call(missing));
	demo_say("parent: false exited with %d", call(fails));
	if (ask_missing)
		demo_say("parent: no-such-program exited with %d",
		         call(nothing));
	return 0;
}
/* end snippet */

/* snippet: subprocess-pipe */
/* Popen(["tr", "a-z", "A-Z"], stdin=PIPE, stdout=PIPE).communicate(text) */
int demo_subprocess_pipe(const long *values)
{
	double linger = (double)values[0];
	const char text[] = "hello from the parent\n";
	int to_child[2], from_child[2];
	demo_pipe(to_child);
	demo_pipe(from_child);
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("child");
		demo_say("child: pid %d, about to exec tr", getpid());
		demo_sleep(linger);             /* time to see my name */
		demo_dup2(to_child[0], STDIN_FILENO);    /* stdin=PIPE */
		demo_dup2(from_child[1], STDOUT_FILENO); /* stdout=PIPE */
		close(to_child[0]);
		close(to_child[1]);
		close(from_child[0]);
		close(from_child[1]);
		execlp("tr", "tr", "a-z", "A-Z", (char *)NULL);
		/* Only on failure; stderr still goes to forklore. */
		dprintf(STDERR_FILENO, "child: cannot run tr: %s\n",
		        strerror(errno));
		_exit(127);
	}
	close(to_child[0]);
	close(from_child[1]);
	demo_sleep(linger * 2);                 /* tr is now running */
	demo_say("parent: sending: %.*s", (int)strlen(text) - 1, text);
	if (write(to_child[1], text, strlen(text)) < 0)
		demo_say("parent: write failed: %s", strerror(errno));
	close(to_child[1]);                     /* end of its input */
	char back[256];
	ssize_t n, got = 0;
	while ((n = read(from_child[0], back + got,
	                 sizeof back - 1 - (size_t)got)) > 0)
		got += n;
	back[got] = '\0';
	close(from_child[0]);
	char name[32];
	demo_wait_exited(pid);                  /* a zombie, not yet reaped */
	demo_proc_name(pid, name, sizeof name);
	demo_say("parent: /proc/%d/comm of my child says %s", pid, name);
	int status = demo_waitpid(pid);
	demo_say("parent: got back: %.*s", got > 0 ? (int)got - 1 : 0, back);
	if (WIFEXITED(status))
		demo_say("parent: tr exited with %d", WEXITSTATUS(status));
	else
		demo_say("parent: tr was killed by signal %d",
		         WTERMSIG(status));
	return 0;
}
/* end snippet */
