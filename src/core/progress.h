/* progress.h - what a learner has seen, run and predicted, kept across
 * sessions in a plain text file ($XDG_STATE_HOME/forklore/progress). */
#ifndef FORKLORE_PROGRESS_H
#define FORKLORE_PROGRESS_H

#include <stddef.h>

#include "lesson.h"

struct progress;

/* Read the file at path; a missing or unreadable file, and any line that
   makes no sense, count as nothing done. Never NULL. */
struct progress *progress_load(const char *path);

/* Why an existing file at the path was not read (not a regular file, too
   big, unreadable), or NULL; such a file is then never written over. */
const char *progress_problem(const struct progress *p);
void progress_free(struct progress *p);

/* Write the file (through a temporary and a rename, so a crash never
   leaves half a file). 0, or -1 with a malloc'ed *cause. */
int progress_save(const struct progress *p, char **cause);

/* A step was shown (it becomes where the learner is), its demo run, or
   its prediction judged: 'r' right, 'w' wrong, 's' skipped, '?' no way to
   tell; every attempt is kept, in order. Steps count from 0. */
void progress_seen(struct progress *p, const char *lesson, size_t step);
void progress_ran(struct progress *p, const char *lesson, size_t step);
void progress_predicted(struct progress *p, const char *lesson, size_t step,
                        char verdict);

/* Where the learner was last: 0 with *lesson and *step, or -1. */
int progress_last(const struct progress *p, const char **lesson,
                  size_t *step);

/* How far a lesson is. */
struct progress_summary {
	size_t seen;           /* steps shown */
	size_t ran;            /* steps whose demo was run */
	size_t demos;          /* steps that have a demo */
	size_t predicted;      /* questions judged at least once */
	size_t right;          /* ... whose latest judgement was right */
	size_t first_try;      /* ... right at the first judged attempt */
	size_t attempts;       /* judged attempts in all */
	int done;              /* every step seen and every demo run */
};
void progress_summarize(const struct progress *p, const struct lesson *l,
                        struct progress_summary *out);

/* Exercises: what happened to each (bits), and the hints taken. */
enum {
	PROGRESS_ATTEMPTED = 1,    /* checked, and a fact did not hold */
	PROGRESS_SOLVED = 2,       /* checked with every fact holding */
	PROGRESS_SHOWN = 4,        /* its solution was shown */
	PROGRESS_HINTS = 8,        /* hints taken: the count in hints */
};
/* Mark exercise name of lesson with what (one of the above); hints is
   the number of hints taken, for PROGRESS_HINTS (the most is kept). */
void progress_exercise(struct progress *p, const char *lesson,
                       const char *name, int what, size_t hints);
/* Its bits (PROGRESS_HINTS when a hint was taken), 0 if nothing. */
int progress_exercise_state(const struct progress *p, const char *name);

/* Forget one lesson (lesson != NULL) or everything. */
void progress_reset(struct progress *p, const char *lesson);

/* The progress file's place: $XDG_STATE_HOME/forklore/NAME, else
   ~/.local/state/forklore/NAME, making the folders; NULL if neither. */
char *progress_state_path(const char *name);

#endif
