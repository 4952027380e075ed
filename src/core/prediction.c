/* prediction.c - the verdict on a prediction, once the demo has shown its
 * own answer. */
#include <stdlib.h>
#include <string.h>

#include "predict.h"
#include "prediction.h"
#include "util.h"

int prediction_run_fits(const struct demo *demo, const long *values,
                        const struct lesson_when *when)
{
	if (!when->nargs)
		return 1;
	long applied[DEMO_MAX_PARAMS];
	char *cause = NULL;
	memcpy(applied, values, sizeof applied);
	if (demo_apply_args(demo, when->args, when->nargs, applied,
	                    &cause) != 0) {
		free(cause);          /* the lesson check has made sure */
		return 0;
	}
	return memcmp(applied, values, demo_nparams(demo) *
	              sizeof *values) == 0;
}

/* The explanation that fits this run: the first whose conditions it
   meets, else the one for every run; NULL if none does. */
static const char *explanation(const struct prediction *p,
                               const struct lesson_step *st)
{
	const char *any = NULL;
	for (size_t i = 0; i < st->nexplains; i++) {
		const struct lesson_explain *e = &st->explains[i];
		if (!e->when.nargs)
			any = e->text;
		else if (prediction_run_fits(p->demo, p->values, &e->when))
			return e->text;
	}
	return any;
}

char *prediction_verdict(struct prediction *p, const struct watch *seen,
                         const char *cut_short, char *mark)
{
	struct strbuf o = { 0 };
	const struct lesson_step *st = &p->lesson->steps[p->step];
	char *answer = p->answer ? predict_show(st, p->answer) : NULL;
	p->pending = 0;
	*mark = 0;
	if (answer)
		strbuf_addf(&o, "You predicted '%s'", answer);
	if (cut_short) {
		/* What a demo cut short printed proves nothing either way:
		   no verdict, and none kept; the question stays open. */
		strbuf_addf(&o, "%she demo %s, so it showed no answer to "
		            "judge; 'run' tries again.", answer ? ". T" : "T",
		            cut_short);
		free(answer);
		prediction_free(p);
		return o.buf;
	}
	char *shown = predict_observe(st->answer_how, st->answer_pattern,
	                              seen->shown, seen->n);
	char *truth = shown ? predict_truth(st, shown) : NULL;
	int agrees = answer && truth ? predict_agrees(st, p->answer, truth)
	                             : 0;
	char *showing = truth ? predict_show(st, truth) : NULL;
	const char *sep = answer ? "; t" : "T";
	if (!shown)
		strbuf_addf(&o, "%she demo ended before it showed its answer.",
		            sep);
	else if (!truth)
		strbuf_addf(&o, "%she demo showed '%s', which does not answer "
		            "this question.", sep, shown);
	else if (answer && agrees == 1)
		strbuf_addf(&o, "; the demo showed '%s': right, within the "
		            "%g%s the question allows.", showing, st->within,
		            st->within_percent ? "%" : "");
	else if (answer)
		strbuf_addf(&o, "; the demo showed '%s': %s.", showing,
		            agrees ? "right" : "not this time");
	else
		strbuf_addf(&o, "The demo showed '%s'.", showing);
	const char *why = explanation(p, st);
	if (why)
		strbuf_addf(&o, " %s", why);
	*mark = !answer ? 's' : !truth ? '?' : agrees ? 'r' : 'w';
	free(showing);
	free(truth);
	free(shown);
	free(answer);
	prediction_free(p);
	return o.buf;
}

void prediction_free(struct prediction *p)
{
	free(p->answer);
	p->answer = NULL;
}
