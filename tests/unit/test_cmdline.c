/* test_cmdline.c - the command table: lookup, prefixes, splitting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

static int noop(struct session *s, int argc, char **argv)
{
	(void)s;
	(void)argc;
	(void)argv;
	return 0;
}

static const struct command table[] = {
	{ "show", "show", "", 0, 0, COMPLETE_NONE, noop, 0 },
	{ "set", "set", "", 0, 0, COMPLETE_NONE, noop, 0 },
	{ "stop", "stop", "", 0, 0, COMPLETE_NONE, noop, 0 },
	{ "next", "next", "", 0, 0, COMPLETE_NONE, noop, 0 },
	{ "demo", "demo", "", 0, 0, COMPLETE_NONE, noop, 0 },
	{ "demos", "demos", "", 0, 0, COMPLETE_NONE, noop, 0 },
	{ NULL, NULL, NULL, 0, 0, COMPLETE_NONE, NULL, 0 },
};

static void find_exact_and_prefix(void **state)
{
	(void)state;
	char *cause = NULL;
	assert_ptr_equal(command_find(table, "show", &cause), &table[0]);
	assert_ptr_equal(command_find(table, "n", &cause), &table[3]);
	assert_ptr_equal(command_find(table, "sh", &cause), &table[0]);
	/* "demo" is exact even though it is also a prefix of "demos". */
	assert_ptr_equal(command_find(table, "demo", &cause), &table[4]);
	assert_ptr_equal(command_find(table, "demos", &cause), &table[5]);
	assert_null(cause);
}

static void find_ambiguous_lists_candidates(void **state)
{
	(void)state;
	char *cause = NULL;
	assert_null(command_find(table, "s", &cause));
	assert_string_equal(cause, "'s' is ambiguous: show, set, stop");
	free(cause);
	cause = NULL;
	assert_null(command_find(table, "dem", &cause));
	assert_string_equal(cause, "'dem' is ambiguous: demo, demos");
	free(cause);
}

static void find_unknown_suggests(void **state)
{
	(void)state;
	char *cause = NULL;
	assert_null(command_find(table, "nxet", &cause));
	assert_string_equal(cause, "unknown command 'nxet' (did you mean "
	                           "'next'?)");
	free(cause);
	cause = NULL;
	assert_null(command_find(table, "zzzzzz", &cause));
	assert_string_equal(cause, "unknown command 'zzzzzz' (type 'help' "
	                           "for a list)");
	free(cause);
	cause = NULL;
	assert_null(command_find(table, "", &cause));
	free(cause);
}

static void real_table_is_consistent(void **state)
{
	(void)state;
	/* Names unique, none a prefix-clash with no exact escape, usage
	   starting with the name, arg bounds sane, help present. */
	for (const struct command *a = command_table; a->name; a++) {
		assert_non_null(a->exec);
		assert_int_equal(strncmp(a->usage, a->name, strlen(a->name)), 0);
		assert_true(strlen(a->help) > 5);
		assert_true(a->max_args < 0 || a->max_args >= a->min_args);
		for (const struct command *b = a + 1; b->name; b++)
			assert_string_not_equal(a->name, b->name);
		char *cause = NULL;
		assert_ptr_equal(command_find(command_table, a->name, &cause),
		                 a);
	}
	char *cause = NULL;
	const struct command *q = command_find(command_table, "q", &cause);
	assert_non_null(q);
	assert_string_equal(q->name, "quit");
}

/* Split line and compare with the expected words (NULL-terminated). */
static void expect_split(const char *line, const char *const *words)
{
	int argc;
	char **argv, *cause = NULL;
	assert_int_equal(command_split(line, &argc, &argv, &cause), 0);
	int n = 0;
	while (words[n])
		n++;
	assert_int_equal(argc, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(argv[i], words[i]);
	assert_null(argv[argc]);
	command_free_argv(argc, argv);
}

static void split_words(void **state)
{
	(void)state;
	expect_split("run  workers=5\ttasks=8 ",
	             (const char *[]){ "run", "workers=5", "tasks=8", NULL });
	expect_split("", (const char *[]){ NULL });
	expect_split("   ", (const char *[]){ NULL });
	expect_split("wait \"two words\"",
	             (const char *[]){ "wait", "two words", NULL });
	expect_split("wait 'it''s'", (const char *[]){ "wait", "its", NULL });
	expect_split("a\\ b c", (const char *[]){ "a b", "c", NULL });
	expect_split("say \"q\\\"uote\"",
	             (const char *[]){ "say", "q\"uote", NULL });
	expect_split("next # a comment", (const char *[]){ "next", NULL });
	expect_split("# only a comment", (const char *[]){ NULL });
	expect_split("a#b", (const char *[]){ "a#b", NULL });
	expect_split("x \"\"", (const char *[]){ "x", "", NULL });
}

static void split_unclosed_quote(void **state)
{
	(void)state;
	int argc;
	char **argv, *cause = NULL;
	assert_int_equal(command_split("open \"fork", &argc, &argv, &cause),
	                 -1);
	assert_string_equal(cause, "unclosed \" quote");
	free(cause);
	cause = NULL;
	assert_int_equal(command_split("x 'y", &argc, &argv, &cause), -1);
	assert_string_equal(cause, "unclosed ' quote");
	free(cause);
}

static void split_list(void **state)
{
	(void)state;
	char **list = command_split_list("open fork; run; wait \"a;b\"; ");
	assert_string_equal(list[0], "open fork");
	assert_string_equal(list[1], " run");
	assert_string_equal(list[2], " wait \"a;b\"");
	assert_string_equal(list[3], " ");
	assert_null(list[4]);
	for (size_t i = 0; list[i]; i++)
		free(list[i]);
	free(list);
	list = command_split_list("");
	assert_string_equal(list[0], "");
	assert_null(list[1]);
	free(list[0]);
	free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_exact_and_prefix),
		cmocka_unit_test(find_ambiguous_lists_candidates),
		cmocka_unit_test(find_unknown_suggests),
		cmocka_unit_test(real_table_is_consistent),
		cmocka_unit_test(split_words),
		cmocka_unit_test(split_unclosed_quote),
		cmocka_unit_test(split_list),
	};
	return cmocka_run_group_tests_name("command", tests, NULL, NULL);
}
