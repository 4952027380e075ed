/* timeline.h - who lived when: one row per process or thread of a demo,
 * sampled at each monitor refresh, drawn as a small chart. Pure. */
#ifndef FORKLORE_TIMELINE_H
#define FORKLORE_TIMELINE_H

#include <stddef.h>
#include <sys/types.h>

#include "lifecycle.h"
#include "procmon.h"

#define TIMELINE_MAX_TICKS 3000     /* five minutes at 10 samples a second */
#define TIMELINE_MAX_TRACKS 64
#define TIMELINE_MAX_MARKS 32       /* names drawn into one row */

struct timeline_track {
	pid_t id;                   /* PID, or TID for a thread */
	pid_t owner;                /* the process of a thread */
	int is_thread;
	int depth;
	char name[16];              /* the last name seen */
	int start;                  /* first tick seen */
	char *states;               /* state letter per tick, ' ' = absent */
	/* From the record: where the task took another name than its row's
	   ("task 4" for "worker-2 task 4" on the row of worker-2). */
	struct {
		int tick, end;          /* where the name was held */
		char text[16];
	} marks[TIMELINE_MAX_MARKS];
	int nmarks;
};

struct timeline {
	struct timeline_track *tracks;
	size_t ntracks;
	int ticks;                  /* samples taken (or slots of the record) */
	double seconds;             /* the time the ticks cover */
	int exact;                  /* drawn from the run's record */
};

void timeline_reset(struct timeline *t);

/* Take one sample of the demo's tree (threads other than the main one
   get rows of their own). */
void timeline_tick(struct timeline *t, const struct procmon_tree *tree);

/*
 * The run is over: draw it again from its record, every task from its
 * birth to its end, however short, on a time axis scaled to the run. The
 * states sampled meanwhile (R, S, Z, T) fill in what they saw; the time
 * between samples shows as '-', alive. Nothing happens when the record
 * is not exact (the run was not traced).
 */
void timeline_from_record(struct timeline *t, const struct lifecycle *l);

/*
 * Draw row i into buf (cols characters and a NUL): the whole run scaled
 * to cols columns; '#' running, '=' sleeping or waiting, 'z' zombie,
 * '.' stopped, '-' alive between samples, ' ' not there.
 */
void timeline_render(const struct timeline *t, size_t i, char *buf, int cols);

void timeline_free(struct timeline *t);

#endif
