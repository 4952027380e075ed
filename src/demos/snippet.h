/* snippet.h - the demo sources embedded in the binary, and their snippets. */
#ifndef FORKLORE_SNIPPET_H
#define FORKLORE_SNIPPET_H

#include <stddef.h>

struct embedded_source {
	const char *name;   /* file name, e.g. "demo_fork.c" */
	const char *text;   /* its whole text */
};

/* Generated at build time; ends with a { NULL, NULL } entry. */
extern const struct embedded_source embedded_sources[];

/*
 * A snippet is the text between a line containing "snippet: NAME" and the
 * next line containing "end snippet" in a demo source file, without those
 * two lines and with the common leading indentation removed.
 */

/* Extract snippet `name` from `text`; malloc'ed, or NULL if absent. */
char *snippet_extract(const char *text, const char *name);

/* The snippet from all embedded sources (cached; not to be freed). */
const char *snippet_find(const char *name);

#endif
