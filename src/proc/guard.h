/* guard.h - the small process that outlives the interface. */
#ifndef FORKLORE_GUARD_H
#define FORKLORE_GUARD_H

/*
 * Split in two: the guard stays in this function until the interface ends,
 * then exits with its status (after ending leftovers and restoring the
 * terminal if it died by a signal). Returns 0 in the interface, -1 if the
 * guard could not be set up (errno says why; carry on without it).
 */
int guard_start(void);

/* The interface says when its curses screen is up (1) or put away (0). */
void guard_screen(int on);

/* Ctrl-Z: stop the interface (the caller has put the terminal back), so
   that the guard stops too and the shell sees the job stop; returns when
   continued (fg). */
void guard_suspend(void);

/* In the interface: has the guard died (killed, most likely)? */
int guard_gone(void);

/* The interface is leaving by its normal way out; anything else that ends
   it is treated as a crash. */
void guard_leaving(void);

#endif
