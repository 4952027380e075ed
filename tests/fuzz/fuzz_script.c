/* fuzz_script.c - libFuzzer target: reading scripts. Each line goes
 * through what plain mode does before a command runs: the line check,
 * word splitting, command lookup (with its "did you mean"), the argument
 * count, and for 'demo NAME ...' the demo's parameters. The whole input is
 * also split as a -c list. Nothing is run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "demo.h"
#include "script.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_command(const char *text)
{
	int argc;
	char **argv;
	char *cause = NULL;
	if (command_split(text, &argc, &argv, &cause) != 0) {
		if (!cause)
			abort();
		free(cause);
		return;
	}
	const struct command *c = argc ? command_find(command_table, argv[0],
	                                              &cause) : NULL;
	if (argc && !c && !cause)
		abort();
	free(cause);
	cause = NULL;
	if (c && strcmp(c->name, "demo") == 0 && argc >= 2) {
		const struct demo *d = demo_find(argv[1]);
		if (d) {
			long values[DEMO_MAX_PARAMS];
			demo_defaults(d, values);
			if (demo_apply_args(d, argv + 2, (size_t)argc - 2,
			                    values, &cause) != 0 && !cause)
				abort();
			free(cause);
		}
	}
	command_free_argv(argc, argv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	/* One line at a time, as getline hands them over. */
	for (size_t start = 0; start < size;) {
		const char *nl = memchr(copy + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - copy) + 1 : size;
		size_t n = end - start;
		char *line = malloc(n + 1);
		memcpy(line, copy + start, n);
		line[n] = '\0';
		const char *command, *problem;
		char buf[64];
		if (script_line(line, n, &command, &problem, buf, sizeof buf) ==
		    SCRIPT_COMMAND)
			check_command(command);
		free(line);
		start = end;
	}
	/* The -c list: the same commands, separated by ';'. */
	if (!memchr(data, '\0', size)) {
		char **list = command_split_list(copy);
		for (size_t i = 0; list[i]; i++) {
			check_command(list[i]);
			free(list[i]);
		}
		free(list);
	}
	free(copy);
	return 0;
}
