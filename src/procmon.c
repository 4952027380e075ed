/* procmon.c - read a process tree and its threads from /proc.
 *
 * Everything is read relative to a directory fd, so tests can point the
 * reader at a fixture tree. Children come from PID/task/TID/children when
 * the kernel has it (cost grows with the tree, not with the whole system);
 * otherwise every PID's stat is read once and linked by parent PID. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procmon.h"

#define MAX_DEPTH 64
#define STAT_BUFFER 1024

/* ---- parsing ---------------------------------------------------------- */

/* Parse a decimal number at *p (before end); advances *p past it and one
   following blank. Returns 0, or -1 if there is no number. */
static int next_number(const char **p, const char *end, long long *out)
{
	const char *s = *p;
	int negative = 0;
	if (s < end && *s == '-') {
		negative = 1;
		s++;
	}
	if (s >= end || *s < '0' || *s > '9')
		return -1;
	long long v = 0;
	while (s < end && *s >= '0' && *s <= '9') {
		if (v < 100000000000000000LL)
			v = v * 10 + (*s - '0');
		s++;
	}
	if (s < end && *s != ' ' && *s != '\n')
		return -1;
	if (s < end)
		s++;
	*out = negative ? -v : v;
	*p = s;
	return 0;
}

/* Skip n blank-separated fields at *p; -1 if the text ends first. */
static int skip_fields(const char **p, const char *end, int n)
{
	const char *s = *p;
	while (n-- > 0) {
		while (s < end && *s != ' ')
			s++;
		if (s >= end)
			return -1;
		s++;
	}
	*p = s;
	return 0;
}

int procmon_parse_stat(const char *buf, size_t len, struct procmon_stat *out)
{
	const char *end = buf + len, *p = buf;
	const char *open = memchr(buf, '(', len);
	const char *close = NULL;
	for (const char *s = end; s > buf; s--)
		if (s[-1] == ')') {
			close = s - 1;
			break;
		}
	if (!open || !close || close < open || end - close < 4)
		return -1;
	long long pid;
	if (next_number(&p, open, &pid) != 0 || pid <= 0 || p != open)
		return -1;
	struct procmon_stat st;
	memset(&st, 0, sizeof st);
	st.pid = (pid_t)pid;
	size_t nlen = (size_t)(close - open - 1);
	if (nlen > PROCMON_NAME_SIZE - 1)
		nlen = PROCMON_NAME_SIZE - 1;
	memcpy(st.name, open + 1, nlen);
	/* After the name: ") S ppid pgrp session ..." */
	p = close + 1;
	if (*p++ != ' ' || p >= end)
		return -1;
	st.state = *p++;
	if (p >= end || *p++ != ' ')
		return -1;
	long long ppid, pgid, sid, threads, start;
	if (next_number(&p, end, &ppid) || next_number(&p, end, &pgid) ||
	    next_number(&p, end, &sid))
		return -1;
	/* tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
	   cutime cstime priority nice: 13 fields, then num_threads. */
	if (skip_fields(&p, end, 13) || next_number(&p, end, &threads))
		return -1;
	/* itrealvalue, then starttime. */
	if (skip_fields(&p, end, 1) || next_number(&p, end, &start))
		return -1;
	st.ppid = (pid_t)ppid;
	st.pgid = (pid_t)pgid;
	st.sid = (pid_t)sid;
	st.num_threads = (long)threads;
	st.starttime = (unsigned long long)start;
	*out = st;
	return 0;
}

/* ---- reading ---------------------------------------------------------- */

/* Read a small file relative to dirfd into buf; its length or -1. */
static ssize_t read_small(int dirfd, const char *path, char *buf, size_t size)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t total = 0;
	while ((size_t)total < size) {
		ssize_t n = read(fd, buf + total, size - (size_t)total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += n;
	}
	close(fd);
	return total;
}

static int read_stat(int procfd, const char *path, struct procmon_stat *st)
{
	char buf[STAT_BUFFER];
	ssize_t n = read_small(procfd, path, buf, sizeof buf);
	return n > 0 ? procmon_parse_stat(buf, (size_t)n, st) : -1;
}

/* A growing list of PIDs. */
struct pids {
	pid_t *v;
	size_t n, size;
};

static int pids_add(struct pids *l, pid_t pid)
{
	if (l->n == l->size) {
		size_t size = l->size ? l->size * 2 : 16;
		pid_t *v = realloc(l->v, size * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->size = size;
	}
	l->v[l->n++] = pid;
	return 0;
}

static int compare_pids(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return x < y ? -1 : x > y;
}

/* The numeric entries of a directory (relative to dirfd), sorted. */
static int list_numeric(int dirfd, const char *path, struct pids *out)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(dir)) != NULL) {
		char *endp;
		long v = strtol(e->d_name, &endp, 10);
		if (*endp || v <= 0 || e->d_name[0] == '-' || e->d_name[0] == '+')
			continue;
		if (pids_add(out, (pid_t)v) != 0) {
			rc = -1;
			break;
		}
	}
	closedir(dir);
	qsort(out->v, out->n, sizeof *out->v, compare_pids);
	return rc;
}

/* The threads of pid from its task folder: main thread, then by TID. */
static int read_threads(int procfd, pid_t pid, struct procmon_proc *proc)
{
	char path[64];
	struct pids tids = { 0 };
	snprintf(path, sizeof path, "%d/task", (int)pid);
	if (list_numeric(procfd, path, &tids) != 0 && !tids.n) {
		free(tids.v);
		return errno == ENOMEM ? -1 : 0;
	}
	proc->threads = calloc(tids.n ? tids.n : 1, sizeof *proc->threads);
	if (!proc->threads) {
		free(tids.v);
		return -1;
	}
	/* The main thread's TID is the PID: put it first. */
	for (size_t i = 0; i < tids.n; i++) {
		if (tids.v[i] == pid && i > 0) {
			memmove(tids.v + 1, tids.v, i * sizeof *tids.v);
			tids.v[0] = pid;
		}
	}
	for (size_t i = 0; i < tids.n; i++) {
		struct procmon_stat st;
		snprintf(path, sizeof path, "%d/task/%d/stat", (int)pid,
		         (int)tids.v[i]);
		if (read_stat(procfd, path, &st) != 0)
			continue;   /* the thread ended meanwhile */
		struct procmon_thread *t = &proc->threads[proc->nthreads++];
		t->tid = tids.v[i];
		t->state = st.state;
		memcpy(t->name, st.name, sizeof t->name);
	}
	free(tids.v);
	return 0;
}

/* Children of pid from every PID/task/TID/children file; -1 with errno
   ENOENT when the kernel has no such files. */
static int children_from_files(int procfd, pid_t pid, struct pids *out)
{
	char path[64];
	struct pids tids = { 0 };
	snprintf(path, sizeof path, "%d/task", (int)pid);
	if (list_numeric(procfd, path, &tids) != 0 && !tids.n) {
		free(tids.v);
		return 0;   /* gone: no children */
	}
	int found_file = 0;
	for (size_t i = 0; i < tids.n; i++) {
		char buf[4096];
		snprintf(path, sizeof path, "%d/task/%d/children", (int)pid,
		         (int)tids.v[i]);
		ssize_t n = read_small(procfd, path, buf, sizeof buf - 1);
		if (n < 0)
			continue;
		found_file = 1;
		buf[n] = '\0';
		for (char *s = buf, *e; *s; s = e) {
			long v = strtol(s, &e, 10);
			if (e == s)
				break;
			if (v > 0 && pids_add(out, (pid_t)v) != 0) {
				free(tids.v);
				return -1;
			}
		}
	}
	free(tids.v);
	if (!found_file && tids.n) {
		errno = ENOENT;
		return -1;
	}
	qsort(out->v, out->n, sizeof *out->v, compare_pids);
	return 0;
}

/* Without children files: every PID's stat, kept for linking. */
struct everyone {
	struct procmon_stat *v;
	size_t n;
};

static int read_everyone(int procfd, struct everyone *all)
{
	struct pids pids = { 0 };
	if (list_numeric(procfd, ".", &pids) != 0 && !pids.n) {
		free(pids.v);
		return errno == ENOMEM ? -1 : 0;
	}
	all->v = calloc(pids.n ? pids.n : 1, sizeof *all->v);
	if (!all->v) {
		free(pids.v);
		return -1;
	}
	for (size_t i = 0; i < pids.n; i++) {
		char path[32];
		snprintf(path, sizeof path, "%d/stat", (int)pids.v[i]);
		if (read_stat(procfd, path, &all->v[all->n]) == 0)
			all->n++;
	}
	free(pids.v);
	return 0;
}

/* The state of one scan. */
struct scan {
	int procfd;
	int use_files;             /* children files work */
	struct everyone all;       /* when they do not */
	struct procmon_tree *tree;
	size_t size;
};

static int children_of(struct scan *sc, pid_t pid, struct pids *out)
{
	if (sc->use_files) {
		if (children_from_files(sc->procfd, pid, out) == 0)
			return 0;
		if (errno != ENOENT)
			return -1;
		sc->use_files = 0;
		if (read_everyone(sc->procfd, &sc->all) != 0)
			return -1;
	}
	for (size_t i = 0; i < sc->all.n; i++)
		if (sc->all.v[i].ppid == pid && pids_add(out, sc->all.v[i].pid))
			return -1;
	return 0;
}

static int seen(const struct procmon_tree *tree, pid_t pid)
{
	for (size_t i = 0; i < tree->nprocs; i++)
		if (tree->procs[i].pid == pid)
			return 1;
	return 0;
}

/* Add pid (if add is set) and, depth first, everything under it. */
static int visit(struct scan *sc, pid_t pid, int depth, int add)
{
	struct procmon_tree *tree = sc->tree;
	if (depth > MAX_DEPTH || (add && seen(tree, pid)))
		return 0;
	if (add) {
		struct procmon_stat st;
		char path[32];
		snprintf(path, sizeof path, "%d/stat", (int)pid);
		if (read_stat(sc->procfd, path, &st) != 0)
			return 0;   /* vanished */
		if (tree->nprocs == sc->size) {
			size_t size = sc->size ? sc->size * 2 : 16;
			struct procmon_proc *v =
			    realloc(tree->procs, size * sizeof *v);
			if (!v)
				return -1;
			tree->procs = v;
			sc->size = size;
		}
		struct procmon_proc *p = &tree->procs[tree->nprocs++];
		memset(p, 0, sizeof *p);
		p->pid = st.pid;
		p->ppid = st.ppid;
		p->pgid = st.pgid;
		p->state = st.state;
		p->depth = depth;
		memcpy(p->name, st.name, sizeof p->name);
		if (read_threads(sc->procfd, pid, p) != 0)
			return -1;
	}
	struct pids kids = { 0 };
	if (children_of(sc, pid, &kids) != 0) {
		free(kids.v);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < kids.n && rc == 0; i++)
		rc = visit(sc, kids.v[i], add ? depth + 1 : depth, 1);
	free(kids.v);
	return rc;
}

int procmon_scan(int procfd, pid_t root, int include_root,
                 struct procmon_tree *tree)
{
	memset(tree, 0, sizeof *tree);
	struct scan sc = { procfd, 1, { NULL, 0 }, tree, 0 };
	char path[32];
	snprintf(path, sizeof path, "%d/stat", (int)root);
	struct procmon_stat st;
	int rc = 0;
	if (read_stat(procfd, path, &st) == 0)
		rc = visit(&sc, root, 0, include_root);
	free(sc.all.v);
	if (rc != 0) {
		procmon_tree_free(tree);
		errno = ENOMEM;
	}
	return rc;
}

void procmon_tree_free(struct procmon_tree *tree)
{
	for (size_t i = 0; i < tree->nprocs; i++)
		free(tree->procs[i].threads);
	free(tree->procs);
	memset(tree, 0, sizeof *tree);
}
