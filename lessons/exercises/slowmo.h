/* slowmo.h - slow motion for races, in forklore's exercises.
 *
 * Call slowmo() between reading a shared value and writing it back. When
 * forklore checks a race (the environment has FORKLORE_SLOWMO=1), it
 * gives the CPU away or spins a moment, at random: the gap in which
 * another thread can slip in gets wide enough to be hit on one core and
 * on many. Otherwise it does nothing, and costs one test. */
#ifndef FORKLORE_SLOWMO_H
#define FORKLORE_SLOWMO_H

#include <sched.h>
#include <stdlib.h>
#include <string.h>

static inline int slowmo_on(void)
{
	static int on = -1;              /* -1: not looked yet */
	if (on < 0) {
		const char *v = getenv("FORKLORE_SLOWMO");
		on = v && *v && strcmp(v, "0") != 0;
	}
	return on;
}

static inline void slowmo(void)
{
	/* A small generator per thread: rand() would add a lock of its own. */
	static __thread unsigned int seed;
	if (!slowmo_on())
		return;
	if (seed == 0)
		seed = (unsigned int)(size_t)&seed | 1u;
	seed = seed * 1103515245u + 12345u;
	if ((seed >> 16) & 1) {
		sched_yield();
	} else {
		for (volatile unsigned int i = (seed >> 20) & 255; i > 0; i--)
			;
	}
}

#endif
