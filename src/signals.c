/* signals.c - signals delivered as events of the loop (signalfd). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "signals.h"

static void (*handler)(int sig, void *arg);
static void *handler_arg;
static int signal_fd = -1;

/* Read every pending signal and hand each to the handler. */
static void on_signalfd(int fd, short revents, void *arg)
{
	(void)revents;
	(void)arg;
	struct signalfd_siginfo info;
	while (read(fd, &info, sizeof info) == (ssize_t)sizeof info)
		handler((int)info.ssi_signo, handler_arg);
}

int signals_init(struct loop *loop, void (*fn)(int sig, void *arg),
                 void *arg)
{
	static const int caught[] = { SIGCHLD, SIGINT, SIGTERM, SIGHUP,
	                              SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT };
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		sigaddset(&set, caught[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -1;
	handler = fn;
	handler_arg = arg;
	signal_fd = fd;
	return loop_add_fd(loop, fd, POLLIN, on_signalfd, NULL);
}

int signals_wait_readable(int fd)
{
	if (signal_fd < 0)
		return 1;   /* signals act as they do by default */
	struct pollfd fds[2] = { { .fd = fd, .events = POLLIN },
	                         { .fd = signal_fd, .events = POLLIN } };
	if (poll(fds, 2, -1) < 0)
		return errno == EINTR ? 0 : -1;
	if (fds[1].revents) {
		on_signalfd(signal_fd, fds[1].revents, NULL);
		return 0;
	}
	return 1;
}
