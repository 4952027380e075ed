/* test_timeline.c - the chart of who lived when, and the pane layout. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "layout.h"
#include "timeline.h"

/* A tree of one process with an extra thread, in the given states. */
static void sample(struct timeline *t, char proc_state, int with_thread,
                   char thread_state)
{
	struct procmon_thread threads[2] = {
		{ 100, proc_state, "main" }, { 101, thread_state, "worker" } };
	struct procmon_proc proc = { 100, 1, 100, proc_state, "main", 0,
	                             threads, with_thread ? 2 : 1 };
	struct procmon_tree tree = { &proc, 1 };
	timeline_tick(t, &tree);
}

static void thread_starts_and_is_joined(void **state)
{
	(void)state;
	struct timeline t = { 0 };
	sample(&t, 'S', 0, 'S');   /* before the thread starts */
	sample(&t, 'S', 1, 'R');   /* it runs */
	sample(&t, 'S', 1, 'R');
	sample(&t, 'R', 0, 'S');   /* joined: gone */
	assert_int_equal(t.ticks, 4);
	assert_int_equal(t.ntracks, 2);
	assert_string_equal(t.tracks[1].name, "worker");
	assert_int_equal(t.tracks[1].is_thread, 1);
	assert_int_equal(t.tracks[1].owner, 100);
	char buf[16];
	timeline_render(&t, 0, buf, 4);
	assert_string_equal(buf, "===#");
	timeline_render(&t, 1, buf, 4);
	assert_string_equal(buf, " ## ");
	/* Stretched to 8 columns: each tick takes two. */
	timeline_render(&t, 1, buf, 8);
	assert_string_equal(buf, "  ####  ");
	/* Squeezed to 2 columns: running wins over sleeping. */
	timeline_render(&t, 0, buf, 2);
	assert_string_equal(buf, "=#");
	timeline_free(&t);
	assert_int_equal(t.ntracks, 0);
}

static void zombie_and_limits(void **state)
{
	(void)state;
	struct timeline t = { 0 };
	sample(&t, 'Z', 0, 'S');
	char buf[4];
	timeline_render(&t, 0, buf, 3);
	assert_string_equal(buf, "zzz");
	for (int i = 0; i < TIMELINE_MAX_TICKS + 50; i++)
		sample(&t, 'S', 0, 'S');
	assert_int_equal(t.ticks, TIMELINE_MAX_TICKS);
	timeline_render(&t, 0, buf, 0);
	assert_string_equal(buf, "");
	timeline_reset(&t);
	assert_int_equal(t.ticks, 0);
}

static void layout_fits(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 24, 80 }, { 43, 132 }, { 16, 60 },
	                                { 100, 300 } };
	for (size_t k = 0; k < 4; k++) {
		int rows = sizes[k][0], cols = sizes[k][1];
		for (int busy = 0; busy < 2; busy++) {
			struct layout l;
			layout_compute(rows, cols, PANE_NONE, busy, &l);
			assert_false(l.too_small);
			assert_int_equal(l.prompt.y, rows - 1);
			int area = 0;
			for (int i = 0; i < PANE_COUNT; i++) {
				struct rect r = l.pane[i];
				assert_true(r.rows >= 2 && r.cols >= 20);
				assert_true(r.y >= 1 && r.y + r.rows <= rows - 2);
				assert_true(r.x >= 0 && r.x + r.cols <= cols);
				area += r.rows * r.cols;
			}
			/* The panes and the separator fill the body. */
			assert_int_equal(area + (rows - 3),
			                 (rows - 3) * cols);
		}
		struct layout z;
		layout_compute(rows, cols, PANE_CODE, 1, &z);
		assert_int_equal(z.pane[PANE_CODE].cols, cols);
		assert_int_equal(z.pane[PANE_LESSON].rows, 0);
		assert_int_equal(z.pane[PANE_MONITOR].rows, 0);
		/* What commands print stays in view under the zoomed pane. */
		struct rect o = z.pane[PANE_OUTPUT];
		assert_int_equal(o.rows, LAYOUT_ZOOM_STRIP);
		assert_int_equal(o.cols, cols);
		assert_int_equal(z.pane[PANE_CODE].y + z.pane[PANE_CODE].rows,
		                 o.y);
		assert_int_equal(o.y + o.rows, rows - 2);
		layout_compute(rows, cols, PANE_OUTPUT, 1, &z);
		assert_int_equal(z.pane[PANE_OUTPUT].rows, rows - 3);
	}
	/* The projector preset: lesson (or code) across the top, output and
	   monitor below, every shown pane inside the body, none overlapping. */
	for (size_t k = 0; k < 4; k++) {
		int rows = sizes[k][0], cols = sizes[k][1];
		for (int code = 0; code < 2; code++) {
			struct layout l;
			layout_compute_present(rows, cols, PANE_NONE, code, &l);
			assert_false(l.too_small);
			struct rect top = l.pane[code ? PANE_CODE : PANE_LESSON];
			assert_int_equal(l.pane[code ? PANE_LESSON :
			                        PANE_CODE].rows, 0);
			assert_int_equal(top.cols, cols);
			assert_int_equal(top.y, 1);
			struct rect o = l.pane[PANE_OUTPUT];
			struct rect m = l.pane[PANE_MONITOR];
			assert_int_equal(o.y, top.y + top.rows);
			assert_int_equal(m.y, o.y);
			assert_int_equal(o.y + o.rows, rows - 2);
			assert_int_equal(o.cols + 1 + m.cols, cols);
			/* The monitor is big, not the idle two lines. */
			assert_true(m.rows >= (rows - 3) / 2);
			assert_true(top.rows >= 6);
		}
		struct layout z;
		layout_compute_present(rows, cols, PANE_MONITOR, 0, &z);
		assert_int_equal(z.pane[PANE_MONITOR].cols, cols);
	}
	struct layout small;
	layout_compute_present(15, 80, PANE_NONE, 0, &small);
	assert_true(small.too_small);
	layout_compute(15, 80, PANE_NONE, 0, &small);
	assert_true(small.too_small);
	layout_compute(24, 59, PANE_NONE, 0, &small);
	assert_true(small.too_small);
	assert_int_equal(layout_pane_by_name("mon"), PANE_MONITOR);
	assert_int_equal(layout_pane_by_name("o"), PANE_OUTPUT);
	assert_int_equal(layout_pane_by_name("x"), PANE_NONE);
	assert_int_equal(layout_pane_by_name(""), PANE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(thread_starts_and_is_joined),
		cmocka_unit_test(zombie_and_limits),
		cmocka_unit_test(layout_fits),
	};
	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
