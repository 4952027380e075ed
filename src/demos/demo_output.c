/* demo_output.c - demos about output itself: a flood of lines, to see
 * that the screen and the prompt keep up. */
#include "demo.h"
#include "demo_lib.h"

/* snippet: flood */
int demo_flood(const long *values)
{
	long lines = values[0], rate = values[1];
	for (long n = 1; n <= lines; n++) {
		demo_say("line %ld of %ld", n, lines);
		/* At most `rate` lines a second (0: as fast as possible). */
		if (rate > 0 && n % 100 == 0)
			demo_sleep(100.0 / (double)rate);
	}
	return 0;
}
/* end snippet */
