/* lesson.h - the lesson file format: parse and validate one lesson. */
#ifndef FORKLORE_LESSON_H
#define FORKLORE_LESSON_H

#include <stddef.h>

/* A code listing of a step: literal text, or a snippet of demo source. */
struct lesson_code {
	char *lang;      /* "c", "python", "shell" or "text" */
	char *snippet;   /* name of the demo-source snippet, or NULL */
	char *text;      /* the listing, '\n'-terminated lines */
	int line;        /* where the block starts in the file */
};

struct lesson_step {
	char *title;
	int line;                  /* line of the @step directive */
	char *text;                /* narrative: paragraphs separated by one
	                              blank line, no leading/trailing blanks */
	struct lesson_code *code;
	size_t ncode;
	char *demo;                /* @run demo name, or NULL */
	char **run_args;           /* "name=value" strings from @run */
	size_t nrun_args;
	int run_line;
	char *predict;             /* @predict question, or NULL */
	/* @answer HOW PATTERN: how the demo's own answer is read from its
	   lines (each "writer-name text"): the first or last line matching
	   the extended regular expression, the count of matching lines, or
	   all of them; what the first group caught (else the whole match). */
	char *answer_how;          /* "first", "last", "count", "all" */
	char *answer_pattern;
	char *explain;             /* @explain: one line shown afterwards */
};

struct lesson {
	char *path;
	char *id;                  /* short name: [a-z0-9-], 1..32 chars */
	char *title;
	char *summary;
	int order;                 /* 1..9999, sorts the list of lessons */
	struct lesson_step *steps;
	size_t nsteps;
};

/*
 * What the parser needs to know of the rest of the program, so that it
 * stays pure: check a @run directive against the demo registry, and find
 * the text of a source snippet. Either hook may be NULL (then @run is not
 * checked beyond its syntax, and @source is an error).
 *   check_run: return 0 if demo and args are valid, else -1 and set *cause
 *              to a malloc'ed one-line message (without FILE:LINE).
 *   snippet:   return the snippet's text (not owned), or NULL if unknown.
 */
struct lesson_hooks {
	int (*check_run)(const char *demo, char *const *args, size_t nargs,
	                 char **cause, void *arg);
	const char *(*snippet)(const char *name, void *arg);
	void *arg;
};

/* Largest lesson file accepted, and longest line. */
#define LESSON_MAX_SIZE  (1024 * 1024)
#define LESSON_MAX_LINE  4096
/* Longest @answer pattern, and how many + it may have. */
#define LESSON_MAX_PATTERN 200
#define LESSON_MAX_PLUSES 4

/*
 * Parse len bytes of buf (need not be NUL-terminated; may contain NULs,
 * which are an error). On success returns 0 and stores a new lesson in
 * *out. On failure returns -1, sets *line to the 1-based line at fault
 * and *cause to a malloc'ed one-line message; *out is untouched.
 */
int lesson_parse(const char *path, const char *buf, size_t len,
                 const struct lesson_hooks *hooks, struct lesson **out,
                 int *line, char **cause);

void lesson_free(struct lesson *lesson);

#endif
