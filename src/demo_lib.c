/* demo_lib.c - what every demo uses: tagged output, scaled sleeps, names. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "demo_lib.h"
#include "tagline.h"

static double speed = 1.0;
static unsigned long seed;
static struct timespec started;
static pid_t self;                        /* this process, as last named */
static _Thread_local uint64_t random_state;

/* Mix the seed with a name, so each named process or thread gets its
   own repeatable stream of random numbers. */
static void seed_random(const char *name)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)seed;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	random_state = h ? h : 1;
}

void demo_lib_init(const char *name, double speed_factor,
                   unsigned long seed_value)
{
	speed = speed_factor;
	seed = seed_value;
	self = getpid();
	clock_gettime(CLOCK_MONOTONIC, &started);
	prctl(PR_SET_NAME, name, 0, 0, 0);
	seed_random(name);
}

void demo_say(const char *fmt, ...)
{
	char text[TAGLINE_MAX], line[TAGLINE_MAX + 64], name[17] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	size_t len = tagline_format(line, sizeof line, getpid(), gettid(),
	                            name, text);
	/* One write per line: the pipe keeps it whole (len < PIPE_BUF). */
	while (write(STDOUT_FILENO, line, len) < 0 && errno == EINTR)
		;
}

void demo_sleep(double seconds)
{
	double total = seconds * speed;
	if (!(total > 0))
		return;
	struct timespec ts = { (time_t)total,
	                       (long)((total - floor(total)) * 1e9) };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* snippet: demo-child */
void demo_child(const char *name)
{
	pid_t parent = self;
	self = getpid();
	/* The name shows in ps, top and forklore's monitor. */
	prctl(PR_SET_NAME, name, 0, 0, 0);
	/* Die with the parent, so no demo process outlives the course... */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* ...even if the parent died before the line above took effect. */
	if (getppid() != parent)
		_exit(1);
	seed_random(name);
}
/* end snippet */

void demo_name_thread(const char *name)
{
	prctl(PR_SET_NAME, name, 0, 0, 0);
	seed_random(name);
}

double demo_random(double lo, double hi)
{
	/* xorshift64*: small, fast, and the same on every machine. */
	uint64_t x = random_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	random_state = x;
	uint64_t r = x * 2685821657736338717ull;
	return lo + (hi - lo) * (double)(r >> 11) / 9007199254740992.0;
}

double demo_elapsed(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - started.tv_sec) +
	       (double)(now.tv_nsec - started.tv_nsec) / 1e9;
}

double demo_speed(void)
{
	return speed;
}
