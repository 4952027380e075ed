/* test_lifecycle.c - the record of a run: births, names, execs, ends. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "lifecycle.h"
#include "timeline.h"

static void a_run_recorded(void **state)
{
	(void)state;
	struct lifecycle l = { 0 };
	lifecycle_birth(&l, 100, 100, 1, 0.0, "parent");
	lifecycle_birth(&l, 101, 100, 100, 0.001, "parent");   /* a thread */
	lifecycle_rename(&l, 101, 0.0011, "changer-5");
	lifecycle_rename(&l, 101, 0.0012, "changer-5");        /* the same */
	lifecycle_birth(&l, 102, 102, 100, 0.002, "parent");   /* a fork */
	lifecycle_exec(&l, 102, 0.003, "ls", "ls");
	lifecycle_end(&l, 101, 0.0015, 0);
	lifecycle_end(&l, 102, 0.004, 2 << 8);
	lifecycle_end(&l, 100, 0.005, SIGTERM);
	lifecycle_end(&l, 100, 0.009, 0);                      /* once */
	assert_int_equal(l.ntasks, 3);
	const struct lifecycle_task *t = lifecycle_find_const(&l, 101);
	assert_true(t->is_thread);
	assert_int_equal(t->process, 100);
	assert_int_equal(t->nnames, 2);
	assert_string_equal(lifecycle_name_at(t, 0.00105), "parent");
	assert_string_equal(lifecycle_name_at(t, 0.0013), "changer-5");
	assert_string_equal(lifecycle_last_name(t), "changer-5");
	char how[32];
	assert_string_equal(lifecycle_how(t, how, sizeof how), "exit 0");
	t = lifecycle_find_const(&l, 102);
	assert_false(t->is_thread);
	assert_int_equal(t->nexecs, 1);
	assert_string_equal(t->execs[0].program, "ls");
	assert_string_equal(lifecycle_last_name(t), "ls");
	assert_string_equal(lifecycle_how(t, how, sizeof how), "exit 2");
	t = lifecycle_find_const(&l, 100);
	assert_true(t->ended > 0.0049 && t->ended < 0.0051);
	assert_string_equal(lifecycle_how(t, how, sizeof how), "signal 15");
	/* A PID used again is a new task; the latest is found. */
	lifecycle_birth(&l, 102, 102, 100, 0.006, "again");
	assert_int_equal(l.ntasks, 4);
	assert_string_equal(lifecycle_last_name(lifecycle_find(&l, 102)),
	                    "again");
	assert_string_equal(lifecycle_how(lifecycle_find(&l, 102), how,
	                                  sizeof how), "");
	/* The timeline drawn from it: every task, however short, and the
	   thread (0.5 ms of a 5 ms run) gets its column. */
	l.traced = 1;
	l.length = 0.005;
	lifecycle_end(&l, 102, 0.0062, 0);
	struct timeline tl = { 0 };
	timeline_from_record(&tl, &l);
	assert_true(tl.exact);
	assert_int_equal(tl.ntracks, 3);     /* PID 102 twice is one row */
	char row[41];
	timeline_render(&tl, 1, row, 40);
	assert_string_equal(tl.tracks[1].name, "changer-5");
	assert_non_null(strchr(row, '-'));
	assert_true(strspn(row, " ") >= 5);  /* born at a fifth of the run */
	timeline_free(&tl);
	lifecycle_free(&l);
}

static void the_limits_hold(void **state)
{
	(void)state;
	struct lifecycle l = { 0 };
	for (int i = 0; i < LIFECYCLE_MAX_TASKS + 10; i++)
		lifecycle_birth(&l, 1000 + i, 1000 + i, 1, 0, "x");
	assert_int_equal(l.ntasks, LIFECYCLE_MAX_TASKS);
	assert_int_equal(l.dropped, 10);
	char name[16];
	for (int i = 0; i < LIFECYCLE_MAX_NAMES + 5; i++) {
		snprintf(name, sizeof name, "n%d", i);
		lifecycle_rename(&l, 1000, i, name);
	}
	assert_int_equal(lifecycle_find(&l, 1000)->nnames,
	                 LIFECYCLE_MAX_NAMES);
	lifecycle_reset(&l);
	assert_int_equal(l.ntasks, 0);
	lifecycle_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_run_recorded),
		cmocka_unit_test(the_limits_hold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
