/* demo_supervisor.c - demos that try to get away: a daemon that leaves its
 * group and session, processes that ignore SIGTERM, a process that stops
 * itself. Each shows what forklore's runner does so that nothing is left
 * running: it is a child subreaper, it signals every descendant (not just
 * the process group), it sends SIGCONT after SIGTERM, and SIGKILL after a
 * grace period. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* Sleep for real, whatever the speed: a process waiting for the kernel. */
static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* snippet: escape */
/* The classic daemon: fork, setsid() in the child to leave the terminal's
   session and the demo's process group, fork again, and let the middle
   process exit so the daemon is nobody's child. */
static void __attribute__((noreturn)) middle(int told)
{
	pid_t me = getpid();
	if (setsid() < 0)                /* new session, new group */
		demo_fail("setsid", errno);
	pid_t pid = demo_fork();
	if (pid == 0) {
		/* No death signal and no tie to the demo: a real daemon. */
		prctl(PR_SET_NAME, "daemon", 0, 0, 0);
		for (int i = 0; i < 200 && getppid() == me; i++)
			nap_ms(5);       /* until the middle has gone */
		/* Adopted by forklore, the subreaper? Unlike a real daemon,
		   this one then asks to die with forklore (even if both of
		   its processes are killed at once), and checks that forklore
		   did not go first. */
		if (getppid() == demo_forklore()) {
			prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
			if (getppid() != demo_forklore())
				_exit(1);
		}
		demo_say("daemon: session %d, group %d, parent now %d",
		         (int)getsid(0), (int)getpgrp(), (int)getppid());
		demo_say("daemon: waiting for a signal, as daemons do");
		(void)!write(told, "", 1);       /* the parent may go on */
		for (;;)
			pause();
	}
	demo_say("middle: started the daemon as %d; leaving", pid);
	_exit(0);
}

int demo_escape(const long *values)
{
	long linger = values[0];
	int told[2];
	demo_pipe(told);
	demo_say("parent: group %d, session %d", (int)getpgrp(),
	         (int)getsid(0));
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("middle");
		close(told[0]);
		middle(told[1]);
	}
	close(told[1]);
	demo_waitpid(pid);
	char byte;
	if (read(told[0], &byte, 1) != 1)    /* the daemon has spoken */
		demo_say("parent: the daemon ended before it spoke");
	demo_say("parent: the middle process is gone; the daemon is out "
	         "of my group and session");
	demo_sleep((double)linger);
	demo_say("parent: I end now; the daemon is still running");
	return 0;
}
/* end snippet */

/* snippet: stubborn */
int demo_stubborn(const long *values)
{
	long linger = values[0];
	signal(SIGTERM, SIG_IGN);            /* survive a polite request */
	signal(SIGINT, SIG_IGN);             /* and Ctrl-C */
	pid_t pid = demo_fork();
	if (pid == 0) {
		/* Ignored signals stay ignored in the child. */
		demo_child("stubborn-kid");
		for (long i = 1; i <= linger; i++) {
			demo_sleep(1);
			demo_say("kid: still here after %ld s", i);
		}
		_exit(0);
	}
	demo_say("parent: SIGTERM and SIGINT are ignored here and in "
	         "my child %d", pid);
	for (long i = 1; i <= linger; i++) {
		demo_sleep(1);
		demo_say("parent: still here after %ld s", i);
	}
	demo_waitpid(pid);
	demo_say("parent: done; only SIGKILL could have ended us sooner");
	return 0;
}
/* end snippet */

/* snippet: frozen */
int demo_frozen(const long *values)
{
	long linger = values[0];
	pid_t pid = demo_fork();
	if (pid == 0) {
		/* Named, but with no death signal: when the parent goes, this
		   process stays, stopped, for forklore to deal with. */
		prctl(PR_SET_NAME, "frozen", 0, 0, 0);
		demo_say("frozen: stopping myself with SIGSTOP");
		raise(SIGSTOP);
		demo_say("frozen: continued");   /* only after SIGCONT */
		pause();
		_exit(0);
	}
	/* Wait until it has stopped (or died), without reaping it; then ask
	   /proc. A tracer (forklore keeps its record with ptrace) holds a
	   stopped process in the tracing stop, t, instead of T. */
	demo_wait_stopped(pid);
	char state = demo_proc_state(pid);
	demo_say("parent: my child %d is in state %c (%s)", pid, state,
	         state == 'T' ? "stopped" : state == 't' ? "stopped, and "
	         "held by a tracer: t" : "it died before it stopped");
	demo_sleep((double)linger);
	demo_say("parent: I end without waiting; a stopped process cannot "
	         "act on SIGTERM until it gets SIGCONT");
	return 0;
}
/* end snippet */
