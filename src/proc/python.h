/* python.h - a lesson's Python listing, run live as a demo (`run python`).
 *
 * The listing is written to a private directory with forklore's start-up
 * module (src/python/sitecustomize.py, embedded in the binary), and run
 * as `python3 FILE NAME=VALUE...` under the runner like any C demo: its
 * own process group, the guard, the record. The module names Python's
 * processes and threads in the kernel and tags each output line. */
#ifndef FORKLORE_PYTHON_H
#define FORKLORE_PYTHON_H

#include <stddef.h>

#include "demo.h"

/* The start methods a multiprocessing listing can be given. */
extern const char *const python_start_methods[];   /* ends with NULL */

/* The python3 that `run python` would run, found on PATH: 0 with its path
   in buf, or -1 with a malloc'ed one-line *cause (what is missing and how
   to install it). */
int python_find(char *buf, size_t size, char **cause);

/* The same for a free-threaded Python (python3.13t or later, no GIL). */
int python_find_free(char *buf, size_t size, char **cause);

/*
 * Get a run of listing ready: file_name is the listing's name in the run
 * ("processes-1.py"); like is the step's demo, whose parameters the
 * listing is given (all of them, as NAME=VALUE), or NULL for none; start
 * is a start method to pass as start=METHOD, or NULL; free_threaded picks
 * a free-threaded Python instead of python3. Returns the demo to
 * hand to the runner (valid until the next call), or NULL with a
 * malloc'ed *cause. The listing of the run before is removed first.
 */
const struct demo *python_prepare(const char *listing, const char *file_name,
                                  const struct demo *like, const char *start,
                                  int free_threaded, char **cause);

/*
 * For runs of Python files other than listings (an exercise): the
 * interpreter to exec (free_threaded: a free-threaded one), in python,
 * with the session's directory holding the start-up module made. 0, or
 * -1 with a malloc'ed one-line *cause.
 */
int python_ready(int free_threaded, char *python, size_t size, char **cause);

/* In the run's child, before exec: the environment that loads the
   start-up module (PYTHONPATH: its directory, then more_path if not
   NULL), and tells it the run's root and speed. */
void python_child_env(const char *more_path);

/* The interpreter the prepared run will exec (a full path), or "". */
const char *python_interpreter(void);

/* Is d a demo python_prepare made? */
int python_is_demo(const struct demo *d);

/* A run is over: its listing goes (the directory stays for the next). */
void python_run_done(void);

/* Remove the directory and all in it, at the end of a session. */
void python_cleanup(void);

#endif
