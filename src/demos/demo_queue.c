/* demo_queue.c - the queues lesson's demo: a writer process puts items in
 * a pipe, an endless reader gets them, the parent ends the reader. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: queue-pipe */
/* One item on the pipe: a fixed size, so one write is one whole item
   (writes up to PIPE_BUF bytes are never split or mixed). */
struct item {
	char text[32];
};

static void writer(int fd, long count)
{
	for (long i = 0; i < count; i++) {
		struct item it;
		snprintf(it.text, sizeof it.text, "%c", (int)('A' + i % 26));
		demo_say("writer: put %s", it.text);
		if (write(fd, &it, sizeof it) != (ssize_t)sizeof it)
			break;                              /* q.put(value) */
		demo_sleep(demo_random(0, 1));
	}
}

static void reader(int fd, int done)
{
	struct item it;
	for (;;) {                                          /* while True: */
		ssize_t n = read(fd, &it, sizeof it);       /* q.get() */
		if (n == 0)
			_exit(0);   /* every writer gone (not here: see below) */
		if (n != (ssize_t)sizeof it)
			continue;
		demo_say("reader: got %s", it.text);
		/* q.task_done(): one byte back per item handled. */
		if (write(done, "", 1) != 1)
			_exit(1);
	}
}

int demo_queue_pipe(const long *values)
{
	int q[2], done[2];
	demo_pipe(q);                         /* the queue */
	demo_pipe(done);                      /* task_done() signals */
	pid_t w = demo_fork();
	if (w == 0) {
		demo_child("writer");
		close(q[0]);
		writer(q[1], values[0]);
		_exit(0);
	}
	pid_t r = demo_fork();
	if (r == 0) {
		demo_child("reader");
		close(q[1]);
		close(done[0]);
		reader(q[0], done[1]);
	}
	close(done[1]);
	/* The parent keeps the queue's write end open, as a Queue object
	   does: so the reader's get() waits for ever instead of seeing
	   the end. */
	demo_waitpid(w);                      /* pw.join() */
	/* q.join(): wait until the reader has handled every item put, so
	   terminating it loses none. */
	char byte;
	for (long handled = 0; handled < values[0]; handled++)
		if (read(done[0], &byte, 1) != 1)
			break;
	demo_say("parent: the writer is done; the reader never ends by "
	         "itself, so I terminate it");
	demo_kill(r, SIGTERM);                /* pr.terminate() */
	int status = demo_waitpid(r);
	demo_say("parent: reader %d ended by signal %d", r,
	         WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return 0;
}
/* end snippet */
