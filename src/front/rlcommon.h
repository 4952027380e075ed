/* rlcommon.h - the parts of GNU readline both front ends set up alike. */
#ifndef FORKLORE_RLCOMMON_H
#define FORKLORE_RLCOMMON_H

#include "session.h"

/* Name ("forklore", for $if in inputrc), no signal handling of its own,
   and completion from the session's command table. */
void rlcommon_setup(struct session *s);

/* Add a typed line to the history unless blank or the same as the last. */
void rlcommon_remember(const char *line);

/* Load and save the history file ("" or NULL: none); 1000 lines kept. */
void rlcommon_history_load(const char *path);
void rlcommon_history_save(const char *path);

#endif
