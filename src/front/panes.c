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
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <readline/readline.h>

#include "guard.h"
#include "i18n.h"
#include "panes.h"
#include "panes_impl.h"
#include "queue.h"
#include "rlcommon.h"
#include "wrap.h"

/* ---- the ui functions ------------------------------------------------- */

static void add_line(struct panes *p, enum line_kind kind, pid_t pid,
                     pid_t tid, const char *name, const char *text,
                     size_t len)
{
	struct out_line *l;
	p->anchor = 0;      /* anything new: the view follows the end */
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
	/* A long one (help, lessons) is shown from its top when drawn. */
	size_t n = 1;
	for (const char *s = text; (s = strchr(s, '\n')); s++)
		n++;
	if (n > 1)
		p->anchor = n;
}

static void ui_error(void *self, const char *text)
{
	struct panes *p = self;
	add_line(p, LINE_ERROR, 0, 0, NULL, text, strlen(text));
	/* TRANSLATORS: put before an error message; keep the trailing
	   blank if your language wants one after the colon. */
	snprintf(p->status_text, sizeof p->status_text, "%s%s", _("error: "),
	         text);
}

static void ui_step(void *self, const struct lesson *lesson, size_t step)
{
	struct panes *p = self;
	if (p->code_shown) {         /* presenting: the lesson comes back */
		p->code_shown = 0;
		if (p->started)
			panes_relayout(p);
	}
	p->lesson = lesson;
	p->step = step;
	free(p->task_title);
	free(p->task_text);
	p->task_title = p->task_text = NULL;
	p->scroll[PANE_LESSON] = 0;
	p->scroll[PANE_CODE] = 0;
	snprintf(p->lang, sizeof p->lang, "c");
	p->status_text[0] = '\0';
	p->dirty = 1;
}

static void ui_task(void *self, const char *title, const char *text)
{
	struct panes *p = self;
	free(p->task_title);
	free(p->task_text);
	p->task_title = xstrdup(title);
	p->task_text = xstrdup(text);
	p->scroll[PANE_LESSON] = 0;
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
	if (p->present && !p->code_shown) {   /* the code, on demand */
		p->code_shown = 1;
		if (p->started)
			panes_relayout(p);
	}
}

static int ui_present(void *self, int on)
{
	struct panes *p = self;
	p->present = on < 0 ? !p->present : on;
	p->code_shown = 0;
	if (p->started) {
		panes_colours_start(p);
		panes_relayout(p);
	}
	return p->present;
}

void panes_set_present(struct panes *p, int on)
{
	p->present = on;
}

static void ui_demo_started(void *self, const char *demo, pid_t root)
{
	struct panes *p = self;
	/* TRANSLATORS: %s is the demo's name, %d its first process's PID. */
	char *text = xasprintf(_("demo %s started as pid %d; Ctrl-C or 'stop' "
	                         "ends it"), demo, (int)root);
	p->scroll[PANE_OUTPUT] = 0;
	add_text(p, LINE_NOTICE, text);
	free(text);
	p->root = root;
	p->nseen = 0;
	free(p->record_done);
	p->record_done = NULL;
	p->nrecord_done = 0;
	timeline_reset(&p->timeline);
	panes_monitor_start(p);
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
	/* TRANSLATORS: how a demo ended; %s is a whole clause such as
	   "ended, exit status 0 after 0.52 s; nothing of it is left
	   running". */
	char *text = xasprintf(_("demo %s ('zoom monitor' shows its "
	                         "timeline)"), summary);
	add_text(p, LINE_NOTICE, text);
	free(text);
	p->root = 0;
	panes_monitor_scan(p);   /* the last picture: everything has exited */
	/* The chart again, exact: every task of the record, however short. */
	timeline_from_record(&p->timeline, session_record(p->s));
	panes_monitor_start(p);
}

static int ui_zoom(void *self, const char *pane, char **cause)
{
	struct panes *p = self;
	if (!pane) {
		p->zoom = PANE_NONE;
	} else {
		enum pane_id id = layout_pane_by_name(pane);
		if (id == PANE_NONE) {
			*cause = xasprintf(_("no pane '%s': lesson, code, "
			                     "output or monitor"), pane);
			return -1;
		}
		p->zoom = p->zoom == id ? PANE_NONE : id;
	}
	panes_relayout(p);
	return 0;
}

/* ---- readline inside curses ------------------------------------------- */

static void on_stdin(int fd, short revents, void *arg);
static void ui_ready(void *self);

static void on_line(char *line)
{
	struct panes *p = panes_active;
	if (!line) {
		p->s->quit = 1;
		return;
	}
	p->status_text[0] = '\0';
	const char *question = session_question(p->s);
	int typed = panes_replay_typing(p);
	if (*line || question) {
		/* Answers and replayed lines are not the presenter's own. */
		if (!question && !panes_replay_active(p))
			rlcommon_remember(line);
		char *echo = xasprintf("%s%s", question ? question : "> ",
		                       line);
		add_text(p, LINE_NOTICE, echo);
		free(echo);
		/* No keys are read while the line runs or waits. */
		loop_remove_fd(p->s->loop, STDIN_FILENO);
		p->reading = 0;
		queue_push(p->s, line, typed ? QUEUE_TYPED : 0);
		if (!queue_idle(p->s) && !p->s->quit) {
			/* Waiting: readline shows no prompt until it is
			   done (ui_ready). */
			rl_callback_handler_remove();
			p->handler_removed = 1;
		}
	} else if (typed) {
		queue_push(p->s, line, QUEUE_TYPED);
	}
	free(line);
	panes_replay_line_done(p);
	if (!p->handler_removed)
		ui_ready(p);
}

/* Completion candidates go to the status line when they fit on it, else
   to the output pane, wrapped, so none is cut off. */
static void show_matches(char **matches, int n, int longest)
{
	(void)longest;
	struct panes *p = panes_active;
	struct strbuf o = { 0 };
	for (int i = 1; i <= n; i++)
		strbuf_addf(&o, "%s%s", i > 1 ? "  " : "", matches[i]);
	const char *all = o.buf ? o.buf : "";
	if (wrap_width(all, strlen(all)) + 2 <= (size_t)COLS &&
	    strlen(all) < sizeof p->status_text) {
		snprintf(p->status_text, sizeof p->status_text, "%s", all);
	} else {
		snprintf(p->status_text, sizeof p->status_text,
		         _("%d candidates, in the output pane"), n);
		add_text(p, LINE_NOTICE, all);
	}
	strbuf_free(&o);
	p->dirty = 1;
	panes_draw_all(p);
}

/* PgUp / PgDn: scroll the output pane (or the zoomed one). */
static int scroll_by(int pages)
{
	panes_scroll(panes_active, pages);
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

/* Alt-Up / Alt-Down (or Ctrl-): scroll the lesson pane a few lines, so
   a long step is read without zooming. */
static int scroll_lesson(int lines)
{
	struct panes *p = panes_active;
	p->scroll[PANE_LESSON] += lines;
	if (p->scroll[PANE_LESSON] < 0)
		p->scroll[PANE_LESSON] = 0;   /* the drawing caps the end */
	p->dirty = 1;
	panes_draw_all(p);
	return 0;
}

static int key_lesson_up(int count, int key)
{
	(void)key;
	return scroll_lesson(-3 * (count > 0 ? count : 1));
}

static int key_lesson_down(int count, int key)
{
	(void)key;
	return scroll_lesson(3 * (count > 0 ? count : 1));
}

static int key_redraw(int count, int key)
{
	(void)count;
	(void)key;
	clearok(curscr, TRUE);
	panes_active->dirty = 1;
	panes_draw_all(panes_active);
	return 0;
}

static void readline_start(struct panes *p)
{
	rlcommon_setup(p->s);
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	panes_readline_hooks();
	rl_redisplay_function = panes_draw_prompt;
	rl_completion_display_matches_hook = show_matches;
	rl_bind_keyseq("\\e[5~", key_page_up);
	rl_bind_keyseq("\\e[6~", key_page_down);
	rl_bind_key('\f', key_redraw);
	static const char *const lesson_up[] = { "\\e[1;3A", "\\e[1;5A",
	                                         "\\e\\e[A" };
	static const char *const lesson_down[] = { "\\e[1;3B", "\\e[1;5B",
	                                           "\\e\\e[B" };
	for (size_t i = 0; i < 3; i++) {
		rl_bind_keyseq(lesson_up[i], key_lesson_up);
		rl_bind_keyseq(lesson_down[i], key_lesson_down);
	}
	char *prompt = session_prompt(p->s);
	rl_callback_handler_install(prompt, on_line);
	free(prompt);
}

static void on_stdin(int fd, short revents, void *arg)
{
	(void)fd;
	struct panes *p = arg;
	/* A terminal that hung up stays readable for ever (and reads give
	   nothing): leave, rather than spin. */
	if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
		p->s->quit = 1;
		return;
	}
	int c;
	while (!p->s->quit && (c = wgetch(p->prompt ? p->prompt : stdscr)) !=
	       ERR) {
		if (c == KEY_RESIZE || panes_replay_key(p, c))
			continue;
		panes_feed_readline(p, c);
	}
}

/* ---- signals and the terminal ----------------------------------------- */

static void resize(struct panes *p)
{
	endwin();
	refresh();
	panes_relayout(p);
	panes_draw_all(p);
}

/* Ctrl-Z: the screen goes back to the shell (the demo stops too); on
   fg, the same screen comes back. */
static void ui_suspend(void *self, int leave)
{
	struct panes *p = self;
	if (leave) {
		endwin();
		guard_screen(0);
	} else {
		guard_screen(1);
		refresh();
		resize(p);
	}
}

static void ui_resize(void *self)
{
	resize(self);
}

static void ui_interrupted(void *self, int flags)
{
	struct panes *p = self;
	if (flags & INTERRUPT_HELD)
		panes_replay_hold(p);
	if (flags & INTERRUPT_CANCELLED) {
		/* The question is gone: back to the usual prompt. */
		char *prompt = session_prompt(p->s);
		rl_set_prompt(prompt);
		free(prompt);
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
	} else if (flags & INTERRUPT_STOPPING) {
		add_text(p, LINE_NOTICE, _("^C: stopping the demo"));
	} else if (flags & INTERRUPT_HELD) {
		/* The status line says HELD, and how to go on. */
	} else {
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
		snprintf(p->status_text, sizeof p->status_text, "%s",
		         _("line cleared; Ctrl-D or 'quit' leaves"));
	}
	p->dirty = 1;
}

/* The line is done: the prompt again, and keys to readline. */
static void ui_ready(void *self)
{
	struct panes *p = self;
	if (p->s->quit)
		return;
	/* While a step's question is asked, the lesson pane shows its end,
	   where the question is. */
	const char *question = session_question(p->s);
	if (question && strcmp(question, "predict> ") == 0)
		p->scroll[PANE_LESSON] = INT_MAX / 2;
	char *prompt = session_prompt(p->s);
	if (p->handler_removed)
		rl_callback_handler_install(prompt, on_line);
	else
		rl_set_prompt(prompt);
	free(prompt);
	p->handler_removed = 0;
	if (!p->reading)
		loop_add_fd(p->s->loop, STDIN_FILENO, POLLIN, on_stdin, p);
	p->reading = 1;
	p->dirty = 1;
}

static void ui_type(void *self, const char *line, long number, int answer)
{
	panes_replay_type(self, line, number, answer);
}

static void ui_script_over(void *self, const char *why)
{
	panes_replay_over(self, why);
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
	p->ui = (struct ui){
		.message = ui_message, .error = ui_error, .step = ui_step,
		.code = ui_code, .demo_started = ui_demo_started,
		.demo_line = ui_demo_line, .demo_ended = ui_demo_ended,
		.zoom = ui_zoom, .self = p, .present = ui_present,
		.task = ui_task,
		.ready = ui_ready, .type = ui_type,
		.script_over = ui_script_over, .interrupted = ui_interrupted,
		.suspend = ui_suspend, .resize = ui_resize,
	};
	return p;
}

void panes_free(struct panes *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nlines; i++)
		free(p->lines[(p->first + i) % OUTPUT_LINES_MAX].text);
	free(p->lines);
	free(p->task_title);
	free(p->task_text);
	free(p->seen);
	free(p->record_done);
	procmon_tree_free(&p->tree);
	timeline_free(&p->timeline);
	free(p);
}

const struct ui *panes_ui(struct panes *p)
{
	return &p->ui;
}

int panes_run(struct panes *p, struct session *s, const char *history,
              struct replay *replay)
{
	p->replay = replay;
	p->s = s;
	panes_active = p;
	if (!initscr())
		return 1;
	guard_screen(1);
	p->started = 1;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, FALSE);   /* readline reads the escape sequences */
	panes_colours_start(p);
	nodelay(stdscr, TRUE);
	panes_relayout(p);
	rlcommon_history_load(history);
	readline_start(p);
	loop_set_after(s->loop, panes_after_loop, p);
	loop_add_fd(s->loop, STDIN_FILENO, POLLIN, on_stdin, p);
	p->reading = 1;
	if (s->lesson)
		ui_step(p, s->lesson, s->step);
	if (replay)
		panes_replay_start(p);
	panes_draw_all(p);
	queue_run(s);
	if (p->reading)
		loop_remove_fd(s->loop, STDIN_FILENO);
	p->reading = 0;
	loop_set_after(s->loop, NULL, NULL);
	if (p->monitor_timer)
		loop_cancel_timer(s->loop, p->monitor_timer);
	if (p->draw_timer)
		loop_cancel_timer(s->loop, p->draw_timer);
	rl_callback_handler_remove();
	rlcommon_history_save(history);
	int status = queue_finish(s);     /* a demo still running ends */
	panes_windows_free(p);
	endwin();
	guard_screen(0);
	if (guard_gone()) {
		/* The shell took the terminal back when the guard died, and
		   may have drawn its prompt on the screen just left. */
		fprintf(stderr, "\nforklore: %s\n",
		        _("its guard process was killed; the screen is "
		          "restored (press Enter for a prompt)"));
	}
	p->started = 0;
	return status;
}
