/* test_progress.c - predict-then-see answers, and the progress file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "predict.h"
#include "progress.h"

static char *lines[] = {
	"parent parent: my pid is 10; calling fork()",
	"parent parent: fork() returned 11, the child's pid",
	"child child: fork() returned 0; my pid is 11",
	"parent parent: pid 13 ended, exit status 3",
	"parent parent: pid 11 ended, exit status 1",
	"parent parent: pid 12 ended, exit status 2",
};
#define NLINES (sizeof lines / sizeof *lines)

static void observe(const char *how, const char *pattern,
                    const char *expected)
{
	char *got = predict_observe(how, pattern, lines, NLINES);
	if (!expected) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, expected);
	free(got);
}

static void observe_each_way(void **state)
{
	(void)state;
	observe("first", "^(parent|child) .*fork\\(\\) returned", "parent");
	observe("last", "^(parent|child) .*fork\\(\\) returned", "child");
	observe("count", "fork\\(\\) returned", "2");
	observe("count", "no such line", "0");
	observe("all", "exit status ([0-9]+)", "3 1 2");
	observe("first", "my pid is [0-9]+", "my pid is 10");   /* no group */
	observe("first", "no such line", NULL);
	observe("all", "no such line", NULL);
	observe("any", "exit status 2", "yes");
	observe("any", "exit status 4", "no");
	observe("none", "exit status 2", "no");
	observe("none", "exit status 4", "yes");
}

/* A two-step lesson with a demo in step 2. */
static struct lesson *two_steps(const char *id)
{
	static struct lesson_step steps[2];
	static struct lesson l;
	memset(steps, 0, sizeof steps);
	steps[1].demo = "fork-once";
	l = (struct lesson){ .id = (char *)id, .steps = steps, .nsteps = 2 };
	return &l;
}

static char *temp_path(void)
{
	static char path[] = "/tmp/forklore-progress-XXXXXX";
	strcpy(path + strlen(path) - 6, "XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	return path;
}

static void progress_round_trip(void **state)
{
	(void)state;
	char *path = temp_path();
	struct progress *p = progress_load(path);   /* no file yet */
	const char *id;
	size_t step;
	assert_int_equal(progress_last(p, &id, &step), -1);
	progress_seen(p, "fork", 0);
	progress_seen(p, "fork", 1);
	progress_ran(p, "fork", 1);
	progress_predicted(p, "fork", 1, 'r');
	progress_seen(p, "locks", 0);
	char *cause = NULL;
	assert_int_equal(progress_save(p, &cause), 0);
	progress_free(p);

	p = progress_load(path);
	assert_int_equal(progress_last(p, &id, &step), 0);
	assert_string_equal(id, "locks");
	assert_int_equal(step, 0);
	struct progress_summary sum;
	progress_summarize(p, two_steps("fork"), &sum);
	assert_int_equal(sum.seen, 2);
	assert_int_equal(sum.ran, 1);
	assert_int_equal(sum.demos, 1);
	assert_int_equal(sum.right, 1);
	assert_int_equal(sum.predicted, 1);
	assert_true(sum.done);
	progress_summarize(p, two_steps("locks"), &sum);
	assert_int_equal(sum.seen, 1);
	assert_false(sum.done);

	/* Reset one lesson: the other stays; where we were goes with it. */
	progress_reset(p, "locks");
	assert_int_equal(progress_last(p, &id, &step), -1);
	progress_summarize(p, two_steps("fork"), &sum);
	assert_true(sum.done);
	progress_reset(p, NULL);
	progress_summarize(p, two_steps("fork"), &sum);
	assert_int_equal(sum.seen, 0);
	progress_free(p);
	unlink(path);
}

/* Every judged attempt is kept, in order, and read back; the summary
   counts the latest judgement and tells the first try apart. */
static void progress_keeps_every_attempt(void **state)
{
	(void)state;
	char *path = temp_path();
	struct progress *p = progress_load(path);
	progress_predicted(p, "fork", 1, 'w');
	progress_predicted(p, "fork", 1, 's');
	progress_predicted(p, "fork", 1, 'w');
	progress_predicted(p, "fork", 1, 'r');
	progress_predicted(p, "fork", 0, 'r');
	char *cause = NULL;
	assert_int_equal(progress_save(p, &cause), 0);
	progress_free(p);
	FILE *f = fopen(path, "r");
	char buf[512];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "lesson fork predicted 1r,2wswr\n"));

	p = progress_load(path);
	struct progress_summary sum;
	progress_summarize(p, two_steps("fork"), &sum);
	assert_int_equal(sum.predicted, 2);
	assert_int_equal(sum.right, 2);
	assert_int_equal(sum.first_try, 1);
	assert_int_equal(sum.attempts, 4);
	/* A hundred attempts are kept; after that the latest replaces the
	   last kept, so the first ones and the latest remain. */
	for (int i = 0; i < 150; i++)
		progress_predicted(p, "fork", 0, i == 149 ? 'r' : 'w');
	progress_summarize(p, two_steps("fork"), &sum);
	assert_int_equal(sum.attempts, 100 + 3);
	assert_int_equal(sum.right, 2);
	assert_int_equal(sum.first_try, 1);
	progress_free(p);
	unlink(path);
}

static void progress_forgives_bad_lines(void **state)
{
	(void)state;
	char *path = temp_path();
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# a comment\n"
	      "garbage here\n"
	      "last Fork 2\n"                 /* not an id */
	      "last fork 0\n"                 /* steps count from 1 */
	      "last fork 99999999999999999999\n"
	      "lesson fork seen 1,x,0,,-3,2 ran 2 predicted 2r,1z,1\n"
	      "lesson ../etc seen 1\n"
	      "lesson fork seen\n", f);
	fclose(f);
	struct progress *p = progress_load(path);
	const char *id;
	size_t step;
	assert_int_equal(progress_last(p, &id, &step), -1);
	struct progress_summary sum;
	progress_summarize(p, two_steps("fork"), &sum);
	assert_int_equal(sum.seen, 2);
	assert_int_equal(sum.ran, 1);
	assert_int_equal(sum.predicted, 1);
	/* Saved again, it reads back the same. */
	char *cause = NULL;
	assert_int_equal(progress_save(p, &cause), 0);
	progress_free(p);
	f = fopen(path, "r");
	char buf[512] = "";
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "lesson fork seen 1,2 ran 2 predicted 2r\n"));
	assert_null(strstr(buf, "etc"));
	unlink(path);
}

static void progress_unwritable(void **state)
{
	(void)state;
	struct progress *p = progress_load("/nonexistent-dir/progress");
	progress_seen(p, "fork", 0);
	char *cause = NULL;
	assert_int_equal(progress_save(p, &cause), -1);
	assert_non_null(strstr(cause, "cannot save progress in "
	                       "/nonexistent-dir/progress"));
	free(cause);
	progress_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(observe_each_way),
		cmocka_unit_test(progress_keeps_every_attempt),
		cmocka_unit_test(progress_round_trip),
		cmocka_unit_test(progress_forgives_bad_lines),
		cmocka_unit_test(progress_unwritable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
