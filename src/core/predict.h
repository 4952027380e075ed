/* predict.h - predict, then see: the demo's own answer, the learner's, and
 * whether they agree, for each kind of question. Pure functions. */
#ifndef FORKLORE_PREDICT_H
#define FORKLORE_PREDICT_H

#include <stddef.h>

#include "lesson.h"

/*
 * Read the demo's answer from its lines (each "writer-name text"), as a
 * lesson's @answer HOW PATTERN says: HOW is first, last, count, all, any
 * or none. What the pattern's first group caught is the answer (the whole
 * match if it has no group); all joins the answers of every matching line
 * with spaces; any and none answer "yes" or "no". Returns a malloc'ed
 * string, or NULL when no line matched (count: "0", any/none: "no"/"yes").
 */
char *predict_observe(const char *how, const char *pattern,
                      char *const *lines, size_t nlines);

/*
 * Read the learner's answer as the step's kind of question asks for it:
 *   choice: a letter (a, b, ...), one of an option's values, or its text;
 *   number: one number (digits, or a word up to twenty), with no words but
 *           the question's own ("worker 2", "5 times");
 *   order:  numbers or single letters in sequence ("2 1 3", "A, B then C");
 *   yesno:  yes, no, y or n.
 * Case, punctuation and spacing do not matter. Returns 0 and a malloc'ed
 * *reading in a canonical form (the option's letter, the number, the
 * sequence with single spaces, "yes" or "no"), or -1 and a malloc'ed
 * one-line *why that says what to type instead. An answer that hedges
 * ("maybe the parent or the child", "not 100, 999") is not read.
 */
int predict_read(const struct lesson_step *st, const char *answer,
                 char **reading, char **why);

/* What the run showed (predict_observe's answer), in the same canonical
   form; NULL when it is not an answer of that kind (a choice no option
   names, a number that is none). */
char *predict_truth(const struct lesson_step *st, const char *shown);

/* Does the reading agree with the truth (a number: within the step's
   tolerance)? 2 when it does exactly, 1 within the tolerance, 0 not. */
int predict_agrees(const struct lesson_step *st, const char *reading,
                   const char *truth);

/* A canonical answer as the learner reads it: "b) the child" for a
   choice, else itself. malloc'ed. */
char *predict_show(const struct lesson_step *st, const char *canonical);

/* The question as a step shows it: "Predict: QUESTION", and a choice's
   options on the same line ("  a) the parent; b) the child"). */
char *predict_question(const struct lesson_step *st);

/* The hint shown with a question: what kind of answer it takes, and for
   a choice its options, one per line ("  a) the parent"). malloc'ed. */
char *predict_how_to_answer(const struct lesson_step *st);

#endif
