/* demo.c - the one table of built-in demos, and parameter checking. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "demo.h"
#include "i18n.h"
#include "util.h"

/* Every demo, with its parameters: name, type, range, default, help. */
const struct demo demo_table[] = {
	{ "fork-once", "fork",
	  N_("one fork(): parent and child each say who they are"),
	  "parent",
	  { { "linger", PARAM_INT, 0, 30, 2,
	      N_("seconds the child stays alive before it exits") } },
	  demo_fork_once },
	{ "fork-memory", "fork",
	  N_("the child changes a variable; the parent's copy stays"),
	  "parent",
	  { { "value", PARAM_INT, -1000000, 1000000, 100,
	      N_("starting value of the variable") },
	    { "linger", PARAM_INT, 0, 30, 1,
	      N_("seconds the child stays alive after changing it") } },
	  demo_fork_memory },
	{ "fork-twice", "fork",
	  N_("two fork() calls in a row: how many processes?"),
	  "parent",
	  { { "linger", PARAM_INT, 0, 30, 2,
	      N_("seconds each process stays alive before it exits") } },
	  demo_fork_twice },
	{ "fork-many", "fork",
	  N_("fork children in a loop, then wait for each as it ends"),
	  "parent",
	  { { "children", PARAM_INT, 1, 100, 3, N_("how many children to fork") },
	    { "linger", PARAM_INT, 0, 30, 3,
	      N_("each child lives a random time up to this many seconds") } },
	  demo_fork_many },
	{ "process-start", "process",
	  N_("start a worker process; join it, or go on without joining"),
	  "parent",
	  { { "steps", PARAM_INT, 1, 20, 3, N_("steps the worker takes, half a "
	      "second each") },
	    { "join", PARAM_BOOL, 0, 1, 1, N_("wait for the worker before going "
	      "on") } },
	  demo_process_start },
	{ "process-zombie", "process",
	  N_("a child exits; until its parent waits, it is a zombie"),
	  "parent",
	  { { "linger", PARAM_INT, 0, 30, 4,
	      N_("seconds the parent leaves the zombie unreaped") } },
	  demo_process_zombie },
	{ "process-terminate", "process",
	  N_("end a child that would run forever, with SIGTERM"),
	  "parent",
	  { { "after", PARAM_INT, 0, 30, 2,
	      N_("seconds before the parent terminates it") },
	    { "join", PARAM_BOOL, 0, 1, 1, N_("wait for it right after the "
	      "signal (off: leave it a zombie for a while)") },
	    { "linger", PARAM_INT, 0, 30, 3, N_("with join=off: seconds the "
	      "ended child stays unreaped") } },
	  demo_process_terminate },
	{ "process-daemon", "process",
	  N_("a daemon child is killed when its parent ends"),
	  "parent",
	  { { "work", PARAM_INT, 0, 30, 2,
	      N_("seconds the parent works before it leaves") } },
	  demo_process_daemon },
	{ "process-many", "process",
	  N_("start several workers, list the active ones, join them all"),
	  "parent",
	  { { "workers", PARAM_INT, 1, 16, 4, N_("how many workers") } },
	  demo_process_many },
	{ "pool-run", "pool",
	  N_("worker processes take tasks; a task waits for a free one"),
	  "parent",
	  { { "workers", PARAM_INT, 1, 16, 4, N_("worker processes in the pool") },
	    { "tasks", PARAM_INT, 1, 64, 5, N_("tasks to run, each 0 to 3 s") } },
	  demo_pool_run },
	{ "subprocess-call", "subprocess",
	  N_("run ls and false; read their exit codes"),
	  "parent",
	  { { "missing", PARAM_BOOL, 0, 1, 0,
	      N_("also ask for a program that does not exist") } },
	  demo_subprocess_call },
	{ "subprocess-pipe", "subprocess",
	  N_("feed tr text on its stdin, read its stdout back"),
	  "parent",
	  { { "linger", PARAM_INT, 0, 30, 2,
	      N_("seconds before the exec, and again before sending") } },
	  demo_subprocess_pipe },
	{ "queue-pipe", "queue",
	  N_("a writer process puts items, a reader process gets them"),
	  "parent",
	  { { "items", PARAM_INT, 1, 26, 3, N_("how many items to put (A, B, ...)") } },
	  demo_queue_pipe },
	{ "thread-loop", "thread",
	  N_("MainThread starts LoopThread, which counts; then joins it"),
	  "MainThread",
	  { { "count", PARAM_INT, 1, 20, 5,
	      N_("how far LoopThread counts, one number a second") } },
	  demo_thread_loop },
	{ "thread-join", "thread",
	  N_("one PID, own TIDs; join after all, or each in the loop"),
	  "MainThread",
	  { { "threads", PARAM_INT, 1, 16, 5, N_("how many threads to start") },
	    { "seconds", PARAM_INT, 0, 10, 1, N_("how long each one works") },
	    { "together", PARAM_BOOL, 0, 1, 1, N_("start them all, then join "
	      "them all (off: join each in the loop)") } },
	  demo_thread_join },
	{ "thread-daemon", "thread",
	  N_("a thread that never ends dies with its process"),
	  "MainThread",
	  { { "work", PARAM_INT, 0, 30, 2, N_("seconds before main returns") } },
	  demo_thread_daemon },
	{ "thread-stop", "thread",
	  N_("stop a thread the safe way: a flag it checks"),
	  "MainThread",
	  { { "after", PARAM_INT, 0, 30, 1, N_("seconds before asking it to stop") } },
	  demo_thread_stop },
	{ "lock-race", "lock",
	  N_("two threads, one balance: without a lock, updates are lost"),
	  "MainThread",
	  { { "rounds", PARAM_INT, 1, 1000000, 1000, N_("changes per thread") },
	    { "trials", PARAM_INT, 1, 1000, 10, N_("how many times to try") },
	    { "lock", PARAM_BOOL, 0, 1, 0, N_("take a mutex around each change") },
	    { "slow", PARAM_BOOL, 0, 1, 1, N_("slow motion: yield between read "
	      "and write") } },
	  demo_lock_race },
	{ "lock-counter", "lock",
	  N_("threads add 1 to a shared counter many times, with a mutex"),
	  "MainThread",
	  { { "threads", PARAM_INT, 1, 16, 5, N_("how many threads") },
	    { "increments", PARAM_INT, 1, 1000000, 10000,
	      N_("how many times each thread adds 1") },
	    { "lock", PARAM_BOOL, 0, 1, 1, N_("take the mutex around each add") },
	    { "slow", PARAM_BOOL, 0, 1, 0, N_("slow motion: yield between read "
	      "and write") } },
	  demo_lock_counter },
	{ "lock-stuck", "lock",
	  N_("a lock never released: the other threads wait for ever"),
	  "MainThread",
	  { { NULL, 0, 0, 0, 0, NULL } },
	  demo_lock_stuck },
	{ "threadlocal", "threadlocal",
	  N_("Thread-A and Thread-B each greet their own student"),
	  "MainThread",
	  { { NULL, 0, 0, 0, 0, NULL } },
	  demo_threadlocal },
	/* -- lesson: multitasking and time slicing (demo_sched.c) -- */
	{ "sched-turns", "sched",
	  N_("busy processes take turns on one CPU, or run side by side"),
	  "parent",
	  { { "workers", PARAM_INT, 1, 8, 3, N_("how many busy processes") },
	    { "seconds", PARAM_INT, 0, 30, 2, N_("how long they spin") },
	    { "pin", PARAM_BOOL, 0, 1, 1, N_("pin them all to one CPU "
	      "(off: any CPU)") } },
	  demo_sched_turns },
	{ "sched-share", "sched",
	  N_("each process's share of the CPU and its switches, from /proc"),
	  "parent",
	  { { "workers", PARAM_INT, 1, 8, 3, N_("how many busy processes") },
	    { "seconds", PARAM_INT, 0, 60, 3, N_("how long they spin") },
	    { "pin", PARAM_BOOL, 0, 1, 1, N_("pin them all to one CPU "
	      "(off: any CPU)") },
	    { "nice", PARAM_INT, 0, 19, 0, N_("the niceness of busy-1 (the "
	      "others: 0)") },
	    { "sleeper", PARAM_BOOL, 0, 1, 0, N_("add a process that sleeps "
	      "10 ms at a time, as if waiting for I/O") } },
	  demo_sched_share },
	/* -- lesson: the GIL (demo_gil.c) -- */
	{ "gil-cpu", "gil",
	  N_("the same CPU-bound task once, in N threads, in N processes"),
	  "MainThread",
	  { { "workers", PARAM_INT, 1, 16, 2,
	      N_("how many threads, then processes, each doing one task") },
	    { "seconds", PARAM_INT, 1, 10, 1,
	      N_("about how much CPU time one task takes") } },
	  demo_gil_cpu },
	{ "gil-io", "gil",
	  N_("the same blocking wait once, in N threads, in N processes"),
	  "MainThread",
	  { { "workers", PARAM_INT, 1, 16, 2,
	      N_("how many threads, then processes, each doing one task") },
	    { "seconds", PARAM_INT, 1, 10, 1, N_("how long one task waits") } },
	  demo_gil_io },
	{ "gil-switch", "gil",
	  N_("two threads under a GIL in miniature: when it switches, updates go"),
	  "MainThread",
	  { { "rounds", PARAM_INT, 1, 1000000, 20000, N_("changes per thread") },
	    { "trials", PARAM_INT, 1, 1000, 20, N_("how many times to try") },
	    { "interval", PARAM_INT, 1, 100000, 5000,
	      N_("switch interval in microseconds (CPython: 5000)") } },
	  demo_gil_switch },
	/* -- lesson: processes against threads (demo_cost.c) -- */
	{ "cost-create", "cost",
	  N_("fork+wait against pthread_create+join: medians and the ratio"),
	  "parent",
	  { { "rounds", PARAM_INT, 1, 10000, 200,
	      N_("how many of each to time (fewer when sped up)") },
	    { "memory", PARAM_INT, 0, 1024, 0,
	      N_("MB the parent writes first: a bigger parent forks slower") } },
	  demo_cost_create },
	{ "cost-memory", "cost",
	  N_("Rss and Pss of N worker processes against N worker threads"),
	  "parent",
	  { { "workers", PARAM_INT, 1, 16, 4, N_("how many workers of each kind") },
	    { "mb", PARAM_INT, 0, 64, 1, N_("MB each worker allocates and writes") } },
	  demo_cost_memory },
	{ "cost-cow", "cost",
	  N_("copy-on-write: a child's private memory grows as it writes"),
	  "parent",
	  { { "mb", PARAM_INT, 1, 1024, 64,
	      N_("MB of the parent's buffer the child reads, then writes") } },
	  demo_cost_cow },
	{ "cost-crash", "cost",
	  N_("a worker dereferences NULL: in a thread, in a process"),
	  "parent",
	  { { "workers", PARAM_INT, 1, 8, 4, N_("the server's workers") },
	    { "threads", PARAM_BOOL, 0, 1, 1,
	      N_("workers are threads (off: processes)") },
	    { "after", PARAM_INT, 0, 30, 2,
	      N_("seconds the workers tick before the last one crashes") } },
	  demo_cost_crash },
	{ "cost-server", "cost",
	  N_("a server on 127.0.0.1: a worker per connection"),
	  "server",
	  { { "requests", PARAM_INT, 1, 16, 4, N_("requests the client makes") },
	    { "threads", PARAM_BOOL, 0, 1, 0,
	      N_("a thread per connection (off: a process)") },
	    { "work", PARAM_INT, 0, 10, 2,
	      N_("seconds each worker works on its request") } },
	  demo_cost_server },
	/* -- lesson: semaphores, events, conditions (demo_sync.c) -- */
	{ "sync-semaphore", "sync",
	  N_("a semaphore with 2 slots: 2 workers work, the others wait"),
	  "MainThread",
	  { { "workers", PARAM_INT, 1, 16, 5, N_("how many worker threads") },
	    { "slots", PARAM_INT, 1, 16, 2,
	      N_("the semaphore's starting value: workers inside at once") },
	    { "seconds", PARAM_INT, 0, 30, 2,
	      N_("how long each worker keeps its slot") } },
	  demo_sync_semaphore },
	{ "sync-event", "sync",
	  N_("one set() of an event wakes every thread waiting on it"),
	  "MainThread",
	  { { "waiters", PARAM_INT, 1, 16, 4, N_("threads waiting for the event") },
	    { "after", PARAM_INT, 0, 30, 2,
	      N_("seconds before MainThread sets it") } },
	  demo_sync_event },
	{ "sync-condition", "sync",
	  N_("producer and consumers share a bounded buffer"),
	  "MainThread",
	  { { "items", PARAM_INT, 1, 100, 8, N_("items the producer makes") },
	    { "capacity", PARAM_INT, 1, 16, 2, N_("how many items the buffer holds") },
	    { "consumers", PARAM_INT, 1, 4, 1, N_("consumer threads") },
	    { "loop", PARAM_BOOL, 0, 1, 1, N_("wait in a while loop (off: an if, "
	      "the bug)") } },
	  demo_sync_condition },
	{ "sync-printers", "sync",
	  N_("printers share a pipe; a named semaphore keeps lines whole"),
	  "parent",
	  { { "printers", PARAM_INT, 1, 9, 3, N_("printer processes") },
	    { "lines", PARAM_INT, 1, 20, 2, N_("lines each printer prints") },
	    { "lock", PARAM_BOOL, 0, 1, 1,
	      N_("hold the semaphore for each whole line") } },
	  demo_sync_printers },
	/* -- lesson: stopping a thread, signals and threads (demo_cancel.c) -- */
	{ "cancel-lock", "cancel",
	  N_("pthread_cancel() of a mutex's holder: its waiter is stuck"),
	  "MainThread",
	  { { "cleanup", PARAM_BOOL, 0, 1, 0, N_("the holder pushes a cleanup "
	      "handler that unlocks the mutex if it is cancelled") },
	    { "wait", PARAM_INT, 0, 30, 2, N_("seconds main watches the waiter "
	      "before it leaves (without cleanup)") } },
	  demo_cancel_lock },
	{ "cancel-point", "cancel",
	  N_("a cancel waits for a cancellation point; a busy loop runs"),
	  "MainThread",
	  { { "rounds", PARAM_INT, 1, 20, 5, N_("rounds of computing, 0.3 s "
	      "each") },
	    { "testcancel", PARAM_BOOL, 0, 1, 0, N_("call pthread_testcancel() "
	      "before each round") } },
	  demo_cancel_point },
	{ "signal-threads", "cancel",
	  N_("a signal to the process: which thread runs the handler?"),
	  "MainThread",
	  { { "workers", PARAM_INT, 1, 8, 3, N_("how many worker threads") },
	    { "open", PARAM_INT, 0, 8, 2, N_("the one worker that does not "
	      "block SIGUSR1 (0: no thread blocks it)") },
	    { "target", PARAM_INT, 0, 8, 0, N_("0: kill() the process; k: "
	      "pthread_kill() worker-k") },
	    { "after", PARAM_INT, 0, 30, 1, N_("seconds before the signal is "
	      "sent") } },
	  demo_signal_threads },
	/* -- lesson: coroutines (demo_coro.c) -- */
	{ "coro-tasks", "coro",
	  N_("tasks take turns in one thread, switched by swapcontext()"),
	  "MainThread",
	  { { "tasks", PARAM_INT, 1, 8, 3, N_("how many tasks") },
	    { "steps", PARAM_INT, 1, 100, 4,
	      N_("lines each task prints, one a turn, 0.5 s apart") },
	    { "hog", PARAM_BOOL, 0, 1, 0,
	      N_("task-1 computes 2 s at its second step, without yielding") } },
	  demo_coro_tasks },
	{ "coro-switch", "coro",
	  N_("a coroutine switch against a thread switch: the ratio"),
	  "MainThread",
	  { { "samples", PARAM_INT, 1, 10000, 200,
	      N_("how many timings of each (fewer when sped up)") },
	    { "batch", PARAM_INT, 1, 100000, 100,
	      N_("round trips in each timing (fewer when sped up)") } },
	  demo_coro_switch },
	/* -- lesson: distributed processes (demo_dist.c) -- */
	{ "dist-master", "dist",
	  N_("a master serves tasks over TCP; worker processes log in"),
	  "master",
	  { { "host", PARAM_IPV4, 0, 4294967295L, 2130706433L,
	      N_("address to listen on (0.0.0.0: every one of this machine)") },
	    { "port", PARAM_INT, 0, 65535, 0,
	      N_("port to listen on (0: the kernel picks one, and it is shown)") },
	    { "workers", PARAM_INT, 0, 16, 2,
	      N_("worker processes the master starts (0: none, wait for others)") },
	    { "tasks", PARAM_INT, 1, 100, 6, N_("tasks in the queue (n -> n*n)") },
	    { "key", PARAM_INT, 0, 999999999, 4321,
	      N_("the shared key workers must prove they know") },
	    { "timeout", PARAM_INT, 1, 3600, 5,
	      N_("seconds the master waits for the next result before giving up") },
	    { "kill", PARAM_BOOL, 0, 1, 0,
	      N_("worker-1 dies by SIGKILL holding its first task") } },
	  demo_dist_master },
	{ "dist-login", "dist",
	  N_("a master challenges a worker and an intruder with its key"),
	  "master",
	  { { "key", PARAM_INT, 0, 999999999, 4321,
	      N_("the master's key, which worker-1 has too") },
	    { "intruder", PARAM_INT, 0, 999999999, 1234,
	      N_("the key the intruder tries") } },
	  demo_dist_login },
	{ "dist-worker", "dist",
	  N_("workers for a master in another terminal or machine"),
	  "workers",
	  { { "host", PARAM_IPV4, 0, 4294967295L, 2130706433L,
	      N_("the master's address") },
	    { "port", PARAM_INT, 0, 65535, 0, N_("the port the master printed") },
	    { "key", PARAM_INT, 0, 999999999, 4321, N_("the master's key") },
	    { "workers", PARAM_INT, 1, 16, 2, N_("worker processes to start") } },
	  demo_dist_worker },
	/* -- smaller holes (demo_process.c, demo_queue.c, demo_thread.c) -- */
	{ "process-subclass", "process",
	  N_("Process with args and kwargs; a subclass with run()"),
	  "parent",
	  { { "count", PARAM_INT, 1, 20, 3,
	      N_("how many times each child greets or counts") } },
	  demo_process_subclass },
	{ "queue-socketpair", "queue",
	  N_("Pipe() is a socket pair: both ends send and receive"),
	  "parent",
	  { { "rounds", PARAM_INT, 1, 20, 2,
	      N_("messages each way: ping from the parent, pong back") } },
	  demo_queue_socketpair },
	{ "queue-feeder", "queue",
	  N_("put() returns at once; a feeder thread fills the pipe"),
	  "parent",
	  { { "items", PARAM_INT, 1, 16, 4, N_("how many items to put") },
	    { "kb", PARAM_INT, 1, 1024, 32, N_("KiB in each item") } },
	  demo_queue_feeder },
	{ "flood", "output",
	  N_("many lines, fast: the prompt stays usable meanwhile"),
	  "flood",
	  { { "lines", PARAM_INT, 1, 10000000, 100000, N_("how many lines") },
	    { "rate", PARAM_INT, 0, 1000000, 10000,
	      N_("lines a second at most (0: as fast as it can)") } },
	  demo_flood },
	{ "escape", "supervisor",
	  N_("double fork and setsid(): a daemon forklore still ends"),
	  "parent",
	  { { "linger", PARAM_INT, 0, 30, 2,
	      N_("seconds the parent stays after the daemon has left") } },
	  demo_escape },
	{ "stubborn", "supervisor",
	  N_("SIGTERM and SIGINT ignored: stop needs SIGKILL"),
	  "stubborn",
	  { { "linger", PARAM_INT, 0, 60, 5, N_("seconds they run") } },
	  demo_stubborn },
	{ "frozen", "supervisor",
	  N_("a child stops itself (SIGSTOP); it needs SIGCONT to end"),
	  "parent",
	  { { "linger", PARAM_INT, 0, 30, 2,
	      N_("seconds the parent stays before it leaves") } },
	  demo_frozen },
	{ NULL, NULL, NULL, NULL, { { NULL, 0, 0, 0, 0, NULL } }, NULL },
};

const struct demo *demo_find(const char *name)
{
	for (const struct demo *d = demo_table; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

size_t demo_nparams(const struct demo *demo)
{
	size_t n = 0;
	while (n < DEMO_MAX_PARAMS && demo->params[n].name)
		n++;
	return n;
}

int demo_param_index(const struct demo *demo, const char *name)
{
	size_t n = demo_nparams(demo);
	for (size_t i = 0; i < n; i++)
		if (strcmp(demo->params[i].name, name) == 0)
			return (int)i;
	return -1;
}

void demo_defaults(const struct demo *demo, long *values)
{
	size_t n = demo_nparams(demo);
	for (size_t i = 0; i < n; i++)
		values[i] = demo->params[i].def;
}

/* Words accepted for a boolean, true ones first. */
static int parse_bool(const char *text, long *value)
{
	static const char *const yes[] = { "on", "yes", "true", "1" };
	static const char *const no[] = { "off", "no", "false", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*value = 1;
			return 0;
		}
		if (strcasecmp(text, no[i]) == 0) {
			*value = 0;
			return 0;
		}
	}
	return -1;
}

int demo_param_parse(const struct demo_param *param, const char *text,
                     long *value, char **cause)
{
	if (param->type == PARAM_BOOL) {
		if (parse_bool(text, value) == 0)
			return 0;
		*cause = xasprintf(_("%s must be on or off, not '%s'"),
		                   param->name, text);
		return -1;
	}
	if (param->type == PARAM_IPV4) {
		struct in_addr a;
		if (inet_pton(AF_INET, text, &a) != 1) {
			*cause = xasprintf(_("%s must be an IPv4 address such as "
			                     "127.0.0.1, not '%s'"), param->name,
			                   text);
			return -1;
		}
		*value = (long)ntohl(a.s_addr);
		return 0;
	}
	long v;
	if (parse_long(text, &v) != 0) {
		*cause = xasprintf(_("%s must be a whole number from %ld to "
		                     "%ld, not '%s'"), param->name, param->min,
		                   param->max, text);
		return -1;
	}
	if (v < param->min || v > param->max) {
		*cause = xasprintf(_("%s=%ld is out of range (%ld to %ld)"),
		                   param->name, v, param->min, param->max);
		return -1;
	}
	*value = v;
	return 0;
}

void demo_param_format(const struct demo_param *param, long value,
                       char *buf, size_t size)
{
	if (param->type == PARAM_BOOL) {
		snprintf(buf, size, "%s", value ? "on" : "off");
	} else if (param->type == PARAM_IPV4) {
		struct in_addr a = { .s_addr = htonl((uint32_t)value) };
		char text[INET_ADDRSTRLEN];
		if (!inet_ntop(AF_INET, &a, text, sizeof text))
			snprintf(text, sizeof text, "?");
		snprintf(buf, size, "%s", text);
	} else
		snprintf(buf, size, "%ld", value);
}

/* Candidate i for a "did you mean" among a demo's parameter names. */
static const char *param_name_at(size_t i, void *arg)
{
	const struct demo *demo = arg;
	return demo->params[i].name;
}

int demo_apply_args(const struct demo *demo, char *const *args, size_t nargs,
                    long *values, char **cause)
{
	for (size_t i = 0; i < nargs; i++) {
		const char *eq = strchr(args[i], '=');
		if (!eq || eq == args[i] || !eq[1]) {
			*cause = xasprintf(_("expected NAME=VALUE, not '%s'"),
			                   args[i]);
			return -1;
		}
		char name[64];
		size_t len = (size_t)(eq - args[i]);
		if (len >= sizeof name)
			len = sizeof name - 1;
		memcpy(name, args[i], len);
		name[len] = '\0';
		int k = demo_param_index(demo, name);
		if (k < 0) {
			const char *near = suggest(name, param_name_at,
			                           demo_nparams(demo),
			                           (void *)demo);
			if (demo_nparams(demo) == 0)
				*cause = xasprintf(_("demo %s takes no parameters"),
				                   demo->name);
			else if (near)
				*cause = xasprintf(_("demo %s has no parameter '%s' "
				                     "(did you mean '%s'?)"),
				                   demo->name, name, near);
			else
				*cause = xasprintf(_("demo %s has no parameter '%s' "
				                     "(try 'params')"), demo->name,
				                   name);
			return -1;
		}
		if (demo_param_parse(&demo->params[k], eq + 1, &values[k],
		                     cause) != 0)
			return -1;
	}
	return 0;
}
