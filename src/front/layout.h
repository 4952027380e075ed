/* layout.h - where each pane goes for a terminal size (pure arithmetic). */
#ifndef FORKLORE_LAYOUT_H
#define FORKLORE_LAYOUT_H

/* The smallest terminal the panes are drawn in. */
#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 16
/* Rows of output kept under a zoomed pane (its header and four lines). */
#define LAYOUT_ZOOM_STRIP 5

enum pane_id {
	PANE_LESSON,
	PANE_CODE,
	PANE_OUTPUT,
	PANE_MONITOR,
	PANE_COUNT,
	PANE_NONE = -1,
};

struct rect {
	int y, x, rows, cols;   /* rows == 0: not shown */
};

struct layout {
	int too_small;              /* nothing fits: say so instead */
	struct rect title;          /* top line: lesson and step */
	struct rect pane[PANE_COUNT];
	struct rect status;         /* one line above the prompt */
	struct rect prompt;         /* the last line */
};

/*
 * Lay out a rows x cols terminal. Each pane's rect includes its own header
 * line. With zoom set to a pane, that pane takes the whole body, but for
 * LAYOUT_ZOOM_STRIP rows of output under it (none when the output itself
 * is zoomed). The left
 * column holds lesson over code, the right one output over monitor; while
 * no demo runs (monitor_busy 0) the monitor keeps only two lines and the
 * output takes the rest.
 */
void layout_compute(int rows, int cols, enum pane_id zoom,
                    int monitor_busy, struct layout *out);

/*
 * The projector preset: the lesson across the whole width on top, the
 * output and a large monitor side by side below it. The code pane is shown
 * only on demand (code_shown), in the lesson's place.
 */
void layout_compute_present(int rows, int cols, enum pane_id zoom,
                            int code_shown, struct layout *out);

/* The pane named by a (unique prefix of a) word, or PANE_NONE. */
enum pane_id layout_pane_by_name(const char *name);
const char *layout_pane_name(enum pane_id pane);

#endif
