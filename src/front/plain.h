/* plain.h - the line-mode front end: text sections instead of panes. */
#ifndef FORKLORE_PLAIN_H
#define FORKLORE_PLAIN_H

#include <stdio.h>

#include "session.h"

struct plain;

/* width: columns to wrap text to; color: use ANSI colours. */
struct plain *plain_new(int width, int color);
void plain_free(struct plain *p);

/* The errno of the first failed write of the transcript, or 0. */
int plain_output_error(void);

/* Columns of the terminal on standard output, or 80 when it is none. */
int terminal_columns(void);
void plain_set_width(struct plain *p, int columns);
const struct ui *plain_ui(struct plain *p);

/* --mask: PIDs and TIDs become P1, P2, ... (the same PID always the same),
   durations N.NN s and addresses 0xADDR, in everything printed on stdout.
   A script's demo lines wait until the demo ends (or until something else
   is printed), so every PID they name is known when they are masked; at
   the prompt they show as they come. Call after the guard has started. */
void plain_set_mask(struct plain *p, int on);

/*
 * Interactive: a readline prompt, with demo output printed above it as it
 * comes. history: file to load and save ("" for none). Returns the exit
 * status.
 */
int plain_interactive(struct plain *p, struct session *s,
                      const char *history);

/*
 * Replay commands: each echoed after the prompt, then its output. name is
 * used in messages ("-c", a file name). Returns 0 when every command
 * succeeded, else 1 after naming the lines that failed on stderr.
 */
int plain_script(struct plain *p, struct session *s, const char *name,
                 int fd);
int plain_commands(struct plain *p, struct session *s, char **commands);

#endif
