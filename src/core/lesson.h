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

/* The kinds of predict question: what the learner types, and how it is
   compared with what the run showed. */
enum predict_kind {
	PREDICT_CHOICE,    /* a letter, or one of the options' words */
	PREDICT_NUMBER,    /* a number, right within the step's tolerance */
	PREDICT_ORDER,     /* a sequence such as 2 1 3, or A B C */
	PREDICT_YESNO,     /* yes or no */
};

/* NAME=VALUE conditions on a run's parameters (none: any run). */
struct lesson_when {
	char **args;
	size_t nargs;
	int line;
};

/* One option of a choice question. */
struct lesson_option {
	/* "parent", or "zombie|z|defunct": the value @answer catches when
	   this option is what happened, then other words that name it; '_'
	   stands for a space ("not_set"). Compared without regard to case. */
	char *values;
	char *text;                /* as shown: "the parent" */
};

/* An explanation, said with the verdict of the runs it fits. */
struct lesson_explain {
	struct lesson_when when;
	char *text;
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
	enum predict_kind kind;    /* what kind of answer it takes */
	int predict_line;
	/* @answer HOW PATTERN: how the demo's own answer is read from its
	   lines (each "writer-name text"): the first or last line matching
	   the extended regular expression, the count of matching lines, all
	   of them (joined with spaces), or whether any line, or none,
	   matches ("yes" or "no"); what the first group caught (else the
	   whole match). */
	char *answer_how;          /* first, last, count, all, any, none */
	char *answer_pattern;
	struct lesson_option *options;  /* a choice question's, a), b), ... */
	size_t noptions;
	double within;             /* a number question's tolerance */
	int within_percent;        /* ... as a percentage of the true number */
	struct lesson_explain *explains;  /* @explain, for every run or some */
	size_t nexplains;
	struct lesson_when ask_if; /* @ask-if: asked only for such runs */
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
/* Most options a choice question has (a to i), and most conditional
   explanations a step has. */
#define LESSON_MAX_OPTIONS 9
#define LESSON_MAX_EXPLAINS 8

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

/*
 * Is translation a translation of original: the same id and order, the
 * same steps with the same demos and parameters, the same questions of
 * the same kinds with the same options' values (a translation may add
 * values), the same conditions, and the same code (C, shell and text
 * listings alike; a Python listing may differ only in its comments)? 0,
 * or -1 with *line the line of translation at fault and a malloc'ed
 * *cause.
 */
int lesson_same_shape(const struct lesson *original,
                      const struct lesson *translation, int *line,
                      char **cause);

/* The step whose Python listing step `step` runs (`run python`): itself
   if it has one; else, when it runs the same demo as an earlier step with
   a listing, the nearest such step (a step that runs a demo again with
   other parameters runs its Python again with them); else NULL. */
const struct lesson_step *lesson_python_step(const struct lesson *l,
                                             size_t step);

#endif
