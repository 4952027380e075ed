/* demo_cancel.c - the lesson on stopping a thread from outside, and on
 * signals in a process with threads: pthread_cancel() of a thread that
 * holds a mutex, cleanup handlers, cancellation points, and which thread
 * a signal goes to. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* ---- checked calls, and what /proc says of one of our threads ------- */

/* pthread calls return 0 or an error number; a failure ends the demo. */
static void check(int err, const char *call)
{
	if (err != 0)
		demo_fail(call, err);
}

static void lock_it(pthread_mutex_t *mutex)
{
	check(pthread_mutex_lock(mutex), "pthread_mutex_lock");
}

static void unlock_it(pthread_mutex_t *mutex)
{
	check(pthread_mutex_unlock(mutex), "pthread_mutex_unlock");
}

static void barrier_init(pthread_barrier_t *barrier, unsigned count)
{
	check(pthread_barrier_init(barrier, NULL, count),
	      "pthread_barrier_init");
}

static void barrier_wait(pthread_barrier_t *barrier)
{
	int err = pthread_barrier_wait(barrier);
	if (err != 0 && err != PTHREAD_BARRIER_SERIAL_THREAD)
		demo_fail("pthread_barrier_wait", err);
}

static double now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		demo_fail("clock_gettime", errno);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep this many real seconds (not scaled: for polling /proc). */
static void nap(double seconds)
{
	struct timespec ts = { (time_t)seconds,
	                       (long)((seconds - (double)(time_t)seconds) * 1e9) };
	if (nanosleep(&ts, NULL) != 0 && errno != EINTR)
		demo_fail("nanosleep", errno);
}

/* The contents of /proc/self/task/TID/NAME; 0, or -1 when the thread is
   gone. Any other failure to read ends the demo, which must not guess. */
static int read_task(pid_t tid, const char *name, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/%s", (int)tid, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return -1;
	if (fd < 0)
		demo_fail("reading /proc", errno);
	ssize_t n = read(fd, buf, size - 1);
	int err = errno;
	close(fd);
	if (n < 0 && err == ESRCH)
		return -1;
	if (n < 0)
		demo_fail("reading /proc", err);
	buf[n] = '\0';
	return 0;
}

/* A thread's state letter (R, S, ...), or 0 when it is gone. */
static char task_state(pid_t tid)
{
	char buf[512];
	if (read_task(tid, "stat", buf, sizeof buf) != 0)
		return 0;
	const char *close_paren = strrchr(buf, ')');
	return close_paren && close_paren[1] == ' ' ? close_paren[2] : '?';
}

/* The system call a thread is blocked in, from /proc/self/task/TID/
   syscall; -1 while it runs (or is gone). */
static long task_syscall(pid_t tid)
{
	char buf[256];
	if (read_task(tid, "syscall", buf, sizeof buf) != 0 ||
	    buf[0] < '0' || buf[0] > '9')
		return -1;
	return strtol(buf, NULL, 10);
}

/* Wait (at most 2 s) until thread tid sleeps in futex(), the call a
   contended mutex or a semaphore waits in; 1 if it did. */
static int wait_blocked_in_futex(pid_t tid)
{
	double limit = now() + 2.0;
	while (now() < limit) {
		if (task_state(tid) == 'S' && task_syscall(tid) == SYS_futex)
			return 1;
		nap(0.001);
	}
	return 0;
}

/* Wait until *tid has been set by its thread (it stores its gettid()). */
static pid_t wait_for_tid(atomic_int *tid)
{
	double limit = now() + 10.0;
	while (atomic_load(tid) == 0) {
		if (now() > limit)
			demo_fail("waiting for a new thread to start", ETIMEDOUT);
		nap(0.0005);
	}
	return (pid_t)atomic_load(tid);
}

/* ---- pthread_cancel() of a thread that holds a mutex ---------------- */

/* snippet: cancel-lock */
static pthread_mutex_t account_lock = PTHREAD_MUTEX_INITIALIZER;
static long account_a = 1000, account_b = 0;   /* a + b: always 1000 */
static pthread_barrier_t has_lock;             /* the holder has it */
static atomic_int holder_returned, waiter_tid;

/* Move 100 from a to b, under the lock; half way, wait for something. */
static void transfer(void)
{
	account_a -= 100;
	demo_say("holder: took 100 from a; waiting in pause() before adding "
	         "it to b");
	barrier_wait(&has_lock);                /* main may go on now */
	pause();                                /* a cancellation point */
	account_b += 100;
}

/* Run if the thread is cancelled between push and pop. */
static void unlock_on_cancel(void *mutex)
{
	demo_say("holder: cleanup handler: unlocking the mutex");
	unlock_it(mutex);
}

static void *holder(void *arg)
{
	int cleanup = *(const int *)arg;
	demo_name_thread("holder");
	lock_it(&account_lock);
	demo_say("holder: I have the lock");
	if (cleanup) {
		pthread_cleanup_push(unlock_on_cancel, &account_lock);
		transfer();
		pthread_cleanup_pop(1);         /* 1: run it now, too */
	} else {
		transfer();
		unlock_it(&account_lock);       /* skipped if cancelled */
	}
	atomic_store(&holder_returned, 1);
	return NULL;
}

static void *waiter(void *arg)
{
	(void)arg;
	demo_name_thread("waiter");
	atomic_store(&waiter_tid, gettid());
	demo_say("waiter: locking the mutex...");
	double began = demo_elapsed();
	lock_it(&account_lock);                 /* waits for an unlock */
	long sum = account_a + account_b;
	demo_say("waiter: got the lock after %.2f s; a + b = %ld%s",
	         demo_elapsed() - began, sum, sum == 1000 ? "" :
	         ", not 1000: the transfer was cut off half way");
	unlock_it(&account_lock);
	return NULL;
}

int demo_cancel_lock(const long *values)
{
	int cleanup = (int)values[0];
	pthread_t threads[2];
	barrier_init(&has_lock, 2);
	demo_pthread_create(&threads[0], holder, &cleanup);
	barrier_wait(&has_lock);
	demo_pthread_create(&threads[1], waiter, NULL);
	pid_t tid = wait_for_tid(&waiter_tid);
	if (wait_blocked_in_futex(tid))
		demo_say("MainThread: waiter sleeps in futex(), state S");
	else
		demo_say("MainThread: waiter not seen asleep in futex() "
		         "within 2 s (a busy machine?)");
	demo_say("MainThread: cancelling holder: pthread_cancel()");
	double asked = demo_elapsed();
	check(pthread_cancel(threads[0]), "pthread_cancel");
	demo_pthread_join(threads[0]);
	demo_say("MainThread: holder is gone, %.2f s after the request%s",
	         demo_elapsed() - asked, atomic_load(&holder_returned) ?
	         " (it returned)" : ": cancelled, it never returned");
	if (cleanup) {
		demo_pthread_join(threads[1]);
		demo_say("MainThread: waiter got the lock and ended; the "
		         "cleanup handler unlocked it");
		return 0;
	}
	/* Nobody will ever unlock it: look, for a while, then leave. */
	double since = demo_elapsed();
	demo_sleep((double)values[1]);
	char state = task_state(tid);
	demo_say("MainThread: waiter has waited %.1f s more in state %c: the "
	         "lock's owner is gone, it will never be unlocked",
	         demo_elapsed() - since, state ? state : '-');
	demo_say("MainThread: returning from main; exit() ends the waiter "
	         "too");
	return 0;
}
/* end snippet */

/* ---- cancellation points ------------------------------------------- */

/* One round of pure computing, about seconds long (scaled): no call in
   it is a cancellation point. */
static volatile unsigned long sink;     /* keeps the work from being
                                           optimised away */
static void compute(double seconds)
{
	double until = now() + seconds * demo_speed();
	unsigned long x = 1;
	do {
		for (int i = 0; i < 10000; i++)
			x = x * 6364136223846793005ul + 1442695040888963407ul;
	} while (now() < until);
	sink = x;
}

/* snippet: cancel-point */
static pthread_barrier_t go;            /* the spinner starts on main's go */
static atomic_long rounds_done;
static atomic_int spinner_returned;
static int test_cancel;

/* write() is a cancellation point: turn cancelling off to print. */
static void say_uncancelled(long round, long rounds)
{
	int was;
	check(pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &was),
	      "pthread_setcancelstate");
	demo_say("spinner: round %ld of %ld done", round, rounds);
	check(pthread_setcancelstate(was, NULL), "pthread_setcancelstate");
}

static void *spinner(void *arg)
{
	long rounds = *(const long *)arg;
	demo_name_thread("spinner");
	barrier_wait(&go);                  /* not a cancellation point */
	for (long round = 1; round <= rounds; round++) {
		if (test_cancel)
			pthread_testcancel();   /* a cancellation point */
		compute(0.3);                   /* none in here */
		atomic_store(&rounds_done, round);
		say_uncancelled(round, rounds);
	}
	demo_say("spinner: all %ld rounds done, and I return", rounds);
	atomic_store(&spinner_returned, 1);
	return NULL;
}

int demo_cancel_point(const long *values)
{
	long rounds = values[0];
	test_cancel = (int)values[1];
	pthread_t thread;
	barrier_init(&go, 2);
	demo_pthread_create(&thread, spinner, &rounds);
	demo_say("MainThread: cancelling the spinner before its first round: "
	         "pthread_cancel()");
	double asked = demo_elapsed();
	check(pthread_cancel(thread), "pthread_cancel");
	barrier_wait(&go);                  /* now it may start */
	demo_pthread_join(thread);
	long done = atomic_load(&rounds_done);
	demo_say("MainThread: the spinner ended after %ld of %ld rounds, "
	         "%.2f s after the request", done, rounds,
	         demo_elapsed() - asked);
	if (!atomic_load(&spinner_returned) && done == rounds)
		demo_say("MainThread: its last line never printed: write() is "
		         "a cancellation point, and the cancel acted there");
	return 0;
}
/* end snippet */

/* ---- signals and threads -------------------------------------------- */

/* snippet: signal-threads */
static atomic_int handled_by;      /* the TID the handler ran in */
static atomic_int reported;
static sem_t quit;                         /* posted once per worker */

/* A handler may call only async-signal-safe functions: no printf, no
   malloc, no locks. It notes which thread ran it; that thread prints.
   (A lock-free atomic is safe here, and other threads may read it; a
   volatile sig_atomic_t is only for the handler's own thread.) */
static void on_usr1(int sig)
{
	(void)sig;
	atomic_store(&handled_by, gettid());
}

/* After a wake-up: if the handler ran in this thread, say so, once. */
static void report_if_mine(const char *name)
{
	if (atomic_load(&handled_by) == gettid() &&
	    !atomic_exchange(&reported, 1))
		demo_say("%s: signal %d (SIGUSR1) handled by thread %s "
		         "(tid %d)", name, SIGUSR1, name, gettid());
}

struct worker {
	char name[24];                     /* the kernel keeps 15 bytes */
	int takes_it;                      /* does not block SIGUSR1 */
	atomic_int tid;
};

static void *signal_worker(void *arg)
{
	struct worker *w = arg;
	demo_name_thread(w->name);
	if (w->takes_it) {                 /* the mask came from main */
		sigset_t usr1;
		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		check(pthread_sigmask(SIG_UNBLOCK, &usr1, NULL),
		      "pthread_sigmask");
	}
	atomic_store(&w->tid, gettid());
	while (sem_wait(&quit) != 0) {     /* EINTR: a handler ran here */
		if (errno != EINTR)
			demo_fail("sem_wait", errno);
		report_if_mine(w->name);
	}
	report_if_mine(w->name);
	return NULL;
}
/* end snippet */

/* Is SIGUSR1 pending for thread tid, that is, sent but not taken? */
static int usr1_pending(pid_t tid)
{
	char buf[2048];
	if (read_task(tid, "status", buf, sizeof buf) != 0)
		return 0;
	const char *line = strstr(buf, "\nSigPnd:");
	unsigned long long set = line ? strtoull(line + 8, NULL, 16) : 0;
	return (int)((set >> (SIGUSR1 - 1)) & 1);
}

/* snippet: signal-threads-main */
int demo_signal_threads(const long *values)
{
	long count = values[0], taker = values[1], target = values[2];
	if (taker > count || target > count) {
		demo_say("MainThread: open=%ld, target=%ld: there are only %ld "
		         "workers (0 means none)", taker, target, count);
		return 2;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0)  /* no SA_RESTART */
		demo_fail("sigaction", errno);
	if (sem_init(&quit, 0, 0) != 0)
		demo_fail("sem_init", errno);
	if (taker) {           /* block it here; new threads inherit that */
		sigset_t usr1;
		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		check(pthread_sigmask(SIG_BLOCK, &usr1, NULL), "pthread_sigmask");
	}
	static struct worker workers[8];
	pthread_t threads[8];
	for (long k = 0; k < count; k++) {
		snprintf(workers[k].name, sizeof workers[k].name, "worker-%d",
		         (int)(k + 1));
		workers[k].takes_it = taker == 0 || taker == k + 1;
		demo_pthread_create(&threads[k], signal_worker, &workers[k]);
	}
	for (long k = 0; k < count; k++)       /* all asleep in sem_wait() */
		wait_blocked_in_futex(wait_for_tid(&workers[k].tid));
	if (taker)
		demo_say("MainThread: every thread blocks SIGUSR1 but worker-%ld",
		         taker);
	else
		demo_say("MainThread: no thread blocks SIGUSR1");
	demo_sleep((double)values[3]);
	if (target == 0) {
		demo_say("MainThread: kill(getpid(), SIGUSR1): to the process");
		demo_kill(getpid(), SIGUSR1);
	} else {
		demo_say("MainThread: pthread_kill(worker-%ld, SIGUSR1): to that "
		         "thread alone", target);
		check(pthread_kill(threads[target - 1], SIGUSR1), "pthread_kill");
	}
	/* Until a thread has said it took it, or it is stuck pending. */
	pid_t aimed = target ? (pid_t)atomic_load(&workers[target - 1].tid) : 0;
	double limit = demo_elapsed() + 2.0;
	while (!atomic_load(&reported) && demo_elapsed() < limit) {
		report_if_mine("MainThread");  /* the handler may run here */
		if (aimed && !workers[target - 1].takes_it && usr1_pending(aimed))
			break;
		nap(0.001);
	}
	if (!atomic_load(&reported) && aimed && usr1_pending(aimed))
		demo_say("MainThread: nobody took it: worker-%ld blocks SIGUSR1, "
		         "so it stays pending on that thread (SigPnd in /proc)",
		         target);
	else if (!atomic_load(&reported))
		demo_say("MainThread: no thread reported the signal within 2 s");
	for (long k = 0; k < count; k++)
		if (sem_post(&quit) != 0)
			demo_fail("sem_post", errno);
	for (long k = 0; k < count; k++)
		demo_pthread_join(threads[k]);
	return 0;
}
/* end snippet */
