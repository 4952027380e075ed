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
	char *answer;              /* NULL when the learner skipped */
	const struct lesson *lesson;
	size_t step;
};

/*
 * The demo has ended: what it showed (read from its lines as the step's
 * @answer says) against the answer, in words, with the step's one-line
 * explanation. cut_short, if not NULL, says how the demo was cut short
 * ("was stopped"): then there is no verdict, and *mark is 0. Otherwise
 * *mark is what the progress file keeps: r right, w wrong, s skipped, ?
 * no answer shown. The answer is forgotten. Returns malloc'ed text.
 */
char *prediction_verdict(struct prediction *p, const struct watch *seen,
                         const char *cut_short, char *mark);

void prediction_free(struct prediction *p);

#endif
