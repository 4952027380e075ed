/* record.h - `record FILE`: the commands typed from now on, written as a
 * script that `forklore --script FILE` replays. */
#ifndef FORKLORE_RECORD_H
#define FORKLORE_RECORD_H

#include <stddef.h>

struct session;

/* Start writing to path, which must not exist yet. 0, or -1 with a
   malloc'ed one-line *cause. */
int record_start(struct session *s, const char *path, char **cause);

/* Stop, and say how much was written; returns the number of commands. */
size_t record_stop(struct session *s);

/* A line was run: command is its command's name (NULL if it was not
   one), ok whether it worked; answer if it answered a question. */
void record_line(struct session *s, const char *line, const char *command,
                 int ok, int answer);

#endif
