/* panes_replay.c - a script replayed in the panes, for a class.
 *
 * Each command is typed into readline one character at a time, as if by
 * hand, so the class reads it at the prompt before it runs; Enter is fed
 * last and the command runs exactly as a typed one does (history, echo,
 * errors). A `pause` line is not typed: the replay stops and waits for
 * the presenter's Space or Enter (or --pace seconds). While the replay
 * runs, the keyboard belongs to the presenter's controls: p holds and
 * resumes, + and - change the typing speed, q leaves the replay and gives
 * the prompt back with everything as it is. A `pause` right after a
 * predict question hands the prompt over for the class's answer, and the
 * replay goes on once it is given. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "i18n.h"
#include "panes_impl.h"
#include "utf8.h"
#include "queue.h"
#include "panes_replay.h"
#include "script.h"

#define REPLAY_GAP_MS 700     /* between one command's end and the next */
#define REPLAY_START_MS 400   /* before the first command */
#define REPLAY_QUICK_MS 100   /* the same, when typing takes no time */

struct replay_line {
	long number;          /* in the file */
	char *text;           /* the command, or NULL for a bad line */
	char *error;          /* "NAME:LINE: problem" for a bad line */
};

struct replay {
	char *name;
	struct replay_line *lines;
	size_t n, next;       /* next: the line to take up next */
	double type_speed, pace;
	enum { RP_WAITING, RP_TYPING, RP_PAUSE, RP_ANSWER, RP_OVER } state;
	int held;             /* p: held by the presenter */
	const char *typing;   /* the command being typed, and how far */
	size_t typed;
	int timer;
	int started;          /* a line was handed over already */
	int answer;           /* the pause is the class's turn to answer */
	char *line;           /* the line being typed (r->typing) */
	char escape[8];       /* an escape sequence being read (PgUp...) */
	size_t nescape;
	struct panes *p;
};

struct replay *replay_load(int fd, const char *name, char **error)
{
	struct replay *r = xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	/* The status line names the file, not the folders it is in. */
	const char *slash = strrchr(name, '/');
	r->name = xstrdup(slash && slash[1] ? slash + 1 : name);
	r->type_speed = 25;
	char *line, buf[64];
	size_t n;
	const char *problem;
	struct script_reader *in = xmalloc(sizeof *in);
	script_reader_init(in, fd, NULL);
	enum script_read got;
	while ((got = script_read_line(in, &line, &n, &problem, buf,
	                               sizeof buf)) == SCRIPT_READ_LINE) {
		long number = in->number;
		const char *command;
		enum script_line_kind kind = script_line(line, n, &command,
		                                         &problem, buf,
		                                         sizeof buf);
		if (kind == SCRIPT_SKIP)
			continue;
		r->lines = xrealloc(r->lines, (r->n + 1) * sizeof *r->lines);
		struct replay_line *l = &r->lines[r->n++];
		l->number = number;
		l->text = kind == SCRIPT_COMMAND ? xstrdup(command) : NULL;
		l->error = kind == SCRIPT_BAD ?
		           xasprintf("%s:%ld: %s", name, number, problem) : NULL;
	}
	long number = in->number;
	free(in);
	if (got == SCRIPT_READ_ERROR) {
		*error = xasprintf("%s:%ld: %s", name, number + 1, problem);
		replay_free(r);
		return NULL;
	}
	return r;
}

void replay_free(struct replay *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->lines[i].text);
		free(r->lines[i].error);
	}
	free(r->lines);
	free(r->line);
	free(r->name);
	free(r);
}

void replay_set_speeds(struct replay *r, double type_speed, double pace)
{
	r->type_speed = type_speed;
	r->pace = pace;
}

/* ---- the state shown in the status line -------------------------------- */

static void status(struct replay *r, const char *what)
{
	struct panes *p = r->p;
	size_t line = r->next ? r->next : 1;
	if (r->state == RP_OVER)
		snprintf(p->status_text, sizeof p->status_text, "%s", what);
	else
		snprintf(p->status_text, sizeof p->status_text,
		         /* TRANSLATORS: the status line during a replay:
		            the script's file name, the line reached, the
		            number of lines, then what the replay is doing
		            (e.g. "PAUSE; Space or Enter goes on, p holds,
		            q takes over"). */
		         _("replay %s %zu/%zu: %s"), r->name, line, r->n, what);
	/* A replay waiting for the presenter stands out. */
	p->status_alert = r->state != RP_OVER &&
	                  (r->held || r->state == RP_PAUSE);
	p->dirty = 1;
}

static void show_state(struct replay *r)
{
	/* The keys named (p, q, +, -, Space, Enter) are the presenter's:
	   they stay as they are in a translation. */
	char what[256];
	if (r->held)
		snprintf(what, sizeof what, "%s",
		         _("HELD; p resumes, q takes over"));
	else if (r->state == RP_PAUSE && r->pace > 0)
		/* TRANSLATORS: %g is a number of seconds (--pace). */
		snprintf(what, sizeof what, _("PAUSE; goes on in %g s, or "
		         "Space now; p holds, q takes over"), r->pace);
	else if (r->state == RP_PAUSE)
		snprintf(what, sizeof what, "%s", _("PAUSE; Space or Enter "
		         "goes on, p holds, q takes over"));
	else if (r->state == RP_ANSWER)
		snprintf(what, sizeof what, "%s", _("the class answers: type "
		         "it, then Enter"));
	else if (r->state == RP_TYPING)
		/* TRANSLATORS: %g is the typing speed, in characters a
		   second. */
		snprintf(what, sizeof what, _("typing at %g/s (+ faster, - "
		         "slower); p holds, q takes over"), r->type_speed);
	else
		snprintf(what, sizeof what, "%s",
		         _("p holds, q takes over"));
	status(r, what);
}

/* ---- moving on ----------------------------------------------------------- */

static void advance(void *arg);
static void type_tick(void *arg);

static void schedule(struct replay *r, int ms, void (*fn)(void *))
{
	struct loop *loop = r->p->s->loop;
	if (r->timer)
		loop_cancel_timer(loop, r->timer);
	r->timer = loop_add_timer(loop, ms > 0 ? ms : 1, fn, r);
}

static void unschedule(struct replay *r)
{
	if (r->timer)
		loop_cancel_timer(r->p->s->loop, r->timer);
	r->timer = 0;
}

/* The replay is over: the presenter has the prompt. */
static void hand_over(struct replay *r, const char *why)
{
	unschedule(r);
	r->state = RP_OVER;
	r->held = 0;
	status(r, why);
}

static int type_interval(const struct replay *r)
{
	return r->type_speed > 0 ? (int)(1000 / r->type_speed) : 0;
}

/* Feed the rest of the command and Enter: the command runs now. */
static void type_rest(struct replay *r)
{
	struct panes *p = r->p;
	const char *rest = r->typing + r->typed;
	r->typed = strlen(r->typing);
	while (*rest)
		panes_feed_readline(p, (unsigned char)*rest++);
	panes_feed_readline(p, '\r');
}

static void type_tick(void *arg)
{
	struct replay *r = arg;
	r->timer = 0;
	if (r->held || r->state != RP_TYPING)
		return;
	size_t len = strlen(r->typing);
	if (r->type_speed <= 0 || r->typed == len) {
		type_rest(r);
		return;
	}
	/* One character: all the bytes of a UTF-8 sequence together. */
	long cp;
	size_t n = utf8_next(r->typing + r->typed, len - r->typed, &cp);
	for (size_t i = 0; i < n; i++)
		panes_feed_readline(r->p, (unsigned char)r->typing[r->typed++]);
	/* Spaces go a little quicker, as hands do; the full line stays a
	   moment before Enter. */
	int ms = type_interval(r);
	if (r->typed == len)
		ms = ms * 6 > 300 ? ms * 6 : 300;
	else if (r->typing[r->typed] == ' ')
		ms /= 2;
	schedule(r, ms, type_tick);
}

/* The pause is over (Space, Enter, --pace, or the class's answer). */
static void pause_done(struct replay *r)
{
	unschedule(r);
	r->state = RP_WAITING;
	show_state(r);
	queue_script_skip(r->p->s);
}

static void pace_over(void *arg)
{
	struct replay *r = arg;
	r->timer = 0;
	if (!r->held && r->state == RP_PAUSE)
		pause_done(r);
}

/* The line the session handed over is due: type it, or pause. */
static void advance(void *arg)
{
	struct replay *r = arg;
	r->timer = 0;
	if (r->held || r->state != RP_WAITING || !r->typing ||
	    r->p->s->quit)
		return;
	if (strcmp(r->typing, "pause") == 0) {
		r->state = r->answer ? RP_ANSWER : RP_PAUSE;
		if (r->state == RP_PAUSE && r->pace > 0)
			schedule(r, (int)(r->pace * 1000), pace_over);
		show_state(r);
		return;
	}
	r->state = RP_TYPING;
	r->typed = 0;
	show_state(r);
	schedule(r, type_interval(r), type_tick);
}

/* ---- what the front end calls ------------------------------------------- */

void panes_replay_start(struct panes *p)
{
	struct replay *r = p->replay;
	r->p = p;
	queue_script_typed(p->s, r->name);
	for (size_t i = 0; i < r->n; i++)
		queue_script_add(p->s, r->lines[i].text, r->lines[i].number,
		                 r->lines[i].error);
	r->state = RP_WAITING;
	show_state(r);
}

void panes_replay_type(struct panes *p, const char *line, long number,
                       int answer)
{
	struct replay *r = p->replay;
	if (!r || r->state == RP_OVER)
		return;
	free(r->line);
	r->line = xstrdup(line);
	r->typing = r->line;
	r->typed = 0;
	r->answer = answer;
	for (size_t i = 0; i < r->n; i++)
		if (r->lines[i].number == number)
			r->next = i + 1;
	r->state = RP_WAITING;
	show_state(r);
	if (!r->held)
		schedule(r, r->type_speed <= 0 ? REPLAY_QUICK_MS :
		            r->started ? REPLAY_GAP_MS : REPLAY_START_MS,
		         advance);
	r->started = 1;
}

void panes_replay_over(struct panes *p, const char *why)
{
	if (p->replay && p->replay->state != RP_OVER)
		hand_over(p->replay, why);
}

int panes_replay_active(const struct panes *p)
{
	return p->replay && p->replay->state != RP_OVER;
}

int panes_replay_typing(const struct panes *p)
{
	return panes_replay_active(p) && p->replay->state == RP_TYPING;
}

void panes_replay_line_done(struct panes *p)
{
	struct replay *r = p->replay;
	if (!panes_replay_active(p))
		return;
	if (r->state == RP_ANSWER)
		pause_done(r);       /* the class answered */
	else if (r->state == RP_TYPING)
		r->state = RP_WAITING;
	show_state(r);
}

void panes_replay_hold(struct panes *p)
{
	struct replay *r = p->replay;
	if (!panes_replay_active(p) || r->state == RP_ANSWER)
		return;
	r->held = 1;
	unschedule(r);
	show_state(r);
}

/* An escape sequence during the replay: PgUp and PgDn still scroll. */
static void escape_key(struct replay *r, int c)
{
	if (r->nescape < sizeof r->escape - 1)
		r->escape[r->nescape++] = (char)c;
	r->escape[r->nescape] = '\0';
	if (r->nescape == 1 || (r->nescape == 2 && (c == '[' || c == 'O')))
		return;
	if (!(c >= '@' && c <= '~') || (c >= '0' && c <= '9'))
		return;   /* the sequence goes on */
	if (strcmp(r->escape, "\033[5~") == 0)
		panes_scroll(r->p, -1);
	else if (strcmp(r->escape, "\033[6~") == 0)
		panes_scroll(r->p, 1);
	r->nescape = 0;
}

int panes_replay_key(struct panes *p, int c)
{
	struct replay *r = p->replay;
	if (!panes_replay_active(p) || r->state == RP_ANSWER)
		return 0;     /* readline's */
	if (c == '\033' || r->nescape) {
		if (c == '\033')
			r->nescape = 0;
		escape_key(r, c);
		return 1;
	}
	switch (c) {
	case 'q':
	case 'Q': {
		/* A command half typed is the replay's, not the presenter's. */
		if (r->state == RP_TYPING) {
			rl_replace_line("", 0);
			rl_point = rl_end = 0;
			rl_redisplay();
		}
		int failed = queue_script_failures(r->p->s);
		char *why;
		if (failed)
			/* TRANSLATORS: the script's file name, the line the
			   replay was left at, its number of lines, and how
			   many of its commands failed. */
			why = xasprintf(ngettext("Left the replay of %s at line "
			                         "%zu of %zu; %d command failed. "
			                         "The prompt is yours.",
			                         "Left the replay of %s at line "
			                         "%zu of %zu; %d commands failed. "
			                         "The prompt is yours.",
			                         (unsigned long)failed),
			                r->name, r->next, r->n, failed);
		else
			/* TRANSLATORS: the script's file name, the line the
			   replay was left at, and its number of lines. */
			why = xasprintf(_("Left the replay of %s at line %zu of "
			                  "%zu. The prompt is yours."),
			                r->name, r->next, r->n);
		queue_script_abandon(r->p->s);
		hand_over(r, why);
		free(why);
		break;
	}
	case 'p':
	case 'P':
		r->held = !r->held;
		if (r->held)
			unschedule(r);
		else if (r->state == RP_TYPING)
			schedule(r, type_interval(r), type_tick);
		else if (r->state == RP_WAITING)
			schedule(r, REPLAY_GAP_MS / 2, advance);
		else if (r->state == RP_PAUSE && r->pace > 0)
			schedule(r, (int)(r->pace * 1000), pace_over);
		show_state(r);
		break;
	case ' ':
	case '\r':
	case '\n':
		if (r->held)
			break;
		if (r->state == RP_PAUSE) {
			pause_done(r);
		} else if (r->state == RP_TYPING) {
			unschedule(r);
			type_rest(r);    /* no need to watch it all typed */
		}
		break;
	case '+':
		if (r->type_speed > 0 && r->type_speed < 400)
			r->type_speed *= 1.5;
		show_state(r);
		break;
	case '-':
		if (r->type_speed > 4)
			r->type_speed /= 1.5;
		show_state(r);
		break;
	default:
		show_state(r);
		break;
	}
	p->dirty = 1;
	return 1;
}
