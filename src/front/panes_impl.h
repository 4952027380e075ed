/* panes_impl.h - what the files of the curses front end share. */
#ifndef FORKLORE_PANES_IMPL_H
#define FORKLORE_PANES_IMPL_H

#include <curses.h>

#include "layout.h"
#include "procmon.h"
#include "session.h"
#include "timeline.h"
#include "ui.h"
#include "util.h"

#define OUTPUT_LINES_MAX 2000      /* scrollback, in demo lines */
#define MONITOR_MS 100             /* monitor refresh while a demo runs */
#define FRESH_MS 1000              /* how long new/exited entries stand out */
#define DRAW_MS 30                 /* at most this often a full redraw */

enum line_kind { LINE_DEMO, LINE_MESSAGE, LINE_ERROR, LINE_NOTICE };

struct out_line {
	enum line_kind kind;
	pid_t pid, tid;
	char name[16];
	char *text;
};

/* A process or thread the monitor has seen, to highlight it when new and
   to keep showing it for a moment after it is gone. */
struct sighting {
	pid_t id;                 /* PID or TID */
	long long first_ms;
	long long gone_ms;        /* 0 while it is there */
	struct procmon_proc proc; /* last seen (threads not kept) */
	int is_thread;
	pid_t owner;              /* for a thread: its process */
	int escaped;              /* left the demo's tree, adopted by us */
};

struct panes {
	struct ui ui;
	struct session *s;
	int color;
	int started;               /* curses is on */
	struct layout lay;
	enum pane_id zoom;
	WINDOW *win[PANE_COUNT];
	WINDOW *title, *status, *prompt;
	/* lesson and code */
	const struct lesson *lesson;
	size_t step;
	char lang[8];
	int scroll[PANE_COUNT];
	/* output */
	struct out_line *lines;
	size_t nlines, first;      /* a ring of OUTPUT_LINES_MAX */
	/* monitor */
	pid_t root;
	struct procmon_tree tree;
	struct sighting *seen;
	size_t nseen;
	/* Which tasks of the run's record the monitor has dealt with: a
	   task too short to be seen gets its row from the record. */
	unsigned char *record_done;
	size_t nrecord_done;
	int monitor_timer;
	int monitor_shown;         /* laid out large: a demo runs or just did */
	struct timeline timeline;  /* who lived when, in the last demo */
	/* readline */
	int byte, byte_ready;
	int prompt_shown;
	char status_text[512];
	int dirty;
	int draw_timer;
	long long last_draw_ms;
	struct replay *replay;     /* --script on a terminal, or NULL */
	int reading;               /* the loop watches standard input */
	int status_alert;          /* the status line stands out (a replay
	                              waits for the presenter) */
	size_t anchor;             /* a long message just printed, in lines:
	                              drawn from its top (panes_draw.c) */
	int handler_removed;       /* readline's handler is gone while a
	                              line waits */
	int present;               /* the projector preset */
	int code_shown;            /* presenting: `code` asked for the code */
	char *task_title;          /* `try`: the exercise shown in the */
	char *task_text;           /* lesson pane, or NULL */
};

/* The front end readline's callbacks draw for (there is one). */
extern struct panes *panes_active;

/* Colour pairs. */
enum {
	PAIR_HEADER = 1, PAIR_ERROR, PAIR_NOTICE, PAIR_KEYWORD, PAIR_COMMENT,
	PAIR_STRING, PAIR_TITLE, PAIR_PID0,   /* PAIR_PID0 + 0..5 */
};

/* panes_paint.c: colours, and what every pane draws with. */
void panes_colours_start(struct panes *p);
attr_t panes_pair(const struct panes *p, int n);
attr_t panes_quiet(const struct panes *p);   /* dim, or bold to present */
attr_t panes_pid_attr(const struct panes *p, pid_t pid);
void panes_put_text(WINDOW *w, const char *text, size_t len, int cols);
void panes_draw_header(struct panes *p, WINDOW *w, const char *label,
                       const char *extra);

/* panes_draw.c: the panes, the prompt, the layout. */
void panes_wrapped_emit(const char *line, size_t len, void *arg);
void panes_draw_prompt(void);
void panes_draw_all(struct panes *p);
void panes_relayout(struct panes *p);
void panes_windows_free(struct panes *p);
void panes_after_loop(void *arg);

/* Scroll the output (or zoomed) pane by pages (negative: back). */
void panes_scroll(struct panes *p, int pages);

/* panes_readline.c: readline gets its bytes from us, one at a time. */
void panes_feed_readline(struct panes *p, int c);
void panes_readline_hooks(void);

/* panes_replay.c: the presenter's replay of a script. */
void panes_replay_start(struct panes *p);
int panes_replay_active(const struct panes *p);
int panes_replay_typing(const struct panes *p);
int panes_replay_key(struct panes *p, int c);      /* 1: it was the replay's */
void panes_replay_line_done(struct panes *p);
void panes_replay_type(struct panes *p, const char *line, long number,
                       int answer);
void panes_replay_over(struct panes *p, const char *why);
void panes_replay_hold(struct panes *p);

/* panes_monitor.c: the demo's processes and threads, from /proc. */
void panes_monitor_scan(struct panes *p);
void panes_monitor_start(struct panes *p);
void panes_draw_monitor(struct panes *p, WINDOW *w);

#endif
