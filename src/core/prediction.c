/* prediction.c - the verdict on a prediction, once the demo has shown its
 * own answer. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "predict.h"
#include "prediction.h"
#include "utf8.h"
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

/* The demo was cut short (cut_short: "was stopped" or "could not go on",
   as session.c marks them with N_()): no verdict, one whole sentence for
   each case. */
static void cut_short_verdict(struct strbuf *o, const char *answer,
                              const char *cut_short)
{
	if (strcmp(cut_short, "was stopped") == 0 && answer)
		/* TRANSLATORS: %s is the learner's answer. */
		strbuf_addf(o, _("You predicted '%s'. The demo was stopped, so "
		            "it showed no answer to judge; 'run' tries "
		            "again."), answer);
	else if (strcmp(cut_short, "was stopped") == 0)
		strbuf_adds(o, _("The demo was stopped, so it showed no answer "
		            "to judge; 'run' tries again."));
	else if (strcmp(cut_short, "could not go on") == 0 && answer)
		/* TRANSLATORS: %s is the learner's answer. */
		strbuf_addf(o, _("You predicted '%s'. The demo could not go "
		            "on, so it showed no answer to judge; 'run' tries "
		            "again."), answer);
	else if (strcmp(cut_short, "could not go on") == 0)
		strbuf_adds(o, _("The demo could not go on, so it showed no "
		            "answer to judge; 'run' tries again."));
	else if (answer)
		/* TRANSLATORS: the learner's answer, then what happened to
		   the demo ("was stopped"). */
		strbuf_addf(o, _("You predicted '%s'. The demo %s, so it "
		            "showed no answer to judge; 'run' tries again."),
		            answer, _(cut_short));
	else
		/* TRANSLATORS: %s is what happened to the demo ("was
		   stopped"). */
		strbuf_addf(o, _("The demo %s, so it showed no answer to "
		            "judge; 'run' tries again."), _(cut_short));
}

/* Does o end with CJK punctuation ("。")? Then the next sentence follows
   with no blank, as Chinese text does. */
static int after_cjk_punct(const struct strbuf *o)
{
	for (size_t back = 1; back <= 4 && back <= o->len; back++) {
		long cp;
		const char *at = o->buf + o->len - back;
		if (utf8_next(at, back, &cp) == back && cp >= 0)
			return utf8_is_cjk_punct(cp);
	}
	return 0;
}

char *prediction_verdict(struct prediction *p, const struct watch *seen,
                         const char *cut_short, char *mark)
{
	struct strbuf o = { 0 };
	const struct lesson_step *st = &p->lesson->steps[p->step];
	char *answer = p->answer ? predict_show(st, p->answer) : NULL;
	p->pending = 0;
	*mark = 0;
	if (cut_short) {
		/* What a demo cut short printed proves nothing either way:
		   no verdict, and none kept; the question stays open. */
		cut_short_verdict(&o, answer, cut_short);
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
	if (!shown && answer)
		/* TRANSLATORS: %s is the learner's answer. */
		strbuf_addf(&o, _("You predicted '%s'; the demo ended before "
		            "it showed its answer."), answer);
	else if (!shown)
		strbuf_adds(&o, _("The demo ended before it showed its "
		            "answer."));
	else if (!truth && answer)
		/* TRANSLATORS: the learner's answer, then the line of output
		   the demo showed. */
		strbuf_addf(&o, _("You predicted '%s'; the demo showed '%s', "
		            "which does not answer this question."), answer,
		            shown);
	else if (!truth)
		/* TRANSLATORS: %s is the line of output the demo showed. */
		strbuf_addf(&o, _("The demo showed '%s', which does not "
		            "answer this question."), shown);
	else if (answer && agrees == 1 && st->within_percent)
		/* TRANSLATORS: the learner's answer, the demo's, and the
		   tolerance in percent: "within the 10% the question
		   allows". */
		strbuf_addf(&o, _("You predicted '%s'; the demo showed '%s': "
		            "right, within the %g%% the question allows."),
		            answer, showing, st->within);
	else if (answer && agrees == 1)
		/* TRANSLATORS: the learner's answer, the demo's, and the
		   tolerance: "within the 2 the question allows". */
		strbuf_addf(&o, _("You predicted '%s'; the demo showed '%s': "
		            "right, within the %g the question allows."),
		            answer, showing, st->within);
	else if (answer && agrees)
		/* TRANSLATORS: the learner's answer, then the demo's. */
		strbuf_addf(&o, _("You predicted '%s'; the demo showed '%s': "
		            "right."), answer, showing);
	else if (answer)
		/* TRANSLATORS: the learner's answer, then the demo's. */
		strbuf_addf(&o, _("You predicted '%s'; the demo showed '%s': "
		            "not this time."), answer, showing);
	else
		/* TRANSLATORS: %s is the demo's answer. */
		strbuf_addf(&o, _("The demo showed '%s'."), showing);
	const char *why = explanation(p, st);
	if (why)
		strbuf_addf(&o, "%s%s", after_cjk_punct(&o) ? "" : " ", why);
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
