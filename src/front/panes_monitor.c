/* panes_monitor.c - the monitor pane: the demo's processes and threads
 * read from /proc ten times a second while it runs; what just appeared
 * stands out, what just ended stays a moment. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "panes_impl.h"
#include "wrap.h"

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

/* A thread just born, still under the name it inherited from the thread
   that made it: its row waits a moment (50 ms, enough on a busy machine)
   for the name it gives itself, so a new thread is never shown as its
   creator (thread MainThread). */
#define UNNAMED_GRACE 0.05

static int unnamed_yet(const struct panes *p, pid_t tid)
{
	const struct lifecycle *rec = session_record(p->s);
	const struct lifecycle_task *t = lifecycle_find_const(rec, tid);
	if (!t)          /* born since the tracer last looked: just now */
		return rec->traced;
	return t->is_thread && t->nnames == 1 && t->ended < 0 &&
	       monotonic_seconds() - rec->started - t->born < UNNAMED_GRACE;
}

/* Read the demo's tree and note what appeared and what went. */
void panes_monitor_scan(struct panes *p)
{
	long long now = monotonic_ms();
	procmon_tree_free(&p->tree);
	if (p->root) {
		session_scan_demo(p->s, &p->tree);
		timeline_tick(&p->timeline, &p->tree);
	}
	for (size_t i = 0; i < p->nseen; i++)
		if (!p->seen[i].gone_ms)
			p->seen[i].gone_ms = -1;   /* unless seen again below */
	for (size_t i = 0; i < p->tree.nprocs; i++) {
		const struct procmon_proc *pr = &p->tree.procs[i];
		sighting_note(p, pr->pid, 0, pr->pid, pr, now);
		sighting_find(p, pr->pid, 0)->escaped =
		    session_escaped(p->s, pr);
		for (size_t t = 1; t < pr->nthreads; t++) {
			if (unnamed_yet(p, pr->threads[t].tid))
				continue;
			struct procmon_proc th = *pr;
			th.state = pr->threads[t].state;
			memcpy(th.name, pr->threads[t].name, sizeof th.name);
			sighting_note(p, pr->threads[t].tid, 1, pr->pid, &th,
			              now);
		}
	}
	/* What the record holds that no scan caught (it lived between two):
	   a row too, marked as ended, for as long as other ended rows. */
	const struct lifecycle *rec = session_record(p->s);
	if (p->nrecord_done < rec->ntasks) {
		p->record_done = xrealloc(p->record_done, rec->ntasks);
		memset(p->record_done + p->nrecord_done, 0,
		       rec->ntasks - p->nrecord_done);
		p->nrecord_done = rec->ntasks;
	}
	for (size_t i = 0; i < rec->ntasks; i++) {
		const struct lifecycle_task *t = &rec->tasks[i];
		if (p->record_done[i] || t->ended < 0)
			continue;
		p->record_done[i] = 1;
		if (sighting_find(p, t->id, t->is_thread))
			continue;
		struct procmon_proc pr = { .pid = t->id, .ppid = t->parent,
		                           .state = 'X' };
		snprintf(pr.name, sizeof pr.name, "%s",
		         lifecycle_last_name(t));
		sighting_note(p, t->id, t->is_thread,
		              t->is_thread ? t->process : t->id, &pr, now);
		sighting_find(p, t->id, t->is_thread)->gone_ms = now;
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
	long long now = monotonic_ms();
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i].gone_ms || now - p->seen[i].first_ms < FRESH_MS)
			return 1;
	return 0;
}

static void on_monitor_timer(void *arg)
{
	struct panes *p = arg;
	p->monitor_timer = 0;
	panes_monitor_scan(p);
	if (p->root || monitor_fresh(p))
		p->monitor_timer = loop_add_timer(p->s->loop, MONITOR_MS,
		                                  on_monitor_timer, p);
}

void panes_monitor_start(struct panes *p)
{
	if (!p->monitor_timer)
		p->monitor_timer = loop_add_timer(p->s->loop, 0,
		                                  on_monitor_timer, p);
}

/* One monitor row: a process or a thread. */
static void draw_monitor_row(struct panes *p, WINDOW *w, int row,
                             const struct sighting *s, int depth)
{
	long long now = monotonic_ms();
	attr_t a = panes_pid_attr(p, s->owner);
	if (s->gone_ms)
		a = A_DIM;
	else if (now - s->first_ms < FRESH_MS)
		a |= A_BOLD | A_REVERSE;
	/* What has ended shows X (as ps calls a dead task), not the state
	   it was last seen in: the mark sits left, where it is never cut. */
	char state = s->gone_ms ? 'X' : s->proc.state;
	const char *name = s->proc.name;
	/* How it ended, from the record: "exit 0", "signal 15". */
	char how[40] = "", said[32];
	const struct lifecycle_task *t =
	    lifecycle_find_const(session_record(p->s), s->id);
	if (s->gone_ms)
		snprintf(how, sizeof how, "  (%s)", t && t->ended >= 0 ?
		         lifecycle_how(t, said, sizeof said) :
		         s->is_thread ? _("ended") : _("exited"));
	if (s->gone_ms && t)
		name = lifecycle_last_name(t);   /* its name when it ended */
	char text[256];
	if (s->is_thread)
		/* TRANSLATORS: a thread's row in the monitor: its PID/TID,
		   PPID and state columns, its indent, then "thread NAME". */
		snprintf(text, sizeof text, _("%7d %7s %c  %*s thread %s%s"),
		         (int)s->id, "", state, depth * 2, "", name, how);
	else
		snprintf(text, sizeof text, "%7d %7d %c  %*s%s%s%s%s",
		         (int)s->id, (int)s->proc.ppid, state,
		         depth * 2, "", name,
		         s->proc.state == 'Z' && !s->gone_ms ?
		         _(" <defunct>") : "",
		         s->escaped ? _("  (escaped)") : "", how);
	wmove(w, row, 1);
	wattron(w, a);
	int cols = getmaxx(w) - 2;
	size_t len = strlen(text);
	if ((int)wrap_width(text, len) > cols && cols > 1) {
		/* Cut, with a mark that says so. */
		panes_put_text(w, text, len, cols - 1);
		waddch(w, '>');
	} else {
		panes_put_text(w, text, len, cols);
	}
	wattroff(w, a);
}

/* The last row says how many rows did not fit. */
static void draw_more(WINDOW *w, int row, size_t more)
{
	char text[160];
	/* TRANSLATORS: the monitor's last row, below the PID column;
	   'zoom monitor' is a command. */
	snprintf(text, sizeof text, _("%7s +%zu more (zoom monitor)"), "",
	         more);
	wmove(w, row, 1);
	wattron(w, A_BOLD);
	panes_put_text(w, text, strlen(text), getmaxx(w) - 2);
	wattroff(w, A_BOLD);
}

/* The chart of who lived when, from row on, if there is room. */
static void draw_timeline(struct panes *p, WINDOW *w, int row)
{
	const struct timeline *t = &p->timeline;
	int rows = getmaxy(w), cols = getmaxx(w) - 2;
	if (t->ntracks == 0 || row + 2 > rows || cols < 30)
		return;
	char head[160];
	if (t->exact)
		/* TRANSLATORS: the key of the timeline's marks; keep the
		   marks # = z - as they are drawn. */
		snprintf(head, sizeof head, _("timeline, %.*f s, every task: "
		         "# running  = waiting  z zombie  - alive"),
		         t->seconds < 0.1 ? 3 : 1, t->seconds);
	else
		snprintf(head, sizeof head, _("timeline, %.1f s: # running  = "
		         "waiting  z zombie"), t->seconds);
	wmove(w, row++, 1);
	wattron(w, A_BOLD);
	panes_put_text(w, head, strlen(head), cols);
	wattroff(w, A_BOLD);
	char label[96], chart[512];
	int width = cols - 16 < (int)sizeof chart - 1 ? cols - 16 :
	            (int)sizeof chart - 1;
	for (size_t i = 0; i < t->ntracks && row < rows; i++) {
		const struct timeline_track *tr = &t->tracks[i];

		/* A live row goes by the name the record knows last: a
		   thread that renamed itself and ended between two samples
		   was only ever sampled under its creator's name. */
		const char *shown = tr->name;
		const struct lifecycle_task *task = t->exact ? NULL :
		    lifecycle_find_const(session_record(p->s), tr->id);
		if (task && task->nnames > 0)
			shown = lifecycle_last_name(task);
		/* Padded by columns, so the charts line up whatever the
		   names' script. */
		snprintf(label, sizeof label, "%*s", tr->depth, "");
		wrap_fit_name(label + strlen(label), sizeof label - strlen(label),
		              shown, 15 - tr->depth);
		timeline_render(t, i, chart, width);
		wmove(w, row++, 1);
		wattron(w, panes_pid_attr(p, tr->owner));
		panes_put_text(w, label, strlen(label), 15);
		wattroff(w, panes_pid_attr(p, tr->owner));
		waddch(w, ' ');
		panes_put_text(w, chart, strlen(chart), width);
	}
}

void panes_draw_monitor(struct panes *p, WINDOW *w)
{
	werase(w);
	panes_draw_header(p, w, _("Monitor"), p->root ? _("live from /proc") :
	            _("(runs while a demo runs)"));
	int row = 1, rows = getmaxy(w);
	if (p->nseen == 0 && !p->root) {
		draw_timeline(p, w, 1);
		return;
	}
	wmove(w, row++, 1);
	wattron(w, A_BOLD);
	/* TRANSLATORS: the monitor's column heads, over "%7d %7d %c  ":
	   the PID/TID, the parent's PID, the state letter, the name. */
	const char *head = _("PID/TID    PPID S  NAME");
	panes_put_text(w, head, strlen(head), getmaxx(w) - 2);
	wattroff(w, A_BOLD);
	/* The rows: live processes in tree order, each with its other
	   threads, then what has just gone. When they do not all fit, the
	   last row says how many did not. */
	const struct sighting *list[256];
	int depth[256];
	size_t n = 0, total = 0;
	for (size_t i = 0; i < p->tree.nprocs; i++) {
		const struct procmon_proc *pr = &p->tree.procs[i];
		for (size_t t = 0; t < pr->nthreads || t == 0; t++) {
			const struct sighting *s = t == 0 ?
			    sighting_find(p, pr->pid, 0) :
			    sighting_find(p, pr->threads[t].tid, 1);
			if (!s)
				continue;
			total++;
			if (n < 256) {
				list[n] = s;
				depth[n++] = pr->depth + (t > 0);
			}
		}
	}
	for (size_t i = 0; i < p->nseen; i++) {
		if (!p->seen[i].gone_ms)
			continue;
		total++;
		if (n < 256) {
			list[n] = &p->seen[i];
			depth[n++] = 0;
		}
	}
	int room = rows - row;
	size_t shown = total <= (size_t)room ? n :
	               room > 1 ? (size_t)room - 1 : 0;
	if (shown > n)
		shown = n;
	for (size_t i = 0; i < shown; i++)
		draw_monitor_row(p, w, row++, list[i], depth[i]);
	if (shown < total && row < rows)
		draw_more(w, row++, total - shown);
	draw_timeline(p, w, row + 1);
}

