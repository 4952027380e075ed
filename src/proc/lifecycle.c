/* lifecycle.c - the exact record of a run: tasks, names, execs, ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lifecycle.h"
#include "utf8.h"
#include "util.h"

static void task_free(struct lifecycle_task *t)
{
	free(t->names);
	free(t->execs);
}

void lifecycle_free(struct lifecycle *l)
{
	for (size_t i = 0; i < l->ntasks; i++)
		task_free(&l->tasks[i]);
	free(l->tasks);
	memset(l, 0, sizeof *l);
}

void lifecycle_reset(struct lifecycle *l)
{
	lifecycle_free(l);
}

struct lifecycle_task *lifecycle_find(struct lifecycle *l, pid_t id)
{
	/* The latest first: a PID can be used again within a run. */
	for (size_t i = l->ntasks; i-- > 0;)
		if (l->tasks[i].id == id)
			return &l->tasks[i];
	return NULL;
}

const struct lifecycle_task *lifecycle_find_const(const struct lifecycle *l,
                                                  pid_t id)
{
	return lifecycle_find((struct lifecycle *)l, id);
}

static void add_name(struct lifecycle_task *t, double at, const char *name)
{
	if (t->nnames && strcmp(t->names[t->nnames - 1].name, name) == 0)
		return;
	if (t->nnames == LIFECYCLE_MAX_NAMES)
		return;
	t->names = xrealloc(t->names, (t->nnames + 1) * sizeof *t->names);
	struct lifecycle_name *n = &t->names[t->nnames++];
	n->at = at;
	snprintf(n->name, sizeof n->name, "%s", name);
}

struct lifecycle_task *lifecycle_birth(struct lifecycle *l, pid_t id,
                                       pid_t process, pid_t parent,
                                       double at, const char *name)
{
	struct lifecycle_task *old = lifecycle_find(l, id);
	if (old && old->ended < 0)
		return old;                 /* told twice: the first stands */
	if (l->ntasks == LIFECYCLE_MAX_TASKS) {
		l->dropped++;
		return NULL;
	}
	l->tasks = xrealloc(l->tasks, (l->ntasks + 1) * sizeof *l->tasks);
	struct lifecycle_task *t = &l->tasks[l->ntasks++];
	memset(t, 0, sizeof *t);
	t->id = id;
	t->process = process;
	t->parent = parent;
	t->is_thread = process != id;
	t->born = at;
	t->ended = -1;
	t->adopted_end = -1;
	t->status = -1;
	add_name(t, at, name && *name ? name : "?");
	return t;
}

void lifecycle_rename(struct lifecycle *l, pid_t id, double at,
                      const char *name)
{
	struct lifecycle_task *t = lifecycle_find(l, id);
	if (t && t->ended < 0 && name && *name)
		add_name(t, at, name);
}

void lifecycle_exec(struct lifecycle *l, pid_t id, double at,
                    const char *program, const char *name)
{
	struct lifecycle_task *t = lifecycle_find(l, id);
	if (!t || t->ended >= 0)
		return;
	if (t->nexecs < LIFECYCLE_MAX_EXECS) {
		t->execs = xrealloc(t->execs, (t->nexecs + 1) *
		                              sizeof *t->execs);
		struct lifecycle_exec *e = &t->execs[t->nexecs++];
		e->at = at;
		snprintf(e->program, sizeof e->program, "%s", program);
	}
	if (name && *name)
		add_name(t, at, name);
}

void lifecycle_end(struct lifecycle *l, pid_t id, double at, int status)
{
	struct lifecycle_task *t = lifecycle_find(l, id);
	if (!t || t->ended >= 0)
		return;
	t->ended = at;
	t->status = status;
}

const char *lifecycle_name_at(const struct lifecycle_task *t, double at)
{
	const char *name = t->nnames ? t->names[0].name : "?";
	for (size_t i = 1; i < t->nnames && t->names[i].at <= at; i++)
		name = t->names[i].name;
	return name;
}

const char *lifecycle_last_name(const struct lifecycle_task *t)
{
	return t->nnames ? t->names[t->nnames - 1].name : "?";
}

const char *lifecycle_how(const struct lifecycle_task *t, char *buf,
                          size_t size)
{
	if (t->ended < 0)
		snprintf(buf, size, "%s", "");
	else if (t->status >= 0 && WIFEXITED(t->status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(t->status));
	else if (t->status >= 0 && WIFSIGNALED(t->status))
		snprintf(buf, size, "signal %d", WTERMSIG(t->status));
	else
		snprintf(buf, size, "%s", "ended");
	return buf;
}

/* ---- the trace file ----------------------------------------------------- */

/* s as a JSON string: quotes, backslashes and control characters escaped,
   a byte that is not UTF-8 (a task's name can hold any) replaced. */
static void json_string(struct strbuf *o, const char *s)
{
	strbuf_adds(o, "\"");
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;
		if (c == '"' || c == '\\') {
			strbuf_addf(o, "\\%c", c);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			strbuf_addf(o, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			strbuf_add(o, s + i, 1);
			i++;
		} else {
			int len = utf8_sequence((const unsigned char *)s + i,
			                        n - i, &cp);
			if (len > 0) {
				strbuf_add(o, s + i, (size_t)len);
				i += (size_t)len;
			} else {
				strbuf_adds(o, "\\ufffd");
				i++;
			}
		}
	}
	strbuf_adds(o, "\"");
}

/* The opening of one event: {"ph":"X","name":NAME,"pid":P,"tid":T */
static void event(struct strbuf *o, const char *ph, const char *name,
                  const struct lifecycle_task *t)
{
	/* A comma before every event but the first. */
	strbuf_addf(o, "%s\n{\"ph\":\"%s\",\"name\":",
	            o->len == 0 || o->buf[o->len - 1] == '[' ? "" : ",", ph);
	json_string(o, name);
	strbuf_addf(o, ",\"pid\":%d,\"tid\":%d", (int)t->process, (int)t->id);
}

void lifecycle_trace_events(const struct lifecycle *l, double offset,
                            struct strbuf *o)
{
	double end_of_run = l->length;
	for (size_t i = 0; i < l->ntasks; i++) {
		const struct lifecycle_task *t = &l->tasks[i];
		char how[32];
		/* Names for the tracks: a process's, and each thread's. */
		if (!t->is_thread) {
			event(o, "M", "process_name", t);
			strbuf_adds(o, ",\"args\":{\"name\":");
			char label[96];
			snprintf(label, sizeof label, "%s (%s)",
			         lifecycle_last_name(t), l->run);
			json_string(o, label);
			strbuf_addf(o, "}}");
		}
		event(o, "M", "thread_name", t);
		strbuf_adds(o, ",\"args\":{\"name\":");
		json_string(o, lifecycle_last_name(t));
		strbuf_adds(o, "}}");
		/* Its life, one slice per name it had. */
		double end = t->ended >= 0 ? t->ended : end_of_run;
		for (size_t k = 0; k < t->nnames; k++) {
			double from = k ? t->names[k].at : t->born;
			double to = k + 1 < t->nnames ? t->names[k + 1].at : end;
			if (to < from)
				to = from;
			event(o, "X", t->names[k].name, t);
			strbuf_addf(o, ",\"cat\":\"%s\",\"ts\":%.1f,\"dur\":%.1f,"
			            "\"args\":{\"parent\":%d}}",
			            t->is_thread ? "thread" : "process",
			            (offset + from) * 1e6, (to - from) * 1e6,
			            (int)t->parent);
		}
		for (size_t e = 0; e < t->nexecs; e++) {
			char name[96];
			snprintf(name, sizeof name, "exec %s",
			         t->execs[e].program);
			event(o, "i", name, t);
			strbuf_addf(o, ",\"s\":\"t\",\"ts\":%.1f}",
			            (offset + t->execs[e].at) * 1e6);
		}
		if (t->ended >= 0) {
			event(o, "i", lifecycle_how(t, how, sizeof how), t);
			strbuf_addf(o, ",\"s\":\"t\",\"ts\":%.1f}",
			            (offset + t->ended) * 1e6);
		}
	}
}

char *lifecycle_trace_document(const char *events, const char *title,
                               int exact)
{
	struct strbuf o = { 0 };
	strbuf_adds(&o, "{\"traceEvents\":[");
	strbuf_adds(&o, events);
	strbuf_adds(&o, "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{"
	                "\"writer\":\"forklore\",\"runs\":");
	json_string(&o, title);
	strbuf_addf(&o, ",\"exact\":%s}}\n", exact ? "true" : "false");
	return o.buf;
}

char *lifecycle_trace_json(const struct lifecycle *l, const char *title)
{
	struct strbuf events = { 0 };
	lifecycle_trace_events(l, 0, &events);
	char *doc = lifecycle_trace_document(events.buf ? events.buf : "",
	                                     title, l->traced);
	strbuf_free(&events);
	return doc;
}
