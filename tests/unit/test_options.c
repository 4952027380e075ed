/* test_options.c - the command line, and the event loop's timers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loop.h"
#include "options.h"

/* Parse a NULL-terminated argument list. */
static int parse(struct options *o, char **cause, char **args)
{
	int argc = 0;
	while (args[argc])
		argc++;
	return options_parse(argc, args, o, cause);
}

static void defaults(void **state)
{
	(void)state;
	struct options o;
	char *cause = NULL;
	assert_int_equal(parse(&o, &cause, (char *[]){ "forklore", NULL }), 0);
	assert_false(o.plain);
	assert_null(o.script);
	assert_true(o.speed == 1.0);
	assert_int_equal(o.seed, 1);
	assert_int_equal(o.nargs, 0);
}

static void every_option(void **state)
{
	(void)state;
	struct options o;
	char *cause = NULL;
	char *args[] = { "forklore", "--plain", "--speed", "0.5", "--seed=9",
	                 "--lessons", "/tmp/l", "--no-color", "-c", "next",
	                 "fork", NULL };
	assert_int_equal(parse(&o, &cause, args), 0);
	assert_true(o.plain && o.no_color);
	assert_true(o.speed == 0.5);
	assert_int_equal(o.seed, 9);
	assert_string_equal(o.lessons, "/tmp/l");
	assert_string_equal(o.commands, "next");
	assert_int_equal(o.nargs, 1);
	assert_string_equal(o.args[0], "fork");
	char *check[] = { "forklore", "--check", "a", "b", NULL };
	assert_int_equal(parse(&o, &cause, check), 0);
	assert_true(o.check);
	assert_int_equal(o.nargs, 2);
}

/* Expect parsing to fail with this message. */
static void expect_bad(char **args, const char *message)
{
	struct options o;
	char *cause = NULL;
	assert_int_equal(parse(&o, &cause, args), -1);
	assert_string_equal(cause, message);
	free(cause);
}

static void bad_options(void **state)
{
	(void)state;
	expect_bad((char *[]){ "forklore", "--nope", NULL },
	           "unknown option '--nope' (see --help)");
	expect_bad((char *[]){ "forklore", "-x", NULL },
	           "unknown option '-x' (see --help)");
	expect_bad((char *[]){ "forklore", "--speed", "-1", NULL },
	           "--speed takes a number from 0 to 100, not '-1'");
	expect_bad((char *[]){ "forklore", "--speed", "nan", NULL },
	           "--speed takes a number from 0 to 100, not 'nan'");
	expect_bad((char *[]){ "forklore", "--seed", "1e3", NULL },
	           "--seed takes a whole number from 0 to 4294967295, not "
	           "'1e3'");
	expect_bad((char *[]){ "forklore", "--script", NULL },
	           "option '--script' needs a value");
	expect_bad((char *[]){ "forklore", "--check", NULL },
	           "--check needs at least one lesson file");
	expect_bad((char *[]){ "forklore", "a", "b", NULL },
	           "one lesson at a time, not 'a' and 'b'");
	expect_bad((char *[]){ "forklore", "--script", "x", "-c", "y", NULL },
	           "--script and -c cannot be used together");
}

static int fired[4];

static void on_timer(void *arg)
{
	fired[(intptr_t)arg]++;
}

static void on_fd(int fd, short revents, void *arg)
{
	char c;
	(void)revents;
	assert_int_equal(read(fd, &c, 1), 1);
	fired[(intptr_t)arg] += c;
}

static void loop_timers_and_fds(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	/* Nothing to watch: returns at once. */
	assert_int_equal(loop_run_once(loop, -1), 0);
	loop_add_timer(loop, 30, on_timer, (void *)(intptr_t)0);
	int cancelled = loop_add_timer(loop, 10, on_timer, (void *)(intptr_t)1);
	loop_cancel_timer(loop, cancelled);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	loop_add_fd(loop, fds[0], POLLIN, on_fd, (void *)(intptr_t)2);
	assert_int_equal(write(fds[1], "\003", 1), 1);
	assert_int_equal(loop_run_once(loop, -1), 1);   /* the fd, not the timer */
	assert_int_equal(fired[2], 3);
	assert_int_equal(fired[0], 0);
	while (fired[0] == 0)
		loop_run_once(loop, -1);
	assert_int_equal(fired[1], 0);
	loop_remove_fd(loop, fds[0]);
	assert_int_equal(loop_run_once(loop, -1), 0);
	close(fds[0]);
	close(fds[1]);
	loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(every_option),
		cmocka_unit_test(bad_options),
		cmocka_unit_test(loop_timers_and_fds),
	};
	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
