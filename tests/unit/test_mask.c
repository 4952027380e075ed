/* test_mask.c - PIDs, times and addresses hidden the same way every time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "mask.h"

/* Mask text and compare with what it should become. */
static void masks_to(struct mask *m, const char *text, const char *expected)
{
	char *got = mask_text(m, text);
	assert_string_equal(got, expected);
	free(got);
}

/* The same PID is the same P-number on every line, for the whole
   session; numbers come in order of first appearance. */
static void same_pid_same_name(void **state)
{
	(void)state;
	struct mask *m = mask_new();
	mask_expect(m, 4343);
	mask_expect(m, 4242);
	mask_expect(m, 4242);   /* twice is once */
	masks_to(m, "[4242 parent] fork() returned 4343",
	         "[P1 parent] fork() returned P2");
	masks_to(m, "[4343 child] my parent is 4242",
	         "[P2 child] my parent is P1");
	/* Learnt later, numbered after the others. */
	mask_expect(m, 17);
	masks_to(m, "[4242:17 Thread-17] pid 4242, tid 17",
	         "[P1:P3 Thread-P3] pid P1, tid P3");
	mask_free(m);
}

/* Masking could fail: numbers that are no PID stay, and so does a PID's
   digits inside a longer number. */
static void other_numbers_stay(void **state)
{
	(void)state;
	struct mask *m = mask_new();
	mask_expect(m, 100);
	masks_to(m, "counter = 1000, then 100, not 0100 or 10.0",
	         "counter = 1000, then P1, not 0100 or 10.0");
	masks_to(m, "step 3 of 5, exit code 7", "step 3 of 5, exit code 7");
	/* Nothing expected yet: nothing becomes a P-number. */
	struct mask *empty = mask_new();
	masks_to(empty, "[4242 parent] hello", "[4242 parent] hello");
	mask_expect(empty, 0);
	mask_expect(empty, -1);
	masks_to(empty, "0 and -1", "0 and -1");
	mask_free(empty);
	mask_free(m);
}

static void times_and_addresses(void **state)
{
	(void)state;
	struct mask *m = mask_new();
	mask_expect(m, 52);
	masks_to(m, "ended after 0.52 s; took 12.07 s",
	         "ended after N.NN s; took N.NN s");
	/* Only two decimals and a space before s make a duration. */
	masks_to(m, "working 1.0 s, 0.523 s, 0.52s",
	         "working 1.0 s, 0.523 s, 0.P1s");
	masks_to(m, "stored at 0x7ffd5a2c, 0xBEEF and 0x",
	         "stored at 0xADDR, 0xADDR and 0x");
	/* An address never gives up a PID from its digits. */
	masks_to(m, "0x52 52", "0xADDR P1");
	mask_free(m);
}

/* Colour codes are escape sequences, not numbers. */
static void escapes_pass(void **state)
{
	(void)state;
	struct mask *m = mask_new();
	mask_expect(m, 32);
	mask_expect(m, 1);
	masks_to(m, "\033[32m[32 x]\033[0m \033[1;31merror:\033[0m 1",
	         "\033[32m[P1 x]\033[0m \033[1;31merror:\033[0m P2");
	masks_to(m, "cut short \033[3", "cut short \033[3");
	masks_to(m, "", "");
	mask_free(m);
}

/* Many ids, learnt in any order, still found. */
static void many_ids(void **state)
{
	(void)state;
	struct mask *m = mask_new();
	for (long id = 5000; id > 4000; id -= 7)
		mask_expect(m, id);
	masks_to(m, "4993 5000 4994 4993", "P1 P2 4994 P1");
	mask_free(m);
}

/* A Python run's directory: its random part, and only that, is hidden,
   and a PID inside it is not taken for one. */
static void python_dirs(void **state)
{
	(void)state;
	struct mask *m = mask_new();
	mask_expect(m, 12);
	masks_to(m, "File \"/tmp/forklore-python-a1B2c3/locks-1.py\", line 12",
	         "File \"/tmp/forklore-python-XXXXXX/locks-1.py\", line P1");
	masks_to(m, "forklore-python-a1b2 forklore-python-",
	         "forklore-python-a1b2 forklore-python-");
	masks_to(m, "/x/forklore-python-123456/", "/x/forklore-python-XXXXXX/");
	mask_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_pid_same_name),
		cmocka_unit_test(other_numbers_stay),
		cmocka_unit_test(times_and_addresses),
		cmocka_unit_test(escapes_pass),
		cmocka_unit_test(many_ids),
		cmocka_unit_test(python_dirs),
	};
	return cmocka_run_group_tests_name("mask", tests, NULL, NULL);
}
