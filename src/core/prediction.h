/* prediction.h - predict, then see: the question a step asks before its
 * run, the learner's answer, and the verdict once the demo has shown its
 * own. */
#ifndef FORKLORE_PREDICTION_H
#define FORKLORE_PREDICTION_H

#include <stddef.h>

#include "demo.h"
#include "lesson.h"
#include "watch.h"

struct prediction {
	/* The run the question holds back until it is answered. */
	const struct demo *demo;
	long values[DEMO_MAX_PARAMS];
	/* The answer, kept until the demo ends. */
	int pending;               /* a verdict is due when the demo ends */
	char *answer;              /* as predict_read() read it; NULL when
	                              the learner skipped */
	const struct lesson *lesson;
	size_t step;
};

/* Does the run (demo with values) meet the NAME=VALUE conditions? */
int prediction_run_fits(const struct demo *demo, const long *values,
                        const struct lesson_when *when);

/*
 * The demo has ended: what it showed (read from its lines as the step's
 * @answer says) against the answer, as the kind of question compares
 * them, with the step's explanation that fits this run. cut_short, if not NULL, says how the demo was cut short
 * ("was stopped"): then there is no verdict, and *mark is 0. Otherwise
 * *mark is what the progress file keeps: r right, w wrong, s skipped, ?
 * no answer shown. The answer is forgotten. Returns malloc'ed text.
 */
char *prediction_verdict(struct prediction *p, const struct watch *seen,
                         const char *cut_short, char *mark);

void prediction_free(struct prediction *p);

#endif
