/* test_lesson.c - the lesson file parser: good files, every error, and
   mangled input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"

/* ---- stub hooks -------------------------------------------------------- */

static const char fork_once_source[] =
	"\tpid_t pid = fork();\n"
	"\tif (pid == 0)\n"
	"\t\t_exit(0);\n";

/* Demo "fork-once" takes linger=0..10; "fork-many" takes nothing. */
static int stub_check_run(const char *demo, char *const *args, size_t nargs,
                          char **cause, void *arg)
{
	(void)arg;
	if (strcmp(demo, "fork-once") != 0 && strcmp(demo, "fork-many") != 0) {
		*cause = strdup("unknown demo");
		return -1;
	}
	for (size_t i = 0; i < nargs; i++) {
		if (strncmp(args[i], "linger=", 7) != 0 ||
		    strcmp(demo, "fork-once") != 0) {
			*cause = strdup("no such parameter");
			return -1;
		}
		char *end;
		long v = strtol(args[i] + 7, &end, 10);
		if (*end || v < 0 || v > 10) {
			*cause = strdup("linger is out of range (0 to 10)");
			return -1;
		}
	}
	return 0;
}

/* Fails without saying why. */
static int stub_reject_run(const char *demo, char *const *args, size_t nargs,
                           char **cause, void *arg)
{
	(void)demo, (void)args, (void)nargs, (void)cause, (void)arg;
	return -1;
}

static const char *stub_snippet(const char *name, void *arg)
{
	(void)arg;
	if (strcmp(name, "fork-once") == 0)
		return fork_once_source;
	if (strcmp(name, "no-newline") == 0)
		return "int x;";
	if (strcmp(name, "empty") == 0)
		return "";
	return NULL;
}

static const struct lesson_hooks hooks = { stub_check_run, stub_snippet,
                                           NULL };

/* ---- helpers ----------------------------------------------------------- */

#define HEADER "@lesson x\n@title T\n@order 1\n@summary S\n"
#define STEP "@step One\ntext\n"

static const char good_example[] =
	"@lesson fork\n"
	"@title fork: one call, two returns\n"
	"@order 1\n"
	"@summary Make a second process and watch both run.\n"
	"\n"
	"@step One call, two returns\n"
	"Python's os.fork() is a thin wrapper over the C call fork().\n"
	"\n"
	"It returns twice.\n"
	"@code python\n"
	"import os\n"
	"pid = os.fork()\n"
	"@end\n"
	"@source fork-once\n"
	"@run fork-once linger=2\n"
	"@predict choice Which line prints first?\n"
	"@option parent|mother the parent\n"
	"@option child the child\n"
	"@answer first ^(parent|child) \n"
	"@explain The scheduler decides.\n"
	"@explain linger=3 Three seconds.\n"
	"@ask-if linger=2\n";

/* Parse len bytes that must be good. */
static struct lesson *parse_ok_len(const char *buf, size_t len,
                                   const struct lesson_hooks *h)
{
	struct lesson *l = NULL;
	int line = 0;
	char *cause = NULL;
	int rc = lesson_parse("t.lesson", buf, len, h, &l, &line, &cause);
	if (rc != 0)
		print_error("unexpected error at line %d: %s\n", line, cause);
	free(cause);
	assert_int_equal(rc, 0);
	assert_non_null(l);
	return l;
}

static struct lesson *parse_ok(const char *buf)
{
	return parse_ok_len(buf, strlen(buf), &hooks);
}

/* Parse len bytes that must fail at line with message. */
static void expect_error_len(const char *buf, size_t len,
                             const struct lesson_hooks *h, int line,
                             const char *message)
{
	struct lesson *sentinel = (struct lesson *)&hooks, *l = sentinel;
	int got_line = -5;
	char *cause = NULL;
	int rc = lesson_parse("t.lesson", buf, len, h, &l, &got_line, &cause);
	if (rc == 0)
		lesson_free(l);
	assert_int_equal(rc, -1);
	assert_ptr_equal(l, sentinel);
	assert_non_null(cause);
	if (got_line != line || strcmp(cause, message) != 0)
		print_error("input:\n%.*s\n", (int)len, buf);
	assert_string_equal(cause, message);
	assert_int_equal(got_line, line);
	free(cause);
}

static void expect_error(const char *buf, int line, const char *message)
{
	expect_error_len(buf, strlen(buf), &hooks, line, message);
}

/* ---- good files -------------------------------------------------------- */

static void check_good_example(const struct lesson *l)
{
	assert_string_equal(l->path, "t.lesson");
	assert_string_equal(l->id, "fork");
	assert_string_equal(l->title, "fork: one call, two returns");
	assert_int_equal(l->order, 1);
	assert_string_equal(l->summary,
	                    "Make a second process and watch both run.");
	assert_int_equal(l->nsteps, 1);
	const struct lesson_step *st = &l->steps[0];
	assert_string_equal(st->title, "One call, two returns");
	assert_int_equal(st->line, 6);
	assert_string_equal(st->text, "Python's os.fork() is a thin wrapper "
	                    "over the C call fork().\n\nIt returns twice.");
	assert_int_equal(st->ncode, 2);
	assert_string_equal(st->code[0].lang, "python");
	assert_null(st->code[0].snippet);
	assert_string_equal(st->code[0].text, "import os\npid = os.fork()\n");
	assert_int_equal(st->code[0].line, 10);
	assert_string_equal(st->code[1].lang, "c");
	assert_string_equal(st->code[1].snippet, "fork-once");
	assert_string_equal(st->code[1].text, fork_once_source);
	assert_ptr_not_equal(st->code[1].text, fork_once_source);
	assert_int_equal(st->code[1].line, 14);
	assert_string_equal(st->demo, "fork-once");
	assert_int_equal(st->nrun_args, 1);
	assert_string_equal(st->run_args[0], "linger=2");
	assert_int_equal(st->run_line, 15);
	assert_string_equal(st->predict, "Which line prints first?");
	assert_string_equal(st->answer_how, "first");
	assert_string_equal(st->answer_pattern, "^(parent|child)");
	assert_int_equal(st->kind, PREDICT_CHOICE);
	assert_int_equal(st->predict_line, 16);
	assert_int_equal(st->noptions, 2);
	assert_string_equal(st->options[0].values, "parent|mother");
	assert_string_equal(st->options[0].text, "the parent");
	assert_string_equal(st->options[1].values, "child");
	assert_int_equal(st->nexplains, 2);
	assert_int_equal(st->explains[0].when.nargs, 0);
	assert_string_equal(st->explains[0].text, "The scheduler decides.");
	assert_int_equal(st->explains[1].when.nargs, 1);
	assert_string_equal(st->explains[1].when.args[0], "linger=3");
	assert_string_equal(st->explains[1].text, "Three seconds.");
	assert_int_equal(st->ask_if.nargs, 1);
	assert_string_equal(st->ask_if.args[0], "linger=2");
}

static void good_example_every_field(void **state)
{
	(void)state;
	struct lesson *l = parse_ok(good_example);
	check_good_example(l);
	lesson_free(l);
}

/* Turn every "\n" into "\r\n". */
static char *to_crlf(const char *s, size_t *len)
{
	char *out = malloc(2 * strlen(s) + 1), *p = out;
	assert_non_null(out);
	for (; *s; s++) {
		if (*s == '\n')
			*p++ = '\r';
		*p++ = *s;
	}
	*len = (size_t)(p - out);
	return out;
}

static void good_example_crlf(void **state)
{
	(void)state;
	size_t len;
	char *crlf = to_crlf(good_example, &len);
	struct lesson *l = parse_ok_len(crlf, len, &hooks);
	check_good_example(l);
	lesson_free(l);
	free(crlf);
}

static void good_example_bom(void **state)
{
	(void)state;
	size_t n = strlen(good_example);
	char *buf = malloc(n + 3);
	assert_non_null(buf);
	memcpy(buf, "\xef\xbb\xbf", 3);
	memcpy(buf + 3, good_example, n);
	struct lesson *l = parse_ok_len(buf, n + 3, &hooks);
	check_good_example(l);
	lesson_free(l);
	/* A BOM anywhere else is text; in the header, that is an error. */
	memcpy(buf, "\n\xef\xbb\xbf", 4);
	expect_error_len(buf, 4, &hooks, 2, "text before the first @step");
	free(buf);
}

/* The last line may lack its newline (also with CR, or in a block). */
static void no_final_newline(void **state)
{
	(void)state;
	struct lesson *l = parse_ok_len(good_example, strlen(good_example) - 1,
	                                &hooks);
	check_good_example(l);
	lesson_free(l);
	l = parse_ok(HEADER "@step One\ntext\r");
	assert_string_equal(l->steps[0].text, "text");
	lesson_free(l);
	l = parse_ok(HEADER STEP "@code c\nint x;\n@end");
	assert_string_equal(l->steps[0].code[0].text, "int x;\n");
	lesson_free(l);
}

static void narrative_rules(void **state)
{
	(void)state;
	struct lesson *l = parse_ok(
	    HEADER
	    "@step Rules\n"
	    "\n"
	    "  \t\n"
	    "First line   \n"
	    "second line\t \n"
	    "\n"
	    "   \n"
	    "\n"
	    "  - indented item\n"
	    "@@lesson is not a directive here\n"
	    "@@@ two left\n"
	    "@@\n"
	    "mail me @ home\n"
	    "\n"
	    "\n");
	assert_string_equal(l->steps[0].text,
	                    "First line\nsecond line\n\n  - indented item\n"
	                    "@lesson is not a directive here\n@@ two left\n"
	                    "@\nmail me @ home");
	lesson_free(l);
}

/* Narrative goes on after a listing; the listing breaks the paragraph. */
static void narrative_around_code(void **state)
{
	(void)state;
	struct lesson *l = parse_ok(
	    HEADER
	    "@step Around\n"
	    "before\n"
	    "@code c\n"
	    "int x;\n"
	    "@end\n"
	    "after\n"
	    "still after\n"
	    "@source fork-once\n"
	    "\n"
	    "\n"
	    "last\n"
	    "@run fork-once\n"
	    "really last\n"
	    "@step Second\n"
	    "@code shell\n"
	    "ls\n"
	    "@end\n"
	    "only text\n");
	assert_int_equal(l->nsteps, 2);
	assert_string_equal(l->steps[0].text, "before\n\nafter\nstill after\n\n"
	                    "last\n\nreally last");
	assert_int_equal(l->steps[0].ncode, 2);
	assert_null(l->steps[0].predict);
	assert_int_equal(l->steps[0].nrun_args, 0);
	assert_null(l->steps[0].run_args);
	assert_string_equal(l->steps[1].title, "Second");
	assert_int_equal(l->steps[1].line, 18);
	assert_string_equal(l->steps[1].text, "only text");
	assert_string_equal(l->steps[1].code[0].lang, "shell");
	assert_null(l->steps[1].demo);
	lesson_free(l);
}

/* A block is kept verbatim up to a line that is exactly @end. */
static void code_block_verbatim(void **state)
{
	(void)state;
	struct lesson *l = parse_ok(
	    HEADER STEP
	    "@code text\n"
	    "@step not a step\n"
	    "\n"
	    "\tindented  \n"
	    "@@ stays\n"
	    " @end\n"
	    "@end.\n"
	    "@endx\n"
	    "\n"
	    "@end \t \n"
	    "@code\tc  \n"
	    "\n"
	    "x\n"
	    "@end\n");
	const struct lesson_step *st = &l->steps[0];
	assert_int_equal(st->ncode, 2);
	assert_string_equal(st->code[0].lang, "text");
	assert_string_equal(st->code[0].text,
	                    "@step not a step\n\n\tindented  \n@@ stays\n"
	                    " @end\n@end.\n@endx\n\n");
	assert_int_equal(st->code[0].line, 7);
	assert_string_equal(st->code[1].lang, "c");
	assert_string_equal(st->code[1].text, "\nx\n");
	assert_int_equal(st->code[1].line, 17);
	lesson_free(l);
}

static void directive_arguments(void **state)
{
	(void)state;
	struct lesson *l = parse_ok(
	    "@lesson\tabcdefghij-abcdefghij-abcdefghij\n"
	    "@title   Spaced   title \t\n"
	    "@order 0009999\n"
	    "@summary \xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e\n"
	    "@step \t Tabbed\n"
	    "text\twith tab\n"
	    "@run  fork-once \t linger=10   linger=0\n"
	    "@predict   yesno \t Why?  \n"
	    "@answer any x\n");
	assert_string_equal(l->id, "abcdefghij-abcdefghij-abcdefghij");
	assert_string_equal(l->title, "Spaced   title");
	assert_int_equal(l->order, 9999);
	assert_string_equal(l->summary,
	                    "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e");
	assert_string_equal(l->steps[0].title, "Tabbed");
	assert_string_equal(l->steps[0].text, "text\twith tab");
	assert_int_equal(l->steps[0].nrun_args, 2);
	assert_string_equal(l->steps[0].run_args[0], "linger=10");
	assert_string_equal(l->steps[0].run_args[1], "linger=0");
	assert_string_equal(l->steps[0].predict, "Why?");
	lesson_free(l);
}

/* Without hooks, @run is checked for its syntax only. */
static void run_without_hooks(void **state)
{
	(void)state;
	const char *src = HEADER STEP "@run any-demo a_b=x=y n-2=\xc3\xa9\n";
	struct lesson *l = parse_ok_len(src, strlen(src), NULL);
	assert_string_equal(l->steps[0].demo, "any-demo");
	assert_int_equal(l->steps[0].nrun_args, 2);
	assert_string_equal(l->steps[0].run_args[0], "a_b=x=y");
	assert_string_equal(l->steps[0].run_args[1], "n-2=\xc3\xa9");
	lesson_free(l);
	struct lesson_hooks snippet_only = { NULL, stub_snippet, NULL };
	l = parse_ok_len(src, strlen(src), &snippet_only);
	lesson_free(l);
}

/* Snippets get a final newline; an empty one stays empty. */
static void source_snippets(void **state)
{
	(void)state;
	struct lesson *l = parse_ok(HEADER STEP "@source no-newline\n"
	                            "@source empty\n");
	assert_string_equal(l->steps[0].code[0].text, "int x;\n");
	assert_string_equal(l->steps[0].code[1].text, "");
	assert_string_equal(l->steps[0].code[1].snippet, "empty");
	lesson_free(l);
}

/* Long lines and big files: the limits themselves are fine. */
static void size_limits(void **state)
{
	(void)state;
	size_t n = LESSON_MAX_SIZE + 1;
	char *buf = malloc(n + 1);
	assert_non_null(buf);
	/* A lesson of exactly LESSON_MAX_SIZE bytes, lines of 4096. */
	size_t pos = (size_t)sprintf(buf, HEADER "@step Big\n");
	while (pos < LESSON_MAX_SIZE) {
		size_t line = LESSON_MAX_SIZE - pos - 1;
		if (line > LESSON_MAX_LINE)
			line = LESSON_MAX_LINE;
		memset(buf + pos, 'a', line);
		pos += line;
		buf[pos++] = '\n';
	}
	assert_int_equal(pos, LESSON_MAX_SIZE);
	struct lesson *l = parse_ok_len(buf, LESSON_MAX_SIZE, &hooks);
	lesson_free(l);
	buf[pos] = 'a';
	expect_error_len(buf, LESSON_MAX_SIZE + 1, &hooks, 1,
	                 "file is larger than 1 MiB");
	/* One byte too many on line 7; CRLF does not count. */
	pos = (size_t)sprintf(buf, HEADER "@step Long\n");
	memset(buf + pos, 'b', LESSON_MAX_LINE);
	memcpy(buf + pos + LESSON_MAX_LINE, "\r\n", 2);
	l = parse_ok_len(buf, pos + LESSON_MAX_LINE + 2, &hooks);
	lesson_free(l);
	buf[pos + LESSON_MAX_LINE] = 'b';
	expect_error_len(buf, pos + LESSON_MAX_LINE + 2, &hooks, 6,
	                 "line longer than 4096 bytes");
	free(buf);
}

/* Any snippet name is known, with the same text. */
static const char *any_snippet(const char *name, void *arg)
{
	(void)name, (void)arg;
	return "/* snippet */\n";
}

/* The lesson shipped with forklore, if the tests run from the tree. */
static void shipped_lesson(void **state)
{
	(void)state;
	FILE *f = fopen("lessons/01-fork.lesson", "rb");
	if (!f)
		skip();
	static char buf[LESSON_MAX_SIZE];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	struct lesson_hooks any = { NULL, any_snippet, NULL };
	struct lesson *l = parse_ok_len(buf, n, &any);
	assert_string_equal(l->id, "fork");
	assert_true(l->nsteps > 1);
	for (size_t i = 0; i < l->nsteps; i++)
		assert_true(l->steps[i].text[0] != '\0');
	lesson_free(l);
}

/* ---- errors ------------------------------------------------------------ */

struct error_case {
	const char *text;
	size_t len;             /* 0: strlen(text) */
	int line;
	const char *message;
};

#define BIN(s) s, sizeof(s) - 1

static const struct error_case error_cases[] = {
	/* whole-file checks */
	{ "", 0, 1, "missing @lesson" },
	{ "\xef\xbb\xbf", 0, 1, "missing @lesson" },
	{ "\n\n\n", 0, 3, "missing @lesson" },
	{ "@lesson broken\n@title T\n", 0, 2, "missing @order" },
	{ "@title T\n@order 1\n@summary S\n\n@step A\ntext\n", 0, 4,
	  "missing @lesson" },
	{ "@lesson x\n@order 1\n@summary S\n@step A\ntext\n", 0, 3,
	  "missing @title" },
	{ "@lesson x\n@title T\n@order 1\n@step A\ntext\n", 0, 3,
	  "missing @summary" },
	{ "@lesson x\n@title T\n@summary S\n\n\n@step A\ntext\n", 0, 5,
	  "missing @order" },
	{ "@step A\ntext\n", 0, 1, "missing @lesson" },
	{ HEADER, 0, 4, "lesson has no @step" },
	{ HEADER "\n\n", 0, 6, "lesson has no @step" },
	{ HEADER "@step One\n", 0, 5, "step 'One' has no text" },
	{ HEADER "@step One\n\n\n@step Two\ntext\n", 0, 5,
	  "step 'One' has no text" },
	{ HEADER STEP "@step Two\n@code c\nx\n@end\n", 0, 7,
	  "step 'Two' has no text" },
	{ HEADER "@step One\n@run fork-once\n@predict number Q?\n", 0, 5,
	  "step 'One' has no text" },
	/* bytes */
	{ BIN(HEADER STEP "ab\0c\n"), 7, "NUL byte in file" },
	{ BIN("\0"), 1, "NUL byte in file" },
	{ HEADER STEP "\xff\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "\x80\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "over \xc0\x80\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "over \xc1\xbf\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "over \xe0\x80\xaf\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "over \xf0\x8f\xbf\xbf\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "surrogate \xed\xa0\x80\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "surrogate \xed\xbf\xbf\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "big \xf4\x90\x80\x80\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "big \xf5\x80\x80\x80\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "cut \xe2\x82\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "cut \xe2\x82", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "cut \xf0\x9d\x84 x\n", 0, 7, "invalid UTF-8" },
	{ HEADER STEP "bell \a\n", 0, 7, "control character U+0007" },
	{ HEADER STEP "esc \x1b[1m\n", 0, 7, "control character U+001B" },
	{ HEADER STEP "del \x7f\n", 0, 7, "control character U+007F" },
	{ HEADER STEP "csi \xc2\x9b\n", 0, 7, "control character U+009B" },
	{ HEADER STEP "a\rb\n", 0, 7, "control character U+000D" },
	{ HEADER STEP "a\r\r\n", 0, 7, "control character U+000D" },
	{ HEADER STEP "form\ffeed\n", 0, 7, "control character U+000C" },
	{ HEADER STEP "@code c\nx\x01\n@end\n", 0, 8,
	  "control character U+0001" },
	/* the first error wins */
	{ BIN(HEADER STEP "@foo\n\0\n"), 7, "unknown directive '@foo'" },
	{ BIN(HEADER STEP "\0\n@foo\n"), 7, "NUL byte in file" },
	{ HEADER "@step One\n@step Two\n\x01\n", 0, 5,
	  "step 'One' has no text" },
	/* the header */
	{ "@lesson x\nhello\n", 0, 2, "text before the first @step" },
	{ "@lesson x\n@@hello\n", 0, 2, "text before the first @step" },
	{ "  indented\n", 0, 1, "text before the first @step" },
	{ HEADER "@lesson y\n" STEP, 0, 5,
	  "duplicate @lesson (first at line 1)" },
	{ HEADER "\n@order 2\n" STEP, 0, 6,
	  "duplicate @order (first at line 3)" },
	{ HEADER "@title U\n", 0, 5, "duplicate @title (first at line 2)" },
	{ HEADER STEP "@title U\n", 0, 7,
	  "@title belongs in the header, before the first @step" },
	{ HEADER STEP "@lesson y\n", 0, 7,
	  "@lesson belongs in the header, before the first @step" },
	{ HEADER STEP "@order 2\n", 0, 7,
	  "@order belongs in the header, before the first @step" },
	{ HEADER STEP "@summary U\n", 0, 7,
	  "@summary belongs in the header, before the first @step" },
	{ "@lesson\n", 0, 1, "@lesson needs a value" },
	{ "@lesson  \t \n", 0, 1, "@lesson needs a value" },
	{ "@lesson x\n@title\n", 0, 2, "@title needs a value" },
	{ "@lesson x\n@summary \n", 0, 2, "@summary needs a value" },
	{ "@lesson x\n@order\n", 0, 2, "@order needs a value" },
	{ "@lesson Fork\n", 0, 1, "lesson id 'Fork' must be 1 to 32 characters "
	  "of a-z, 0-9 and '-', starting with a letter" },
	{ "@lesson 1fork\n", 0, 1, "lesson id '1fork' must be 1 to 32 "
	  "characters of a-z, 0-9 and '-', starting with a letter" },
	{ "@lesson -fork\n", 0, 1, "lesson id '-fork' must be 1 to 32 "
	  "characters of a-z, 0-9 and '-', starting with a letter" },
	{ "@lesson fork_x\n", 0, 1, "lesson id 'fork_x' must be 1 to 32 "
	  "characters of a-z, 0-9 and '-', starting with a letter" },
	{ "@lesson fork x\n", 0, 1, "lesson id 'fork x' must be 1 to 32 "
	  "characters of a-z, 0-9 and '-', starting with a letter" },
	{ "@lesson abcdefghij-abcdefghij-abcdefghij-\n", 0, 1,
	  "lesson id 'abcdefghij-abcdefghij-abcdefghij-' must be 1 to 32 "
	  "characters of a-z, 0-9 and '-', starting with a letter" },
	{ "@lesson x\n@order 0\n", 0, 2,
	  "@order must be a number from 1 to 9999, not '0'" },
	{ "@lesson x\n@order 10000\n", 0, 2,
	  "@order must be a number from 1 to 9999, not '10000'" },
	{ "@lesson x\n@order 99999999999999999999999\n", 0, 2,
	  "@order must be a number from 1 to 9999, not "
	  "'99999999999999999999999'" },
	{ "@lesson x\n@order -1\n", 0, 2,
	  "@order must be a number from 1 to 9999, not '-1'" },
	{ "@lesson x\n@order +1\n", 0, 2,
	  "@order must be a number from 1 to 9999, not '+1'" },
	{ "@lesson x\n@order 12a\n", 0, 2,
	  "@order must be a number from 1 to 9999, not '12a'" },
	{ "@lesson x\n@order 1 2\n", 0, 2,
	  "@order must be a number from 1 to 9999, not '1 2'" },
	/* steps */
	{ HEADER "@step\n", 0, 5, "@step needs a title" },
	{ HEADER "@step \t\n", 0, 5, "@step needs a title" },
	{ HEADER "@code c\n", 0, 5, "@code must come after a @step" },
	{ HEADER "@source fork-once\n", 0, 5,
	  "@source must come after a @step" },
	{ HEADER "@run fork-once\n", 0, 5, "@run must come after a @step" },
	{ HEADER "@predict number Q?\n", 0, 5, "@predict must come after a @step" },
	/* code blocks */
	{ HEADER STEP "@code c\nint x;\n", 0, 7,
	  "@code block is never closed (missing @end)" },
	{ HEADER STEP "@code c\nint x;\n @end\n@end x\n", 0, 7,
	  "@code block is never closed (missing @end)" },
	{ HEADER STEP "@code c\n", 0, 7,
	  "@code block is never closed (missing @end)" },
	{ HEADER STEP "\n@code c\n@end\n", 0, 8, "@code block is empty" },
	{ HEADER STEP "@code text\n\n \t\n@end\n", 0, 7,
	  "@code block is empty" },
	{ HEADER STEP "@code\n", 0, 7,
	  "@code needs a language (c, python, shell or text)" },
	{ HEADER STEP "@code rust\n", 0, 7,
	  "unknown @code language 'rust' (c, python, shell or text)" },
	{ HEADER STEP "@code C\n", 0, 7,
	  "unknown @code language 'C' (c, python, shell or text)" },
	{ HEADER STEP "@code c extra\n", 0, 7,
	  "unknown @code language 'c extra' (c, python, shell or text)" },
	{ HEADER STEP "@end\n", 0, 7, "@end without @code" },
	{ HEADER STEP "@code c\nx\n@end\n@end\n", 0, 10, "@end without @code" },
	{ "@end\n", 0, 1, "@end without @code" },
	/* @source */
	{ HEADER STEP "@source nope\n", 0, 7, "unknown source snippet 'nope'" },
	{ HEADER STEP "@source\n", 0, 7, "@source needs a snippet name" },
	/* @run */
	{ HEADER STEP "@run\n", 0, 7, "@run needs a demo name" },
	{ HEADER STEP "@run no-such-demo\n", 0, 7, "unknown demo" },
	{ HEADER STEP "@run fork-once linger=11\n", 0, 7,
	  "linger is out of range (0 to 10)" },
	{ HEADER STEP "@run fork-once kids=3\n", 0, 7, "no such parameter" },
	{ HEADER STEP "@run Fork-once\n", 0, 7,
	  "'Fork-once' is not a demo name (a-z, 0-9 and '-')" },
	{ HEADER STEP "@run fork_once\n", 0, 7,
	  "'fork_once' is not a demo name (a-z, 0-9 and '-')" },
	{ HEADER STEP "@run fork-once=1\n", 0, 7,
	  "'fork-once=1' is not a demo name (a-z, 0-9 and '-')" },
	{ HEADER STEP "@run fork-once linger\n", 0, 7,
	  "expected NAME=VALUE after the demo name, not 'linger'" },
	{ HEADER STEP "@run fork-once linger= 2\n", 0, 7,
	  "expected NAME=VALUE after the demo name, not 'linger='" },
	{ HEADER STEP "@run fork-once =2\n", 0, 7,
	  "expected NAME=VALUE after the demo name, not '=2'" },
	{ HEADER STEP "@run fork-once Linger=2\n", 0, 7,
	  "expected NAME=VALUE after the demo name, not 'Linger=2'" },
	{ HEADER STEP "@run fork-once li.ger=2\n", 0, 7,
	  "expected NAME=VALUE after the demo name, not 'li.ger=2'" },
	{ HEADER STEP "@run fork-once\n\n@run fork-many\n", 0, 9,
	  "a step has at most one @run (first at line 7)" },
	/* @predict */
	{ HEADER STEP "@predict number Q?\n", 0, 7,
	  "@predict needs a @run in the same step" },
	{ HEADER STEP "@predict number Q?\nmore text\n@step Two\ntext\n"
	  "@run fork-once\n", 0, 7, "@predict needs a @run in the same step" },
	{ HEADER STEP "@predict number Q?\n@answer count x\n@run fork-once\n",
	  0, 0, NULL },
	{ HEADER STEP "@run fork-once\n@predict\n", 0, 8,
	  "@predict takes the kind of answer (choice, number, order or "
	  "yesno), then the question; not ''" },
	{ HEADER STEP "@run fork-once\n@predict Who?\n", 0, 8,
	  "@predict takes the kind of answer (choice, number, order or "
	  "yesno), then the question; not 'Who?'" },
	{ HEADER STEP "@run fork-once\n@predict order\n", 0, 8,
	  "@predict order needs a question" },
	{ HEADER STEP "@run fork-once\n@predict number A?\n@predict number B?\n", 0, 9,
	  "a step has at most one @predict (first at line 8)" },
	/* @answer and @explain */
	{ HEADER STEP "@run fork-once\n@answer first x\n", 0, 8,
	  "@answer needs a @predict in the same step" },
	{ HEADER STEP "@run fork-once\n@explain Why.\n", 0, 8,
	  "@explain needs a @predict in the same step" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@answer\n", 0, 9,
	  "@answer takes first, last, count, all, any or none, then a "
	  "pattern; not ''" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@answer most x\n", 0, 9,
	  "@answer takes first, last, count, all, any or none, then a "
	  "pattern; not 'most'" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@answer first\n", 0, 9,
	  "@answer first needs a pattern" },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all (a\n", 0, 9,
	  "@answer pattern is not a valid extended regular expression: "
	  "Unmatched ( or \\(" },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all a{99}\n", 0,
	  9, "@answer patterns may not use {m,n} repeats (write \\{ for a "
	  "brace)" },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all (a)\\1\n", 0,
	  9, "@answer patterns may not use back-references such as \\1" },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all a\\{\n", 0,
	  0, NULL },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all a+b+c+d+\n",
	  0, 0, NULL },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all a+b+c+d+\\+\n",
	  0, 0, NULL },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer all \\\\+++++\n",
	  0, 9, "@answer patterns may use + at most 4 times" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@answer last x\n"
	  "@answer last y\n", 0, 10,
	  "a step has at most one @answer (first at line 9)" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@explain\n", 0, 9,
	  "@explain needs a sentence" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@explain A.\n"
	  "@explain B.\n", 0, 10,
	  "a step has at most one @explain for every run (first at line "
	  "9); give the others NAME=VALUE conditions" },
	/* questions that could not be judged */
	{ HEADER STEP "@run fork-once\n@predict number Q?\n", 0, 8,
	  "@predict number needs an @answer line: how the demo's output "
	  "answers it, or it cannot be judged" },
	{ HEADER STEP "@run fork-once\n@predict order Q?\n@answer first x\n",
	  0, 9, "@predict order is answered with @answer all, not first" },
	{ HEADER STEP "@run fork-once\n@predict yesno Q?\n@answer count x\n",
	  0, 9, "@predict yesno is answered with @answer any or none, not "
	  "count" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@answer all x\n",
	  0, 9, "@predict number is answered with @answer first, last or "
	  "count, not all" },
	{ HEADER STEP "@run fork-once\n@predict choice Q?\n@option a A\n"
	  "@answer first x\n", 0, 8,
	  "@predict choice needs at least two @option lines" },
	{ HEADER STEP "@run fork-once\n@option a A\n", 0, 8,
	  "@option belongs after a @predict choice question in the same "
	  "step" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@option a A\n",
	  0, 9, "@option belongs after a @predict choice question in the "
	  "same step" },
	{ HEADER STEP "@run fork-once\n@predict choice Q?\n@option a\n", 0,
	  9, "@option a needs the text shown for it" },
	{ HEADER STEP "@run fork-once\n@predict choice Q?\n@option a||b A\n",
	  0, 9, "@option takes its values (letters, digits, '_' for a space, "
	  "'|' between them), then its text; not 'a||b'" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@within 5\n"
	  "@within 6\n@answer count x\n", 0, 10,
	  "a step has at most one @within (first at line 9)" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@within -1\n", 0,
	  9, "@within takes a tolerance such as 2 or 10%, not '-1'" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@within 200%\n",
	  0, 9, "@within takes a tolerance such as 2 or 10%, not '200%'" },
	{ HEADER STEP "@run fork-once\n@predict yesno Q?\n@within 2\n", 0,
	  9, "@within belongs after a @predict number question in the same "
	  "step" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@within 10%\n"
	  "@answer count x\n", 0, 0, NULL },
	{ HEADER STEP "@run fork-once\n@ask-if linger=1\n", 0, 8,
	  "@ask-if needs a @predict in the same step" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@ask-if\n", 0, 9,
	  "@ask-if takes NAME=VALUE conditions, not ''" },
	{ HEADER STEP "@run fork-once\n@predict number Q?\n@ask-if a=1 b\n",
	  0, 9, "@ask-if takes NAME=VALUE conditions, not 'b'" },
	/* unknown directives */
	{ HEADER STEP "@foo\n", 0, 7, "unknown directive '@foo'" },
	{ HEADER STEP "@steps Two\n", 0, 7,
	  "unknown directive '@steps' (did you mean '@step'?)" },
	{ HEADER STEP "@Step Two\n", 0, 7,
	  "unknown directive '@Step' (did you mean '@step'?)" },
	{ "@lessen x\n", 0, 1,
	  "unknown directive '@lessen' (did you mean '@lesson'?)" },
	{ "@tittle x\n", 0, 1,
	  "unknown directive '@tittle' (did you mean '@title'?)" },
	{ "@sumary x\n", 0, 1,
	  "unknown directive '@sumary' (did you mean '@summary'?)" },
	{ HEADER STEP "@cod c\n", 0, 7,
	  "unknown directive '@cod' (did you mean '@code'?)" },
	{ HEADER STEP "@sorce x\n", 0, 7,
	  "unknown directive '@sorce' (did you mean '@source'?)" },
	{ HEADER STEP "@predcit x\n", 0, 7,
	  "unknown directive '@predcit' (did you mean '@predict'?)" },
	{ HEADER STEP "@rn x\n", 0, 7,
	  "unknown directive '@rn' (did you mean '@run'?)" },
	{ HEADER STEP "@ende\n", 0, 7,
	  "unknown directive '@ende' (did you mean '@end'?)" },
	{ HEADER STEP "@codeblock c\n", 0, 7,
	  "unknown directive '@codeblock'" },
	{ HEADER STEP "@\xc3\xa9t\xc3\xa9\n", 0, 7,
	  "unknown directive '@\xc3\xa9t\xc3\xa9'" },
	{ HEADER STEP "@\n", 0, 7, "'@' must be followed by a directive name "
	  "('@@' stands for a literal '@')" },
	{ HEADER STEP "@ step\n", 0, 7, "'@' must be followed by a directive "
	  "name ('@@' stands for a literal '@')" },
};

static void every_error(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof error_cases / sizeof *error_cases; i++) {
		const struct error_case *c = &error_cases[i];
		size_t len = c->len ? c->len : strlen(c->text);
		if (c->message) {
			expect_error_len(c->text, len, &hooks, c->line,
			                 c->message);
		} else {
			struct lesson *l = parse_ok_len(c->text, len, &hooks);
			lesson_free(l);
		}
	}
}

/* @source with no snippet hook; a check_run hook that gives no cause. */
static void hook_errors(void **state)
{
	(void)state;
	expect_error(HEADER STEP "@source Fork-Once\n", 7,
	             "unknown source snippet 'Fork-Once'");
	const char *src = HEADER STEP "@source fork-once\n";
	expect_error_len(src, strlen(src), NULL, 7,
	                 "unknown source snippet 'fork-once'");
	struct lesson_hooks no_snippet = { stub_check_run, NULL, NULL };
	expect_error_len(src, strlen(src), &no_snippet, 7,
	                 "unknown source snippet 'fork-once'");
	struct lesson_hooks reject = { stub_reject_run, NULL, NULL };
	src = HEADER STEP "@run fork-once\n";
	expect_error_len(src, strlen(src), &reject, 7,
	                 "invalid @run of this demo");
}

/* CRLF files give the same errors at the same lines. */
static void errors_in_crlf(void **state)
{
	(void)state;
	size_t len;
	char *crlf = to_crlf(HEADER STEP "@run fork-once \r\n@predict\n", &len);
	expect_error_len(crlf, len, &hooks, 7, "control character U+000D");
	free(crlf);
	crlf = to_crlf(HEADER STEP "@code c\nx\n@end\n@steps\n", &len);
	expect_error_len(crlf, len, &hooks, 10,
	                 "unknown directive '@steps' (did you mean '@step'?)");
	free(crlf);
}

/* ---- robustness -------------------------------------------------------- */

/* Any input gives 0 or -1 with a line and a cause; nothing leaks. */
static void parse_any(const char *buf, size_t len)
{
	struct lesson *l = NULL;
	int line = 0;
	char *cause = NULL;
	int rc = lesson_parse("t.lesson", buf, len, &hooks, &l, &line, &cause);
	if (rc == 0) {
		assert_non_null(l);
		assert_null(cause);
		assert_true(l->nsteps > 0);
		lesson_free(l);
		return;
	}
	assert_int_equal(rc, -1);
	assert_null(l);
	assert_non_null(cause);
	assert_true(line >= 1 && line <= 24);
	assert_null(strchr(cause, '\n'));
	free(cause);
}

static void mangled_good_example(void **state)
{
	(void)state;
	size_t n = strlen(good_example);
	/* Exactly sized heap copies, so that valgrind sees a read past len. */
	for (size_t cut = 0; cut <= n; cut++) {
		char *buf = malloc(cut ? cut : 1);
		assert_non_null(buf);
		memcpy(buf, good_example, cut);
		parse_any(buf, cut);
		free(buf);
	}
	static const char bytes[] = { '\0', (char)0xff, '@', '\n' };
	char *buf = malloc(n);
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof bytes; k++) {
			memcpy(buf, good_example, n);
			buf[i] = bytes[k];
			parse_any(buf, n);
		}
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest good[] = {
		cmocka_unit_test(good_example_every_field),
		cmocka_unit_test(good_example_crlf),
		cmocka_unit_test(good_example_bom),
		cmocka_unit_test(no_final_newline),
		cmocka_unit_test(narrative_rules),
		cmocka_unit_test(narrative_around_code),
		cmocka_unit_test(code_block_verbatim),
		cmocka_unit_test(directive_arguments),
		cmocka_unit_test(run_without_hooks),
		cmocka_unit_test(source_snippets),
		cmocka_unit_test(size_limits),
		cmocka_unit_test(shipped_lesson),
	};
	const struct CMUnitTest errors[] = {
		cmocka_unit_test(every_error),
		cmocka_unit_test(hook_errors),
		cmocka_unit_test(errors_in_crlf),
	};
	const struct CMUnitTest robust[] = {
		cmocka_unit_test(mangled_good_example),
	};
	int failed = cmocka_run_group_tests_name("lesson: good files", good,
	                                         NULL, NULL);
	failed += cmocka_run_group_tests_name("lesson: errors", errors, NULL,
	                                      NULL);
	failed += cmocka_run_group_tests_name("lesson: robustness", robust,
	                                      NULL, NULL);
	return failed ? 1 : 0;
}
