/* Three tasks take turns in one thread, switched with swapcontext(): a
 * task runs until it calls yield(), which goes back to the scheduler,
 * and the scheduler goes round the tasks in order. task-2 and task-3
 * print a line a turn, with how long they waited for it. task-1
 * computes 10 chunks of 0.1 s, and never yields: the others wait. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>

#define TASKS 3

static ucontext_t scheduler, task[TASKS];
static char stacks[TASKS][65536];      /* a stack for each task */
static int current, finished[TASKS];
static double begun;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void yield(void)                /* back to the scheduler */
{
	if (swapcontext(&task[current], &scheduler) != 0) {
		perror("swapcontext");
		exit(1);
	}
}

static void run(int k)                 /* task-k, from start to end */
{
	double ready = begun;
	if (k == 1) {
		for (int chunk = 1; chunk <= 10; chunk++) {
			double end = now() + 0.1;
			while (now() < end)
				;              /* 0.1 s of computing */
		}
		printf("task-1: computed 10 chunks\n");
	} else {
		for (int turn = 1; turn <= 5; turn++) {
			printf("task-%d: turn %d, waited %.2f s\n", k, turn,
			       now() - ready);
			ready = now();
			yield();
		}
	}
	finished[k - 1] = 1;           /* and on to uc_link */
}

static void make_task(int k)           /* with a stack of its own */
{
	ucontext_t *c = &task[k - 1];
	if (getcontext(c) != 0) {
		perror("getcontext");
		exit(1);
	}
	c->uc_stack.ss_sp = stacks[k - 1];
	c->uc_stack.ss_size = sizeof stacks[k - 1];
	c->uc_link = &scheduler;               /* where run() returns to */
	makecontext(c, (void (*)(void))run, 1, k);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	for (int k = 1; k <= TASKS; k++)
		make_task(k);
	begun = now();
	for (int left = TASKS; left > 0;)      /* round and round */
		for (current = 0; current < TASKS; current++) {
			if (finished[current])
				continue;
			if (swapcontext(&scheduler, &task[current]) != 0) {
				perror("swapcontext");
				return 1;
			}
			left -= finished[current];
		}
	return 0;
}
