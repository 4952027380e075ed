/* timeline.c - who lived when: one row per process or thread of a demo,
 * sampled at each monitor refresh, drawn as a small chart. Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"
#include "util.h"

void timeline_free(struct timeline *t)
{
	for (size_t i = 0; i < t->ntracks; i++)
		free(t->tracks[i].states);
	free(t->tracks);
	memset(t, 0, sizeof *t);
}

void timeline_reset(struct timeline *t)
{
	timeline_free(t);
}

/* The row of id, made if new (NULL when the chart is full). */
static struct timeline_track *track_for(struct timeline *t, pid_t id,
                                        int is_thread)
{
	for (size_t i = 0; i < t->ntracks; i++)
		if (t->tracks[i].id == id && t->tracks[i].is_thread == is_thread)
			return &t->tracks[i];
	if (t->ntracks == TIMELINE_MAX_TRACKS)
		return NULL;
	t->tracks = xrealloc(t->tracks, (t->ntracks + 1) * sizeof *t->tracks);
	struct timeline_track *tr = &t->tracks[t->ntracks++];
	memset(tr, 0, sizeof *tr);
	tr->id = id;
	tr->is_thread = is_thread;
	tr->start = t->ticks;
	tr->states = xmalloc(TIMELINE_MAX_TICKS);
	memset(tr->states, ' ', TIMELINE_MAX_TICKS);
	return tr;
}

static void note(struct timeline *t, pid_t id, int is_thread, pid_t owner,
                 int depth, const char *name, char state)
{
	struct timeline_track *tr = track_for(t, id, is_thread);
	if (!tr)
		return;
	tr->owner = owner;
	tr->depth = depth;
	memcpy(tr->name, name, sizeof tr->name);
	tr->name[sizeof tr->name - 1] = '\0';
	tr->states[t->ticks] = state;
}

void timeline_tick(struct timeline *t, const struct procmon_tree *tree)
{
	if (t->ticks >= TIMELINE_MAX_TICKS)
		return;
	for (size_t i = 0; i < tree->nprocs; i++) {
		const struct procmon_proc *p = &tree->procs[i];
		note(t, p->pid, 0, p->pid, p->depth, p->name, p->state);
		for (size_t k = 1; k < p->nthreads; k++)
			note(t, p->threads[k].tid, 1, p->pid, p->depth + 1,
			     p->threads[k].name, p->threads[k].state);
	}
	t->ticks++;
	t->seconds = t->ticks / 10.0;
}

/* How deep task i sits: its parent's depth and one (a thread: under its
   process). */
static int record_depth(const struct lifecycle *l,
                        const struct lifecycle_task *task)
{
	int depth = 0;
	for (int hops = 0; hops < 32; hops++) {
		const struct lifecycle_task *up =
		    lifecycle_find_const(l, task->parent);
		if (!up || up == task || up->born > task->born)
			break;
		depth++;
		task = up;
	}
	return depth;
}

/* Slots the record is drawn in (the renderer shares them out). */
#define RECORD_SLOTS 600

void timeline_from_record(struct timeline *t, const struct lifecycle *l)
{
	if (!l->traced || l->ntasks == 0)
		return;
	double length = l->length;
	for (size_t i = 0; i < l->ntasks; i++)
		if (l->tasks[i].ended > length)
			length = l->tasks[i].ended;
	if (length <= 0)
		length = 1e-6;
	struct timeline sampled = *t;
	memset(t, 0, sizeof *t);
	t->ticks = RECORD_SLOTS;
	t->seconds = length;
	t->exact = 1;
	for (size_t i = 0; i < l->ntasks; i++) {
		const struct lifecycle_task *k = &l->tasks[i];
		struct timeline_track *tr = track_for(t, k->id, k->is_thread);
		if (!tr)
			break;
		tr->owner = k->process;
		tr->depth = record_depth(l, k);
		snprintf(tr->name, sizeof tr->name, "%s",
		         lifecycle_last_name(k));
		tr->start = 0;
		/* What the samples saw of it, when they saw it at all. */
		const struct timeline_track *seen = NULL;
		for (size_t j = 0; j < sampled.ntracks && !seen; j++)
			if (sampled.tracks[j].id == k->id &&
			    sampled.tracks[j].is_thread == k->is_thread)
				seen = &sampled.tracks[j];
		/* Its other names, written into its row where each began:
		   what differs from the row's name ("task 4" on worker-2). */
		size_t label = strlen(tr->name);
		double end = k->ended >= 0 ? k->ended : length;
		for (size_t n = 0; n < k->nnames && tr->nmarks <
		                   TIMELINE_MAX_MARKS; n++) {
			const char *name = k->names[n].name;
			if (strcmp(name, tr->name) == 0)
				continue;
			if (strncmp(name, tr->name, label) == 0 &&
			    name[label] == ' ')
				name += label + 1;
			double until = n + 1 < k->nnames ? k->names[n + 1].at :
			               end;
			tr->marks[tr->nmarks].tick = (int)(k->names[n].at /
			                             length * RECORD_SLOTS);
			tr->marks[tr->nmarks].end = (int)(until / length *
			                                  RECORD_SLOTS);
			snprintf(tr->marks[tr->nmarks].text,
			         sizeof tr->marks[0].text, "%s", name);
			tr->nmarks++;
		}
		int from = (int)(k->born / length * RECORD_SLOTS);
		int to = (int)(end / length * RECORD_SLOTS);
		from = from < RECORD_SLOTS ? from : RECORD_SLOTS - 1;
		to = to > from ? to : from + 1;   /* however short: one slot */
		to = to < RECORD_SLOTS ? to : RECORD_SLOTS;
		for (int s = 0; s < RECORD_SLOTS; s++) {
			double at = (s + 0.5) * length / RECORD_SLOTS;
			int tick = (int)(at * 10);
			char state = seen && tick < sampled.ticks ?
			             seen->states[tick] : ' ';
			if (s >= from && s < to)
				tr->states[s] = state != ' ' && state != 'X' &&
				                state != 'Z' ? state : '-';
			else if (s >= to && state == 'Z' && k->ended >= 0)
				tr->states[s] = 'Z';   /* ended, not yet reaped */
		}
	}
	timeline_free(&sampled);
}

/* The chart letter for a state letter of /proc. */
static char mark(char state)
{
	switch (state) {
	case ' ': return ' ';
	case 'R': return '#';
	case 'Z': case 'X': return 'z';
	case 'T': case 't': return '.';
	case '-': return '-';
	default: return '=';
	}
}

void timeline_render(const struct timeline *t, size_t i, char *buf, int cols)
{
	if (cols < 1) {
		buf[0] = '\0';
		return;
	}
	const struct timeline_track *tr = &t->tracks[i];
	int ticks = t->ticks > 0 ? t->ticks : 1;
	for (int c = 0; c < cols; c++) {
		/* The columns share the ticks out evenly; a column shows the
		   busiest state of its ticks (running beats sleeping). */
		int from = (int)((long)c * ticks / cols);
		int to = (int)((long)(c + 1) * ticks / cols);
		if (to <= from)
			to = from + 1;
		char best = ' ';
		for (int k = from; k < to && k < t->ticks; k++) {
			char m = mark(tr->states[k]);
			if (best == ' ' || m == '#' || (m == 'z' && best != '#'))
				best = m;
		}
		buf[c] = best;
	}
	buf[cols] = '\0';
	/* The names it took, each written where it held it, over the
	   row's marks: only where there is room for four letters or the
	   whole name, so a name held for an instant leaves no stray letter. */
	for (int m = 0; m < tr->nmarks; m++) {
		int c = (int)((long)tr->marks[m].tick * cols / ticks);
		int stop = (int)((long)tr->marks[m].end * cols / ticks);
		int len = (int)strlen(tr->marks[m].text);
		stop = stop < cols ? stop : cols;
		if (stop - c < (len < 4 ? len : 4))
			continue;
		for (const char *s = tr->marks[m].text; *s && c < stop;
		     s++, c++)
			buf[c] = *s;
	}
}
