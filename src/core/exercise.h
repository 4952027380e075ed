/* exercise.h - the exercise files: a header that says what the learner is
 * to do and what the check looks at, beside a starting file, a reference
 * solution and wrong almost-solutions (see forklore-lesson(5)). Pure: the
 * parser does no I/O; exercise_read reads one directory. */
#ifndef FORKLORE_EXERCISE_H
#define FORKLORE_EXERCISE_H

#include <stddef.h>

enum exercise_language { EXERCISE_C, EXERCISE_PYTHON };

/* What a check judges: a fact about what the program did. */
enum fact_kind {
	FACT_EXIT,             /* the first process exits with status min */
	FACT_TIME,             /* the run ends within seconds */
	FACT_ZOMBIES,          /* no zombie lasts longer than seconds */
	FACT_PROCESSES,        /* processes made in all: min..max */
	FACT_AT_ONCE,          /* processes alive at once, first too */
	FACT_THREADS,          /* threads made in all */
	FACT_THREADS_AT_ONCE,  /* threads alive at once */
	FACT_NAMES,            /* the threads made had these names */
	FACT_OUTPUT,           /* lines matching regex: min..max */
	FACT_DISTINCT,         /* distinct first groups of those lines */
	FACT_COUNT
};

struct exercise_fact {
	enum fact_kind kind;
	long min, max;
	double seconds;
	char **names;          /* FACT_NAMES */
	size_t nnames;
	char *regex;           /* FACT_OUTPUT, FACT_DISTINCT (POSIX ERE) */
	char *words;           /* what it means, or NULL */
	int line;
};

/* Limits of a checked run (0: forklore's default). */
struct exercise_limits {
	long tasks;            /* processes and threads alive at once */
	long seconds;          /* wall */
	long cpu;              /* CPU seconds per process */
	long memory;           /* MiB of address space per process */
	long output;           /* KiB */
};

#define EXERCISE_DEFAULT_TASKS 64
#define EXERCISE_DEFAULT_SECONDS 10
#define EXERCISE_DEFAULT_CPU 10
#define EXERCISE_DEFAULT_MEMORY 1024
#define EXERCISE_DEFAULT_OUTPUT 1024
#define EXERCISE_MAX_HINTS 4
#define EXERCISE_MAX_ARGS 16

struct exercise {
	char *dir;             /* its directory */
	char *name;            /* [a-z][a-z0-9-]{0,31}, the directory's name */
	char *lesson;          /* a lesson id */
	int step;              /* 1-based */
	int lesson_line, step_line;   /* where they were given */
	enum exercise_language language;
	char *title;
	char *task;            /* paragraphs, like a step's narrative */
	char **args;
	size_t nargs;
	int slowmo;
	struct exercise_limits limits;
	struct exercise_fact *facts;
	size_t nfacts;
	char **hints;
	size_t nhints;
	char **wrongs;         /* file names of the wrong almost-solutions */
	size_t nwrongs;
};

/* The file extension of its language: "c" or "py". */
const char *exercise_ext(const struct exercise *e);

/*
 * Parse a header (len bytes of buf). 0 with a new exercise in *out (dir
 * and wrongs not set), or -1 with *line the 1-based line at fault and
 * *cause a malloc'ed one-line message.
 */
int exercise_parse(const char *buf, size_t len, struct exercise **out,
                   int *line, char **cause);

/*
 * Read the exercise in directory dir: its header file `exercise`, whose
 * name must be the directory's, and its files (start, solution, at least
 * one wrong-*). 0, or -1 with a malloc'ed "FILE:LINE: message" in *error.
 */
int exercise_read(const char *dir, struct exercise **out, char **error);

void exercise_free(struct exercise *e);

/* A fact in words, as the report says it ("no zombie lives longer than
   1.0 s"). malloc'ed. */
char *exercise_fact_words(const struct exercise_fact *f);

#endif
