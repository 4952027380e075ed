/* panes_draw.c - drawing the panes: title, lesson, code with light
 * colouring, output, status and the prompt line; and their layout. */
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "i18n.h"
#include "predict.h"
#include "panes_impl.h"
#include "utf8.h"
#include "wrap.h"

struct panes *panes_active;

/* Lines of text wrapped to a width, for drawing and scrolling. */
struct wrapped {
	struct strbuf text;      /* lines separated by '\n' */
	int n;
};

void panes_wrapped_emit(const char *line, size_t len, void *arg)
{
	struct wrapped *w = arg;
	strbuf_add(&w->text, line, len);
	strbuf_adds(&w->text, "\n");
	w->n++;
}

/* A narrative line into the wrapped lines, its indent as blanks. */
static void narrative_line(const char *line, size_t len, size_t indent,
                           void *arg)
{
	struct wrapped *w = arg;
	strbuf_addf(&w->text, "%*s", (int)indent, "");
	strbuf_add(&w->text, line, len);
	strbuf_adds(&w->text, "\n");
	w->n++;
}

/* Wrap narrative into lines (paragraphs reflowed, items indented). */
static void wrap_into(struct wrapped *w, const char *text, int width)
{
	wrap_narrative(text, (size_t)(width > 4 ? width : 4), narrative_line,
	               w);
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
			panes_put_text(w, line, (size_t)(end - line), cols - x);
		}
		line = end + 1;
	}
}

/* ---- the panes -------------------------------------------------------- */

static void draw_title(struct panes *p)
{
	WINDOW *w = p->title;
	werase(w);
	wbkgdset(w, ' ' | panes_pair(p, PAIR_TITLE) | A_REVERSE * !p->color);
	wmove(w, 0, 0);
	for (int i = 0; i < getmaxx(w); i++)
		waddch(w, ' ');
	wmove(w, 0, 1);
	char *text;
	if (p->lesson)
		/* TRANSLATORS: the title bar: the lesson's title, then the
		   step shown and the number of steps. */
		text = xasprintf(_("forklore  %s  step %zu/%zu"),
		                 p->lesson->title, p->step + 1,
		                 p->lesson->nsteps);
	else
		text = xstrdup(_("forklore  processes and threads, live  "
		                 "('lessons' to begin, 'help' for commands)"));
	panes_put_text(w, text, strlen(text), getmaxx(w) - 2);
	free(text);
}

static void draw_lesson(struct panes *p, WINDOW *w)
{
	werase(w);
	if (!p->lesson && !p->task_text) {
		panes_draw_header(p, w, _("Lesson"), NULL);
		const char *hello =
		    _("Welcome. Type 'lessons' to see the course and 'open 1' "
		      "to start. 'help' lists the commands; PgUp/PgDn scroll "
		      "the output, Ctrl-L redraws, Ctrl-D leaves.");
		struct wrapped wr = { { 0 }, 0 };
		wrap_into(&wr, hello, getmaxx(w) - 2);
		draw_wrapped(w, &wr, 0, 1);
		strbuf_free(&wr.text);
		return;
	}
	const struct lesson_step *st = p->lesson ?
	                               &p->lesson->steps[p->step] : NULL;
	/* The title bar has the rest. */
	const char *label = st ? st->title : "";
	struct wrapped wr = { { 0 }, 0 };
	if (p->task_text) {
		/* `try`: the exercise, until the step changes. */
		label = p->task_title;
		wrap_into(&wr, p->task_text, getmaxx(w) - 2);
		st = NULL;
	} else {
		wrap_into(&wr, st->text, getmaxx(w) - 2);
	}
	panes_wrapped_emit("", 0, &wr);
	if (st && st->predict) {
		char *question = predict_question(st);
		wrap_paragraph(question, strlen(question),
		               (size_t)getmaxx(w) - 2, panes_wrapped_emit, &wr);
		free(question);
	}
	if (st && st->demo) {
		struct strbuf q = { 0 };
		if (lesson_python_step(p->lesson, p->step))
			/* TRANSLATORS: %s is the name of the step's demo. */
			strbuf_addf(&q, _("'run' starts demo %s; 'run python' "
			                  "runs the Python; 'next' goes on."),
			            st->demo);
		else
			/* TRANSLATORS: %s is the name of the step's demo. */
			strbuf_addf(&q, _("'run' starts demo %s; 'next' goes "
			                  "on."), st->demo);
		wrap_paragraph(q.buf, q.len, (size_t)getmaxx(w) - 2,
		               panes_wrapped_emit, &wr);
		strbuf_free(&q);
	}
	int max = wr.n - (getmaxy(w) - 1);
	if (p->scroll[PANE_LESSON] > max)
		p->scroll[PANE_LESSON] = max > 0 ? max : 0;
	/* When the step does not fit, the last line says how to read on. */
	int more = p->scroll[PANE_LESSON] < max;
	panes_draw_header(p, w, label, NULL);
	draw_wrapped(w, &wr, p->scroll[PANE_LESSON], 1);
	if (more) {
		const char *hint = p->zoom == PANE_LESSON ?
		                   _("(more below: PgDn)") :
		                   _("(more: Alt-Down, or 'zoom lesson')");
		wmove(w, getmaxy(w) - 1, 1);
		wclrtoeol(w);
		wattron(w, A_DIM | A_BOLD);
		panes_put_text(w, hint, strlen(hint), getmaxx(w) - 2);
		wattroff(w, A_DIM | A_BOLD);
	}
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
/* Draw one listing line in cols columns; 1 when it had to be cut, and
   then its last column shows '>'. */
static int draw_code_line(struct panes *p, WINDOW *w, const char *line,
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
			a = panes_pair(p, PAIR_COMMENT);
			n = len - i;
		} else if (c == '"' || c == '\'') {
			a = panes_pair(p, PAIR_STRING);
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
				a = panes_pair(p, PAIR_KEYWORD) | A_BOLD;
		}
		wattron(w, a);
		if (c == '\t') {
			for (int k = 0; k < 4 && used < cols; k++, used++)
				waddch(w, ' ');
		} else {
			int before = getcurx(w);
			panes_put_text(w, line + i, n, cols - used);
			used += getcurx(w) - before;
		}
		wattroff(w, a);
		i += n;
	}
	/* A line wider than the pane, blanks at its end aside, is marked
	   (a tab takes four columns, as drawn). */
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	size_t width = 0;
	for (size_t k = 0; k < len;) {
		size_t run = strcspn(line + k, "\t");
		run = run < len - k ? run : len - k;
		width += wrap_width(line + k, run);
		k += run;
		if (k < len) {
			width += 4;
			k++;
		}
	}
	if (width <= (size_t)cols)
		return 0;
	int y = getcury(w);
	mvwaddch(w, y, cols, '>' | A_BOLD | A_REVERSE);
	return 1;
}

static void draw_code(struct panes *p, WINDOW *w)
{
	werase(w);
	const struct lesson_step *st = p->lesson ?
	                               &p->lesson->steps[p->step] : NULL;
	int python = strcmp(p->lang, "python") == 0;
	const char *label = python ? _("The Python it mirrors") :
	                    _("The C that runs");
	if (!st) {
		panes_draw_header(p, w, label, python ? "'code c'" :
		                  "'code python'");
		return;
	}
	int row = 1, skip = p->scroll[PANE_CODE], cut = 0;
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
				cut |= draw_code_line(p, w, line, len,
				                      getmaxx(w) - 2);
			}
			line += len + (end != NULL);
		}
	}
	/* Cut lines are read whole in the zoomed pane, as wide as the
	   terminal. */
	const char *hint = python ? "'code c'" : "'code python'";
	if (cut && p->zoom != PANE_CODE)
		/* TRANSLATORS: in a code pane's header: lines too wide for
		   the pane end in '>'; 'zoom code' shows them whole. */
		hint = _("'>' cut: 'zoom code'");
	panes_draw_header(p, w, label, hint);
	if (row == 1 && p->scroll[PANE_CODE] == 0) {
		wmove(w, 1, 1);
		const char *none = _("(no listing in this language here)");
		panes_put_text(w, none, strlen(none), getmaxx(w) - 2);
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
		/* TRANSLATORS: put before an error message; keep the
		   trailing blank if your language wants one after the
		   colon. */
		snprintf(buf, size, "%s", _("error: "));
		return panes_pair(p, PAIR_ERROR) | A_BOLD;
	case LINE_NOTICE:
		return panes_pair(p, PAIR_NOTICE);
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
	return panes_pid_attr(p, l->pid);
}

/* Line l as drawn cols wide: its tag, its text wrapped, a message's
   indentation kept on every wrapped line. Returns the rows; *wr holds
   them (free wr->text). */
static int wrap_out_line(const struct panes *p, const struct out_line *l,
                         int cols, struct wrapped *wr, attr_t *attr)
{
	char tag[64];
	attr_t a = line_tag(p, l, tag, sizeof tag);
	if (attr)
		*attr = a;
	struct strbuf full = { 0 };
	strbuf_addf(&full, "%s%s", tag, l->text);
	size_t indent = strspn(full.buf, " ");
	if (indent > (size_t)cols / 2)
		indent = 0;
	struct wrapped body = { { 0 }, 0 };
	*wr = (struct wrapped){ { 0 }, 0 };
	wrap_paragraph(full.buf + indent, full.len - indent,
	               (size_t)cols - indent, panes_wrapped_emit, &body);
	for (const char *s = body.text.buf; s && *s; s = strchr(s, '\n') + 1) {
		strbuf_addf(&wr->text, "%*s", (int)indent, "");
		strbuf_add(&wr->text, s, (size_t)(strchr(s, '\n') - s + 1));
		wr->n++;
	}
	strbuf_free(&body.text);
	strbuf_free(&full);
	if (wr->n == 0)
		panes_wrapped_emit("", 0, wr);
	return wr->n;
}

/* A long message just printed shows from its first line, not its last:
   the view is scrolled back so that its top is in the pane (PgDn shows
   the rest). */
static void anchor_message(struct panes *p, int rows, int cols)
{
	size_t from = p->anchor < p->nlines ? p->nlines - p->anchor : 0;
	int total = 0;
	for (size_t i = from; i < p->nlines; i++) {
		struct wrapped wr;
		total += wrap_out_line(p, line_at(p, i), cols, &wr, NULL);
		strbuf_free(&wr.text);
	}
	p->anchor = 0;
	if (total > rows && !p->scroll[PANE_OUTPUT])
		p->scroll[PANE_OUTPUT] = total - rows;
}

static void draw_output(struct panes *p, WINDOW *w)
{
	werase(w);
	if (p->anchor && getmaxx(w) - 1 >= 8)
		anchor_message(p, getmaxy(w) - 1, getmaxx(w) - 1);
	char extra[96] = "";
	if (p->scroll[PANE_OUTPUT])
		snprintf(extra, sizeof extra, _("scrolled back %d (PgDn)"),
		         p->scroll[PANE_OUTPUT]);
	panes_draw_header(p, w, _("Output"), extra);
	int rows = getmaxy(w) - 1, cols = getmaxx(w) - 1;
	if (cols < 8)
		return;
	/* Wrap from the newest line back until the pane is full. */
	int skip = p->scroll[PANE_OUTPUT];
	int row = rows;
	for (size_t i = p->nlines; i-- > 0 && row > 0;) {
		const struct out_line *l = line_at(p, i);
		attr_t a;
		struct wrapped wr;
		wrap_out_line(p, l, cols, &wr, &a);
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
			panes_put_text(w, starts[k], (size_t)(end - starts[k]), cols);
			wattroff(w, a);
		}
		strbuf_free(&wr.text);
	}
}

/* ---- status and prompt ------------------------------------------------ */

static void draw_status(struct panes *p)
{
	WINDOW *w = p->status;
	werase(w);
	wmove(w, 0, 1);
	/* A replay waiting for the presenter stands out. */
	attr_t a = p->status_alert ? A_BOLD | A_REVERSE : panes_quiet(p);
	wattron(w, a);
	panes_put_text(w, p->status_text, strlen(p->status_text), getmaxx(w) - 2);
	wattroff(w, a);
}

/* Readline's line, drawn in the prompt window; the cursor column is the
   display width of what comes before it. */
void panes_draw_prompt(void)
{
	struct panes *p = panes_active;
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
		long cp;
		size_t n = utf8_next(all.buf + i, all.len - i, &cp);
		skipped += wrap_width(all.buf + i, n);
		i += n;
	}
	wmove(w, 0, 0);
	if (all.buf)
		panes_put_text(w, all.buf + i, all.len - i, cols - 1);
	strbuf_free(&all);
	wmove(w, 0, (int)(cursor - skipped));
	wnoutrefresh(w);
	doupdate();
}

void panes_draw_all(struct panes *p)
{
	if (!p->started)
		return;
	if (p->lay.too_small) {
		erase();
		char msg[160];
		/* TRANSLATORS: the least columns x rows the panes need. */
		snprintf(msg, sizeof msg, _("terminal too small (need %dx%d)"),
		         LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
		/* Centred by the columns it takes, not its bytes. */
		int width = (int)wrap_width(msg, strlen(msg));
		mvaddstr(LINES / 2, COLS > width ? (COLS - width) / 2 : 0, msg);
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
		default: panes_draw_monitor(p, w); break;
		}
		wnoutrefresh(w);
	}
	/* The separator column between the left and right panes. */
	if (p->zoom == PANE_NONE) {
		/* Presenting, the line runs between output and monitor. */
		int x = p->present ? p->lay.pane[PANE_MONITOR].x - 1 :
		        p->lay.pane[PANE_OUTPUT].x - 1;
		for (int y = p->lay.pane[PANE_OUTPUT].y;
		     y < p->lay.status.y; y++)
			mvwaddch(stdscr, y, x, ACS_VLINE);
		wnoutrefresh(stdscr);
	}
	draw_status(p);
	wnoutrefresh(p->status);
	panes_draw_prompt();
	p->dirty = 0;
	p->last_draw_ms = monotonic_ms();
}

static void on_draw_timer(void *arg)
{
	struct panes *p = arg;
	p->draw_timer = 0;
	if (p->dirty)
		panes_draw_all(p);
}

/* Draw what changed, at most every DRAW_MS: a flood of output costs one
   redraw per frame, not one per line. Keys echo at once regardless (the
   prompt is drawn by readline's redisplay). */
void panes_after_loop(void *arg)
{
	struct panes *p = arg;
	if (p->started && p->monitor_shown != (p->root || p->nseen))
		panes_relayout(p);
	if (!p->dirty || p->draw_timer)
		return;
	long long wait = p->last_draw_ms + DRAW_MS - monotonic_ms();
	if (wait > 0)
		p->draw_timer = loop_add_timer(p->s->loop, (int)wait,
		                               on_draw_timer, p);
	else
		panes_draw_all(p);
}

/* ---- windows ---------------------------------------------------------- */

void panes_windows_free(struct panes *p)
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
void panes_relayout(struct panes *p)
{
	panes_windows_free(p);
	erase();
	wnoutrefresh(stdscr);
	p->monitor_shown = p->root || p->nseen;
	if (p->present)
		layout_compute_present(LINES, COLS, p->zoom, p->code_shown,
		                       &p->lay);
	else
		layout_compute(LINES, COLS, p->zoom, p->monitor_shown, &p->lay);
	if (!p->lay.too_small) {
		for (int i = 0; i < PANE_COUNT; i++)
			p->win[i] = window_at(p->lay.pane[i]);
		p->title = window_at(p->lay.title);
		p->status = window_at(p->lay.status);
		p->prompt = window_at(p->lay.prompt);
		/* High contrast for a projector: every character bold. */
		for (int i = 0; i < PANE_COUNT && p->present; i++)
			if (p->win[i])
				wbkgdset(p->win[i], ' ' | A_BOLD);
		/* Keys are read through the prompt window: never block, and
		   leave escape sequences to readline. */
		nodelay(p->prompt, TRUE);
		keypad(p->prompt, FALSE);
	}
	p->dirty = 1;
}

void panes_scroll(struct panes *p, int pages)
{
	enum pane_id id = p->zoom != PANE_NONE ? p->zoom : PANE_OUTPUT;
	int page = p->win[id] ? getmaxy(p->win[id]) - 2 : 5;
	int dir = id == PANE_OUTPUT ? -1 : 1;   /* output counts from the end */
	p->scroll[id] += dir * pages * (page > 1 ? page : 1);
	if (p->scroll[id] < 0)
		p->scroll[id] = 0;
	p->dirty = 1;
	panes_draw_all(p);
}
