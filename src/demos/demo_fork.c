/* demo_fork.c - the fork lesson's demos: one call, two returns. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* Report how a child ended, as the parent sees it through waitpid(). */
static void report_exit(pid_t pid, int status)
{
	if (WIFEXITED(status))
		demo_say("parent: child %d exited with status %d", pid,
		         WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		demo_say("parent: child %d was killed by signal %d (%s)", pid,
		         WTERMSIG(status), strsignal(WTERMSIG(status)));
}

int demo_fork_once(const long *values)
{
	long linger = values[0];
	/* snippet: fork-once */
	demo_say("parent: my pid is %d; calling fork()", getpid());
	pid_t pid = demo_fork();    /* fork(); if it fails, the demo ends */
	if (pid == 0) {
		/* In the child, fork() returned 0. */
		demo_child("child");
		demo_say("child: fork() returned 0; my pid is %d, "
		         "my parent is %d", getpid(), getppid());
		demo_sleep(linger);
		_exit(0);
	}
	/* In the parent, fork() returned the child's pid. */
	demo_say("parent: fork() returned %d, the child's pid", pid);
	int status = demo_waitpid(pid);
	/* end snippet */
	report_exit(pid, status);
	return 0;
}

int demo_fork_memory(const long *values)
{
	long linger = values[1];
	/* snippet: fork-memory */
	long counter = values[0];
	demo_say("parent: counter = %ld, stored at %p", counter,
	         (void *)&counter);
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("child");
		counter = 999;
		demo_say("child: I set counter = %ld, stored at %p", counter,
		         (void *)&counter);
		demo_sleep(linger);
		_exit(0);
	}
	demo_waitpid(pid);
	demo_say("parent: the child is gone; my counter = %ld, "
	         "stored at %p", counter, (void *)&counter);
	/* end snippet */
	return 0;
}

int demo_fork_twice(const long *values)
{
	long linger = values[0];
	/* snippet: fork-twice */
	pid_t first = demo_fork();
	if (first == 0)
		demo_child("child-a");
	pid_t second = demo_fork();
	if (second == 0)
		demo_child(first == 0 ? "grandchild" : "child-b");
	demo_say("hello from pid %d, my parent is %d", getpid(), getppid());
	demo_sleep(linger);
	/* Each process waits for the children it made, if any. */
	while (demo_wait(NULL) > 0)
		;
	/* end snippet */
	if (first == 0 || second == 0)
		_exit(0);
	demo_say("parent: all four processes said hello");
	return 0;
}

int demo_fork_many(const long *values)
{
	long children = values[0], linger = values[1];
	/* snippet: fork-many */
	for (long i = 1; i <= children; i++) {
		pid_t pid = demo_fork();
		if (pid == 0) {
			char name[32];
			snprintf(name, sizeof name, "child-%ld", i);
			demo_child(name);
			double life = demo_random(0, linger);
			demo_say("%s: pid %d, parent %d, will live %.1f s",
			         name, getpid(), getppid(), life);
			demo_sleep(life);
			_exit((int)i);
		}
		demo_say("parent: started child %ld as pid %d", i, pid);
	}
	/* wait() returns whichever child ends first. */
	int status;
	pid_t done;
	while ((done = demo_wait(&status)) > 0)
		demo_say("parent: pid %d ended, exit status %d", done,
		         WEXITSTATUS(status));
	/* end snippet */
	demo_say("parent: no children left");
	return 0;
}
