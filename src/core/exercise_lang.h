/* exercise_lang.h - exercises in other languages: a translated header
 * (lessons/LANG/exercises/NAME/exercise) gives an exercise's title, task,
 * hints and the facts' words in that language; everything the check
 * judges stays its original's, and is held to it. */
#ifndef FORKLORE_EXERCISE_LANG_H
#define FORKLORE_EXERCISE_LANG_H

#include "exercise.h"

/*
 * The folder of the original an exercise folder translates
 * ("lessons/zh/exercises/fork-reap" -> "lessons/exercises/fork-reap"),
 * malloc'ed; NULL when dir is not in a language's folder.
 */
char *exercise_original_dir(const char *dir);

/*
 * Read the translation in folder dir (its header file `exercise` alone)
 * of the exercise orig. 0 with *out: a whole exercise whose files (dir,
 * wrong almost-solutions) are the original's; or -1 with a malloc'ed
 * "FILE:LINE: message" in *error.
 */
int exercise_read_translation(const char *dir, const struct exercise *orig,
                              struct exercise **out, char **error);

/* Trade the words (title, task, hints, the facts' words) of two
   exercises of the same shape; all else stays. */
void exercise_swap_words(struct exercise *a, struct exercise *b);

#endif
