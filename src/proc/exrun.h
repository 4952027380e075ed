/* exrun.h - the runs an exercise check makes: the C compiler on the
 * learner's file, then the learner's program, each a synthetic demo for
 * the runner (own group, guard, exact record, limits). */
#ifndef FORKLORE_EXRUN_H
#define FORKLORE_EXRUN_H

#include <stddef.h>

#include "demo.h"

/* Most arguments a program is given. */
#define EXERCISE_ARGV_MAX 16

/* What a program run is given. */
struct exrun_program {
	const char *path;            /* the binary, or the .py file */
	int python;                  /* run path with python3 */
	char *const *args;           /* argv[1..] */
	size_t nargs;
	int slowmo;                  /* FORKLORE_SLOWMO=1 */
	const char *include_dir;     /* slowmo.py's directory (Python) */
	long memory_mib, cpu_seconds;
	long file_mib;               /* largest file it may write */
};

/* The compiler forklore uses (cc on PATH): 0 with its path, or -1 with a
   malloc'ed *cause saying how to install one. */
int exrun_find_cc(char *buf, size_t size, char **cause);

/* A demo that compiles source into binary with cc (warnings on, the
   exercises' directory on the include path). Valid until the next call.
   NULL with *cause when there is no cc. */
const struct demo *exrun_compile(const char *source, const char *binary,
                                 const char *include_dir, char **cause);

/* A demo that runs the program, under the limits given. NULL with *cause
   (no python3, say). */
const struct demo *exrun_run(const struct exrun_program *p, char **cause);

/* The command line the last demo runs, for the report ("cc -Wall ..."). */
const char *exrun_command(void);

#endif
