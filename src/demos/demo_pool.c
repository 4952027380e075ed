/* demo_pool.c - the pools lesson's demo: a fixed crew of worker processes
 * taking tasks from one pipe and sending results back on another. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* snippet: pool-run */
struct result {
	int task;
	long value;
	pid_t worker;
	double started, ended;         /* seconds since the demo started */
};

/* The most tasks that ran at the same time: at each task's start, how
   many tasks had started and not yet ended. */
static int most_at_once(const struct result *r, int n)
{
	int most = 0;
	for (int i = 0; i < n; i++) {
		int running = 0;
		for (int j = 0; j < n; j++)
			running += r[j].started <= r[i].started &&
			           r[i].started < r[j].ended;
		most = running > most ? running : most;
	}
	return most;
}

/* A worker: take task numbers from the task pipe until it is closed,
   and send back each result. The same process runs task after task. */
static void worker_loop(const char *name, int tasks_fd, int results_fd)
{
	int task;
	while (read(tasks_fd, &task, sizeof task) == (ssize_t)sizeof task) {
		double started = demo_elapsed();
		demo_say("%s: task %d starts", name, task);
		/* Named for the task while it works on it, so the monitor
		   and its timeline show which worker ran which task. */
		char busy[48];
		snprintf(busy, sizeof busy, "%s task %d", name, task);
		demo_name_thread(busy);
		demo_sleep(demo_random(0, 3));           /* the work */
		demo_name_thread(name);
		struct result r = { task, (long)task * task, getpid(),
		                    started, demo_elapsed() };
		demo_say("%s: task %d done after %.2f s", name, task,
		         r.ended - r.started);
		if (write(results_fd, &r, sizeof r) != (ssize_t)sizeof r)
			break;
	}
	_exit(0);
}

int demo_pool_run(const long *values)
{
	long nworkers = values[0], ntasks = values[1];
	int tasks[2], results[2];
	demo_pipe(tasks);
	demo_pipe(results);
	pid_t workers[16];
	for (long w = 0; w < nworkers; w++) {            /* Pool(4) */
		workers[w] = demo_fork();
		if (workers[w] == 0) {
			char name[32];
			snprintf(name, sizeof name, "worker-%ld", w + 1);
			demo_child(name);
			close(tasks[1]);
			close(results[0]);
			worker_loop(name, tasks[0], results[1]);
		}
	}
	close(tasks[0]);
	close(results[1]);
	for (int t = 0; t < ntasks; t++) {               /* apply_async */
		if (write(tasks[1], &t, sizeof t) != (ssize_t)sizeof t)
			break;
	}
	close(tasks[1]);                                  /* pool.close() */
	demo_say("parent: %ld tasks queued for %ld workers; waiting for "
	         "results", ntasks, nworkers);
	struct result r[64];
	int got = 0;
	while (got < ntasks && read(results[0], &r[got], sizeof *r) ==
	                       (ssize_t)sizeof *r) {
		demo_say("parent: result of task %d = %ld, from pid %d",
		         r[got].task, r[got].value, r[got].worker);
		got++;
	}
	for (long w = 0; w < nworkers; w++)               /* pool.join() */
		demo_waitpid(workers[w]);
	demo_say("parent: all workers have finished; at most %d tasks ran "
	         "at the same time", most_at_once(r, got));
	return 0;
}
/* end snippet */
