/* signals.h - signals delivered as events of the loop (signalfd). */
#ifndef FORKLORE_SIGNALS_H
#define FORKLORE_SIGNALS_H

#include "loop.h"

/*
 * Block SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP and
 * SIGCONT and receive them through the loop instead: fn runs in the loop,
 * never in a signal handler. Returns 0 or -1. Demos never inherit the
 * blocked mask (the runner clears it in the child).
 */
int signals_init(struct loop *loop, void (*fn)(int sig, void *arg),
                 void *arg);

/*
 * Wait until fd is readable (1), or until a signal came and was handed to
 * the handler (0: the caller looks whether it should stop); -1 on failure.
 * Before signals_init() it returns 1 at once.
 */
int signals_wait_readable(int fd);

#endif
