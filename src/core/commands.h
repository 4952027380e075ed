/* commands.h - the commands of the REPL, as the table in commands.c
 * lists them; each returns 0, -1 (its error shown), or CMD_WAIT. */
#ifndef FORKLORE_COMMANDS_H
#define FORKLORE_COMMANDS_H

#include <stddef.h>

struct session;

/* cmd_lessons.c: moving through the course. */
int cmd_lessons(struct session *s, int argc, char **argv);
int cmd_open(struct session *s, int argc, char **argv);
int cmd_next(struct session *s, int argc, char **argv);
int cmd_prev(struct session *s, int argc, char **argv);
int cmd_goto(struct session *s, int argc, char **argv);
int cmd_show(struct session *s, int argc, char **argv);
int cmd_code(struct session *s, int argc, char **argv);
int cmd_record(struct session *s, int argc, char **argv);
int cmd_reset(struct session *s, int argc, char **argv);
/* The answer to reset's question (y or yes resets). */
int cmd_reset_answered(struct session *s, const char *answer);

/* cmd_exercises.c: exercises checked against the kernel. */
int cmd_exercises(struct session *s, int argc, char **argv);
int cmd_try(struct session *s, int argc, char **argv);
int cmd_edit(struct session *s, int argc, char **argv);
int cmd_check(struct session *s, int argc, char **argv);
int cmd_hint(struct session *s, int argc, char **argv);
int cmd_solution(struct session *s, int argc, char **argv);
/* The answer to solution's question (y or yes shows it). */
int cmd_solution_answered(struct session *s, const char *answer);
void exercises_init(struct session *s);
void exercises_free(struct session *s);
/* Ctrl-C while check --watch waits for a save: it stops watching (and
   says so); 1 if it was watching. */
int exercises_watch_stopped(struct session *s);
/* How many exercises a lesson has, and how many of them are solved. */
size_t exercises_of_lesson(struct session *s, const char *lesson,
                           size_t *solved);
/* The exercises' names, for completion: at most max; how many. */
size_t exercises_names(struct session *s, const char **names, size_t max);

/* cmd_demos.c: running and watching demos. */
int cmd_demos(struct session *s, int argc, char **argv);
int cmd_run(struct session *s, int argc, char **argv);
int cmd_demo(struct session *s, int argc, char **argv);
int cmd_stop(struct session *s, int argc, char **argv);
int cmd_wait(struct session *s, int argc, char **argv);
int cmd_pause(struct session *s, int argc, char **argv);
int cmd_set(struct session *s, int argc, char **argv);
int cmd_params(struct session *s, int argc, char **argv);
int cmd_ps(struct session *s, int argc, char **argv);
int cmd_trace(struct session *s, int argc, char **argv);
/* `help demo NAME`: what the demo does, its parameters, the steps that
   run it. */
int cmd_help_demo(struct session *s, const char *name);
/* The names `set` knows (speed, seed, every demo parameter), for
   completion: at most max of them, in names; returns how many. */
size_t cmd_setting_names(const char **names, size_t max);

#endif
