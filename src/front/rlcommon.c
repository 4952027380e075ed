/* rlcommon.c - the parts of GNU readline both front ends set up alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "rlcommon.h"
#include "util.h"

static struct session *completing;

/* Readline completion: the session's candidates for the word at start,
   in readline's form (their common prefix first). */
static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;   /* never complete file names */
	char **items = session_complete(completing, rl_line_buffer, start,
	                                 text);
	if (!items || !items[0]) {
		free(items);
		return NULL;
	}
	size_t n = 0;
	while (items[n])
		n++;
	char **matches = xmalloc((n + 2) * sizeof *matches);
	size_t common = strlen(items[0]);
	for (size_t i = 1; i < n; i++) {
		size_t j = 0;
		while (j < common && items[i][j] == items[0][j])
			j++;
		common = j;
	}
	matches[0] = xmalloc(common + 1);
	memcpy(matches[0], items[0], common);
	matches[0][common] = '\0';
	memcpy(matches + 1, items, (n + 1) * sizeof *items);
	free(items);
	/* "linger=" wants its value next, not a space. */
	if (n == 1 && matches[1][strlen(matches[1]) - 1] == '=')
		rl_completion_suppress_append = 1;
	return matches;
}

void rlcommon_setup(struct session *s)
{
	completing = s;
	rl_readline_name = "forklore";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = (char *)" \t";
}

void rlcommon_remember(const char *line)
{
	if (!*(line + strspn(line, " \t")))
		return;
	HIST_ENTRY *last = history_length ?
	    history_get(history_base + history_length - 1) : NULL;
	if (!last || strcmp(last->line, line) != 0)
		add_history(line);
}

void rlcommon_history_load(const char *path)
{
	if (path && *path)
		read_history(path);
}

void rlcommon_history_save(const char *path)
{
	if (!path || !*path)
		return;
	write_history(path);
	history_truncate_file(path, 1000);
}
