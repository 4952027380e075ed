/* descendants.h - signalling every process below this one, found in /proc:
 * how the runner, the guard and the cast recorder make sure nothing of a
 * demo is left. */
#ifndef FORKLORE_DESCENDANTS_H
#define FORKLORE_DESCENDANTS_H

/* Send sig to every live (not zombie) descendant of this process; returns
   how many it reached, or -1 with errno when /proc could not be read. */
int descendants_signal(int sig);

#endif
