/* lifecycle.c - the exact record of a run: tasks, names, execs, ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lifecycle.h"
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
	int traced = l->traced;
	lifecycle_free(l);
	l->traced = traced;
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
