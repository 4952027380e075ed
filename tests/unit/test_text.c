/* test_text.c - tagged lines, wrapping by display width, snippets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snippet.h"
#include "tagline.h"
#include "wrap.h"

static void tagline_round_trip(void **state)
{
	(void)state;
	char buf[TAGLINE_MAX + 64];
	size_t n = tagline_format(buf, sizeof buf, 4013, 4015, "LoopThread",
	                          "count 1");
	assert_int_equal(buf[n - 1], '\n');
	struct tagline t;
	tagline_parse(buf, n - 1, &t);
	assert_int_equal(t.pid, 4013);
	assert_int_equal(t.tid, 4015);
	assert_string_equal(t.name, "LoopThread");
	assert_int_equal(t.len, 7);
	assert_memory_equal(t.text, "count 1", 7);
}

static void tagline_keeps_one_line(void **state)
{
	(void)state;
	char buf[64];
	size_t n = tagline_format(buf, sizeof buf, 1, 1, "x", "a\nb");
	assert_non_null(memchr(buf, 'a', n));
	assert_ptr_equal(memchr(buf, '\n', n), buf + n - 1);
	/* Too long: cut, but still one whole line. */
	char big[300];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	n = tagline_format(buf, sizeof buf, 1, 1, "x", big);
	assert_true(n <= sizeof buf);
	assert_int_equal(buf[n - 1], '\n');
}

/* A line that is not tagged, or tagged wrongly, is shown as it is. */
static void tagline_untagged(void **state)
{
	(void)state;
	const char *cases[] = { "plain text", "\001abc def x\002t",
	                        "\0011 2 name-too-long-for-comm\002t",
	                        "\001", "\0011 2 x", "" };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tagline t;
		tagline_parse(cases[i], strlen(cases[i]), &t);
		assert_int_equal(t.pid, 0);
		assert_ptr_equal(t.text, cases[i]);
		assert_int_equal(t.len, strlen(cases[i]));
	}
}

static void width_by_display_columns(void **state)
{
	(void)state;
	assert_int_equal(wrap_width("hello", 5), 5);
	/* é as one code point, CJK as two columns each. */
	assert_int_equal(wrap_width("caf\xc3\xa9", 5), 4);
	assert_int_equal(wrap_width("\xe4\xbd\xa0\xe5\xa5\xbd", 6), 4);
	/* A combining accent takes no column. */
	assert_int_equal(wrap_width("e\xcc\x81", 3), 1);
	/* Bad bytes count one each, never crash. */
	assert_int_equal(wrap_width("\xff\xfe", 2), 2);
	assert_int_equal(wrap_width("\xe4\xbd", 2), 2);
}

/* Names in a column (the monitor's timeline): exactly the columns asked,
   whole characters, a final number kept. */
static void names_fit_columns(void **state)
{
	(void)state;
	char out[64];
	wrap_fit_name(out, sizeof out, "main", 8);
	assert_string_equal(out, "main    ");
	wrap_fit_name(out, sizeof out, "ForkPoolWorker-12", 14);
	assert_string_equal(out, "ForkPoolWor-12");
	wrap_fit_name(out, sizeof out, "ForkPoolWorker", 6);
	assert_string_equal(out, "ForkPo");
	/* 工作线程-1: 10 columns in 14 bytes, padded to 15 columns. */
	wrap_fit_name(out, sizeof out, "\xe5\xb7\xa5\xe4\xbd\x9c\xe7\xba\xbf"
	              "\xe7\xa8\x8b-1", 15);
	assert_int_equal(wrap_width(out, strlen(out)), 15);
	assert_int_equal(strlen(out), 14 + 5);
	/* 数据处理线程-12 in 9: 数据处 (6) + -12, never half a character. */
	wrap_fit_name(out, sizeof out, "\xe6\x95\xb0\xe6\x8d\xae\xe5\xa4\x84"
	              "\xe7\x90\x86\xe7\xba\xbf\xe7\xa8\x8b-12", 9);
	assert_string_equal(out, "\xe6\x95\xb0\xe6\x8d\xae\xe5\xa4\x84-12");
	/* An odd number of columns left for CJK: one blank fills it. */
	wrap_fit_name(out, sizeof out, "\xe6\x95\xb0\xe6\x8d\xae\xe5\xa4\x84",
	              5);
	assert_string_equal(out, "\xe6\x95\xb0\xe6\x8d\xae ");
	assert_int_equal(wrap_fit(out, strlen(out), 3), 3);
	/* Too narrow for a number: the start of the name alone. */
	wrap_fit_name(out, sizeof out, "worker-12345", 5);
	assert_string_equal(out, "worke");
	wrap_fit_name(out, sizeof out, "x", 0);
	assert_string_equal(out, "");
	/* A small buffer is never overrun. */
	char small[4];
	wrap_fit_name(small, sizeof small, "abcdefgh", 8);
	assert_string_equal(small, "abc");
}

struct lines {
	char text[16][64];
	size_t n;
};

static void collect(const char *line, size_t len, void *arg)
{
	struct lines *l = arg;
	assert_true(l->n < 16 && len < 64);
	memcpy(l->text[l->n], line, len);
	l->text[l->n++][len] = '\0';
}

static void wrap_words(void **state)
{
	(void)state;
	struct lines l = { .n = 0 };
	const char *t = "one two three four five";
	wrap_paragraph(t, strlen(t), 9, collect, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.text[0], "one two");
	assert_string_equal(l.text[1], "three");
	assert_string_equal(l.text[2], "four five");
	/* Exactly the width fits. */
	l.n = 0;
	wrap_paragraph("abc def", 7, 7, collect, &l);
	assert_int_equal(l.n, 1);
	/* A word longer than the width is cut. */
	l.n = 0;
	wrap_paragraph("abcdefghij", 10, 4, collect, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.text[0], "abcd");
	assert_string_equal(l.text[2], "ij");
	/* A hanging layout: a wide first line, narrower ones after it; the
	   blanks inside a line stay as they are. */
	l.n = 0;
	const char *h = "name    one two three four";
	wrap_hanging(h, strlen(h), 16, 9, collect, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.text[0], "name    one two");
	assert_string_equal(l.text[1], "three");
	assert_string_equal(l.text[2], "four");
}

static void wrap_cjk_by_width(void **state)
{
	(void)state;
	/* Five CJK characters (10 columns) into 4 columns: 2 per line. */
	const char *t = "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b"
	                "\xe4\xba\x94";
	struct lines l = { .n = 0 };
	wrap_paragraph(t, strlen(t), 4, collect, &l);
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++)
		assert_true(wrap_width(l.text[i], strlen(l.text[i])) <= 4);
	assert_int_equal(strlen(l.text[0]), 6);
}

/* The basic rules of CJK line breaking: between two characters when one
   is wide; never a closing mark (，。）) first on a line, nor an opening
   one (（“) last. */
static void wrap_cjk_punctuation(void **state)
{
	(void)state;
	struct lines l = { .n = 0 };
	/* 进程和线程，都是 into 10 columns: the comma would start line 2,
	   so the character before it goes down with it. */
	const char *t = "进程和线程，都是";
	wrap_paragraph(t, strlen(t), 10, collect, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.text[0], "进程和线");
	assert_string_equal(l.text[1], "程，都是");
	/* An opening parenthesis never ends a line. */
	l.n = 0;
	t = "一二三四（五）";
	wrap_paragraph(t, strlen(t), 10, collect, &l);
	assert_string_equal(l.text[0], "一二三四");
	assert_string_equal(l.text[1], "（五）");
	/* Latin words next to CJK break between them, not inside a word. */
	l.n = 0;
	t = "输入run运行";
	wrap_paragraph(t, strlen(t), 6, collect, &l);
	assert_string_equal(l.text[0], "输入");
	assert_string_equal(l.text[1], "run运");
	assert_string_equal(l.text[2], "行");
	/* Every line fits. */
	for (size_t i = 0; i < l.n; i++)
		assert_true(wrap_width(l.text[i], strlen(l.text[i])) <= 6);
}

struct narrative {
	char text[512];
};


static void narrative_collect(const char *line, size_t len, size_t indent,
                              void *arg)
{
	struct narrative *n = arg;
	size_t used = strlen(n->text);
	snprintf(n->text + used, sizeof n->text - used, "%zu|%.*s\n", indent,
	         (int)len, line);
}

/* Lines of a CJK paragraph join without a blank; Latin ones with one. */
static void narrative_cjk_join(void **state)
{
	(void)state;
	struct narrative n = { "" };
	wrap_narrative("父进程\n和子进程\nand more\n", 40, narrative_collect,
	               &n);
	assert_string_equal(n.text, "0|父进程和子进程 and more\n");
	/* Beside CJK punctuation, no blank either. */
	struct narrative p = { "" };
	wrap_narrative("单独进行。\ncounter 是“\nfinished”\n", 40,
	               narrative_collect, &p);
	assert_string_equal(p.text, "0|单独进行。counter 是“finished”\n");
}

static void narrative_layout(void **state)
{
	(void)state;
	struct narrative n = { "" };
	wrap_narrative("one two\nthree four\n\n- item one two three\n"
	               "- b\n  kept   as is\nlast", 12, narrative_collect, &n);
	assert_string_equal(n.text,
	                    "0|one two\n0|three four\n"   /* reflowed */
	                    "0|\n"                         /* blank kept */
	                    "0|- item one\n2|two three\n" /* hanging */
	                    "0|- b\n"
	                    "0|  kept   as is\n"           /* as it is */
	                    "0|last\n");
}

static void snippet_extraction(void **state)
{
	(void)state;
	const char *src = "int a;\n"
	                  "\t/* snippet: one */\n"
	                  "\tint x = 1;\n"
	                  "\n"
	                  "\t\tif (x) y();\n"
	                  "\t/* end snippet */\n"
	                  "/* snippet: one-more */\n"
	                  "z();\n"
	                  "/* end snippet */\n"
	                  "/* snippet: open */\n";
	char *s = snippet_extract(src, "one");
	assert_non_null(s);
	assert_string_equal(s, "int x = 1;\n\n\tif (x) y();\n");
	free(s);
	s = snippet_extract(src, "one-more");
	assert_string_equal(s, "z();\n");
	free(s);
	assert_null(snippet_extract(src, "on"));
	assert_null(snippet_extract(src, "open"));   /* never closed */
	assert_null(snippet_extract(src, "missing"));
}

static void embedded_snippets_exist(void **state)
{
	(void)state;
	const char *s = snippet_find("fork-once");
	assert_non_null(s);
	assert_non_null(strstr(s, "pid_t pid = demo_fork();"));
	assert_ptr_equal(snippet_find("fork-once"), s);   /* cached */
	assert_null(snippet_find("no-such-snippet"));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tagline_round_trip),
		cmocka_unit_test(tagline_keeps_one_line),
		cmocka_unit_test(tagline_untagged),
		cmocka_unit_test(width_by_display_columns),
		cmocka_unit_test(names_fit_columns),
		cmocka_unit_test(wrap_words),
		cmocka_unit_test(wrap_cjk_by_width),
		cmocka_unit_test(wrap_cjk_punctuation),
		cmocka_unit_test(narrative_cjk_join),
		cmocka_unit_test(narrative_layout),
		cmocka_unit_test(snippet_extraction),
		cmocka_unit_test(embedded_snippets_exist),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
