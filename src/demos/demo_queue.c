/* demo_queue.c - the queues lesson's demos: a writer process puts items in
 * a pipe, an endless reader gets them, the parent ends the reader; a
 * socket pair that carries messages both ways (Python's Pipe()); and a
 * queue whose put() hands the item to a feeder thread (Python's Queue). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
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

/* Say that call failed, with the error number it returned (pthreads and
   socketpair-style calls), and end the demo. */
static void check(int err, const char *call)
{
	if (err != 0)
		demo_fail(call, err);
}

/* Read exactly size bytes from fd, from the process other. At the end
   of the stream other has ended: when the parent reads, demo_waitpid()
   ends the demo quietly if other failed (it said why), else the parent
   says what happened; a child just leaves (its parent is gone). */
static void read_all(int fd, void *buf, size_t size, pid_t other)
{
	char *p = buf;
	while (size > 0) {
		ssize_t n = read(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			demo_fail("read", errno);
		if (n == 0) {
			if (other > 0) {
				demo_waitpid(other);
				demo_say("read: pid %d ended before it sent "
				         "everything", other);
			}
			_exit(DEMO_EXIT_FAILED);
		}
		p += n;
		size -= (size_t)n;
	}
}

/* What the descriptor fd of this process is, as /proc names it. */
static void fd_target(int fd, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, buf, size - 1);
	if (n < 0)
		demo_fail("readlink", errno);
	buf[n] = '\0';
}

/* snippet: queue-socketpair */
/* One message: a fixed size, so each side reads exactly one at a time
   from the stream (Python's Connection sends a length first). */
struct message {
	char text[32];
};

static void send_message(int fd, const char *text)
{
	struct message m = { { 0 } };
	snprintf(m.text, sizeof m.text, "%s", text);
	demo_write_all(fd, &m, sizeof m);
}

static void say_my_end(const char *who, int fd)
{
	char target[64];
	fd_target(fd, target, sizeof target);
	demo_say("%s: my end is fd %d (%s)", who, fd, target);
}

int demo_queue_socketpair(const long *values)
{
	long rounds = values[0];
	int ends[2];                      /* a, b = Pipe(): duplex */
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0)
		demo_fail("socketpair", errno);
	struct message m;
	char text[32];
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("child");
		close(ends[0]);           /* the child talks on b only */
		say_my_end("child", ends[1]);
		for (long i = 1; i <= rounds; i++) {
			read_all(ends[1], &m, sizeof m, 0);  /* b.recv() */
			demo_say("child: got '%s'", m.text);
			demo_sleep(0.5);
			snprintf(text, sizeof text, "pong %ld", i);
			demo_say("child: send '%s'", text);
			send_message(ends[1], text);   /* b.send() */
		}
		_exit(0);
	}
	close(ends[1]);                   /* the parent talks on a only */
	say_my_end("parent", ends[0]);
	for (long i = 1; i <= rounds; i++) {
		snprintf(text, sizeof text, "ping %ld", i);
		demo_say("parent: send '%s'", text);
		send_message(ends[0], text);           /* a.send() */
		read_all(ends[0], &m, sizeof m, pid);  /* a.recv() */
		demo_say("parent: got '%s'", m.text);
		demo_sleep(0.5);
	}
	demo_waitpid(pid);
	demo_say("parent: both ends sent and received; the child has "
	         "ended");
	return 0;
}
/* end snippet */

/* snippet: queue-feeder */
/* The writer's side of a Queue: put() only hands the item over; a
   feeder thread writes the items into the pipe, one after another. */
struct feed {
	pthread_mutex_t lock;
	pthread_cond_t more;
	char *items[16];                  /* handed over, not yet written */
	long put, taken, closed;
	size_t size;                      /* bytes per item */
	int fd;                           /* the pipe's write end */
};

static void put(struct feed *f, long i)                   /* q.put() */
{
	char *item = malloc(f->size);     /* a copy, as pickling makes */
	if (!item)
		demo_fail("malloc", errno);
	memset(item, 'A' + (int)(i % 26), f->size);
	check(pthread_mutex_lock(&f->lock), "pthread_mutex_lock");
	f->items[f->put++] = item;
	check(pthread_cond_signal(&f->more), "pthread_cond_signal");
	check(pthread_mutex_unlock(&f->lock), "pthread_mutex_unlock");
}

static void *feeder(void *arg)
{
	struct feed *f = arg;
	demo_name_thread("feeder");
	for (;;) {
		check(pthread_mutex_lock(&f->lock), "pthread_mutex_lock");
		while (f->taken == f->put && !f->closed)
			check(pthread_cond_wait(&f->more, &f->lock),
			      "pthread_cond_wait");
		if (f->taken == f->put) {         /* closed, all written */
			check(pthread_mutex_unlock(&f->lock),
			      "pthread_mutex_unlock");
			return NULL;
		}
		long i = f->taken++;
		char *item = f->items[i];
		check(pthread_mutex_unlock(&f->lock), "pthread_mutex_unlock");
		demo_write_all(f->fd, item, f->size);  /* blocks while it is full */
		free(item);
		demo_say("feeder: wrote item %ld into the pipe", i + 1);
	}
}

static void writer_process(int fd, long items, long kb)
{
	static struct feed f = { .lock = PTHREAD_MUTEX_INITIALIZER,
	                         .more = PTHREAD_COND_INITIALIZER };
	f.size = (size_t)kb * 1024;
	f.fd = fd;
	pthread_t thread;
	demo_pthread_create(&thread, feeder, &f);  /* at the first put() */
	for (long i = 1; i <= items; i++) {
		put(&f, i);
		demo_say("writer: put item %ld (%ld KiB); put() returned at "
		         "once", i, kb);
	}
	demo_say("writer: done putting; this process ends when its feeder "
	         "has written everything");
	check(pthread_mutex_lock(&f.lock), "pthread_mutex_lock");
	f.closed = 1;                              /* q.close() */
	check(pthread_cond_signal(&f.more), "pthread_cond_signal");
	check(pthread_mutex_unlock(&f.lock), "pthread_mutex_unlock");
	demo_pthread_join(thread);     /* what Python does at exit */
}

int demo_queue_feeder(const long *values)
{
	long items = values[0], kb = values[1];
	int q[2];
	demo_pipe(q);                              /* q = Queue() */
	pid_t w = demo_fork();
	if (w == 0) {
		demo_child("writer");
		close(q[0]);
		writer_process(q[1], items, kb);
		_exit(0);
	}
	close(q[1]);
	int capacity = fcntl(q[0], F_GETPIPE_SZ);
	if (capacity < 0)
		demo_fail("fcntl", errno);
	demo_sleep(1);                        /* pw.join(timeout=1) */
	if (demo_proc_state(w) == 'Z') {      /* ended, not yet reaped */
		demo_say("parent: after join(timeout=1) the writer has ended");
	} else {
		int queued;
		if (ioctl(q[0], FIONREAD, &queued) != 0)
			demo_fail("ioctl", errno);
		demo_say("parent: after join(timeout=1) the writer is still "
		         "alive; the pipe holds %d of its %d bytes", queued,
		         capacity);
	}
	char *item = malloc((size_t)kb * 1024);
	if (!item)
		demo_fail("malloc", errno);
	for (long i = 1; i <= items; i++) {
		read_all(q[0], item, (size_t)kb * 1024, w);  /* q.get() */
		demo_say("parent: got item %ld (%ld bytes)", i, kb * 1024);
	}
	free(item);
	demo_waitpid(w);                      /* pw.join() */
	demo_say("parent: joined the writer");
	return 0;
}
/* end snippet */
