/* jail.h - a cgroup for a learner's program, where one can be had: the
 * kernel then refuses a fork past pids.max and reclaims or kills past
 * memory.max, whatever the tracer does. A second wall behind the
 * runner's own limits, not instead of them: where no cgroup can be made
 * (not root, no delegation, cgroup v2 with processes in our own group),
 * the run goes on without one. */
#ifndef FORKLORE_JAIL_H
#define FORKLORE_JAIL_H

#include <stddef.h>

/* Make a cgroup (cgroup v1: one in the pids and one in the memory
   hierarchy; v2: one) under forklore's own, with these limits. 0, or -1
   when none could be made (nothing is left then). */
int jail_create(long tasks, long memory_mib);

/* In the run's child, before exec: move this process into the cgroup
   made (nothing if none was). 0, or -1 with errno. */
int jail_enter(void);

/* What was made, in a few words ("a cgroup with pids.max 64 and
   memory.max 1024 MiB"), or "" if nothing. */
const char *jail_describe(void);

/* Remove the cgroup (its processes have ended). */
void jail_remove(void);

#endif
