/* test_predict.c - reading the learner's answer for each kind of predict
 * question, reading the run's truth, and judging one against the other. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "predict.h"

static struct lesson_option fork_options[] = {
	{ "parent", "the parent" },
	{ "child", "the child" },
};
static struct lesson_option state_options[] = {
	{ "R|running", "R, running" },
	{ "S|sleeping", "S, sleeping" },
	{ "Z|zombie|defunct", "Z, a zombie (<defunct>)" },
	{ "gone|none|nothing", "none: the child is gone" },
};
static struct lesson_option quote_options[] = {
	{ "parent|done_with_my_own_work",
	  "the parent's \"done with my own work\"" },
	{ "worker|step_3_of_3|last_step", "the worker's last step" },
};
static struct lesson_option local_options[] = {
	{ "Alice", "Alice, set by Thread-A" },
	{ "Bob", "Bob, set by Thread-B" },
	{ "not_set|nothing|none|unset", "nothing: its own copy is not set" },
};

static struct lesson_step choice(const char *q, struct lesson_option *o,
                                 size_t n)
{
	return (struct lesson_step){ .predict = (char *)q,
	                             .kind = PREDICT_CHOICE, .options = o,
	                             .noptions = n };
}

static struct lesson_step number(const char *q, double within, int percent)
{
	return (struct lesson_step){ .predict = (char *)q,
	                             .kind = PREDICT_NUMBER, .within = within,
	                             .within_percent = percent };
}

static struct lesson_step of_kind(enum predict_kind kind)
{
	return (struct lesson_step){ .predict = "Q?", .kind = kind };
}

/* answer is read as expected (NULL: not read, asked again). */
static void reads(const struct lesson_step *st, const char *answer,
                  const char *expected)
{
	char *reading = NULL, *why = NULL;
	int rc = predict_read(st, answer, &reading, &why);
	if (!expected) {
		if (rc == 0)
			fail_msg("'%s' was read as '%s'", answer, reading);
		assert_non_null(why);
		assert_null(strchr(why, '\n'));
		free(why);
		return;
	}
	if (rc != 0)
		fail_msg("'%s' was not read: %s", answer, why);
	assert_string_equal(reading, expected);
	free(reading);
}

/* The answer, against what the run showed: right (2 exactly, 1 within
   the tolerance) or wrong (0). */
static void judged(const struct lesson_step *st, const char *answer,
                   const char *shown, int expected)
{
	char *reading = NULL, *why = NULL;
	assert_int_equal(predict_read(st, answer, &reading, &why), 0);
	char *truth = predict_truth(st, shown);
	assert_non_null(truth);
	if (predict_agrees(st, reading, truth) != expected)
		fail_msg("'%s' (read '%s') against '%s' (truth '%s'): not %d",
		         answer, reading, shown, truth, expected);
	free(reading);
	free(truth);
}

static void choices(void **state)
{
	(void)state;
	struct lesson_step st = choice("After the fork, who prints first?",
	                               fork_options, 2);
	reads(&st, "a", "a");
	reads(&st, "B)", "b");
	reads(&st, "parent", "a");
	reads(&st, "The Parent!", "a");
	reads(&st, "the child", "b");
	/* A translated option's text, as typed. */
	struct lesson_option zh[] = { { "parent|父进程", "父进程" },
	                              { "child", "子进程" } };
	struct lesson_step z = choice("fork 之后，谁先打印？", zh, 2);
	reads(&z, "父进程", "a");
	reads(&z, "子进程", "b");
	reads(&z, "b", "b");
	/* Hedges and answers naming both are asked again, never judged. */
	reads(&st, "maybe the parent or the child", NULL);
	reads(&st, "definitely not the parent", NULL);
	reads(&st, "c", NULL);
	reads(&st, "", NULL);
	judged(&st, "a", "parent", 2);
	judged(&st, "child", "parent", 0);
	judged(&st, "b", "child", 2);

	st = choice("What state?", state_options, 4);
	reads(&st, "Z", "c");
	reads(&st, "defunct", "c");
	reads(&st, "zombie", "c");
	reads(&st, "a zombie", "c");
	reads(&st, "definitely not a zombie", NULL);
	reads(&st, "d", "d");
	judged(&st, "defunct", "Z", 2);
	judged(&st, "S", "Z", 0);
	assert_null(predict_truth(&st, "X"));

	st = choice("Which line comes first?", quote_options, 2);
	reads(&st, "done with my own work", "a");
	reads(&st, "\"done with my own work\"", "a");
	reads(&st, "the worker's last step", "b");
	reads(&st, "step 3 of 3", "b");

	st = choice("What does it find?", local_options, 3);
	reads(&st, "nothing", "c");
	reads(&st, "not set", "c");
	reads(&st, "alice", "a");
	judged(&st, "nothing", "not set", 2);
	judged(&st, "Bob", "not set", 0);

	char *shown = predict_show(&st, "c");
	assert_string_equal(shown, "c) nothing: its own copy is not set");
	free(shown);
	char *how = predict_how_to_answer(&st);
	assert_string_equal(how, "  a) Alice, set by Thread-A\n"
	                    "  b) Bob, set by Thread-B\n"
	                    "  c) nothing: its own copy is not set\n"
	                    "  A letter, a to c");
	free(how);
}

static void numbers(void **state)
{
	(void)state;
	struct lesson_step st = number("How many \"hello\" lines will you "
	                               "see?", 0, 0);
	reads(&st, "4", "4");
	reads(&st, "four", "4");
	reads(&st, "4 hello lines", "4");
	reads(&st, "not 100, it will be 999", NULL);
	reads(&st, "about 4", NULL);
	reads(&st, "3 or 4", NULL);
	reads(&st, "many", NULL);
	/* A Chinese measure word after the number is not a stray word. */
	reads(&st, "4 个", "4");
	reads(&st, "4 行", "4");
	reads(&st, "4个", "4");
	reads(&st, "4 或 5", NULL);
	judged(&st, "4", "4", 2);
	judged(&st, "3", "4", 0);
	judged(&st, "-5", "-5", 2);
	judged(&st, "5", "-5", 0);

	st = number("Which worker will run task 4?", 0, 0);
	reads(&st, "worker-2", "2");
	reads(&st, "worker 2", "2");
	reads(&st, "worker-2 runs task 4", NULL);   /* two numbers */

	st = number("How many times as long as one thread?", 0.5, 0);
	reads(&st, "5x", "5");
	reads(&st, "4.5 times", "4.5");
	judged(&st, "5", "5.0", 2);
	judged(&st, "5", "4.6", 1);
	judged(&st, "5", "4.4", 0);
	judged(&st, "1", "1.0", 2);

	st = number("Out of 100 trials, how many will end wrong?", 10, 1);
	judged(&st, "100", "91", 1);       /* 9 off, and 10% of 91 is 9.1 */
	judged(&st, "99", "90", 1);
	judged(&st, "100", "90", 0);
	judged(&st, "0", "0", 2);
	judged(&st, "1", "0", 0);
	assert_null(predict_truth(&st, "many"));
	assert_null(predict_truth(&st, "5x"));

	char *how = predict_how_to_answer(&st);
	assert_string_equal(how, "  A number (within 10% counts as right)");
	free(how);
}

static void orders(void **state)
{
	(void)state;
	struct lesson_step st = of_kind(PREDICT_ORDER);
	reads(&st, "2 1 3", "2 1 3");
	reads(&st, "2, 1, 3", "2 1 3");
	reads(&st, "2 then 1 and 3", "2 1 3");
	reads(&st, "a b c", "A B C");
	reads(&st, "A, B, C", "A B C");
	reads(&st, "3", NULL);
	reads(&st, "whatever order", NULL);
	reads(&st, "maybe 3 2 1", NULL);
	judged(&st, "3 2 1", "3 2 1", 2);
	judged(&st, "1 2 3", "3 2 1", 0);
	judged(&st, "1 2", "1 2 3", 0);
	judged(&st, "a b c", "A B C", 2);
	judged(&st, "a c b", "A B C", 0);
}

static void yes_or_no(void **state)
{
	(void)state;
	struct lesson_step st = of_kind(PREDICT_YESNO);
	reads(&st, "y", "yes");
	reads(&st, "Yes!", "yes");
	reads(&st, "N", "no");
	reads(&st, "no", "no");
	reads(&st, "maybe", NULL);
	reads(&st, "yes and no", NULL);
	/* In Chinese. */
	reads(&st, "是", "yes");
	reads(&st, "不会", "no");
	reads(&st, "否。", "no");
	reads(&st, "也许", NULL);
	judged(&st, "no", "no", 2);
	judged(&st, "yes", "no", 0);
	assert_null(predict_truth(&st, "perhaps"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(choices),
		cmocka_unit_test(numbers),
		cmocka_unit_test(orders),
		cmocka_unit_test(yes_or_no),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
