/* options.h - the command line of forklore. */
#ifndef FORKLORE_OPTIONS_H
#define FORKLORE_OPTIONS_H

struct options {
	int plain;              /* --plain */
	const char *script;     /* --script FILE, "-" for stdin */
	const char *commands;   /* -c 'CMD; CMD' */
	double speed;           /* --speed X, default 1 */
	unsigned long seed;     /* --seed N, default 1 */
	const char *lessons;    /* --lessons DIR */
	const char *lang;       /* --lang en|zh, or NULL: the environment's */
	int check;              /* --check: the arguments are lesson files */
	int no_color;           /* --no-color */
	double pace;            /* --pace SECONDS: pauses go on by themselves
	                           (0: they wait for a key) */
	double type_speed;      /* --type-speed N: characters a second when
	                           a replay types (0: at once), default 25 */
	const char *cast;       /* --cast FILE: asciicast v2 recording */
	int mask;               /* --mask: PIDs and times masked (plain) */
	int present;            /* --present: the projector preset */
	int no_predict;         /* --no-predict: no predict questions */
	int no_trace;           /* --no-trace: demos not followed (ptrace) */
	const char *trace;      /* --trace FILE, or NULL */
	int help;               /* --help */
	int version;            /* --version */
	char **args;            /* what is left: a lesson, or files for --check */
	int nargs;
};

/* Parse argv into o. 0, or -1 with a malloc'ed one-line *cause. */
int options_parse(int argc, char **argv, struct options *o, char **cause);

/* The text --help prints. */
extern const char options_usage[];

#endif
