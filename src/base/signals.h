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

#endif
