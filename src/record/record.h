/* record.h - `record FILE`: the commands typed from now on, written as a
 * script that `forklore --script FILE` replays. */
#ifndef FORKLORE_RECORD_H
#define FORKLORE_RECORD_H

#include <stddef.h>
#include <stdio.h>

struct lesson;
struct settings;

/* The script being written. */
struct recording {
	FILE *file;                /* NULL when not recording */
	char *path;
	size_t count;              /* commands written */
	int demo;                  /* a demo ran after the last line */
	const struct lesson *lesson;   /* the place last noted */
	size_t step;
};

/* Start writing to path, which must not exist yet, beginning with the
   lines that rebuild where the learner is: the settings, the lesson and
   the step. 0, or -1 with a malloc'ed one-line *cause. */
int record_start(struct recording *r, const char *path,
                 const struct settings *set, const struct lesson *lesson,
                 size_t step, char **cause);

/* Stop, and say how much was written; returns the number of commands. */
size_t record_stop(struct recording *r);

/* What is still going on once a line is done (record_line's busy). */
#define RECORD_DEMO_RUNS 1       /* a demo runs */
#define RECORD_QUESTION 2        /* a question waits for its answer */

/*
 * A line was run: command is its command's name (NULL if it was not
 * one), ok whether it worked; answer if it answered a question; busy
 * what is still going on (RECORD_*); lesson and step where the learner
 * is now.
 */
void record_line(struct recording *r, const char *line, const char *command,
                 int ok, int answer, int busy, const struct lesson *lesson,
                 size_t step);

#endif
