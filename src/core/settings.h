/* settings.h - what the learner set for every later run: the pace of the
 * demos, their seed, and demo parameters (`set NAME VALUE`). */
#ifndef FORKLORE_SETTINGS_H
#define FORKLORE_SETTINGS_H

#include <stddef.h>

/* A parameter value set with `set NAME VALUE`, used by every later run. */
struct setting {
	char *name;
	char *value;
};

struct settings {
	double speed;              /* --speed: 1 real time, 0 no sleeps */
	unsigned long seed;        /* --seed: the demos' randomness */
	int no_predict;            /* --no-predict: never ask first */
	double pace;               /* --pace: a script's `pause` waits this
	                              long (the panes' replay reads its
	                              pauses itself) */
	struct setting *values;    /* in the order they were set */
	size_t nvalues;
};

/* The value set for name, or NULL. */
const char *settings_get(const struct settings *set, const char *name);

/* Set name to value (a copy); value NULL forgets it. */
void settings_put(struct settings *set, const char *name, const char *value);

void settings_free(struct settings *set);

#endif
