/* loop.h - a small event loop: file descriptors and one-shot timers. */
#ifndef FORKLORE_LOOP_H
#define FORKLORE_LOOP_H

struct loop;

typedef void (*loop_fd_fn)(int fd, short revents, void *arg);
typedef void (*loop_timer_fn)(void *arg);

struct loop *loop_new(void);
void loop_free(struct loop *loop);

/* Watch fd for poll events; one watch per fd. Returns 0 or -1. */
int loop_add_fd(struct loop *loop, int fd, short events, loop_fd_fn fn,
                void *arg);
void loop_remove_fd(struct loop *loop, int fd);

/* Call fn once after ms milliseconds; returns an id (> 0) to cancel it. */
int loop_add_timer(struct loop *loop, int ms, loop_timer_fn fn, void *arg);
void loop_cancel_timer(struct loop *loop, int id);

/* Call fn after every round of callbacks (a front end draws there). */
void loop_set_after(struct loop *loop, void (*fn)(void *arg), void *arg);

/*
 * Wait up to max_ms (-1: no limit, 0: just look) for something to happen,
 * then run every callback that is due. With nothing to watch and no timer
 * it returns at once. Returns the number of callbacks run.
 */
int loop_run_once(struct loop *loop, int max_ms);

#endif
