/* plain.c - the line-mode front end: text sections instead of panes.
 *
 * Interactive use runs GNU readline through its callback interface, so the
 * loop can print demo output while a line is being typed: the line is
 * cleared, the output printed, and the prompt with the half-typed line
 * drawn again below it. Scripts echo each command after the prompt, then
 * its output, so a transcript reads like a session. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/readline.h>

#include "i18n.h"
#include "mask.h"
#include "queue.h"
#include "plain.h"
#include "predict.h"
#include "rlcommon.h"
#include "util.h"
#include "wrap.h"

struct plain {
	struct ui ui;
	struct session *s;
	int width;
	int color;
	int prompt_shown;        /* readline's prompt is on screen */
	int interactive;
	int handler_removed;     /* readline's handler is gone while a
	                            line waits */
	int tty_out;             /* standard output is a terminal */
	struct mask *mask;       /* --mask: PIDs, times, addresses hidden */
	size_t masked_tasks;     /* tasks of the run's record expected */
	pid_t masked_root;       /* ... of the run started by this PID */
	struct strbuf held;      /* --mask in a script: the demo's lines so
	                            far, shown when it ends (or before any
	                            other output, keeping the order) */
};

/* The first error writing standard output (a full disk, a closed
   descriptor), reported when forklore ends. */
static int output_errno;

int plain_output_error(void)
{
	return output_errno;
}

/* Print text (a whole number of lines) without garbling the prompt. */
static void print_text(struct plain *p, const char *text)
{
	char *masked = p->mask ? mask_text(p->mask, text) : NULL;
	if (p->prompt_shown)
		rl_clear_visible_line();
	fputs(masked ? masked : text, stdout);
	if (fflush(stdout) != 0 && !output_errno)
		output_errno = errno ? errno : EIO;
	if (p->prompt_shown)
		rl_forced_update_display();
	free(masked);
}

/* Show the held demo lines, masked with every PID known by now. */
static void release_held(struct plain *p)
{
	struct strbuf held = p->held;
	p->held = (struct strbuf){ 0 };
	if (held.buf)
		print_text(p, held.buf);
	strbuf_free(&held);
}

static void emit(struct plain *p, const char *text)
{
	release_held(p);
	print_text(p, text);
}

static void emit_out(struct plain *p, struct strbuf *o)
{
	if (o->buf)
		emit(p, o->buf);
	strbuf_free(o);
}

static const char *paint(const struct plain *p, const char *code)
{
	return p->color ? code : "";
}

/* ---- the ui functions ------------------------------------------------- */

/* Where the lines of a wrapped message go, and their indents. */
struct hanging {
	struct strbuf *o;
	size_t lead, hang;
	int first;
};

static void hanging_emit(const char *line, size_t len, void *arg)
{
	struct hanging *h = arg;
	strbuf_addf(h->o, "%*s", (int)(h->first ? h->lead : h->hang), "");
	strbuf_add(h->o, line, len);
	strbuf_adds(h->o, "\n");
	h->first = 0;
}

/* One line of a message, wrapped to width: continuation lines start at
   the line's second column of text (as in "name    what it does"), or two
   further in than the line itself. */
static void add_hanging(struct strbuf *o, const char *s, size_t len,
                        size_t width)
{
	struct hanging h = { o, 0, 0, 1 };
	while (h.lead < len && s[h.lead] == ' ')
		h.lead++;
	h.hang = h.lead + 2;
	const char *gap = memmem(s + h.lead, len - h.lead, "  ", 2);
	if (gap) {
		size_t col = (size_t)(gap - s);
		while (col < len && s[col] == ' ')
			col++;
		if (col < width / 2)
			h.hang = col;
	}
	wrap_hanging(s + h.lead, len - h.lead, width - h.lead,
	             width > h.hang + 10 ? width - h.hang : 10, hanging_emit,
	             &h);
}

/* Text a command printed: lines wider than the terminal are wrapped here,
   between words, rather than cut by the terminal. */
static void ui_message(void *self, const char *text)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	for (const char *s = text;;) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (wrap_width(s, len) <= (size_t)p->width) {
			strbuf_add(&o, s, len);
			strbuf_adds(&o, "\n");
		} else {
			add_hanging(&o, s, len, (size_t)p->width);
		}
		if (!end)
			break;
		s = end + 1;
	}
	emit_out(p, &o);
}

static void ui_error(void *self, const char *text)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	/* TRANSLATORS: put before an error message; keep the trailing
	   blank if your language wants one after the colon. */
	const char *label = _("error: ");
	/* The colour ends before the label's trailing blanks. */
	int n = (int)strlen(label);
	while (n > 0 && label[n - 1] == ' ')
		n--;
	strbuf_addf(&o, "%s%.*s%s%s%s\n", paint(p, "\033[1;31m"), n, label,
	        paint(p, "\033[0m"), label + n, text);
	emit_out(p, &o);
}

/* Where wrapped lines go, and the indent before each. */
struct wrap_target {
	struct strbuf *o;
	const char *indent;
};

static void wrap_emit(const char *line, size_t len, void *arg)
{
	struct wrap_target *t = arg;
	strbuf_adds(t->o, t->indent);
	strbuf_add(t->o, line, len);
	strbuf_adds(t->o, "\n");
}

/* A narrative line, after the step's two-column margin. */
static void narrative_line(const char *line, size_t len, size_t indent,
                           void *arg)
{
	struct strbuf *o = arg;
	strbuf_addf(o, "%*s", (int)(len ? 2 + indent : 0), "");
	strbuf_add(o, line, len);
	strbuf_adds(o, "\n");
}

/* Which languages a step has listings in, for the hint line. */
static int step_has(const struct lesson_step *step, const char *lang)
{
	for (size_t i = 0; i < step->ncode; i++)
		if (strcmp(step->code[i].lang, lang) == 0)
			return 1;
	return 0;
}

/* Wrap one paragraph with an indent on every line. */
static void wrap_indented(struct strbuf *o, const char *text, size_t width,
                          const char *indent)
{
	struct wrap_target t = { o, indent };
	size_t w = width > strlen(indent) + 8 ? width - strlen(indent) : 8;
	wrap_paragraph(text, strlen(text), w, wrap_emit, &t);
}

static void ui_step(void *self, const struct lesson *lesson, size_t k)
{
	struct plain *p = self;
	const struct lesson_step *step = &lesson->steps[k];
	struct strbuf o = { 0 }, hint = { 0 };
	strbuf_addf(&o, "\n%s%s%s  ", paint(p, "\033[1m"), lesson->title,
	            paint(p, "\033[0m"));
	/* TRANSLATORS: the step shown, the number of steps, and the
	   lesson's name (as 'open' takes it). */
	strbuf_addf(&o, _("(step %zu/%zu of %s)"), k + 1, lesson->nsteps,
	            lesson->id);
	strbuf_addf(&o, "\n%s== %s ==%s\n\n", paint(p, "\033[1;36m"),
	            step->title, paint(p, "\033[0m"));
	wrap_narrative(step->text, (size_t)p->width - 2, narrative_line, &o);
	strbuf_adds(&o, "\n");
	const char *sep = "";
	/* TRANSLATORS: between the hints of a step's last line, as in
	   "'code' shows the C that runs; 'run' starts demo fork-basic". */
	const char *next_sep = _("; ");
	if (step_has(step, "c")) {
		strbuf_addf(&hint, "%s%s", sep, _("'code' shows the C that runs"));
		sep = next_sep;
	}
	if (step_has(step, "python")) {
		strbuf_addf(&hint, "%s%s", sep, _("'code python' the Python"));
		sep = next_sep;
	}
	if (step->demo) {
		strbuf_adds(&hint, sep);
		strbuf_addf(&hint, _("'run' starts demo %s"), step->demo);
		sep = next_sep;
	}
	if (lesson_python_step(lesson, k)) {
		strbuf_addf(&hint, "%s%s", sep, _("'run python' runs the Python"));
		sep = next_sep;
	}
	if (k + 1 < lesson->nsteps)
		strbuf_addf(&hint, "%s%s", sep, _("'next' goes on."));
	else
		strbuf_addf(&hint, "%s%s", sep, _("this is the last step."));
	wrap_indented(&o, hint.buf, (size_t)p->width, "  ");
	strbuf_free(&hint);
	if (step->predict) {
		char *question = predict_question(step);
		wrap_indented(&o, question, (size_t)p->width, "  ");
		free(question);
	}
	emit_out(p, &o);
}

static void ui_code(void *self, const struct lesson_step *step,
                    const char *lang)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	for (size_t i = 0; i < step->ncode; i++) {
		const struct lesson_code *c = &step->code[i];
		if (strcmp(c->lang, lang) != 0)
			continue;
		if (c->snippet) {
			strbuf_addf(&o, "%s--- ", paint(p, "\033[2m"));
			/* TRANSLATORS: heading of a C listing; %s names the
			   snippet of the demo's source it shows. */
			strbuf_addf(&o, _("C, the demo's real source (snippet %s)"),
			            c->snippet);
			strbuf_addf(&o, " ---%s\n", paint(p, "\033[0m"));
		} else
			strbuf_addf(&o, "%s--- %s ---%s\n", paint(p, "\033[2m"),
			        strcmp(lang, "python") == 0 ? "Python" :
			        strcmp(lang, "c") == 0 ? "C" : lang,
			        paint(p, "\033[0m"));
		/* Tabs as four columns, the way the sources are meant to
		   be read. */
		for (const char *t = c->text; *t; t++)
			strbuf_add(&o, *t == '\t' ? "    " : t, *t == '\t' ? 4 : 1);
	}
	strbuf_addf(&o, "%s---%s\n", paint(p, "\033[2m"), paint(p, "\033[0m"));
	emit_out(p, &o);
}

static void ui_demo_started(void *self, const char *demo, pid_t root)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	if (p->mask)
		mask_expect(p->mask, root);
	strbuf_adds(&o, paint(p, "\033[2m"));
	/* TRANSLATORS: %s is the demo's name, %d its first process's PID. */
	strbuf_addf(&o, _("demo %s started as pid %d; Ctrl-C or 'stop' ends it"),
	            demo, (int)root);
	strbuf_addf(&o, "%s\n", paint(p, "\033[0m"));
	emit_out(p, &o);
}

/* A colour per process, so lines of one process look alike. */
static const char *pid_colour(pid_t pid)
{
	static const char *const colours[] = {
		"\033[32m", "\033[33m", "\033[34m", "\033[35m", "\033[36m",
		"\033[91m", "\033[92m", "\033[94m", "\033[95m", "\033[96m",
	};
	return colours[(unsigned)pid % 10];
}

static void ui_demo_line(void *self, const struct tagline *line)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	/* The tag, formatted once: printed in the process's colour, and
	   measured without the colour codes, which take no columns. */
	char tag_text[64] = "";
	if (line->pid != 0 && line->tid == line->pid)
		snprintf(tag_text, sizeof tag_text, "[%d %s]", (int)line->pid,
		         line->name);
	else if (line->pid != 0)
		snprintf(tag_text, sizeof tag_text, "[%d:%d %s]",
		         (int)line->pid, (int)line->tid, line->name);
	if (line->pid == 0)
		strbuf_adds(&o, "  ");
	else
		strbuf_addf(&o, "%s%s%s ", paint(p, pid_colour(line->pid)),
		            tag_text, paint(p, "\033[0m"));
	size_t tag = line->pid == 0 ? 2 :
	             wrap_width(tag_text, strlen(tag_text)) + 1;
	/* Control characters from a demo would upset the terminal. */
	struct strbuf text = { 0 };
	for (size_t i = 0; i < line->len; i++) {
		char c = line->text[i];
		strbuf_add(&text, (unsigned char)c < 0x20 && c != '\t' ? "?" : &c,
		           1);
	}
	/* On a terminal, a line too long for it is wrapped between words,
	   the rest indented under the text, rather than cut mid-word by the
	   terminal; into a pipe or a file it stays one line. */
	size_t width = (size_t)p->width;
	if (p->tty_out && text.len && tag + 10 < width &&
	    tag + wrap_width(text.buf, text.len) > width) {
		struct hanging h = { &o, 0, tag, 1 };
		wrap_hanging(text.buf, text.len, width - tag, width - tag,
		             hanging_emit, &h);
	} else {
		strbuf_add(&o, text.buf ? text.buf : "", text.len);
		strbuf_adds(&o, "\n");
	}
	strbuf_free(&text);
	if (p->mask) {
		/* A PID can be named in words before its own first line:
		   a script holds the lines until it knows them all. */
		mask_expect(p->mask, line->pid);
		mask_expect(p->mask, line->tid);
		/* And every process of the run's record so far: a child
		   named by its parent before it wrote a line, or that never
		   does. (Not the threads: a thread that never writes is
		   seldom named, and every number masked in vain is one a
		   transcript loses, such as 10000 when a TID was 10000.) */
		const struct lifecycle *rec = session_record(p->s);
		if (rec->ntasks < p->masked_tasks || (rec->ntasks &&
		    rec->tasks[0].id != p->masked_root)) {
			p->masked_tasks = 0;          /* a new run */
			p->masked_root = rec->tasks[0].id;
		}
		for (; p->masked_tasks < rec->ntasks; p->masked_tasks++)
			if (!rec->tasks[p->masked_tasks].is_thread)
				mask_expect(p->mask,
				            rec->tasks[p->masked_tasks].id);
		if (!p->interactive) {
			strbuf_add(&p->held, o.buf, o.len);
			strbuf_free(&o);
			return;
		}
	}
	emit_out(p, &o);
}

static void ui_demo_ended(void *self, const char *summary)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	strbuf_adds(&o, paint(p, "\033[2m"));
	/* TRANSLATORS: how a demo ended; %s is a whole clause such as
	   "ended, exit status 0 after 0.52 s; nothing of it is left
	   running" or "killed by signal 9 (Killed) after ...". */
	strbuf_addf(&o, _("demo %s"), summary);
	strbuf_addf(&o, "%s\n", paint(p, "\033[0m"));
	emit_out(p, &o);
}

/* Columns of the terminal on standard output, or 80 when it is none. */
int terminal_columns(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Wrap to the terminal's width (at most 99), leaving the last column
   free so a full line never makes the terminal wrap on its own. */
void plain_set_width(struct plain *p, int columns)
{
	p->width = columns < 20 ? 19 : columns > 100 ? 99 : columns - 1;
}

static struct plain *active;   /* readline's line handler has no arg */
static void on_line_cb(char *line);
static void ui_ready(void *self);
static void ui_echo(void *self, const char *prompt, const char *line);
static void ui_interrupted(void *self, int flags);
static void ui_suspend(void *self, int leave);
static void ui_resize(void *self);

static int ui_zoom(void *self, const char *pane, char **cause)
{
	(void)self;
	(void)pane;
	*cause = xstrdup(_("zoom needs the panes; this is plain mode"));
	return -1;
}

struct plain *plain_new(int width, int color)
{
	struct plain *p = xmalloc(sizeof *p);
	memset(p, 0, sizeof *p);
	plain_set_width(p, width);
	p->color = color;
	p->tty_out = isatty(STDOUT_FILENO);
	p->ui = (struct ui){
		.message = ui_message, .error = ui_error, .step = ui_step,
		.code = ui_code, .demo_started = ui_demo_started,
		.demo_line = ui_demo_line, .demo_ended = ui_demo_ended,
		.zoom = ui_zoom, .self = p, .ready = ui_ready,
		.echo = ui_echo, .interrupted = ui_interrupted,
		.suspend = ui_suspend, .resize = ui_resize,
	};
	return p;
}

void plain_free(struct plain *p)
{
	if (p) {
		release_held(p);
		mask_free(p->mask);
	}
	free(p);
}

/* Is pid forklore's guard? It runs this same program; it names itself
   forklore-guard only after the fork, so its name may not be there yet. */
static int is_guard(pid_t pid)
{
	char path[64], exe[PATH_MAX], parent_exe[PATH_MAX];
	snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	ssize_t m = readlink(path, parent_exe, sizeof parent_exe - 1);
	return n > 0 && n == m && memcmp(exe, parent_exe, (size_t)n) == 0;
}

void plain_set_mask(struct plain *p, int on)
{
	release_held(p);
	mask_free(p->mask);
	p->mask = NULL;
	if (!on)
		return;
	/* Demos print forklore's PIDs too ("my parent is ..."). */
	p->mask = mask_new();
	mask_expect(p->mask, getpid());
	if (is_guard(getppid()))
		mask_expect(p->mask, getppid());
}

const struct ui *plain_ui(struct plain *p)
{
	return &p->ui;
}

/* ---- the flow of lines -------------------------------------------------- */

static void on_stdin(int fd, short revents, void *arg);

/* A script's line, after the prompt, as a session would show it. A
   demo's output is shown when the script waits (`wait`, the next run, or
   its end), so a transcript comes out the same every time. */
static void ui_echo(void *self, const char *prompt, const char *line)
{
	struct plain *p = self;
	struct strbuf o = { 0 };
	strbuf_addf(&o, "%s%s\n", prompt, line);
	emit_out(p, &o);
}

/* The line typed is done: the prompt again, and keys to readline. */
static void ui_ready(void *self)
{
	struct plain *p = self;
	if (!p->interactive || p->s->quit)
		return;
	char *prompt = session_prompt(p->s);
	if (p->handler_removed)
		rl_callback_handler_install(prompt, on_line_cb);
	else
		rl_set_prompt(prompt);
	free(prompt);
	p->handler_removed = 0;
	p->prompt_shown = 1;
	loop_add_fd(p->s->loop, STDIN_FILENO, POLLIN, on_stdin, p);
}

/* Ctrl-C at the prompt: forget the line being typed. */
static void clear_line(void)
{
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	fputs("^C\n", stdout);
	rl_on_new_line();
	rl_redisplay();
}

static void ui_interrupted(void *self, int flags)
{
	struct plain *p = self;
	if (flags & INTERRUPT_CANCELLED) {
		/* The question is gone: back to the usual prompt. */
		if (!p->prompt_shown)
			return;
		char *prompt = session_prompt(p->s);
		rl_set_prompt(prompt);
		free(prompt);
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
		rl_redisplay();
	} else if (flags & INTERRUPT_STOPPING) {
		char *note = xasprintf("%s\n", _("^C: stopping the demo"));
		emit(p, note);
		free(note);
	} else if (!(flags & INTERRUPT_ENDING) && p->interactive &&
	           p->prompt_shown) {
		clear_line();
	}
}

/* Ctrl-Z: let go of the terminal; on fg, take it back and carry on. */
static void ui_suspend(void *self, int leave)
{
	struct plain *p = self;
	if (!p->prompt_shown)
		return;
	if (leave) {
		rl_deprep_terminal();
	} else {
		rl_prep_terminal(1);
		rl_forced_update_display();
	}
}

static void ui_resize(void *self)
{
	struct plain *p = self;
	plain_set_width(p, terminal_columns());
	if (p->prompt_shown)
		rl_resize_terminal();
}

/* ---- interactive ------------------------------------------------------ */

/* A whole line from readline (NULL at Ctrl-D). */
static void on_line(struct plain *p, char *line)
{
	p->prompt_shown = 0;
	if (!line) {
		fputs("quit\n", stdout);
		p->s->quit = 1;
		rl_callback_handler_remove();   /* no new prompt after this */
		return;
	}
	char *trimmed = line + strspn(line, " \t");
	if (!*trimmed) {
		free(line);
		ui_ready(p);
		return;
	}
	rlcommon_remember(line);
	/* No keystrokes go to readline while the line runs (or waits);
	   they wait in the terminal until it is done (ui_ready). */
	loop_remove_fd(p->s->loop, STDIN_FILENO);
	queue_push(p->s, line, 0);
	free(line);
	if (!queue_idle(p->s) || p->s->quit) {
		/* Waiting: no prompt until the line is done. */
		rl_callback_handler_remove();
		p->handler_removed = 1;
	}
}

static void on_line_cb(char *line)
{
	on_line(active, line);
}

static void on_stdin(int fd, short revents, void *arg)
{
	(void)fd;
	struct plain *p = arg;
	if (revents & (POLLHUP | POLLERR | POLLNVAL) && !(revents & POLLIN)) {
		p->s->quit = 1;
		return;
	}
	rl_callback_read_char();
}

int plain_interactive(struct plain *p, struct session *s,
                      const char *history)
{
	p->s = s;
	p->interactive = 1;
	active = p;
	rlcommon_setup(s);
	rlcommon_history_load(history);
	char *prompt = session_prompt(s);
	rl_callback_handler_install(prompt, on_line_cb);
	free(prompt);
	p->prompt_shown = 1;
	loop_add_fd(s->loop, STDIN_FILENO, POLLIN, on_stdin, p);
	queue_run(s);
	loop_remove_fd(s->loop, STDIN_FILENO);
	if (p->prompt_shown) {
		/* Left by a signal while a line was being typed. */
		fputs("\n", stdout);
		rl_callback_handler_remove();
	}
	p->prompt_shown = 0;
	rlcommon_history_save(history);
	if (session_demo_running(s))
		printf("%s\n", _("stopping the demo..."));
	return queue_finish(s);
}

/* ---- scripts ---------------------------------------------------------- */

int plain_script(struct plain *p, struct session *s, const char *name,
                 int fd)
{
	p->s = s;
	active = p;
	queue_script_fd(s, name, fd);
	queue_run(s);
	release_held(p);
	return queue_finish(s);
}

int plain_commands(struct plain *p, struct session *s, char **commands)
{
	p->s = s;
	active = p;
	queue_script_commands(s, commands);
	queue_run(s);
	release_held(p);
	return queue_finish(s);
}
