/* guard.c - the small process that outlives the interface.
 *
 * forklore starts as the guard. It remembers the terminal's settings,
 * becomes a child subreaper, and runs the interface as its only child.
 * The guard does nothing else while the interface lives: it waits. If the
 * interface dies by a signal, even SIGKILL, whatever it left running is
 * reparented to the guard, which ends all of it, puts the terminal back
 * (alternate screen, cursor, keypad, attributes, tty modes) and says in one
 * line what happened. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <curses.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "descendants.h"
#include "i18n.h"
#include "procmon.h"
#include "runner.h"

/* A page shared by guard and interface: is the curses screen up? */
struct guard_page {
	volatile sig_atomic_t screen;    /* curses is up */
	volatile sig_atomic_t leaving;   /* main is returning normally */
	volatile sig_atomic_t suspending;/* the interface stops itself (^Z) */
};

static struct guard_page *page;
static pid_t guard_pid;          /* in the interface: its guard */
static volatile pid_t interface;
static int lost;                 /* descendants could not be ended */

void guard_screen(int on)
{
	if (page)
		page->screen = on;
}

void guard_suspend(void)
{
	if (page)
		page->suspending = 1;
	kill(getpid(), SIGSTOP);
	if (page)
		page->suspending = 0;
}

int guard_gone(void)
{
	return guard_pid > 0 && getppid() != guard_pid;
}

void guard_leaving(void)
{
	if (page)
		page->leaving = 1;
}

/* Signals someone sent to the guard alone go on to the interface. Those
   the terminal sends reach the whole foreground group, the interface
   included, so passing them on would deliver them twice. A hangup is the
   exception: the kernel tells only the session leader, which the guard is
   when it was started as a terminal's first program (a new tmux window,
   ssh -t), so the interface would never hear of it. */
static void forward(int sig, siginfo_t *info, void *context)
{
	(void)context;
	if (info->si_code == SI_USER || info->si_code == SI_QUEUE ||
	    (sig == SIGHUP && info->si_code == SI_KERNEL))
		if (interface > 0)
			kill(interface, sig);
}

static void guard_signals(void)
{
	static const int passed[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP,
	                              SIGTSTP, SIGUSR1, SIGUSR2 };
	for (size_t i = 0; i < sizeof passed / sizeof *passed; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = forward;
		/* No SA_RESTART: the waitpid() below is interrupted and
		   called again. A runtime that defers handlers to the end of
		   a call (ThreadSanitizer's) would otherwise never run it. */
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		sigaction(passed[i], &sa, NULL);
	}
	/* The guard touches the terminal only when it is in the foreground,
	   and checks that itself. */
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Kill every descendant and reap them all; returns how many were reaped
   (those that died of their death signal with the interface included).
   Never blocks for good: if /proc cannot be read, the live ones cannot be
   found, and after a few seconds it says so and gives up. */
static int end_descendants(void)
{
	int ended = 0, status, blind = 0;
	for (;;) {
		/* With no child there can be no descendant: the usual case. */
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			ended++;
			continue;
		}
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return ended;
		/* Killing a process hands its children to us: kill, reap,
		   then look again, until no child is left. */
		if (descendants_signal(SIGKILL) < 0 && ++blind > 300) {
			const char *why = strerror(errno);
			char said[512];
			/* TRANSLATORS: %s is the system's reason (strerror). */
			snprintf(said, sizeof said, _("cannot read /proc (%s) "
			         "to end what the demos left running; 'ps -ef' "
			         "shows it"), why);
			fprintf(stderr, "forklore: %s\n", said);
			lost = 1;
			return ended;
		}
		struct timespec nap = { 0, 10 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
}

static int put_byte(int c)
{
	unsigned char b = (unsigned char)c;
	return write(STDOUT_FILENO, &b, 1) == 1 ? c : EOF;
}

static void put_cap(const char *name)
{
	char *s = tigetstr(name);
	if (s && s != (char *)-1)
		tputs(s, 1, put_byte);
}

/* Undo what curses and readline did to the terminal, if it is still ours. */
static void restore_terminal(const struct termios *saved, int have_saved)
{
	if (!isatty(STDIN_FILENO) || tcgetpgrp(STDIN_FILENO) != getpgrp())
		return;
	int err;
	if (isatty(STDOUT_FILENO) &&
	    setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		put_cap("sgr0");
		if (page->screen)
			put_cap("rmcup");
		put_cap("rmkx");
		put_cap("cnorm");
		if (page->screen)
			put_byte('\n');
	}
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, saved);
}

int guard_start(void)
{
	struct termios saved;
	int have_saved = isatty(STDIN_FILENO) &&
	                 tcgetattr(STDIN_FILENO, &saved) == 0;
	page = mmap(NULL, sizeof *page, PROT_READ | PROT_WRITE,
	            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		page = NULL;
		return -1;
	}
	page->screen = 0;
	if (runner_become_subreaper() != 0)
		return -1;
	fflush(NULL);
	pid_t guard = getpid();
	pid_t child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		/* The interface: if the guard goes, leave the way a closed
		   terminal makes us leave. */
		prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0);
		if (getppid() != guard)
			raise(SIGHUP);
		guard_pid = guard;
		/* Whatever the binary is called, the interface is forklore. */
		prctl(PR_SET_NAME, "forklore", 0, 0, 0);
		return 0;
	}
	interface = child;
	prctl(PR_SET_NAME, "forklore-guard", 0, 0, 0);
	guard_signals();
	int orphans = 0;
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, WUNTRACED | WCONTINUED);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0) {
			/* Cannot happen while the interface lives. */
			perror("forklore: guard");
			_exit(1);
		}
		if (pid != child) {
			/* An orphan the interface left us as it died: it
			   may be reaped before the interface's own end. */
			orphans++;
			continue;
		}
		if (WIFSTOPPED(status)) {
			/* Ctrl-Z: the interface has let go of the terminal and
			   stopped; stop too, so the shell sees the job stop.
			   Stopped by someone else (kill -STOP, a debugger), it
			   has let go of nothing: the guard stays awake, ready
			   to clean up if the interface is then killed. */
			if (page->suspending) {
				raise(SIGSTOP);
				kill(child, SIGCONT);
			}
			continue;
		}
		if (WIFCONTINUED(status))
			continue;
		/* The interface is gone: no signal goes on to its PID now,
		   and the usual signals end the guard again. */
		interface = 0;
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		if (WIFEXITED(status) && page->leaving) {
			end_descendants();
			_exit(lost && !WEXITSTATUS(status) ? 1 :
			      WEXITSTATUS(status));
		}
		/* Killed, crashed, or gone by a path that skipped the way
		   out (a sanitizer's report ends with exit, for one). */
		int ended = orphans + end_descendants();
		restore_terminal(&saved, have_saved);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) {
			/* Its reader went away (| head): end as quietly as
			   any other program in a pipeline does. */
			signal(SIGPIPE, SIG_DFL);
			sigset_t pipe_only;
			sigemptyset(&pipe_only);
			sigaddset(&pipe_only, SIGPIPE);
			sigprocmask(SIG_UNBLOCK, &pipe_only, NULL);
			raise(SIGPIPE);
			_exit(128 + SIGPIPE);
		}
		/* One whole sentence for each way it went, in one write. */
		char said[512];
		int code;
		unsigned long n = (unsigned long)ended;
		if (WIFEXITED(status)) {
			code = WEXITSTATUS(status);
			snprintf(said, sizeof said, ngettext(
			    "the interface ended unexpectedly with status %d; "
			    "%d demo process ended, terminal restored",
			    "the interface ended unexpectedly with status %d; "
			    "%d demo processes ended, terminal restored", n),
			    code, ended);
		} else {
			int sig = WTERMSIG(status);
			const char *name = sigabbrev_np(sig);
			code = 128 + sig;
			name = name ? name : "?";
			if (WCOREDUMP(status))
				snprintf(said, sizeof said, ngettext(
				    /* TRANSLATORS: SIG%s is a signal's
				       name (SIGSEGV). */
				    "the interface died of SIG%s (core "
				    "dumped); %d demo process ended, "
				    "terminal restored",
				    "the interface died of SIG%s (core "
				    "dumped); %d demo processes ended, "
				    "terminal restored", n), name, ended);
			else
				snprintf(said, sizeof said, ngettext(
				    /* TRANSLATORS: SIG%s is a signal's
				       name (SIGSEGV). */
				    "the interface died of SIG%s; %d demo "
				    "process ended, terminal restored",
				    "the interface died of SIG%s; %d demo "
				    "processes ended, terminal restored", n),
				    name, ended);
		}
		fprintf(stderr, "forklore: %s\n", said);
		_exit(code ? code : 1);
	}
}
