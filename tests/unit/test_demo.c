/* test_demo.c - the demo table and parameter checking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "snippet.h"

static void table_is_sound(void **state)
{
	(void)state;
	size_t n = 0;
	for (const struct demo *d = demo_table; d->name; d++, n++) {
		assert_non_null(d->main);
		assert_non_null(d->summary);
		assert_true(strlen(d->process) > 0 && strlen(d->process) <= 15);
		assert_ptr_equal(demo_find(d->name), d);
		for (const struct demo *e = d + 1; e->name; e++)
			assert_string_not_equal(d->name, e->name);
		/* Each family's source is compiled in and embedded. */
		char file[64];
		snprintf(file, sizeof file, "demo_%s.c", d->family);
		int found = 0;
		for (const struct embedded_source *s = embedded_sources;
		     s->name; s++)
			found |= strcmp(s->name, file) == 0;
		assert_true(found);
		for (size_t i = 0; i < demo_nparams(d); i++) {
			const struct demo_param *p = &d->params[i];
			assert_true(p->min <= p->def && p->def <= p->max);
			assert_true(strlen(p->help) > 5);
		}
	}
	assert_true(n >= 4);
	assert_null(demo_find("no-such-demo"));
}

static const struct demo *fork_many(void)
{
	const struct demo *d = demo_find("fork-many");
	assert_non_null(d);
	return d;
}

static void apply_args_sets_values(void **state)
{
	(void)state;
	const struct demo *d = fork_many();
	long values[DEMO_MAX_PARAMS];
	demo_defaults(d, values);
	assert_int_equal(values[0], 3);
	char *args[] = { "children=7", "linger=0" };
	char *cause = NULL;
	assert_int_equal(demo_apply_args(d, args, 2, values, &cause), 0);
	assert_int_equal(values[0], 7);
	assert_int_equal(values[1], 0);
	assert_int_equal(demo_param_index(d, "linger"), 1);
	assert_int_equal(demo_param_index(d, "nope"), -1);
}

/* Apply one argument and expect the given error. */
static void expect_error(const char *arg, const char *message)
{
	const struct demo *d = fork_many();
	long values[DEMO_MAX_PARAMS];
	demo_defaults(d, values);
	char *args[] = { (char *)arg };
	char *cause = NULL;
	assert_int_equal(demo_apply_args(d, args, 1, values, &cause), -1);
	assert_string_equal(cause, message);
	free(cause);
	assert_int_equal(values[0], 3);   /* untouched */
}

static void apply_args_errors(void **state)
{
	(void)state;
	expect_error("children=101", "children=101 is out of range (1 to 100)");
	expect_error("children=0", "children=0 is out of range (1 to 100)");
	expect_error("children=two", "children must be a whole number from "
	                             "1 to 100, not 'two'");
	expect_error("children=3x", "children must be a whole number from "
	                            "1 to 100, not '3x'");
	expect_error("children=99999999999999999999",
	             "children must be a whole number from 1 to 100, not "
	             "'99999999999999999999'");
	expect_error("childs=3", "demo fork-many has no parameter 'childs' "
	                         "(did you mean 'children'?)");
	expect_error("children", "expected NAME=VALUE, not 'children'");
	expect_error("=3", "expected NAME=VALUE, not '=3'");
	expect_error("children=", "expected NAME=VALUE, not 'children='");
}

static void bool_params(void **state)
{
	(void)state;
	struct demo_param p = { "lock", PARAM_BOOL, 0, 1, 1, "use the lock" };
	long v = -1;
	char *cause = NULL;
	const char *yes[] = { "on", "yes", "true", "1", "ON" };
	const char *no[] = { "off", "no", "false", "0", "Off" };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(demo_param_parse(&p, yes[i], &v, &cause), 0);
		assert_int_equal(v, 1);
		assert_int_equal(demo_param_parse(&p, no[i], &v, &cause), 0);
		assert_int_equal(v, 0);
	}
	assert_int_equal(demo_param_parse(&p, "maybe", &v, &cause), -1);
	assert_string_equal(cause, "lock must be on or off, not 'maybe'");
	free(cause);
	char buf[8];
	demo_param_format(&p, 1, buf, sizeof buf);
	assert_string_equal(buf, "on");
	demo_param_format(&p, 0, buf, sizeof buf);
	assert_string_equal(buf, "off");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_sound),
		cmocka_unit_test(apply_args_sets_values),
		cmocka_unit_test(apply_args_errors),
		cmocka_unit_test(bool_params),
	};
	return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}
