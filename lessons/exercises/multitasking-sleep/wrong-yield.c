/* multitasking-sleep, almost: a ticker that spins, yielding as it goes.
 *
 * Ten times, every tenth of a second, the ticker prints "tick N"; between
 * ticks it looks at the clock, calling sched_yield() each time round to
 * let others have the CPU. Then it reports, from the kernel's counts
 * (getrusage), the CPU time it used and how often it left the CPU: by
 * itself (voluntary: it slept or waited) or because the kernel took the
 * CPU away (involuntary). */
#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#define TICKS 10

/* Wait ms milliseconds, looking at the clock until they have passed and
   offering the CPU to others in between. */
static void wait_ms(long ms)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		sched_yield();                /* anyone else want the CPU? */
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 +
	         (now.tv_nsec - start.tv_nsec) / 1000000 < ms);
}

/* CPU time used (user + system), in seconds. */
static double cpu_seconds(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
	       ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

int main(void)
{
	struct rusage before, after;

	setvbuf(stdout, NULL, _IOLBF, 0);     /* whole lines, even into a pipe */
	if (getrusage(RUSAGE_SELF, &before) != 0) {
		perror("getrusage");
		return 1;
	}
	for (int i = 1; i <= TICKS; i++) {
		wait_ms(100);
		printf("tick %d\n", i);
	}
	if (getrusage(RUSAGE_SELF, &after) != 0) {
		perror("getrusage");
		return 1;
	}
	printf("ticker: %d ticks, using %.2f s of CPU\n", TICKS,
	       cpu_seconds(&after) - cpu_seconds(&before));
	printf("ticker: off the CPU %ld times by itself (voluntary), "
	       "%ld times by the kernel (involuntary)\n",
	       after.ru_nvcsw - before.ru_nvcsw,
	       after.ru_nivcsw - before.ru_nivcsw);
	return 0;
}
