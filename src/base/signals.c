/* signals.c - signals delivered as events of the loop (signalfd). */
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "signals.h"

static void (*handler)(int sig, void *arg);
static void *handler_arg;

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
	return loop_add_fd(loop, fd, POLLIN, on_signalfd, NULL);
}
