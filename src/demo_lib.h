/* demo_lib.h - what every demo uses: tagged output, scaled sleeps, names. */
#ifndef FORKLORE_DEMO_LIB_H
#define FORKLORE_DEMO_LIB_H

#include <sys/types.h>

/* Called once by the runner in the demo's root process. */
void demo_lib_init(const char *name, double speed, unsigned long seed);

/* Print one line, tagged with this process's PID, TID and thread name. */
void demo_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sleep for seconds times the speed factor (0 = do not sleep). */
void demo_sleep(double seconds);

/* First call in a freshly forked child: name it and tie it to its parent. */
void demo_child(const char *name);

/* Name the calling thread (at most 15 bytes show in /proc). */
void demo_name_thread(const char *name);

/* A random number in [lo, hi), repeatable for a given --seed and name. */
double demo_random(double lo, double hi);

/* Seconds since the demo started, from the monotonic clock. */
double demo_elapsed(void);

/* The speed factor the demo runs at. */
double demo_speed(void);

#endif
