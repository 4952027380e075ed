/* mask.h - hide what changes from run to run (PIDs, times, addresses), so
 * a transcript of a session reads the same every time. */
#ifndef FORKLORE_MASK_H
#define FORKLORE_MASK_H

/*
 * A mask remembers which numbers are PIDs or TIDs. Each of them becomes
 * P1, P2, ... in the order it first appears in masked text, and keeps that
 * name for the rest of the session, so lines that must agree (a child's
 * PID in its tag and in its parent's words) still agree once masked.
 */
struct mask;

struct mask *mask_new(void);
void mask_free(struct mask *m);

/* id is a PID or TID: mask it wherever it appears (0 and below are not). */
void mask_expect(struct mask *m, long id);

/*
 * A malloc'ed copy of text, masked:
 * - every expected PID or TID, as a whole run of digits, becomes P<n>;
 * - a duration "DIGITS.DD s" becomes "N.NN s";
 * - a hex address "0x" followed by hex digits becomes "0xADDR";
 * - a Python run's directory, forklore-python-XXXXXX, loses its random part.
 * Other numbers stay, and ANSI escape sequences pass through untouched.
 */
char *mask_text(struct mask *m, const char *text);

#endif
