/* loop.c - a small event loop: poll() over file descriptors, plus timers.
 * No timer exists unless someone asked for one, so an idle loop sleeps in
 * poll() with no timeout and costs nothing. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "loop.h"
#include "util.h"

struct watch {
	int fd;
	short events;
	loop_fd_fn fn;
	void *arg;
};

struct timer {
	int id;
	long long due_ms;
	loop_timer_fn fn;
	void *arg;
};

struct loop {
	struct watch *watches;
	size_t nwatches;
	struct timer *timers;
	size_t ntimers;
	int next_id;
	void (*after)(void *arg);
	void *after_arg;
};

void loop_set_after(struct loop *loop, void (*fn)(void *arg), void *arg)
{
	loop->after = fn;
	loop->after_arg = arg;
}

struct loop *loop_new(void)
{
	struct loop *loop = xmalloc(sizeof *loop);
	*loop = (struct loop){ .next_id = 1 };
	return loop;
}

void loop_free(struct loop *loop)
{
	if (!loop)
		return;
	free(loop->watches);
	free(loop->timers);
	free(loop);
}

int loop_add_fd(struct loop *loop, int fd, short events, loop_fd_fn fn,
                void *arg)
{
	for (size_t i = 0; i < loop->nwatches; i++) {
		if (loop->watches[i].fd == fd) {
			loop->watches[i] = (struct watch){ fd, events, fn, arg };
			return 0;
		}
	}
	loop->watches = xrealloc(loop->watches,
	                         (loop->nwatches + 1) * sizeof *loop->watches);
	loop->watches[loop->nwatches++] = (struct watch){ fd, events, fn, arg };
	return 0;
}

void loop_remove_fd(struct loop *loop, int fd)
{
	for (size_t i = 0; i < loop->nwatches; i++) {
		if (loop->watches[i].fd == fd) {
			loop->watches[i] = loop->watches[--loop->nwatches];
			return;
		}
	}
}

int loop_add_timer(struct loop *loop, int ms, loop_timer_fn fn, void *arg)
{
	loop->timers = xrealloc(loop->timers,
	                        (loop->ntimers + 1) * sizeof *loop->timers);
	int id = loop->next_id++;
	loop->timers[loop->ntimers++] =
	    (struct timer){ id, monotonic_ms() + ms, fn, arg };
	return id;
}

void loop_cancel_timer(struct loop *loop, int id)
{
	for (size_t i = 0; i < loop->ntimers; i++) {
		if (loop->timers[i].id == id) {
			loop->timers[i] = loop->timers[--loop->ntimers];
			return;
		}
	}
}

/* Milliseconds until the first timer is due (0 if overdue), or -1. */
static int next_timeout(const struct loop *loop)
{
	if (loop->ntimers == 0)
		return -1;
	long long first = loop->timers[0].due_ms;
	for (size_t i = 1; i < loop->ntimers; i++)
		if (loop->timers[i].due_ms < first)
			first = loop->timers[i].due_ms;
	long long wait = first - monotonic_ms();
	return wait < 0 ? 0 : wait > 60000 ? 60000 : (int)wait;
}

/* Run (and drop) every timer that is due; returns how many ran. */
static int run_timers(struct loop *loop)
{
	int ran = 0;
	long long now = monotonic_ms();
	for (size_t i = 0; i < loop->ntimers;) {
		if (loop->timers[i].due_ms > now) {
			i++;
			continue;
		}
		struct timer t = loop->timers[i];
		loop->timers[i] = loop->timers[--loop->ntimers];
		t.fn(t.arg);
		ran++;
		i = 0;   /* the callback may have added or removed timers */
	}
	return ran;
}

int loop_run_once(struct loop *loop, int max_ms)
{
	int timeout = next_timeout(loop);
	if (max_ms >= 0 && (timeout < 0 || max_ms < timeout))
		timeout = max_ms;
	if (loop->nwatches == 0 && loop->ntimers == 0)
		return 0;
	size_t n = loop->nwatches;
	struct pollfd *fds = xmalloc((n ? n : 1) * sizeof *fds);
	struct watch *snapshot = xmalloc((n ? n : 1) * sizeof *snapshot);
	for (size_t i = 0; i < n; i++) {
		snapshot[i] = loop->watches[i];
		fds[i] = (struct pollfd){ snapshot[i].fd, snapshot[i].events, 0 };
	}
	int ready = poll(fds, n, timeout);
	int ran = 0;
	for (size_t i = 0; ready > 0 && i < n; i++) {
		if (!fds[i].revents)
			continue;
		/* Skip a watch that an earlier callback removed or replaced. */
		int still = 0;
		for (size_t j = 0; j < loop->nwatches; j++)
			if (loop->watches[j].fd == snapshot[i].fd &&
			    loop->watches[j].fn == snapshot[i].fn)
				still = 1;
		if (!still)
			continue;
		snapshot[i].fn(fds[i].fd, fds[i].revents, snapshot[i].arg);
		ran++;
	}
	free(fds);
	free(snapshot);
	ran += run_timers(loop);
	if (ran && loop->after)
		loop->after(loop->after_arg);
	return ran;
}
