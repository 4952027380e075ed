/* procmon.c - read a process tree and its threads from /proc, by directory fd;
 * and signal what it finds below this process. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procmon.h"

#define MAX_DEPTH 64          /* processes this deep or deeper are left out */
#define STAT_BUFFER 2048      /* a stat line is about 300 bytes */
#define CHILDREN_CHUNK 512    /* children files are read in pieces this big */
#define PATH_BUFFER 48        /* "PID/task/TID/children" and shorter */

/* ---- parsing a stat line ------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A read position in a stat line; p never passes end. */
struct cursor {
	const char *p;
	const char *end;
};

/* Consume exactly one blank. */
static int take_blank(struct cursor *c)
{
	if (c->p == c->end || *c->p != ' ')
		return -1;
	c->p++;
	return 0;
}

/* Whether a field ends here. A number running into the end of the text may
   have been cut short, so it does not count as ended. */
static int field_ends(const struct cursor *c)
{
	return c->p < c->end && (*c->p == ' ' || *c->p == '\n');
}

/* A decimal number no larger than max, followed by a separator. */
static int take_unsigned(struct cursor *c, unsigned long long max,
                         unsigned long long *out)
{
	unsigned long long v = 0;
	if (c->p == c->end || !is_digit(*c->p))
		return -1;
	while (c->p < c->end && is_digit(*c->p)) {
		unsigned d = (unsigned)(*c->p++ - '0');
		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return field_ends(c) ? 0 : -1;
}

/* A blank, then a field as in take_unsigned. */
static int next_unsigned(struct cursor *c, unsigned long long max,
                         unsigned long long *out)
{
	return take_blank(c) ? -1 : take_unsigned(c, max, out);
}

/* Skip n blank-separated integer fields (any size, maybe negative). */
static int skip_fields(struct cursor *c, int n)
{
	while (n-- > 0) {
		if (take_blank(c))
			return -1;
		if (c->p < c->end && *c->p == '-')
			c->p++;
		if (c->p == c->end || !is_digit(*c->p))
			return -1;
		while (c->p < c->end && is_digit(*c->p))
			c->p++;
		if (!field_ends(c))
			return -1;
	}
	return 0;
}

/* The fields after the name: " S ppid pgrp session", 13 we skip,
   num_threads, itrealvalue, starttime. */
static int parse_after_name(struct cursor *c, struct procmon_stat *st)
{
	unsigned long long ppid, pgid, sid, threads, start;
	if (take_blank(c) || c->p == c->end || !is_letter(*c->p))
		return -1;
	st->state = *c->p++;
	if (next_unsigned(c, INT_MAX, &ppid) ||
	    next_unsigned(c, INT_MAX, &pgid) ||
	    next_unsigned(c, INT_MAX, &sid) ||
	    skip_fields(c, 13) ||
	    next_unsigned(c, LONG_MAX, &threads) ||
	    skip_fields(c, 1) ||
	    next_unsigned(c, ULLONG_MAX, &start))
		return -1;
	st->ppid = (pid_t)ppid;
	st->pgid = (pid_t)pgid;
	st->sid = (pid_t)sid;
	st->num_threads = (long)threads;
	st->starttime = start;
	return 0;
}

/* Copy the name between from and to, cut to what the kernel keeps. */
static void copy_name(char *name, const char *from, const char *to)
{
	size_t n = (size_t)(to - from);
	if (n > PROCMON_NAME_SIZE - 1)
		n = PROCMON_NAME_SIZE - 1;
	memcpy(name, from, n);
	name[n] = '\0';
}

/* "PID (NAME) S ppid ...": see procmon.h. Pure; never reads past len. */
int procmon_parse_stat(const char *buf, size_t len, struct procmon_stat *out)
{
	struct procmon_stat st;
	unsigned long long pid;
	if (!buf || !out)
		return -1;
	struct cursor c = { buf, buf + len };
	if (take_unsigned(&c, INT_MAX, &pid) || pid == 0 || take_blank(&c) ||
	    c.p == c.end || *c.p != '(')
		return -1;
	const char *name = c.p + 1;
	const char *close = memrchr(name, ')', (size_t)(c.end - name));
	if (!close)
		return -1;
	memset(&st, 0, sizeof st);
	st.pid = (pid_t)pid;
	copy_name(st.name, name, close);
	c.p = close + 1;
	if (parse_after_name(&c, &st))
		return -1;
	*out = st;
	return 0;
}

/* ---- small containers ---------------------------------------------------- */

/* Room for index n in an array of elem-byte items, doubling; the (maybe
   moved) array, or NULL when out of memory with the old one untouched. */
static void *grow(void *array, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return array;
	size_t want = *cap ? *cap * 2 : 8;
	if (want > SIZE_MAX / elem)
		return NULL;
	void *moved = realloc(array, want * elem);
	if (moved)
		*cap = want;
	return moved;
}

/* A growing list of PIDs. */
struct pidlist {
	pid_t *v;
	size_t n, cap;
};

/* Append pid; -1 when out of memory. */
static int pidlist_push(struct pidlist *l, pid_t pid)
{
	pid_t *v = grow(l->v, &l->cap, l->n, sizeof *v);
	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = pid;
	return 0;
}

/* qsort order for PIDs, ascending. */
static int compare_pids(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

/* Sort by PID and drop repeats (two threads may list the same child). */
static void pidlist_sort_unique(struct pidlist *l)
{
	if (l->n < 2)
		return;
	qsort(l->v, l->n, sizeof *l->v, compare_pids);
	size_t kept = 1;
	for (size_t i = 1; i < l->n; i++)
		if (l->v[i] != l->v[kept - 1])
			l->v[kept++] = l->v[i];
	l->n = kept;
}

/* An open-addressing set of PIDs (0 marks a free slot): O(1) "seen yet?". */
struct pidset {
	pid_t *slot;
	size_t cap, count;   /* cap is a power of two */
};

/* Put pid into the slots without growing them; 1 if new, 0 if there. */
static int pidset_place(pid_t *slot, size_t cap, pid_t pid)
{
	size_t i = ((uint32_t)pid * 2654435761u) & (cap - 1);
	while (slot[i] != 0) {
		if (slot[i] == pid)
			return 0;
		i = (i + 1) & (cap - 1);
	}
	slot[i] = pid;
	return 1;
}

/* Double the table (64 slots to start) and place every PID again. */
static int pidset_grow(struct pidset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	pid_t *slot = cap < SIZE_MAX / sizeof *slot ?
	              calloc(cap, sizeof *slot) : NULL;
	if (!slot)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i] != 0)
			pidset_place(slot, cap, s->slot[i]);
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return 0;
}

/* Add pid (> 0): 1 if it is new, 0 if it was there, -1 out of memory. */
static int pidset_insert(struct pidset *s, pid_t pid)
{
	if ((s->count + 1) * 2 > s->cap && pidset_grow(s) != 0)
		return -1;
	int fresh = pidset_place(s->slot, s->cap, pid);
	s->count += (size_t)fresh;
	return fresh;
}

/* ---- paths and files ----------------------------------------------------- */

/* A relative path such as "PID/task/TID/children", built without stdio. */
struct path {
	char s[PATH_BUFFER];
	size_t n;
};

/* Append "/name" (or "name" to an empty path); never overflows. */
static void path_add(struct path *p, const char *name)
{
	size_t len = strlen(name), sep = p->n > 0;
	if (p->n + sep + len >= sizeof p->s)
		return;
	if (sep)
		p->s[p->n++] = '/';
	memcpy(p->s + p->n, name, len + 1);
	p->n += len;
}

/* Append a PID component in decimal. */
static void path_add_pid(struct path *p, pid_t pid)
{
	char digits[16];
	size_t i = sizeof digits - 1;
	unsigned v = (unsigned)pid;
	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	path_add(p, digits + i);
}

/* The path "PID" or "PID/leaf". */
static struct path pid_path(pid_t pid, const char *leaf)
{
	struct path p = { .n = 0 };
	p.s[0] = '\0';
	path_add_pid(&p, pid);
	if (leaf)
		path_add(&p, leaf);
	return p;
}

/* The PID a directory entry's name stands for, or 0 if not all digits. */
static pid_t pid_from_name(const char *s)
{
	long long v = 0;
	if (!is_digit(*s))
		return 0;
	for (; *s; s++) {
		if (!is_digit(*s))
			return 0;
		v = v * 10 + (*s - '0');
		if (v > INT_MAX)
			return 0;
	}
	return (pid_t)v;
}

/* Open a directory below dirfd for reading entries or as an openat base. */
static int open_dir_at(int dirfd, const char *path)
{
	return openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* Read up to size bytes of path (relative to dirfd); the length, or -1. */
static ssize_t read_file_at(int dirfd, const char *path, char *buf,
                            size_t size)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	size_t total = 0;
	ssize_t n = 0;
	while (total < size) {
		n = read(fd, buf + total, size - total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += (size_t)n;
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return n < 0 ? -1 : (ssize_t)total;
}

/* Read and parse a stat file; -1 with errno EINVAL when it does not parse. */
static int read_stat_at(int dirfd, const char *path, struct procmon_stat *st)
{
	char buf[STAT_BUFFER];
	ssize_t n = read_file_at(dirfd, path, buf, sizeof buf);
	if (n < 0)
		return -1;
	if (procmon_parse_stat(buf, (size_t)n, st) != 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* ---- the scan ------------------------------------------------------------ */

/* A (parent, child) pair, for scans without children files. */
struct link {
	pid_t ppid;
	pid_t pid;
};

/* The state of one procmon_scan. */
struct scan {
	int procfd;
	int use_children_files;
	struct link *links;          /* sorted by parent, then PID */
	size_t nlinks;
	struct pidset seen;
	struct procmon_tree *tree;
	size_t cap;                  /* room in tree->procs */
	int error;                   /* errno of the failure that ends the scan */
};

/* After a failed call: 0 when errno only says the process went away (skip
   it), -1 with the error noted when the scan cannot go on. */
static int gone_or_fail(struct scan *sc)
{
	if (errno == ENOMEM || errno == EMFILE || errno == ENFILE ||
	    errno == EBADF) {
		sc->error = errno;
		return -1;
	}
	return 0;
}

/* Note that the scan ran out of memory; -1. */
static int fail_nomem(struct scan *sc)
{
	sc->error = ENOMEM;
	return -1;
}

/* Add a PID read from a children file; 0, or out of range, is ignored. */
static int add_listed_pid(struct scan *sc, struct pidlist *kids,
                          unsigned long long v)
{
	if (v == 0 || v > INT_MAX)
		return 0;
	return pidlist_push(kids, (pid_t)v) ? fail_nomem(sc) : 0;
}

/* Add the PIDs in an open children file ("12 34 "), read piecewise so a
   number split between two reads still comes out whole. */
static int read_pid_list(struct scan *sc, int fd, struct pidlist *kids)
{
	char buf[CHILDREN_CHUNK];
	unsigned long long v = 0;
	int in_number = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;   /* end, or the thread is gone: keep what we have */
		for (ssize_t i = 0; i < n; i++) {
			if (is_digit(buf[i])) {
				if (v <= INT_MAX)
					v = v * 10 + (unsigned)(buf[i] - '0');
				in_number = 1;
				continue;
			}
			if (in_number && add_listed_pid(sc, kids, v))
				return -1;
			v = 0;
			in_number = 0;
		}
	}
	return in_number ? add_listed_pid(sc, kids, v) : 0;
}

/* Add the children listed in TID/children (relative to the task dir). */
static int read_children(struct scan *sc, int taskfd, pid_t tid,
                         struct pidlist *kids)
{
	struct path p = pid_path(tid, "children");
	int fd = openat(taskfd, p.s, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return gone_or_fail(sc);
	int rc = read_pid_list(sc, fd, kids);
	close(fd);
	return rc;
}

/* Append thread tid's state and name to proc; a thread that ended is
   skipped. *cap is the room in proc->threads. */
static int add_thread(struct scan *sc, int taskfd, pid_t tid,
                      struct procmon_proc *proc, size_t *cap)
{
	struct procmon_stat st;
	struct path p = pid_path(tid, "stat");
	if (read_stat_at(taskfd, p.s, &st) != 0)
		return gone_or_fail(sc);
	struct procmon_thread *v =
	    grow(proc->threads, cap, proc->nthreads, sizeof *v);
	if (!v)
		return fail_nomem(sc);
	proc->threads = v;
	struct procmon_thread *t = &v[proc->nthreads++];
	t->tid = tid;
	t->state = st.state;
	memcpy(t->name, st.name, sizeof t->name);
	return 0;
}

/* qsort order for threads: by TID. */
static int compare_threads(const void *a, const void *b)
{
	return compare_pids(&((const struct procmon_thread *)a)->tid,
	                    &((const struct procmon_thread *)b)->tid);
}

/* Sort threads by TID, then move the main thread (TID == PID) to the front:
   after PID wrap-around it need not have the lowest TID. */
static void order_threads(struct procmon_proc *proc)
{
	if (proc->nthreads < 2)
		return;
	qsort(proc->threads, proc->nthreads, sizeof *proc->threads,
	      compare_threads);
	for (size_t i = 1; i < proc->nthreads; i++) {
		if (proc->threads[i].tid != proc->pid)
			continue;
		struct procmon_thread main_thread = proc->threads[i];
		memmove(proc->threads + 1, proc->threads,
		        i * sizeof *proc->threads);
		proc->threads[0] = main_thread;
		break;
	}
}

/* One pass over PID/task: each thread's stat into proc (if not NULL) and
   each thread's children file into kids (if not NULL). */
static int walk_tasks(struct scan *sc, int pidfd, struct procmon_proc *proc,
                      struct pidlist *kids)
{
	int fd = open_dir_at(pidfd, "task");
	if (fd < 0)
		return gone_or_fail(sc);
	DIR *dir = fdopendir(fd);
	if (!dir) {
		int rc = gone_or_fail(sc);
		close(fd);
		return rc;
	}
	size_t cap = 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		pid_t tid = pid_from_name(e->d_name);
		if (tid == 0)
			continue;
		if (proc)
			rc = add_thread(sc, dirfd(dir), tid, proc, &cap);
		if (rc == 0 && kids)
			rc = read_children(sc, dirfd(dir), tid, kids);
	}
	closedir(dir);
	if (proc)
		order_threads(proc);
	return rc;
}

/* Append pid to the tree from its stat. 1 added (*out set), 0 gone, -1. */
static int add_process(struct scan *sc, int pidfd, pid_t pid, int depth,
                       struct procmon_proc **out)
{
	struct procmon_stat st;
	if (read_stat_at(pidfd, "stat", &st) != 0)
		return gone_or_fail(sc);
	struct procmon_tree *tree = sc->tree;
	struct procmon_proc *v = grow(tree->procs, &sc->cap, tree->nprocs,
	                              sizeof *v);
	if (!v)
		return fail_nomem(sc);
	tree->procs = v;
	struct procmon_proc *proc = &v[tree->nprocs++];
	memset(proc, 0, sizeof *proc);
	proc->pid = pid;
	proc->ppid = st.ppid;
	proc->pgid = st.pgid;
	proc->state = st.state;
	proc->depth = depth;
	memcpy(proc->name, st.name, sizeof proc->name);
	*out = proc;
	return 1;
}

/* Read a process through its directory: its entry when add is set, and its
   children when children files are in use. 1 read, 0 gone, -1 failure. */
static int read_process_at(struct scan *sc, int pidfd, pid_t pid, int depth,
                           int add, struct pidlist *kids)
{
	struct procmon_proc *proc = NULL;
	if (add) {
		int rc = add_process(sc, pidfd, pid, depth, &proc);
		if (rc <= 0)
			return rc;
	}
	if (!proc && !sc->use_children_files)
		return 1;
	if (walk_tasks(sc, pidfd, proc,
	               sc->use_children_files ? kids : NULL) != 0)
		return -1;
	return 1;
}

/* First link whose parent is ppid or greater (links are sorted). */
static size_t first_link(const struct scan *sc, pid_t ppid)
{
	size_t lo = 0, hi = sc->nlinks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sc->links[mid].ppid < ppid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The children of pid according to the table of every process's parent. */
static int children_from_links(struct scan *sc, pid_t pid,
                               struct pidlist *kids)
{
	for (size_t i = first_link(sc, pid);
	     i < sc->nlinks && sc->links[i].ppid == pid; i++)
		if (pidlist_push(kids, sc->links[i].pid))
			return fail_nomem(sc);
	return 0;
}

/* Read pid (into the tree when add is set) and list its children, sorted;
   a process that is gone has none. */
static int read_process(struct scan *sc, pid_t pid, int depth, int add,
                        struct pidlist *kids)
{
	struct path p = pid_path(pid, NULL);
	int pidfd = open_dir_at(sc->procfd, p.s);
	if (pidfd < 0)
		return gone_or_fail(sc);
	int rc = read_process_at(sc, pidfd, pid, depth, add, kids);
	close(pidfd);
	if (rc == 1 && !sc->use_children_files)
		rc = children_from_links(sc, pid, kids) == 0 ? 1 : -1;
	if (rc < 0)
		return -1;
	pidlist_sort_unique(kids);
	return 0;
}

static int visit(struct scan *sc, pid_t pid, int depth, int add);

/* Visit a child unless it is too deep or was seen already (a cycle). */
static int visit_child(struct scan *sc, pid_t pid, int depth)
{
	if (depth >= MAX_DEPTH)
		return 0;
	int fresh = pidset_insert(&sc->seen, pid);
	if (fresh < 0)
		return fail_nomem(sc);
	return fresh ? visit(sc, pid, depth, 1) : 0;
}

/* Depth first: read pid (adding it when add is set), then its children in
   PID order. */
static int visit(struct scan *sc, pid_t pid, int depth, int add)
{
	struct pidlist kids = { 0 };
	int rc = read_process(sc, pid, depth, add, &kids);
	int child_depth = add ? depth + 1 : depth;
	for (size_t i = 0; rc == 0 && i < kids.n; i++)
		rc = visit_child(sc, kids.v[i], child_depth);
	free(kids.v);
	return rc;
}

/* Record the parent of one numeric /proc entry; unreadable ones are skipped. */
static int add_link(struct scan *sc, pid_t pid, size_t *cap)
{
	struct procmon_stat st;
	struct path p = pid_path(pid, "stat");
	if (read_stat_at(sc->procfd, p.s, &st) != 0)
		return gone_or_fail(sc);
	struct link *v = grow(sc->links, cap, sc->nlinks, sizeof *v);
	if (!v)
		return fail_nomem(sc);
	sc->links = v;
	v[sc->nlinks].ppid = st.ppid;
	v[sc->nlinks].pid = pid;
	sc->nlinks++;
	return 0;
}

/* qsort order for links: by parent, then by PID. */
static int compare_links(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	if (x->ppid != y->ppid)
		return (x->ppid > y->ppid) - (x->ppid < y->ppid);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Without children files: read every numeric entry's stat once and keep
   the (parent, PID) pairs sorted, so each lookup is a binary search. */
static int load_links(struct scan *sc)
{
	int fd = open_dir_at(sc->procfd, ".");
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		sc->error = errno;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t cap = 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		pid_t pid = pid_from_name(e->d_name);
		if (pid != 0)
			rc = add_link(sc, pid, &cap);
	}
	closedir(dir);
	if (rc == 0 && sc->nlinks > 1)
		qsort(sc->links, sc->nlinks, sizeof *sc->links, compare_links);
	return rc;
}

/* Whether root's stat can be read: 1 yes, 0 no such process, -1 failure. */
static int root_exists(struct scan *sc, pid_t root)
{
	struct procmon_stat st;
	if (root <= 0)
		return 0;
	struct path p = pid_path(root, "stat");
	if (read_stat_at(sc->procfd, p.s, &st) == 0)
		return 1;
	return gone_or_fail(sc);
}

/* Whether ROOT/task/ROOT/children exists (the kernel may be built without
   it): 1 yes, 0 no (ENOENT), -1 failure. */
static int probe_children_files(struct scan *sc, pid_t root)
{
	struct path p = pid_path(root, "task");
	path_add_pid(&p, root);
	path_add(&p, "children");
	int fd = openat(sc->procfd, p.s, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	if (errno == ENOENT)
		return 0;
	return gone_or_fail(sc) < 0 ? -1 : 1;
}

/* Check the root, choose how to find children, and walk the tree. */
static int scan_from_root(struct scan *sc, pid_t root, int include_root)
{
	int exists = root_exists(sc, root);
	if (exists <= 0)
		return exists;
	int files = probe_children_files(sc, root);
	if (files < 0)
		return -1;
	sc->use_children_files = files;
	if (!files && load_links(sc) != 0)
		return -1;
	if (pidset_insert(&sc->seen, root) < 0)
		return fail_nomem(sc);
	return visit(sc, root, 0, include_root != 0);
}

/* The tree under root, see procmon.h; on failure the tree is left empty. */
int procmon_scan(int procfd, pid_t root, int include_root,
                 struct procmon_tree *tree)
{
	struct scan sc;
	memset(tree, 0, sizeof *tree);
	memset(&sc, 0, sizeof sc);
	sc.procfd = procfd;
	sc.tree = tree;
	int rc = scan_from_root(&sc, root, include_root);
	free(sc.links);
	free(sc.seen.slot);
	if (rc < 0) {
		procmon_tree_free(tree);
		errno = sc.error ? sc.error : ENOMEM;
		return -1;
	}
	return 0;
}

/* The same scan on the system's own /proc. */
int procmon_scan_live(pid_t root, int include_root, struct procmon_tree *tree)
{
	memset(tree, 0, sizeof *tree);
	/* Set only by the tests, to see what a failing /proc does. */
	const char *fail = getenv("FORKLORE_PROC_FAILS");
	if (fail && *fail && strcmp(fail, "0") != 0) {
		errno = EMFILE;
		return -1;
	}
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		return -1;
	int rc = procmon_scan(procfd, root, include_root, tree);
	close(procfd);
	return rc;
}

/* Free every array of the tree and zero it; safe to call twice. */
void procmon_tree_free(struct procmon_tree *tree)
{
	if (!tree)
		return;
	for (size_t i = 0; i < tree->nprocs; i++)
		free(tree->procs[i].threads);
	free(tree->procs);
	memset(tree, 0, sizeof *tree);
}
