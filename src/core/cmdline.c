/* cmdline.c - the REPL's command table: lookup, prefixes, splitting. */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "i18n.h"
#include "util.h"

/* Candidate i for "did you mean". */
static const char *table_name_at(size_t i, void *arg)
{
	const struct command *table = arg;
	return table[i].name;
}

const struct command *command_find(const struct command *table,
                                   const char *name, char **cause)
{
	size_t n = 0, matches = 0, len = strlen(name);
	const struct command *found = NULL;
	for (const struct command *c = table; c->name; c++, n++) {
		if (strcmp(c->name, name) == 0)
			return c;
		if (len > 0 && strncmp(c->name, name, len) == 0) {
			found = c;
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1) {
		size_t size = 64;
		for (const struct command *c = table; c->name; c++)
			size += strlen(c->name) + 2;
		char *list = xmalloc(size);
		list[0] = '\0';
		for (const struct command *c = table; c->name; c++) {
			if (strncmp(c->name, name, len) != 0)
				continue;
			if (list[0])
				strcat(list, ", ");
			strcat(list, c->name);
		}
		/* TRANSLATORS: the second %s lists the commands it could
		   be ("prev, ps"). */
		*cause = xasprintf(_("'%s' is ambiguous: %s"), name, list);
		free(list);
		return NULL;
	}
	const char *near = suggest(name, table_name_at, n, (void *)table);
	if (near)
		*cause = xasprintf(_("unknown command '%s' (did you mean "
		                     "'%s'?)"), name, near);
	else
		*cause = xasprintf(_("unknown command '%s' (type 'help' for "
		                     "a list)"), name);
	return NULL;
}

/* A growing string for one word. */
struct word {
	char *text;
	size_t len, size;
};

static void word_add(struct word *w, char c)
{
	if (w->len + 2 > w->size) {
		w->size = w->size ? w->size * 2 : 32;
		w->text = xrealloc(w->text, w->size);
	}
	w->text[w->len++] = c;
	w->text[w->len] = '\0';
}

int command_split(const char *line, int *argc, char ***argv, char **cause)
{
	char **words = NULL;
	int n = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		struct word w = { xstrdup(""), 0, 1 };
		char quote = 0;
		for (; *p; p++) {
			if (quote) {
				if (*p == quote)
					quote = 0;
				else if (*p == '\\' && quote == '"' && p[1])
					word_add(&w, *++p);
				else
					word_add(&w, *p);
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == '\\' && p[1]) {
				word_add(&w, *++p);
			} else if (*p == ' ' || *p == '\t' || *p == '\n' ||
			           *p == '\r') {
				break;
			} else {
				word_add(&w, *p);
			}
		}
		words = xrealloc(words, (size_t)(n + 2) * sizeof *words);
		words[n++] = w.text;
		words[n] = NULL;
		if (quote) {
			command_free_argv(n, words);
			*cause = xasprintf(_("unclosed %c quote"),
			                   quote == '"' ? '"' : '\'');
			return -1;
		}
	}
	if (!words) {
		words = xmalloc(sizeof *words);
		words[0] = NULL;
	}
	*argc = n;
	*argv = words;
	return 0;
}

void command_free_argv(int argc, char **argv)
{
	if (!argv)
		return;
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

char **command_split_list(const char *text)
{
	char **list = xmalloc(sizeof *list);
	size_t n = 0;
	const char *start = text, *p = text;
	char quote = 0;
	for (;; p++) {
		if (quote) {
			if (*p == '\\' && quote == '"' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			if (*p)
				continue;
		}
		if (*p == '"' || *p == '\'') {
			quote = *p;
			continue;
		}
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != ';' && *p != '\0')
			continue;
		list = xrealloc(list, (n + 2) * sizeof *list);
		list[n++] = strndup(start, (size_t)(p - start));
		if (!*p)
			break;
		start = p + 1;
	}
	list[n] = NULL;
	return list;
}
