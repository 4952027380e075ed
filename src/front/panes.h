/* panes.h - the curses front end: lesson, code, output and monitor panes. */
#ifndef FORKLORE_PANES_H
#define FORKLORE_PANES_H

#include "session.h"

struct panes;

/* Can this terminal show the panes? If not, *why says why (static). */
int panes_possible(const char **why);

struct panes *panes_new(int color);
void panes_free(struct panes *p);
const struct ui *panes_ui(struct panes *p);

/* --present: start in the projector preset. */
void panes_set_present(struct panes *p, int on);

/* Run the course in the panes until quit; returns the exit status.
   history: file to load and save ("" for none); replay: a script to
   replay first (replay.h), or NULL. */
struct replay;
int panes_run(struct panes *p, struct session *s, const char *history,
              struct replay *replay);

#endif
