/* script.c - reading a script: one command a line, checked before it runs.
 * Pure, so the fuzzer can drive it. */
#include <string.h>

#include "script.h"
#include "util.h"

enum script_line_kind script_line(char *line, size_t n, const char **command,
                                  const char **problem, char *buf,
                                  size_t size)
{
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	*command = NULL;
	*problem = line_problem(line, n, SCRIPT_MAX_LINE, buf, size);
	if (*problem)
		return SCRIPT_BAD;
	const char *start = line + strspn(line, " \t");
	if (!*start || *start == '#')
		return SCRIPT_SKIP;
	*command = start;
	return SCRIPT_COMMAND;
}
