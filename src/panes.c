/* panes.c - the curses front end: lesson, code, output and monitor panes.
 *
 * curses owns the terminal, readline owns the line (the recipe of the
 * rlncurses example): readline runs through its callback interface, gets
 * its bytes from us (rl_getc_function), never touches the terminal modes,
 * and draws through rl_redisplay_function into the prompt window, with the
 * cursor placed by display width. Everything is drawn from state after
 * each round of the event loop; a timer exists only while a demo runs (the
 * monitor's 10 refreshes a second). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <readline/readline.h>

#include "layout.h"
#include "panes.h"
#include "procmon.h"
#include "rlcommon.h"
#include "util.h"
#include "wrap.h"

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
	int monitor_timer;
	int monitor_shown;         /* laid out large: a demo runs or just did */
	/* readline */
	int byte, byte_ready;
	int prompt_shown;
	char status_text[512];
	int dirty;
	int draw_timer;
	long long last_draw_ms;
	int fatal_signal;
};

static struct panes *active;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- colours ---------------------------------------------------------- */

enum {
	PAIR_HEADER = 1, PAIR_ERROR, PAIR_NOTICE, PAIR_KEYWORD, PAIR_COMMENT,
	PAIR_STRING, PAIR_TITLE, PAIR_PID0,   /* PAIR_PID0 + 0..5 */
};

static void colours_start(struct panes *p)
{
	if (!p->color || !has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_CYAN, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_NOTICE, COLOR_BLUE, -1);
	init_pair(PAIR_KEYWORD, COLOR_YELLOW, -1);
	init_pair(PAIR_COMMENT, COLOR_CYAN, -1);
	init_pair(PAIR_STRING, COLOR_GREEN, -1);
	init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
	static const short pid_colours[] = { COLOR_GREEN, COLOR_YELLOW,
	                                     COLOR_MAGENTA, COLOR_CYAN,
	                                     COLOR_BLUE, COLOR_RED };
	for (int i = 0; i < 6; i++)
		init_pair((short)(PAIR_PID0 + i), pid_colours[i], -1);
}

static attr_t pair(const struct panes *p, int n)
{
	return p->color && has_colors() ? COLOR_PAIR(n) : A_NORMAL;
}

/* The same colour for a process in the output and in the monitor. */
static attr_t pid_attr(const struct panes *p, pid_t pid)
{
	return pair(p, PAIR_PID0 + (int)((unsigned)pid % 6));
}

/* ---- drawing helpers -------------------------------------------------- */

/* Write at most cols display columns of text (UTF-8) at the cursor. */
static void put_text(WINDOW *w, const char *text, size_t len, int cols)
{
	size_t used = 0, i = 0;
	while (i < len) {
		size_t n = 1;
		unsigned char c = (unsigned char)text[i];
		if (c >= 0xc0)
			while (i + n < len && ((unsigned char)text[i + n] & 0xc0) ==
			                          0x80)
				n++;
		size_t width = c < 0x20 ? 1 : wrap_width(text + i, n);
		if ((int)(used + width) > cols)
			break;
		if (c == '\t')
			waddch(w, ' ');
		else if (c < 0x20)
			waddch(w, '?');
		else
			waddnstr(w, text + i, (int)n);
		used += width;
		i += n;
	}
}

static void draw_header(struct panes *p, WINDOW *w, const char *label,
                        const char *extra)
{
	int cols = getmaxx(w);
	wmove(w, 0, 0);
	wattron(w, pair(p, PAIR_HEADER) | A_BOLD);
	whline(w, ACS_HLINE, cols);
	wmove(w, 0, 1);
	waddch(w, ' ');
	put_text(w, label, strlen(label), cols - 4);
	waddch(w, ' ');
	if (extra && *extra) {
		wattroff(w, A_BOLD);
		put_text(w, extra, strlen(extra), cols - getcurx(w) - 2);
		waddch(w, ' ');
	}
	wattroff(w, pair(p, PAIR_HEADER) | A_BOLD);
}

/* Lines of text wrapped to a width, for drawing and scrolling. */
struct wrapped {
	struct strbuf text;      /* lines separated by '\n' */
	int n;
};

static void wrapped_emit(const char *line, size_t len, void *arg)
{
	struct wrapped *w = arg;
	strbuf_add(&w->text, line, len);
	strbuf_adds(&w->text, "\n");
	w->n++;
}

/* Wrap narrative into lines (paragraphs reflowed, items indented). */
static void wrap_into(struct wrapped *w, const char *text, int width)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 0) {
			wrapped_emit("", 0, w);
			p += 1;
			continue;
		}
		struct strbuf para = { 0 };
		do {
			if (para.len)
				strbuf_adds(&para, " ");
			strbuf_add(&para, p, len);
			p += len + (nl != NULL);
			nl = strchr(p, '\n');
			len = nl ? (size_t)(nl - p) : strlen(p);
		} while (*p && *p != '\n' && !(p[0] == '-' && p[1] == ' '));
		wrap_paragraph(para.buf, para.len, (size_t)(width > 4 ? width : 4),
		               wrapped_emit, w);
		strbuf_free(&para);
	}
}

/* Draw wrapped lines from line `from` into w below its header. */
static void draw_wrapped(WINDOW *w, const struct wrapped *wr, int from,
                         int x)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	const char *line = wr->text.buf;
	for (int i = 0; line && *line && i < from + rows - 1; i++) {
		const char *end = strchr(line, '\n');
		if (i >= from) {
			wmove(w, 1 + i - from, x);
			put_text(w, line, (size_t)(end - line), cols - x);
		}
		line = end + 1;
	}
}

/* ---- the panes -------------------------------------------------------- */

static void draw_title(struct panes *p)
{
	WINDOW *w = p->title;
	werase(w);
	wbkgdset(w, ' ' | pair(p, PAIR_TITLE) | A_REVERSE * !p->color);
	wmove(w, 0, 0);
	for (int i = 0; i < getmaxx(w); i++)
		waddch(w, ' ');
	wmove(w, 0, 1);
	char text[256];
	if (p->lesson)
		snprintf(text, sizeof text, "forklore  %s  step %zu/%zu",
		         p->lesson->title, p->step + 1, p->lesson->nsteps);
	else
		snprintf(text, sizeof text, "forklore  processes and threads, "
		         "live  ('lessons' to begin, 'help' for commands)");
	put_text(w, text, strlen(text), getmaxx(w) - 2);
}

static void draw_lesson(struct panes *p, WINDOW *w)
{
	werase(w);
	if (!p->lesson) {
		draw_header(p, w, "Lesson", NULL);
		static const char hello[] =
		    "Welcome. Type 'lessons' to see the course and 'open 1' "
		    "to start. 'help' lists the commands; PgUp/PgDn scroll "
		    "the output, Ctrl-L redraws, Ctrl-D leaves.";
		struct wrapped wr = { { 0 }, 0 };
		wrap_into(&wr, hello, getmaxx(w) - 2);
		draw_wrapped(w, &wr, 0, 1);
		strbuf_free(&wr.text);
		return;
	}
	const struct lesson_step *st = &p->lesson->steps[p->step];
	char label[160];
	snprintf(label, sizeof label, "Lesson: %s", st->title);
	char extra[64];
	snprintf(extra, sizeof extra, "step %zu/%zu", p->step + 1,
	         p->lesson->nsteps);
	draw_header(p, w, label, extra);
	struct wrapped wr = { { 0 }, 0 };
	wrap_into(&wr, st->text, getmaxx(w) - 2);
	wrapped_emit("", 0, &wr);
	if (st->predict) {
		struct strbuf q = { 0 };
		strbuf_addf(&q, "Predict: %s", st->predict);
		wrap_paragraph(q.buf, q.len, (size_t)getmaxx(w) - 2,
		               wrapped_emit, &wr);
		strbuf_free(&q);
	}
	if (st->demo) {
		struct strbuf q = { 0 };
		strbuf_addf(&q, "'run' starts demo %s; 'next' goes on.",
		            st->demo);
		wrap_paragraph(q.buf, q.len, (size_t)getmaxx(w) - 2,
		               wrapped_emit, &wr);
		strbuf_free(&q);
	}
	int max = wr.n - (getmaxy(w) - 1);
	if (p->scroll[PANE_LESSON] > max)
		p->scroll[PANE_LESSON] = max > 0 ? max : 0;
	draw_wrapped(w, &wr, p->scroll[PANE_LESSON], 1);
	strbuf_free(&wr.text);
}

/* Is word (length n) a C or Python keyword worth colouring? */
static int is_keyword(const char *word, size_t n)
{
	static const char *const words[] = {
		"if", "else", "for", "while", "return", "int", "long", "char",
		"void", "double", "pid_t", "static", "const", "struct",
		"import", "def", "from", "try", "except", "pass", "break",
		"print", "with", "as", "in", "True", "False", "None", NULL };
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == n && memcmp(words[i], word, n) == 0)
			return 1;
	return 0;
}

/* One line of code with light colouring: keywords, strings, comments. */
static void draw_code_line(struct panes *p, WINDOW *w, const char *line,
                           size_t len, int cols)
{
	size_t i = 0;
	int used = 0;
	while (i < len && used < cols) {
		attr_t a = A_NORMAL;
		size_t n = 1;
		char c = line[i];
		if ((c == '/' && i + 1 < len && (line[i + 1] == '*' ||
		                                 line[i + 1] == '/')) ||
		    c == '#') {
			a = pair(p, PAIR_COMMENT);
			n = len - i;
		} else if (c == '"' || c == '\'') {
			a = pair(p, PAIR_STRING);
			while (i + n < len && line[i + n] != c)
				n += line[i + n] == '\\' && i + n + 1 < len ? 2 : 1;
			if (i + n < len)
				n++;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		           c == '_') {
			while (i + n < len && (line[i + n] == '_' ||
			       (line[i + n] >= 'a' && line[i + n] <= 'z') ||
			       (line[i + n] >= 'A' && line[i + n] <= 'Z') ||
			       (line[i + n] >= '0' && line[i + n] <= '9')))
				n++;
			if (is_keyword(line + i, n))
				a = pair(p, PAIR_KEYWORD) | A_BOLD;
		}
		wattron(w, a);
		if (c == '\t') {
			for (int k = 0; k < 4 && used < cols; k++, used++)
				waddch(w, ' ');
		} else {
			int before = getcurx(w);
			put_text(w, line + i, n, cols - used);
			used += getcurx(w) - before;
		}
		wattroff(w, a);
		i += n;
	}
}

static void draw_code(struct panes *p, WINDOW *w)
{
	werase(w);
	const struct lesson_step *st = p->lesson ?
	                               &p->lesson->steps[p->step] : NULL;
	char label[64];
	snprintf(label, sizeof label, "Code: %s", strcmp(p->lang, "python") ?
	         "the C that runs" : "the Python it mirrors");
	draw_header(p, w, label, "'code python' / 'code c'");
	if (!st)
		return;
	int row = 1, skip = p->scroll[PANE_CODE];
	for (size_t k = 0; k < st->ncode; k++) {
		if (strcmp(st->code[k].lang, p->lang) != 0)
			continue;
		for (const char *line = st->code[k].text; *line;) {
			const char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);
			if (skip > 0) {
				skip--;
			} else if (row < getmaxy(w)) {
				wmove(w, row++, 1);
				draw_code_line(p, w, line, len, getmaxx(w) - 2);
			}
			line += len + (end != NULL);
		}
	}
	if (row == 1 && p->scroll[PANE_CODE] == 0) {
		wmove(w, 1, 1);
		const char *none = "(no listing in this language here)";
		put_text(w, none, strlen(none), getmaxx(w) - 2);
	}
}

static const struct out_line *line_at(const struct panes *p, size_t i)
{
	return &p->lines[(p->first + i) % OUTPUT_LINES_MAX];
}

/* Format one output line's tag into buf; returns its attributes. */
static attr_t line_tag(const struct panes *p, const struct out_line *l,
                       char *buf, size_t size)
{
	buf[0] = '\0';
	switch (l->kind) {
	case LINE_ERROR:
		snprintf(buf, size, "error: ");
		return pair(p, PAIR_ERROR) | A_BOLD;
	case LINE_NOTICE:
		return pair(p, PAIR_NOTICE);
	case LINE_MESSAGE:
		return A_NORMAL;
	case LINE_DEMO:
		break;
	}
	if (!l->pid)
		return A_NORMAL;
	if (l->tid == l->pid)
		snprintf(buf, size, "[%d %s] ", (int)l->pid, l->name);
	else
		snprintf(buf, size, "[%d:%d %s] ", (int)l->pid, (int)l->tid,
		         l->name);
	return pid_attr(p, l->pid);
}

static void draw_output(struct panes *p, WINDOW *w)
{
	werase(w);
	char extra[48] = "";
	if (p->scroll[PANE_OUTPUT])
		snprintf(extra, sizeof extra, "scrolled back %d (PgDn)",
		         p->scroll[PANE_OUTPUT]);
	draw_header(p, w, "Output", extra);
	int rows = getmaxy(w) - 1, cols = getmaxx(w) - 1;
	if (cols < 8)
		return;
	/* Wrap from the newest line back until the pane is full. */
	int skip = p->scroll[PANE_OUTPUT];
	int row = rows;
	for (size_t i = p->nlines; i-- > 0 && row > 0;) {
		const struct out_line *l = line_at(p, i);
		char tag[64];
		attr_t a = line_tag(p, l, tag, sizeof tag);
		struct strbuf full = { 0 };
		strbuf_addf(&full, "%s%s", tag, l->text);
		/* Keep a message's indentation on every wrapped line. */
		size_t indent = strspn(full.buf, " ");
		if (indent > (size_t)cols / 2)
			indent = 0;
		struct wrapped wr = { { 0 }, 0 };
		struct wrapped body = { { 0 }, 0 };
		wrap_paragraph(full.buf + indent, full.len - indent,
		               (size_t)cols - indent, wrapped_emit, &body);
		for (const char *s = body.text.buf; s && *s;
		     s = strchr(s, '\n') + 1) {
			strbuf_addf(&wr.text, "%*s", (int)indent, "");
			strbuf_add(&wr.text, s, (size_t)(strchr(s, '\n') - s + 1));
			wr.n++;
		}
		strbuf_free(&body.text);
		if (wr.n == 0)
			wrapped_emit("", 0, &wr);
		/* Draw its wrapped lines bottom up. */
		const char *starts[64];
		int n = 0;
		for (const char *s = wr.text.buf; s && *s && n < 64;
		     s = strchr(s, '\n') + 1)
			starts[n++] = s;
		for (int k = n - 1; k >= 0 && row > 0; k--) {
			if (skip > 0) {
				skip--;
				continue;
			}
			const char *end = strchr(starts[k], '\n');
			wmove(w, row--, 1);
			wattron(w, a);
			put_text(w, starts[k], (size_t)(end - starts[k]), cols);
			wattroff(w, a);
		}
		strbuf_free(&wr.text);
		strbuf_free(&full);
	}
}

/* ---- the monitor ------------------------------------------------------ */

static struct sighting *sighting_find(struct panes *p, pid_t id,
                                      int is_thread)
{
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i].id == id && p->seen[i].is_thread == is_thread)
			return &p->seen[i];
	return NULL;
}

static void sighting_note(struct panes *p, pid_t id, int is_thread,
                          pid_t owner, const struct procmon_proc *proc,
                          long long now)
{
	struct sighting *s = sighting_find(p, id, is_thread);
	if (!s) {
		p->seen = xrealloc(p->seen, (p->nseen + 1) * sizeof *p->seen);
		s = &p->seen[p->nseen++];
		memset(s, 0, sizeof *s);
		s->id = id;
		s->is_thread = is_thread;
		s->first_ms = now;
	}
	s->gone_ms = 0;
	s->owner = owner;
	s->proc = *proc;
	s->proc.threads = NULL;
	s->proc.nthreads = 0;
}

/* Read the demo's tree and note what appeared and what went. */
static void monitor_scan(struct panes *p)
{
	long long now = now_ms();
	procmon_tree_free(&p->tree);
	if (p->root)
		procmon_scan_live(p->root, 1, &p->tree);
	for (size_t i = 0; i < p->nseen; i++)
		if (!p->seen[i].gone_ms)
			p->seen[i].gone_ms = -1;   /* unless seen again below */
	for (size_t i = 0; i < p->tree.nprocs; i++) {
		const struct procmon_proc *pr = &p->tree.procs[i];
		sighting_note(p, pr->pid, 0, pr->pid, pr, now);
		for (size_t t = 0; t < pr->nthreads; t++) {
			struct procmon_proc th = *pr;
			th.state = pr->threads[t].state;
			memcpy(th.name, pr->threads[t].name, sizeof th.name);
			sighting_note(p, pr->threads[t].tid, 1, pr->pid, &th,
			              now);
		}
	}
	/* Forget what has been gone for a while. */
	size_t keep = 0;
	for (size_t i = 0; i < p->nseen; i++) {
		if (p->seen[i].gone_ms == -1)
			p->seen[i].gone_ms = now;
		if (p->seen[i].gone_ms && now - p->seen[i].gone_ms > FRESH_MS)
			continue;
		p->seen[keep++] = p->seen[i];
	}
	p->nseen = keep;
	p->dirty = 1;
}

/* Is anything still highlighted (so the monitor must keep refreshing)? */
static int monitor_fresh(const struct panes *p)
{
	long long now = now_ms();
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i].gone_ms || now - p->seen[i].first_ms < FRESH_MS)
			return 1;
	return 0;
}

static void on_monitor_timer(void *arg)
{
	struct panes *p = arg;
	p->monitor_timer = 0;
	monitor_scan(p);
	if (p->root || monitor_fresh(p))
		p->monitor_timer = loop_add_timer(p->s->loop, MONITOR_MS,
		                                  on_monitor_timer, p);
}

static void monitor_start(struct panes *p)
{
	if (!p->monitor_timer)
		p->monitor_timer = loop_add_timer(p->s->loop, 0,
		                                  on_monitor_timer, p);
}

/* One monitor row: a process or a thread. */
static void draw_monitor_row(struct panes *p, WINDOW *w, int row,
                             const struct sighting *s, int depth)
{
	long long now = now_ms();
	attr_t a = pid_attr(p, s->owner);
	if (s->gone_ms)
		a = A_DIM;
	else if (now - s->first_ms < FRESH_MS)
		a |= A_BOLD | A_REVERSE;
	char text[160];
	if (s->is_thread)
		snprintf(text, sizeof text, "%7s %7d %c  %*s thread %s%s", "",
		         (int)s->id, s->proc.state, depth * 2, "", s->proc.name,
		         s->gone_ms ? "  (ended)" : "");
	else
		snprintf(text, sizeof text, "%7d %7d %c  %*s%s%s%s",
		         (int)s->id, (int)s->proc.ppid, s->proc.state,
		         depth * 2, "", s->proc.name,
		         s->proc.state == 'Z' ? " <defunct>" : "",
		         s->gone_ms ? "  (exited)" : "");
	wmove(w, row, 1);
	wattron(w, a);
	put_text(w, text, strlen(text), getmaxx(w) - 2);
	wattroff(w, a);
}

static void draw_monitor(struct panes *p, WINDOW *w)
{
	werase(w);
	draw_header(p, w, "Monitor", p->root ? "live from /proc" :
	            "(runs while a demo runs)");
	int row = 1, rows = getmaxy(w);
	if (p->nseen == 0 && !p->root)
		return;
	wmove(w, row++, 1);
	wattron(w, A_BOLD);
	const char *head = "    PID    PPID S  NAME";
	put_text(w, head, strlen(head), getmaxx(w) - 2);
	wattroff(w, A_BOLD);
	/* Live processes in tree order, each with its other threads. */
	for (size_t i = 0; i < p->tree.nprocs && row < rows; i++) {
		const struct procmon_proc *pr = &p->tree.procs[i];
		const struct sighting *s = sighting_find(p, pr->pid, 0);
		if (s)
			draw_monitor_row(p, w, row++, s, pr->depth);
		for (size_t t = 1; t < pr->nthreads && row < rows; t++) {
			s = sighting_find(p, pr->threads[t].tid, 1);
			if (s)
				draw_monitor_row(p, w, row++, s, pr->depth + 1);
		}
	}
	/* Then what has just gone. */
	for (size_t i = 0; i < p->nseen && row < rows; i++)
		if (p->seen[i].gone_ms)
			draw_monitor_row(p, w, row++, &p->seen[i], 0);
}

/* ---- status and prompt ------------------------------------------------ */

static void draw_status(struct panes *p)
{
	WINDOW *w = p->status;
	werase(w);
	wmove(w, 0, 1);
	wattron(w, A_DIM);
	put_text(w, p->status_text, strlen(p->status_text), getmaxx(w) - 2);
	wattroff(w, A_DIM);
}

/* Readline's line, drawn in the prompt window; the cursor column is the
   display width of what comes before it. */
static void draw_prompt(void)
{
	struct panes *p = active;
	if (!p || !p->started || p->lay.too_small)
		return;
	WINDOW *w = p->prompt;
	int cols = getmaxx(w);
	werase(w);
	const char *prompt = rl_display_prompt ? rl_display_prompt : "";
	size_t pw = wrap_width(prompt, strlen(prompt));
	size_t cursor = pw + wrap_width(rl_line_buffer, (size_t)rl_point);
	/* Scroll the line sideways when the cursor would leave the window. */
	size_t shift = cursor >= (size_t)cols ? cursor - (size_t)cols + 1 : 0;
	struct strbuf all = { 0 };
	strbuf_adds(&all, prompt);
	strbuf_adds(&all, rl_line_buffer);
	size_t i = 0, skipped = 0;
	while (i < all.len && skipped < shift) {
		size_t n = 1;
		while (i + n < all.len &&
		       ((unsigned char)all.buf[i + n] & 0xc0) == 0x80)
			n++;
		skipped += wrap_width(all.buf + i, n);
		i += n;
	}
	wmove(w, 0, 0);
	if (all.buf)
		put_text(w, all.buf + i, all.len - i, cols - 1);
	strbuf_free(&all);
	wmove(w, 0, (int)(cursor - skipped));
	wnoutrefresh(w);
	doupdate();
}

static void draw_all(struct panes *p)
{
	if (!p->started)
		return;
	if (p->lay.too_small) {
		erase();
		char msg[96];
		snprintf(msg, sizeof msg, "terminal too small (need %dx%d)",
		         LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
		mvaddstr(LINES / 2, COLS > (int)strlen(msg) ?
		         (COLS - (int)strlen(msg)) / 2 : 0, msg);
		refresh();
		return;
	}
	draw_title(p);
	wnoutrefresh(p->title);
	for (int i = 0; i < PANE_COUNT; i++) {
		WINDOW *w = p->win[i];
		if (!w)
			continue;
		switch (i) {
		case PANE_LESSON: draw_lesson(p, w); break;
		case PANE_CODE: draw_code(p, w); break;
		case PANE_OUTPUT: draw_output(p, w); break;
		default: draw_monitor(p, w); break;
		}
		wnoutrefresh(w);
	}
	/* The separator column between the left and right panes. */
	if (p->zoom == PANE_NONE) {
		int x = p->lay.pane[PANE_OUTPUT].x - 1;
		for (int y = p->lay.pane[PANE_OUTPUT].y;
		     y < p->lay.status.y; y++)
			mvwaddch(stdscr, y, x, ACS_VLINE);
		wnoutrefresh(stdscr);
	}
	draw_status(p);
	wnoutrefresh(p->status);
	draw_prompt();
	p->dirty = 0;
	p->last_draw_ms = now_ms();
}

static void relayout(struct panes *p);

static void on_draw_timer(void *arg)
{
	struct panes *p = arg;
	p->draw_timer = 0;
	if (p->dirty)
		draw_all(p);
}

/* Draw what changed, at most every DRAW_MS: a flood of output costs one
   redraw per frame, not one per line. Keys echo at once regardless (the
   prompt is drawn by readline's redisplay). */
static void after_loop(void *arg)
{
	struct panes *p = arg;
	if (p->started && p->monitor_shown != (p->root || p->nseen))
		relayout(p);
	if (!p->dirty || p->draw_timer)
		return;
	long long wait = p->last_draw_ms + DRAW_MS - now_ms();
	if (wait > 0)
		p->draw_timer = loop_add_timer(p->s->loop, (int)wait,
		                               on_draw_timer, p);
	else
		draw_all(p);
}

/* ---- windows ---------------------------------------------------------- */

static void windows_free(struct panes *p)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		if (p->win[i])
			delwin(p->win[i]);
		p->win[i] = NULL;
	}
	WINDOW **lines[] = { &p->title, &p->status, &p->prompt };
	for (size_t i = 0; i < 3; i++) {
		if (*lines[i])
			delwin(*lines[i]);
		*lines[i] = NULL;
	}
}

static WINDOW *window_at(struct rect r)
{
	return r.rows > 0 ? newwin(r.rows, r.cols, r.y, r.x) : NULL;
}

/* (Re)make every window for the current terminal size. */
static void relayout(struct panes *p)
{
	windows_free(p);
	erase();
	wnoutrefresh(stdscr);
	p->monitor_shown = p->root || p->nseen;
	layout_compute(LINES, COLS, p->zoom, p->monitor_shown, &p->lay);
	if (!p->lay.too_small) {
		for (int i = 0; i < PANE_COUNT; i++)
			p->win[i] = window_at(p->lay.pane[i]);
		p->title = window_at(p->lay.title);
		p->status = window_at(p->lay.status);
		p->prompt = window_at(p->lay.prompt);
		/* Keys are read through the prompt window: never block, and
		   leave escape sequences to readline. */
		nodelay(p->prompt, TRUE);
		keypad(p->prompt, FALSE);
	}
	p->dirty = 1;
}

/* ---- the ui functions ------------------------------------------------- */

static void add_line(struct panes *p, enum line_kind kind, pid_t pid,
                     pid_t tid, const char *name, const char *text,
                     size_t len)
{
	struct out_line *l;
	if (p->nlines < OUTPUT_LINES_MAX) {
		l = &p->lines[(p->first + p->nlines++) % OUTPUT_LINES_MAX];
	} else {
		l = &p->lines[p->first];
		free(l->text);
		p->first = (p->first + 1) % OUTPUT_LINES_MAX;
	}
	l->kind = kind;
	l->pid = pid;
	l->tid = tid;
	snprintf(l->name, sizeof l->name, "%s", name ? name : "");
	l->text = xmalloc(len + 1);
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	if (p->scroll[PANE_OUTPUT])
		p->scroll[PANE_OUTPUT]++;   /* keep the view where it is */
	p->dirty = 1;
}

/* Add text of several lines, one output line each. */
static void add_text(struct panes *p, enum line_kind kind, const char *text)
{
	for (const char *s = text;;) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		add_line(p, kind, 0, 0, NULL, s, len);
		if (!end)
			break;
		s = end + 1;
	}
}

static void ui_message(void *self, const char *text)
{
	struct panes *p = self;
	p->scroll[PANE_OUTPUT] = 0;
	add_text(p, LINE_MESSAGE, text);
}

static void ui_error(void *self, const char *text)
{
	struct panes *p = self;
	add_line(p, LINE_ERROR, 0, 0, NULL, text, strlen(text));
	snprintf(p->status_text, sizeof p->status_text, "error: %s", text);
}

static void ui_step(void *self, const struct lesson *lesson, size_t step)
{
	struct panes *p = self;
	p->lesson = lesson;
	p->step = step;
	p->scroll[PANE_LESSON] = 0;
	p->scroll[PANE_CODE] = 0;
	snprintf(p->lang, sizeof p->lang, "c");
	p->status_text[0] = '\0';
	p->dirty = 1;
}

static void ui_code(void *self, const struct lesson_step *step,
                    const char *lang)
{
	(void)step;
	struct panes *p = self;
	snprintf(p->lang, sizeof p->lang, "%s", lang);
	p->scroll[PANE_CODE] = 0;
	p->dirty = 1;
}

static void ui_demo_started(void *self, const char *demo, pid_t root)
{
	struct panes *p = self;
	char text[160];
	snprintf(text, sizeof text, "demo %s started as pid %d; Ctrl-C or "
	         "'stop' ends it", demo, (int)root);
	p->scroll[PANE_OUTPUT] = 0;
	add_text(p, LINE_NOTICE, text);
	p->root = root;
	p->nseen = 0;
	monitor_start(p);
}

static void ui_demo_line(void *self, const struct tagline *line)
{
	struct panes *p = self;
	add_line(p, LINE_DEMO, line->pid, line->tid, line->name, line->text,
	         line->len);
}

static void ui_demo_ended(void *self, const char *summary)
{
	struct panes *p = self;
	char text[256];
	snprintf(text, sizeof text, "demo %s", summary);
	add_text(p, LINE_NOTICE, text);
	p->root = 0;
	monitor_scan(p);   /* the last picture: everything has exited */
	monitor_start(p);
}

static int ui_zoom(void *self, const char *pane, char **cause)
{
	struct panes *p = self;
	if (!pane) {
		p->zoom = PANE_NONE;
	} else {
		enum pane_id id = layout_pane_by_name(pane);
		if (id == PANE_NONE) {
			*cause = xasprintf("no pane '%s': lesson, code, output "
			                   "or monitor", pane);
			return -1;
		}
		p->zoom = p->zoom == id ? PANE_NONE : id;
	}
	relayout(p);
	return 0;
}

/* ---- readline inside curses ------------------------------------------- */

static int rl_getc_from_us(FILE *f)
{
	(void)f;
	active->byte_ready = 0;
	return active->byte;
}

static int rl_input_ready(void)
{
	return active->byte_ready;
}

/* Hand one byte to readline. */
static void feed_readline(struct panes *p, int c)
{
	p->byte = c;
	p->byte_ready = 1;
	rl_callback_read_char();
}

static void on_stdin(int fd, short revents, void *arg);

static void on_line(char *line)
{
	struct panes *p = active;
	if (!line) {
		p->s->quit = 1;
		return;
	}
	p->status_text[0] = '\0';
	if (*line) {
		rlcommon_remember(line);
		char *echo = xasprintf("> %s", line);
		add_text(p, LINE_NOTICE, echo);
		free(echo);
		loop_remove_fd(p->s->loop, STDIN_FILENO);
		session_execute(p->s, line);
		loop_add_fd(p->s->loop, STDIN_FILENO, POLLIN, on_stdin, p);
	}
	free(line);
	char *prompt = session_prompt(p->s);
	rl_set_prompt(prompt);
	free(prompt);
	p->dirty = 1;
}

/* Completion candidates go to the status line, not over the screen. */
static void show_matches(char **matches, int n, int longest)
{
	(void)longest;
	struct panes *p = active;
	struct strbuf o = { 0 };
	for (int i = 1; i <= n; i++)
		strbuf_addf(&o, "%s%s", i > 1 ? "  " : "", matches[i]);
	snprintf(p->status_text, sizeof p->status_text, "%s", o.buf ? o.buf : "");
	strbuf_free(&o);
	p->dirty = 1;
	draw_all(p);
}

/* PgUp / PgDn: scroll the output pane (or the zoomed one). */
static int scroll_by(int pages)
{
	struct panes *p = active;
	enum pane_id id = p->zoom != PANE_NONE ? p->zoom : PANE_OUTPUT;
	int page = p->win[id] ? getmaxy(p->win[id]) - 2 : 5;
	int dir = id == PANE_OUTPUT ? -1 : 1;   /* output counts from the end */
	p->scroll[id] += dir * pages * (page > 1 ? page : 1);
	if (p->scroll[id] < 0)
		p->scroll[id] = 0;
	p->dirty = 1;
	draw_all(p);
	return 0;
}

static int key_page_up(int count, int key)
{
	(void)count;
	(void)key;
	return scroll_by(-1);
}

static int key_page_down(int count, int key)
{
	(void)count;
	(void)key;
	return scroll_by(1);
}

static int key_redraw(int count, int key)
{
	(void)count;
	(void)key;
	clearok(curscr, TRUE);
	active->dirty = 1;
	draw_all(active);
	return 0;
}

static void readline_start(struct panes *p)
{
	rlcommon_setup(p->s);
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	rl_getc_function = rl_getc_from_us;
	rl_input_available_hook = rl_input_ready;
	rl_redisplay_function = draw_prompt;
	rl_completion_display_matches_hook = show_matches;
	rl_bind_keyseq("\\e[5~", key_page_up);
	rl_bind_keyseq("\\e[6~", key_page_down);
	rl_bind_key('\f', key_redraw);
	char *prompt = session_prompt(p->s);
	rl_callback_handler_install(prompt, on_line);
	free(prompt);
}

static void on_stdin(int fd, short revents, void *arg)
{
	(void)fd;
	struct panes *p = arg;
	if (revents & (POLLHUP | POLLERR | POLLNVAL) && !(revents & POLLIN)) {
		p->s->quit = 1;
		return;
	}
	int c;
	while (!p->s->quit && (c = wgetch(p->prompt ? p->prompt : stdscr)) !=
	       ERR) {
		if (c == KEY_RESIZE)
			continue;
		feed_readline(p, c);
	}
}

/* ---- signals and the terminal ----------------------------------------- */

/* Leave curses so the shell gets a normal terminal; the crash path too. */
static void terminal_restore(void)
{
	if (active && active->started && !isendwin())
		endwin();
}

static void on_crash(int sig)
{
	terminal_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void crash_handlers(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_crash;
		sa.sa_flags = SA_RESETHAND;
		sigaction(fatal[i], &sa, NULL);
	}
}

static void resize(struct panes *p)
{
	endwin();
	refresh();
	relayout(p);
	draw_all(p);
}

/* Ctrl-Z: the screen goes back to the shell, the demo stops too; on fg,
   the same screen comes back. */
static void suspend(struct panes *p)
{
	runner_pause(p->s->runner, 1);
	endwin();
	kill(getpid(), SIGSTOP);
	refresh();
	runner_pause(p->s->runner, 0);
	resize(p);
}

void panes_signal(int sig, void *arg)
{
	struct panes *p = arg ? arg : active;
	if (!p || !p->s)
		return;
	switch (sig) {
	case SIGCHLD:
		runner_reap(p->s->runner);
		break;
	case SIGINT:
		if (session_interrupt(p->s)) {
			add_text(p, LINE_NOTICE, "^C: stopping the demo");
		} else {
			rl_replace_line("", 0);
			rl_point = rl_end = 0;
			snprintf(p->status_text, sizeof p->status_text,
			         "line cleared; Ctrl-D or 'quit' leaves");
		}
		p->dirty = 1;
		break;
	case SIGWINCH:
		resize(p);
		break;
	case SIGTSTP:
		suspend(p);
		break;
	case SIGTERM:
	case SIGHUP:
	case SIGQUIT:
		p->fatal_signal = sig;
		p->s->quit = 1;
		break;
	default:
		break;
	}
}

/* ---- start and end ---------------------------------------------------- */

struct panes *panes_new(int color)
{
	struct panes *p = xmalloc(sizeof *p);
	memset(p, 0, sizeof *p);
	p->color = color;
	p->zoom = PANE_NONE;
	p->lines = xmalloc(OUTPUT_LINES_MAX * sizeof *p->lines);
	snprintf(p->lang, sizeof p->lang, "c");
	p->ui = (struct ui){ ui_message, ui_error, ui_step, ui_code,
	                     ui_demo_started, ui_demo_line, ui_demo_ended,
	                     ui_zoom, p };
	return p;
}

void panes_free(struct panes *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nlines; i++)
		free(p->lines[(p->first + i) % OUTPUT_LINES_MAX].text);
	free(p->lines);
	free(p->seen);
	procmon_tree_free(&p->tree);
	free(p);
}

const struct ui *panes_ui(struct panes *p)
{
	return &p->ui;
}

int panes_run(struct panes *p, struct session *s, const char *history)
{
	p->s = s;
	active = p;
	crash_handlers();
	if (!initscr())
		return 1;
	p->started = 1;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, FALSE);   /* readline reads the escape sequences */
	colours_start(p);
	nodelay(stdscr, TRUE);
	relayout(p);
	rlcommon_history_load(history);
	readline_start(p);
	loop_set_after(s->loop, after_loop, p);
	loop_add_fd(s->loop, STDIN_FILENO, POLLIN, on_stdin, p);
	if (s->lesson)
		ui_step(p, s->lesson, s->step);
	draw_all(p);
	while (!s->quit)
		loop_run_once(s->loop, -1);
	loop_remove_fd(s->loop, STDIN_FILENO);
	loop_set_after(s->loop, NULL, NULL);
	if (p->monitor_timer)
		loop_cancel_timer(s->loop, p->monitor_timer);
	if (p->draw_timer)
		loop_cancel_timer(s->loop, p->draw_timer);
	rl_callback_handler_remove();
	rlcommon_history_save(history);
	if (session_demo_running(s))
		runner_kill_now(s->runner);
	windows_free(p);
	endwin();
	p->started = 0;
	return p->fatal_signal ? 128 + p->fatal_signal : 0;
}
