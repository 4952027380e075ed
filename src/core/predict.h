/* predict.h - predict, then see: the demo's own answer and the learner's. */
#ifndef FORKLORE_PREDICT_H
#define FORKLORE_PREDICT_H

#include <stddef.h>

/*
 * Read the demo's answer from its lines (each "writer-name text"), as a
 * lesson's @answer HOW PATTERN says: HOW is first, last, count or all. What
 * the pattern's first group caught is the answer (the whole match if it
 * has no group); all joins the answers of every matching line with spaces.
 * Returns a malloc'ed string, or NULL when no line matched (count: "0").
 */
char *predict_observe(const char *how, const char *pattern,
                      char *const *lines, size_t nlines);

/*
 * Does the learner's answer say what the demo showed? Both are compared
 * as words: case, punctuation and spacing do not matter, number words up
 * to twenty equal their digits, and the demo's answer may sit among other
 * words ("the parent" says "parent").
 */
int predict_agrees(const char *answer, const char *observed);

#endif
