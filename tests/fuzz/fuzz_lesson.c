/* fuzz_lesson.c - libFuzzer target: the lesson parser, with the same
 * checks of @run and @source that forklore applies when it loads lessons. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lesson.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lesson *lesson = NULL;
	int line = 0;
	char *cause = NULL;
	if (lesson_parse("fuzz.lesson", (const char *)data, size,
	                 &session_lesson_hooks, &lesson, &line, &cause) == 0) {
		if (!lesson || lesson->nsteps == 0)
			abort();            /* success must give a lesson */
		lesson_free(lesson);
	} else {
		if (!cause || line < 1)
			abort();            /* failure must say where and why */
		free(cause);
	}
	return 0;
}
