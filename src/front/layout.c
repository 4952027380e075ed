/* layout.c - where each pane goes for a terminal size (pure arithmetic). */
#include <string.h>

#include "layout.h"

static const char *const pane_names[PANE_COUNT] = {
	"lesson", "code", "output", "monitor",
};

const char *layout_pane_name(enum pane_id pane)
{
	return pane >= 0 && pane < PANE_COUNT ? pane_names[pane] : "none";
}

enum pane_id layout_pane_by_name(const char *name)
{
	size_t len = strlen(name);
	enum pane_id found = PANE_NONE;
	int matches = 0;
	for (int i = 0; i < PANE_COUNT; i++) {
		if (strcmp(pane_names[i], name) == 0)
			return (enum pane_id)i;
		if (len && strncmp(pane_names[i], name, len) == 0) {
			found = (enum pane_id)i;
			matches++;
		}
	}
	return matches == 1 ? found : PANE_NONE;
}

static struct rect make_rect(int y, int x, int rows, int cols)
{
	struct rect r = { y, x, rows, cols };
	return r;
}

void layout_compute(int rows, int cols, enum pane_id zoom,
                    int monitor_busy, struct layout *out)
{
	memset(out, 0, sizeof *out);
	if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS) {
		out->too_small = 1;
		return;
	}
	out->title = make_rect(0, 0, 1, cols);
	out->status = make_rect(rows - 2, 0, 1, cols);
	out->prompt = make_rect(rows - 1, 0, 1, cols);
	int top = 1, body = rows - 3;
	if (zoom >= 0 && zoom < PANE_COUNT) {
		/* A zoomed pane keeps a strip of the output under it, so what
		   a command prints is never hidden. */
		int strip = zoom == PANE_OUTPUT ? 0 : LAYOUT_ZOOM_STRIP;
		out->pane[zoom] = make_rect(top, 0, body - strip, cols);
		if (strip)
			out->pane[PANE_OUTPUT] = make_rect(top + body - strip,
			                                   0, strip, cols);
		return;
	}
	/* Left column: lesson over code. Right: output over monitor. On a
	   wide terminal the left gets a little more, for reading. */
	int left = cols >= 100 ? cols * 11 / 20 : cols / 2;
	int right = cols - left - 1;          /* one column of separator */
	int lesson_rows = body * 3 / 5;
	int output_rows = monitor_busy ? body / 2 : body - 2;
	out->pane[PANE_LESSON] = make_rect(top, 0, lesson_rows, left);
	out->pane[PANE_CODE] = make_rect(top + lesson_rows, 0,
	                                 body - lesson_rows, left);
	out->pane[PANE_OUTPUT] = make_rect(top, left + 1, output_rows, right);
	out->pane[PANE_MONITOR] = make_rect(top + output_rows, left + 1,
	                                    body - output_rows, right);
}

void layout_compute_present(int rows, int cols, enum pane_id zoom,
                            int code_shown, struct layout *out)
{
	/* The same frame, title, status and prompt as the usual layout. */
	layout_compute(rows, cols, zoom, 1, out);
	if (out->too_small || (zoom >= 0 && zoom < PANE_COUNT))
		return;
	int top = 1, body = rows - 3;
	int upper = body / 2;
	int left = cols / 2;
	memset(out->pane, 0, sizeof out->pane);
	out->pane[code_shown ? PANE_CODE : PANE_LESSON] =
	    make_rect(top, 0, upper, cols);
	out->pane[PANE_OUTPUT] = make_rect(top + upper, 0, body - upper, left);
	out->pane[PANE_MONITOR] = make_rect(top + upper, left + 1,
	                                    body - upper, cols - left - 1);
}
