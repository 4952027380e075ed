/* script_check.c - checking a script without running it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "files.h"
#include "i18n.h"
#include "script.h"
#include "script_check.h"
#include "util.h"

/* One line's command: known, with as many words as it takes. NULL, or
   the problem (malloc'ed). */
static char *check_command(const char *command, const char **name)
{
	int argc;
	char **argv, *cause = NULL;
	*name = NULL;
	if (command_split(command, &argc, &argv, &cause) != 0)
		return cause;
	if (argc == 0) {
		command_free_argv(argc, argv);
		return NULL;
	}
	const struct command *cmd = command_find(command_table, argv[0],
	                                         &cause);
	if (cmd && (argc - 1 < cmd->min_args ||
	            (cmd->max_args >= 0 && argc - 1 > cmd->max_args)))
		/* TRANSLATORS: %s is the command's syntax, as typed
		   ("goto STEP"). */
		cause = xasprintf(_("usage: %s"), cmd->usage);
	else if (cmd)
		*name = cmd->name;
	/* `wait TEXT` waits for a line, not for the end. */
	if (*name && strcmp(*name, "wait") == 0 && argc > 1)
		*name = "wait TEXT";
	command_free_argv(argc, argv);
	return cause;
}

static void note_unwaited(const char *name, long at)
{
	/* TRANSLATORS: keep "%s:%ld: " first (FILE:LINE:, the line of the
	   script that starts a demo). */
	fprintf(stderr, _("%s:%ld: note: the script moves on before the "
	                  "demo started here has ended ('wait' waits for "
	                  "it), so a replay shows its lines among the next "
	                  "step's\n"), name, at);
}

int script_check(const char *path, size_t *commands, char **error)
{
	char *name = files_printable(path), *cause = NULL;
	size_t size;
	/* TRANSLATORS: the kind of file, in "is a directory, not a %s"
	   and "is larger than %zu bytes: too big for a %s". */
	char *buf = files_read_regular(path, _("script"), SCRIPT_MAX_SIZE,
	                               &size, &cause);
	if (!buf) {
		*error = xasprintf("%s:1: %s", name, cause);
		free(cause);
		free(name);
		return -1;
	}
	int rc = 0;
	long number = 0, running = 0;
	*commands = 0;
	for (char *line = buf; line < buf + size && rc == 0;) {
		char *nl = memchr(line, '\n', (size_t)(buf + size - line));
		char *end = nl ? nl : buf + size;
		*end = '\0';
		number++;
		const char *command, *problem, *cmd_name;
		char small[64];
		switch (script_line(line, (size_t)(end - line), &command,
		                    &problem, small, sizeof small)) {
		case SCRIPT_SKIP:
			break;
		case SCRIPT_BAD:
			*error = xasprintf("%s:%ld: %s", name, number, problem);
			rc = -1;
			break;
		case SCRIPT_COMMAND: {
			char *bad = check_command(command, &cmd_name);
			if (bad) {
				*error = xasprintf("%s:%ld: %s", name, number,
				                   bad);
				free(bad);
				rc = -1;
				break;
			}
			(*commands)++;
			if (!cmd_name)
				break;
			if (!strcmp(cmd_name, "run") || !strcmp(cmd_name, "demo"))
				running = number;
			else if (!strcmp(cmd_name, "wait") ||
			         !strcmp(cmd_name, "stop") ||
			         !strcmp(cmd_name, "quit"))
				running = 0;
			else if (running && (!strcmp(cmd_name, "open") ||
			                     !strcmp(cmd_name, "next") ||
			                     !strcmp(cmd_name, "prev") ||
			                     !strcmp(cmd_name, "goto"))) {
				note_unwaited(name, running);
				running = 0;
			}
			break;
		}
		}
		line = end + 1;
	}
	/* A demo still running at the end is waited for by the replay. */
	free(buf);
	free(name);
	return rc;
}
