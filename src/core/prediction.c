/* prediction.c - the verdict on a prediction, once the demo has shown its
 * own answer. */
#include <stdlib.h>
#include <string.h>

#include "predict.h"
#include "prediction.h"
#include "util.h"

char *prediction_verdict(struct prediction *p, const struct watch *seen,
                         const char *cut_short, char *mark)
{
	struct strbuf o = { 0 };
	const char *answer = p->answer;
	p->pending = 0;
	*mark = 0;
	if (cut_short) {
		/* What a demo cut short printed proves nothing either way:
		   no verdict, and none kept; the question stays open. */
		if (answer)
			strbuf_addf(&o, "You predicted '%s'. ", answer);
		strbuf_addf(&o, "The demo %s, so it showed no answer to judge; "
		            "'run' tries again.", cut_short);
		prediction_free(p);
		return o.buf;
	}
	const struct lesson_step *st = &p->lesson->steps[p->step];
	char *shown = NULL;
	if (st->answer_how)
		shown = predict_observe(st->answer_how, st->answer_pattern,
		                        seen->shown, seen->n);
	int right = answer && shown && predict_agrees(answer, shown);
	if (answer)
		strbuf_addf(&o, "You predicted '%s'", answer);
	if (!st->answer_how)
		strbuf_addf(&o, "%sompare with what the demo showed.",
		            answer ? "; c" : "C");
	else if (!shown)
		strbuf_addf(&o, "%she demo ended before it showed its answer.",
		            answer ? "; t" : "T");
	else if (answer)
		strbuf_addf(&o, "; the demo showed '%s': %s.", shown,
		            right ? "right" : "not this time");
	else
		strbuf_addf(&o, "The demo showed '%s'.", shown);
	if (st->explain)
		strbuf_addf(&o, " %s", st->explain);
	*mark = !answer ? 's' : !shown ? '?' : right ? 'r' : 'w';
	free(shown);
	prediction_free(p);
	return o.buf;
}

void prediction_free(struct prediction *p)
{
	free(p->answer);
	p->answer = NULL;
}
