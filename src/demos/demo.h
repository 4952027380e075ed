/* demo.h - the table of built-in demos and their typed parameters. */
#ifndef FORKLORE_DEMO_H
#define FORKLORE_DEMO_H

#include <stddef.h>

enum param_type {
	PARAM_INT,       /* a whole number in [min, max] */
	PARAM_BOOL,      /* on/off (also yes/no, true/false, 1/0) */
	PARAM_IPV4,      /* a dotted IPv4 address, held in host byte order */
};

struct demo_param {
	const char *name;
	enum param_type type;
	long min, max, def;
	const char *help;
};

#define DEMO_MAX_PARAMS 8

struct demo {
	const char *name;         /* "fork-once" */
	const char *family;       /* "fork": the source file demo_fork.c */
	const char *summary;      /* one line */
	const char *process;      /* name of the demo's root process */
	struct demo_param params[DEMO_MAX_PARAMS];  /* ends at a NULL name */
	/* Runs in the demo's root process; values[i] is params[i]. Returns
	   the exit status of the root process. */
	int (*main)(const long *values);
};

/* Every demo, ending with an entry whose name is NULL. */
extern const struct demo demo_table[];

const struct demo *demo_find(const char *name);
size_t demo_nparams(const struct demo *demo);
int demo_param_index(const struct demo *demo, const char *name);
void demo_defaults(const struct demo *demo, long *values);

/* Parse text as a value of param; 0, or -1 with a malloc'ed *cause. */
int demo_param_parse(const struct demo_param *param, const char *text,
                     long *value, char **cause);

/* Format a value as the user would type it ("5", "on"). */
void demo_param_format(const struct demo_param *param, long value,
                       char *buf, size_t size);

/*
 * Apply "name=value" arguments to values (which hold defaults or earlier
 * settings). 0, or -1 with a malloc'ed one-line *cause.
 */
int demo_apply_args(const struct demo *demo, char *const *args, size_t nargs,
                    long *values, char **cause);

/* The demos' entry points, one source file per family (demo_*.c). */
int demo_fork_once(const long *values);
int demo_escape(const long *values);
int demo_stubborn(const long *values);
int demo_frozen(const long *values);
int demo_fork_memory(const long *values);
int demo_fork_twice(const long *values);
int demo_fork_many(const long *values);
int demo_process_start(const long *values);
int demo_process_zombie(const long *values);
int demo_process_terminate(const long *values);
int demo_process_daemon(const long *values);
int demo_process_many(const long *values);
int demo_pool_run(const long *values);
int demo_subprocess_call(const long *values);
int demo_subprocess_pipe(const long *values);
int demo_queue_pipe(const long *values);
int demo_thread_loop(const long *values);
int demo_thread_join(const long *values);
int demo_thread_daemon(const long *values);
int demo_thread_stop(const long *values);
int demo_lock_race(const long *values);
int demo_lock_counter(const long *values);
int demo_lock_stuck(const long *values);
int demo_threadlocal(const long *values);
int demo_flood(const long *values);
/* -- demo_sched.c -- */
int demo_sched_turns(const long *values);
int demo_sched_share(const long *values);
/* -- demo_gil.c -- */
int demo_gil_cpu(const long *values);
int demo_gil_io(const long *values);
int demo_gil_switch(const long *values);
/* -- demo_cost.c -- */
int demo_cost_create(const long *values);
int demo_cost_memory(const long *values);
int demo_cost_cow(const long *values);
int demo_cost_crash(const long *values);
int demo_cost_server(const long *values);

/* -- demo_sync.c -- */
int demo_sync_semaphore(const long *values);
int demo_sync_event(const long *values);
int demo_sync_condition(const long *values);
int demo_sync_printers(const long *values);
/* -- demo_cancel.c -- */
int demo_cancel_lock(const long *values);
int demo_cancel_point(const long *values);
int demo_signal_threads(const long *values);
/* -- demo_coro.c -- */
int demo_coro_tasks(const long *values);
int demo_coro_switch(const long *values);
/* -- demo_dist.c -- */
int demo_dist_master(const long *values);
int demo_dist_login(const long *values);
int demo_dist_worker(const long *values);
/* -- smaller holes (demo_process.c, demo_queue.c, demo_thread.c) -- */
int demo_process_subclass(const long *values);
int demo_queue_socketpair(const long *values);
int demo_queue_feeder(const long *values);
#endif
