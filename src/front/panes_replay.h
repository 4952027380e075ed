/* panes_replay.h - a script replayed in the panes for a class: each command typed
 * out at the prompt, `pause` lines waiting for the presenter. */
#ifndef FORKLORE_PANES_REPLAY_H
#define FORKLORE_PANES_REPLAY_H

#include <stdio.h>

/* A script read and checked, ready to replay. */
struct replay;

/*
 * Read the script from descriptor fd (named name in messages). Lines that are not
 * good script lines are kept as "NAME:LINE: problem" errors, reported when
 * the replay starts. Returns NULL with *error ("NAME:LINE: ...") only when
 * the file cannot be read at all.
 */
struct replay *replay_load(int fd, const char *name, char **error);
void replay_free(struct replay *r);

/* Typing speed (characters a second, 0 at once) and pace (seconds a pause
   waits by itself, 0 for a key). */
void replay_set_speeds(struct replay *r, double type_speed, double pace);

#endif
