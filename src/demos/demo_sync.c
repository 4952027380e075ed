/* demo_sync.c - the lesson on semaphores, events and condition variables,
 * and a lock that works between processes (a POSIX named semaphore). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* ---- checked calls ---------------------------------------------------- */

/* A pthread call's result: 0, or the error number itself (pthread calls
   do not set errno). */
static void check(int err, const char *call)
{
	if (err != 0)
		demo_fail(call, err);
}

static void barrier_init(pthread_barrier_t *barrier, long count)
{
	check(pthread_barrier_init(barrier, NULL, (unsigned)count),
	      "pthread_barrier_init");
}

static void barrier_wait(pthread_barrier_t *barrier)
{
	int err = pthread_barrier_wait(barrier);
	if (err != 0 && err != PTHREAD_BARRIER_SERIAL_THREAD)
		demo_fail("pthread_barrier_wait", err);
}

static void barrier_destroy(pthread_barrier_t *barrier)
{
	check(pthread_barrier_destroy(barrier), "pthread_barrier_destroy");
}

/* snippet: sync-checked */
/* pthread calls return 0 or an error number; sem_* calls return -1 and
   set errno. Every one is checked: a failure ends the demo, saying so. */
static void lock(pthread_mutex_t *mutex)
{
	check(pthread_mutex_lock(mutex), "pthread_mutex_lock");
}

static void unlock(pthread_mutex_t *mutex)
{
	check(pthread_mutex_unlock(mutex), "pthread_mutex_unlock");
}

/* Unlock mutex, sleep until cond is signalled, lock mutex again. */
static void wait_on(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
	check(pthread_cond_wait(cond, mutex), "pthread_cond_wait");
}

/* Wake every thread waiting on cond. */
static void wake_all(pthread_cond_t *cond)
{
	check(pthread_cond_broadcast(cond), "pthread_cond_broadcast");
}

/* Take one unit of the semaphore, sleeping while it is 0. */
static void sem_down(sem_t *sem)
{
	while (sem_wait(sem) != 0)
		if (errno != EINTR)             /* a signal: try again */
			demo_fail("sem_wait", errno);
}

/* Give one unit back, waking one sleeper if any. */
static void sem_up(sem_t *sem)
{
	if (sem_post(sem) != 0)
		demo_fail("sem_post", errno);
}
/* end snippet */

/* ---- a semaphore: 2 slots, 5 workers ----------------------------------- */

/* snippet: sync-semaphore */
static sem_t slots;            /* its value: how many slots are free */
static long slot_count;
static double hold_seconds;    /* how long a worker keeps its slot */
static pthread_barrier_t start_line;     /* the workers try together */

/* The counts the lines show, and the lines: one mutex keeps them true. */
static pthread_mutex_t books = PTHREAD_MUTEX_INITIALIZER;
static long inside, waiting, most_inside, found_full;

static void report(const char *me, const char *what)    /* books held */
{
	demo_say("%s: %s: %ld of %ld slots taken, %ld waiting", me, what,
	         inside, slot_count, waiting);
}

static void *worker(void *arg)
{
	const char *me = arg;
	demo_name_thread(me);
	barrier_wait(&start_line);
	/* The try and the books in one step: a slot taken is counted
	   before another worker can print what it saw. */
	lock(&books);
	bool waited = false;
	if (sem_trywait(&slots) != 0) {         /* no slot free right now */
		if (errno != EAGAIN)
			demo_fail("sem_trywait", errno);
		waiting++;
		found_full++;
		report(me, "no free slot, waiting");
		unlock(&books);
		sem_down(&slots);               /* sleeps until a sem_post */
		lock(&books);
		waited = true;
	}
	waiting -= waited;
	inside++;
	if (inside > most_inside)
		most_inside = inside;
	report(me, "entered");
	unlock(&books);

	demo_sleep(hold_seconds);               /* the work, slot held */

	lock(&books);
	inside--;
	report(me, "left");
	sem_up(&slots);                         /* the slot is free again */
	unlock(&books);
	return NULL;
}

int demo_sync_semaphore(const long *values)
{
	long workers = values[0];
	slot_count = values[1];
	hold_seconds = (double)values[2];
	/* 0: shared by this process's threads; slot_count units to start. */
	if (sem_init(&slots, 0, (unsigned)slot_count) != 0)
		demo_fail("sem_init", errno);
	barrier_init(&start_line, workers);
	static char names[16][32];
	pthread_t threads[16];
	for (long k = 0; k < workers; k++) {
		snprintf(names[k], sizeof names[k], "worker-%ld", k + 1);
		demo_pthread_create(&threads[k], worker, names[k]);
	}
	for (long k = 0; k < workers; k++)
		demo_pthread_join(threads[k]);
	demo_say("MainThread: %ld of %ld workers found no free slot and "
	         "waited; at most %ld %s inside at once", found_full,
	         workers, most_inside, most_inside == 1 ? "was" : "were");
	barrier_destroy(&start_line);
	if (sem_destroy(&slots) != 0)
		demo_fail("sem_destroy", errno);
	return 0;
}
/* end snippet */

/* ---- an event: one set, every waiter wakes ------------------------------ */

/* snippet: sync-event */
/* An event is a flag, a mutex that guards it, and a condition variable
   to sleep on until it changes: Python's threading.Event is built so. */
struct event {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	bool set;
};

static void event_set(struct event *e)
{
	lock(&e->lock);
	e->set = true;
	wake_all(&e->changed);          /* pthread_cond_broadcast: all */
	unlock(&e->lock);
}

static void event_wait(struct event *e)
{
	lock(&e->lock);
	while (!e->set)                 /* while, never if: see step 3 */
		wait_on(&e->changed, &e->lock);
	unlock(&e->lock);
}

static bool event_is_set(struct event *e)
{
	lock(&e->lock);
	bool set = e->set;
	unlock(&e->lock);
	return set;
}

static struct event go = { PTHREAD_MUTEX_INITIALIZER,
                           PTHREAD_COND_INITIALIZER, false };
static double set_at;           /* seconds into the demo, at the set */

struct waiter {
	char name[32];
	bool waited;
	double woke_ms;             /* how long after the set it woke */
};

static void *waiter(void *arg)
{
	struct waiter *w = arg;
	demo_name_thread(w->name);
	if (event_is_set(&go)) {
		demo_say("%s: the event is already set: wait() returns at "
		         "once", w->name);
		return NULL;
	}
	demo_say("%s: waiting for the event", w->name);
	event_wait(&go);
	w->woke_ms = (demo_elapsed() - set_at) * 1e3;
	w->waited = true;
	demo_say("%s: woke %.3f ms after the set", w->name, w->woke_ms);
	return NULL;
}

int demo_sync_event(const long *values)
{
	long count = values[0];
	static struct waiter waiters[17];
	pthread_t threads[17];
	for (long k = 0; k < count; k++) {
		snprintf(waiters[k].name, sizeof waiters[k].name,
		         "waiter-%ld", k + 1);
		demo_pthread_create(&threads[k], waiter, &waiters[k]);
	}
	demo_sleep((double)values[1]);
	demo_say("MainThread: setting the event");
	set_at = demo_elapsed();
	event_set(&go);
	for (long k = 0; k < count; k++)
		demo_pthread_join(threads[k]);

	long woke = 0;
	double last = 0;
	for (long k = 0; k < count; k++) {
		if (!waiters[k].waited)
			continue;
		woke++;
		if (waiters[k].woke_ms > last)
			last = waiters[k].woke_ms;
	}
	if (woke > 1)
		demo_say("MainThread: %ld waiters woke, all within %.3f ms of "
		         "the one set", woke, last);
	else if (woke == 1)
		demo_say("MainThread: 1 waiter woke, %.3f ms after the one set",
		         last);
	else
		demo_say("MainThread: no waiter was waiting yet when it was "
		         "set: no wake-up to time (try after=1)");
	/* An event stays set: a thread that comes later does not wait. */
	struct waiter *late = &waiters[count];
	snprintf(late->name, sizeof late->name, "latecomer");
	demo_pthread_create(&threads[count], waiter, late);
	demo_pthread_join(threads[count]);
	return 0;
}
/* end snippet */

/* ---- a condition variable: a bounded buffer ----------------------------- */

/* snippet: sync-condition */
static pthread_mutex_t buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER; /* buffer did */
static long ring[16], head, count, capacity;  /* count items from head */
static bool done;              /* the producer has put its last item */
static bool use_while;         /* off: the bug, an if instead of a while */
static long empty_wakeups;     /* woke up, and there was nothing to take */
static long items_used;

/* One line with the buffer's level: "buffer 1/2 [#.]". */
static void show(const char *me, const char *fmt, ...)  /* lock held */
	__attribute__((format(printf, 2, 3)));

static void show(const char *me, const char *fmt, ...)
{
	char what[200], bar[17];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	for (long i = 0; i < capacity; i++)
		bar[i] = i < count ? '#' : '.';
	bar[capacity] = '\0';
	demo_say("%s: %s; buffer %ld/%ld [%s]", me, what, count, capacity,
	         bar);
}

static void *producer(void *arg)
{
	long items = *(const long *)arg;
	demo_name_thread("producer");
	for (long item = 1; item <= items; item++) {
		demo_sleep(0.3);                /* making the item */
		lock(&buffer_lock);
		if (count == capacity)
			show("producer", "buffer full, waiting");
		while (count == capacity)       /* wait for room */
			wait_on(&changed, &buffer_lock);
		ring[(head + count) % capacity] = item;
		count++;
		show("producer", "put item %ld", item);
		wake_all(&changed);             /* notify_all() */
		unlock(&buffer_lock);
	}
	lock(&buffer_lock);
	done = true;
	show("producer", "done, no more items");
	wake_all(&changed);
	unlock(&buffer_lock);
	return NULL;
}

static void *consumer(void *arg)
{
	const char *me = arg;
	demo_name_thread(me);
	for (;;) {
		lock(&buffer_lock);
		if (count == 0 && !done)
			show(me, "buffer empty, waiting");
		if (use_while) {
			while (count == 0 && !done) {   /* re-check on waking */
				wait_on(&changed, &buffer_lock);
				if (count == 0 && !done)
					empty_wakeups++;  /* wait again */
			}
		} else if (count == 0 && !done) {       /* checked once */
			wait_on(&changed, &buffer_lock);
			if (count == 0 && !done) {
				empty_wakeups++;
				show(me, "woke to an empty buffer: with if, not "
				     "while, I would take an item that is "
				     "not there");
				unlock(&buffer_lock);
				continue;       /* the demo skips it */
			}
		}
		if (count == 0) {               /* empty, and done */
			unlock(&buffer_lock);
			return NULL;
		}
		long item = ring[head];
		head = (head + 1) % capacity;
		count--;
		items_used++;
		show(me, "took item %ld", item);
		wake_all(&changed);
		unlock(&buffer_lock);
		demo_sleep(0.6);                /* using the item */
	}
}

int demo_sync_condition(const long *values)
{
	long items = values[0], consumers = values[2];
	capacity = values[1];
	use_while = values[3];
	static char names[4][32];
	pthread_t threads[5];
	demo_pthread_create(&threads[0], producer, &items);
	for (long k = 0; k < consumers; k++) {
		snprintf(names[k], sizeof names[k], "consumer-%ld", k + 1);
		demo_pthread_create(&threads[k + 1], consumer, names[k]);
	}
	for (long k = 0; k <= consumers; k++)
		demo_pthread_join(threads[k]);
	demo_say("MainThread: %ld items made, %ld used; %ld wake-ups found "
	         "the buffer empty, and %s", items, items_used,
	         empty_wakeups, use_while ? "the while loop sent each back "
	         "to wait" : "the if let each one through");
	return 0;
}
/* end snippet */

/* ---- a lock between processes: a POSIX named semaphore ------------------ */

/* Say whether /dev/shm has the entry file, and its size; its inode, or 0
   when it is not there. Never fails: it runs while a stop is held off. */
static ino_t list_shm(const char *file)
{
	char path[64];
	snprintf(path, sizeof path, "/dev/shm/%s", file);
	struct stat st;
	if (stat(path, &st) != 0) {
		demo_say("parent: ls /dev/shm: no %s (%s)", file,
		         strerror(errno));
		return 0;
	}
	demo_say("parent: ls /dev/shm: %s, %lld bytes, inode %llu", file,
	         (long long)st.st_size, (unsigned long long)st.st_ino);
	return st.st_ino;
}

/* Say which line of /proc/self/maps maps the file with inode ino. */
static void show_mapping(ino_t ino)
{
	FILE *maps = fopen("/proc/self/maps", "r");
	if (!maps)
		demo_fail("reading /proc/self/maps", errno);
	char line[512];
	while (fgets(line, sizeof line, maps)) {
		unsigned long long inode;
		int path_at = 0;
		line[strcspn(line, "\n")] = '\0';
		/* address perms offset device inode path */
		if (sscanf(line, "%*s %*s %*s %*s %llu %n", &inode,
		           &path_at) != 1 || inode != ino || !path_at ||
		    strncmp(line + path_at, "/dev/shm/", 9) != 0)
			continue;
		demo_say("parent: /proc/self/maps: inode %llu is still mapped, "
		         "as %s", inode, line + path_at);
	}
	if (ferror(maps))
		demo_fail("reading /proc/self/maps", errno);
	fclose(maps);
}

/* Block until fd has a byte, or its end (every writer closed it). */
static void read_byte(int fd)
{
	char c;
	while (read(fd, &c, 1) < 0)
		if (errno != EINTR)
			demo_fail("read", errno);
}

/* snippet: sync-printers */
#define PIECES 4

/* printer-K writes its line, "KKKKKKKK", in 4 pieces with a pause
   between: without the lock, other printers' pieces get in between. */
static void print_line(int screen, int me, sem_t *lock, bool use_lock)
{
	char piece[4] = { (char)('0' + me), (char)('0' + me), '\n', 0 };
	if (use_lock)
		sem_down(lock);                 /* lock.acquire() */
	for (int i = 0; i < PIECES; i++) {
		demo_write_all(screen, piece, i == PIECES - 1 ? 3 : 2);
		demo_sleep(0.05);
		sched_yield();                  /* let the others run */
	}
	if (use_lock)
		sem_up(lock);                   /* lock.release() */
	demo_sleep(0.05);                       /* before the next line */
}

/* The named semaphore: made, shown in /dev/shm and unlinked at once,
   with a stop (SIGTERM, SIGINT, SIGHUP) held off meanwhile, so that no
   stop can leave its name behind. Its memory stays, mapped in this
   process and, after fork(), in its children, until the last unmaps it. */
static sem_t *make_lock(const char *name, const char *file, ino_t *inode)
{
	sigset_t stops, old;
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGHUP);
	check(pthread_sigmask(SIG_BLOCK, &stops, &old), "pthread_sigmask");
	/* O_EXCL: a new one, never someone else's; 1: free, as a lock. */
	sem_t *sem = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
	int err = sem == SEM_FAILED ? errno : 0;
	if (sem != SEM_FAILED) {
		*inode = list_shm(file);        /* there it is, by its name */
		if (sem_unlink(name) != 0)
			err = errno;
	}
	check(pthread_sigmask(SIG_SETMASK, &old, NULL), "pthread_sigmask");
	if (err != 0)
		demo_fail(sem == SEM_FAILED ? "sem_open" : "sem_unlink", err);
	return sem;
}

static void printer(int me, int screen, int start, long lines,
                    sem_t *lock, bool use_lock)
{
	char name[32];
	snprintf(name, sizeof name, "printer-%d", me);
	demo_child(name);
	read_byte(start);               /* until all are there: go */
	for (long n = 0; n < lines; n++)
		print_line(screen, me, lock, use_lock);
	_exit(0);
}
/* end snippet */

/* What the parent makes of one line off the screen pipe: whole, or torn,
   and whose pieces are in it. */
static bool judge_line(const char *text)
{
	size_t len = strlen(text);
	bool whole = len == 2 * PIECES;
	for (size_t i = 1; whole && i < len; i++)
		whole = text[i] == text[0];
	if (whole) {
		demo_say("parent: got \"%s\" whole", text);
		return true;
	}
	char who[64] = "";
	for (char d = '1'; d <= '9'; d++)
		if (strchr(text, d))
			snprintf(who + strlen(who), sizeof who - strlen(who),
			         "%s%c", who[0] ? ", " : "", d);
	demo_say("parent: got \"%s\" torn: pieces of printer%s %s", text,
	         strchr(who, ',') ? "s" : "", who);
	return false;
}

/* Read the screen pipe to its end, judging each line as it comes. */
static void read_screen(int fd, long *lines, long *whole)
{
	char buf[4096];
	size_t have = 0;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			demo_fail("read", errno);
		if (n == 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		char *end;
		while ((end = memchr(buf, '\n', have)) != NULL) {
			*end = '\0';
			(*lines)++;
			*whole += judge_line(buf);
			have -= (size_t)(end + 1 - buf);
			memmove(buf, end + 1, have);
		}
		if (have == sizeof buf - 1)     /* a line that long: cut it */
			have = 0;
	}
}

/* snippet: sync-printers-main */
int demo_sync_printers(const long *values)
{
	long printers = values[0], lines = values[1];
	bool use_lock = values[2];
	char name[32], file[40];
	snprintf(name, sizeof name, "/forklore-%d", (int)getpid());
	snprintf(file, sizeof file, "sem.%s", name + 1);
	ino_t inode = 0;
	sem_t *lock = make_lock(name, file, &inode);
	demo_say("parent: sem_unlink(\"%s\") done", name);
	list_shm(file);
	show_mapping(inode);            /* the semaphore itself lives on */

	int screen[2], start[2];
	demo_pipe(screen);              /* what every printer writes to */
	demo_pipe(start);
	for (int k = 1; k <= printers; k++)
		if (demo_fork() == 0) {
			demo_close(screen[0]);
			demo_close(start[1]);
			printer(k, screen[1], start[0], lines, lock, use_lock);
		}
	demo_close(screen[1]);
	demo_close(start[0]);
	demo_say("parent: %ld printers, %ld line%s each, %s", printers,
	         lines, lines == 1 ? "" : "s",
	         use_lock ? "each holding the lock for a whole line" :
	         "no lock");
	demo_close(start[1]);             /* go */
	long got = 0, whole = 0;
	read_screen(screen[0], &got, &whole);
	demo_close(screen[0]);
	while (demo_wait(NULL) > 0)
		;
	if (sem_close(lock) != 0)
		demo_fail("sem_close", errno);
	demo_say("parent: %ld of %ld lines came out whole", whole, got);
	return 0;
}
/* end snippet */
