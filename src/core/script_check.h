/* script_check.h - `forklore --check FILE.script`: a script's lines are
 * known commands with the right number of words, and the demos it starts
 * are waited for before it moves on. */
#ifndef FORKLORE_SCRIPT_CHECK_H
#define FORKLORE_SCRIPT_CHECK_H

#include <stddef.h>

/*
 * Check the script at path. Returns 0 with *commands set, or -1 with
 * *error ("NAME:LINE: problem", malloc'ed) for the first line that could
 * not run. Each demo still running when the script moves to another step
 * is a note on stderr ("NAME:LINE: note: ..."): a replay then shows its
 * lines among the next step's.
 */
int script_check(const char *path, size_t *commands, char **error);

#endif
