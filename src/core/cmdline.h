/* cmdline.h - the REPL's command table: lookup, prefixes, splitting. */
#ifndef FORKLORE_CMDLINE_H
#define FORKLORE_CMDLINE_H

struct session;

/* What a command's arguments complete to. */
enum complete_kind {
	COMPLETE_NONE,
	COMPLETE_COMMAND,       /* help CMD */
	COMPLETE_LESSON,        /* open LESSON */
	COMPLETE_LANG,          /* code c|python */
	COMPLETE_RUN_ARGS,      /* run NAME=VALUE: the step's demo's params */
	COMPLETE_DEMO_ARGS,     /* demo NAME NAME=VALUE */
	COMPLETE_SETTING,       /* set NAME VALUE */
	COMPLETE_PANE,          /* zoom PANE */
	COMPLETE_EXERCISE,      /* try NAME */
};

struct command {
	const char *name;
	const char *usage;      /* "open LESSON" */
	const char *help;       /* one line, lowercase, no final period */
	int min_args, max_args; /* max -1: any number */
	enum complete_kind complete;
	/* 0, -1, or CMD_WAIT with s->waiting set (session.h). */
	int (*exec)(struct session *s, int argc, char **argv);
	int flags;
};

/* In a script, the command runs only once the last demo has ended, so
   a transcript comes out the same every time. */
#define AFTER_DEMO 1

/* The REPL's commands, ending with an entry whose name is NULL. */
extern const struct command command_table[];

/*
 * Find a command by exact name, else by unique prefix. On failure returns
 * NULL with a malloc'ed one-line *cause: ambiguous (lists the candidates)
 * or unknown (with a "did you mean" when one is close).
 */
const struct command *command_find(const struct command *table,
                                   const char *name, char **cause);

/*
 * Split a line into words: blanks separate, "double" or 'single' quotes
 * group, backslash escapes the next character. A '#' at the start of a
 * word begins a comment. Returns 0, or -1 with *cause (unclosed quote).
 */
int command_split(const char *line, int *argc, char ***argv, char **cause);
void command_free_argv(int argc, char **argv);

/* Split "a; b; c" into commands, honouring quotes; NULL-terminated. */
char **command_split_list(const char *text);

#endif
