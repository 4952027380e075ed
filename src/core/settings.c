/* settings.c - what the learner set for every later run. */
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "util.h"

const char *settings_get(const struct settings *set, const char *name)
{
	for (size_t i = 0; i < set->nvalues; i++)
		if (strcmp(set->values[i].name, name) == 0)
			return set->values[i].value;
	return NULL;
}

void settings_put(struct settings *set, const char *name, const char *value)
{
	for (size_t i = 0; i < set->nvalues; i++) {
		if (strcmp(set->values[i].name, name) != 0)
			continue;
		free(set->values[i].value);
		if (value) {
			set->values[i].value = xstrdup(value);
		} else {
			free(set->values[i].name);
			set->values[i] = set->values[--set->nvalues];
		}
		return;
	}
	if (!value)
		return;
	set->values = xrealloc(set->values,
	                       (set->nvalues + 1) * sizeof *set->values);
	set->values[set->nvalues].name = xstrdup(name);
	set->values[set->nvalues].value = xstrdup(value);
	set->nvalues++;
}

void settings_free(struct settings *set)
{
	for (size_t i = 0; i < set->nvalues; i++) {
		free(set->values[i].name);
		free(set->values[i].value);
	}
	free(set->values);
	set->values = NULL;
	set->nvalues = 0;
}
