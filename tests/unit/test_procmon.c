/* test_procmon.c - the /proc reader: stat parsing, fixture trees, live /proc. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procmon.h"

/* A stat line in the real format (52 fields), with made-up values. */
static const char normal_line[] =
    "4013 (forklore) S 4012 4013 3900 34817 4013 4194304 1093 0 2 0 7 3 "
    "0 0 20 0 1 0 815020 8679424 900 18446744073709551615 94386012422144 "
    "94386012444969 140731512867456 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0 "
    "94386012460784 94386012462432 94386031570944 140731512874731 "
    "140731512874752 140731512874752 140731512877035 0\n";

static const char zombie_line[] =
    "4077 (a) (b) Z 4013 4013 3900 34817 -1 4227148 120 0 0 0 0 0 0 0 "
    "20 0 1 0 815344 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 "
    "17 1 0 0 0 0 0 0 0 0 0 0 0 0 9\n";

/* Parse a C string, which must succeed. */
static struct procmon_stat parse_ok(const char *line)
{
	struct procmon_stat st;
	assert_int_equal(procmon_parse_stat(line, strlen(line), &st), 0);
	return st;
}

static void parse_normal_line(void **state)
{
	(void)state;
	struct procmon_stat st = parse_ok(normal_line);
	assert_int_equal(st.pid, 4013);
	assert_string_equal(st.name, "forklore");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 4012);
	assert_int_equal(st.pgid, 4013);
	assert_int_equal(st.sid, 3900);
	assert_int_equal(st.num_threads, 1);
	assert_int_equal(st.starttime, 815020);
}

static void parse_zombie(void **state)
{
	(void)state;
	struct procmon_stat st = parse_ok(zombie_line);
	assert_int_equal(st.pid, 4077);
	assert_string_equal(st.name, "a) (b");
	assert_int_equal(st.state, 'Z');
	assert_int_equal(st.ppid, 4013);
	assert_int_equal(st.starttime, 815344);
}

/* "7 (NAME) S 1 ..." must give back `expected` as the name. */
static void expect_name(const char *name, const char *expected)
{
	char line[512];
	snprintf(line, sizeof line, "7 (%s) S 1 7 7 0 -1 4194304 0 0 0 0 0 0 "
	         "0 0 20 0 1 0 99 0 0 18446744073709551615 0\n", name);
	struct procmon_stat st = parse_ok(line);
	assert_string_equal(st.name, expected);
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 1);
	assert_int_equal(st.starttime, 99);
}

static void parse_odd_names(void **state)
{
	(void)state;
	expect_name("(sd-pam)", "(sd-pam)");
	expect_name("a) (b", "a) (b");
	expect_name("x y)", "x y)");
	expect_name("kworker/0:1H", "kworker/0:1H");
	expect_name(") S 1 2 3", ") S 1 2 3");
	expect_name("((", "((");
	expect_name("", "");
}

static void parse_long_names(void **state)
{
	(void)state;
	expect_name("fifteen-chars-x", "fifteen-chars-x");
	expect_name("sixteen-chars-xy", "sixteen-chars-x");
	expect_name("a name far longer than the kernel keeps",
	            "a name far long");
	expect_name("(((((((((((((((((", "(((((((((((((((");
}

/* Every prefix of line parses to the same fields as the whole line, or
   fails; each prefix sits in a buffer of exactly its size so an overread
   shows under ASan or valgrind. */
static void check_prefixes(const char *line)
{
	struct procmon_stat full = parse_ok(line);
	size_t len = strlen(line), parsed = 0;
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, line, n);
		struct procmon_stat st;
		int rc = procmon_parse_stat(copy, n, &st);
		free(copy);
		assert_true(rc == 0 || rc == -1);
		if (rc != 0)
			continue;
		parsed++;
		assert_int_equal(st.pid, full.pid);
		assert_string_equal(st.name, full.name);
		assert_int_equal(st.state, full.state);
		assert_int_equal(st.ppid, full.ppid);
		assert_int_equal(st.pgid, full.pgid);
		assert_int_equal(st.sid, full.sid);
		assert_int_equal(st.num_threads, full.num_threads);
		assert_int_equal(st.starttime, full.starttime);
	}
	assert_true(parsed > 0 && parsed < len);
}

static void parse_every_prefix(void **state)
{
	(void)state;
	check_prefixes(normal_line);
	check_prefixes(zombie_line);
}

static void parse_garbage(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "x", "12", "12 ", "12 (", "12 (a", "12 a) S 1", "(a) S 1",
		"-4 (a) S 1 1 1", "0 (a) S 1", "12 (a) S", "12 (a)S 1 1 1",
		"12 (a) S x y z", "abc (a) S 1 2 3", " 12 (a) S 1 2 3",
		"12  (a) S 1 2 3", "12 (a) 5 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 ",
		"12 (a) SS 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 ",
		"12 (a) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9",
		"99999999999 (a) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 ",
		"12 (a) S 99999999999 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 ",
		"12 (a) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99999999999999999999 ",
		"12 (a) S 1 2 3 0 - 0 0 0 0 0 0 0 0 0 20 0 1 0 9 ",
	};
	/* The line most of them break, which is fine as it is. */
	struct procmon_stat st = parse_ok("12 (a) S 1 2 3 0 -1 0 0 0 0 0 0 0 "
	                                  "0 0 20 0 1 0 9 ");
	assert_int_equal(st.starttime, 9);
	memset(&st, 0x5a, sizeof st);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(procmon_parse_stat(bad[i], strlen(bad[i]),
		                                    &st), -1);
	assert_int_equal(procmon_parse_stat(NULL, 0, &st), -1);
	/* A failed parse leaves the output alone. */
	assert_int_equal((unsigned char)st.name[0], 0x5a);
	assert_int_equal((unsigned char)st.state, 0x5a);
}

/* Random damage to a good line: never a crash, and a success is sane. */
static void parse_random_damage(void **state)
{
	(void)state;
	static const char alphabet[] = "() -0123456789SZ\nx";
	size_t len = strlen(normal_line);
	unsigned long seed = 12345;
	for (int round = 0; round < 20000; round++) {
		char *copy = malloc(len);
		assert_non_null(copy);
		memcpy(copy, normal_line, len);
		for (int k = 0; k < 3; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			copy[(seed >> 33) % len] =
			    alphabet[(seed >> 20) % (sizeof alphabet - 1)];
		}
		size_t n = (size_t)((seed >> 40) % (len + 1));
		struct procmon_stat st;
		int rc = procmon_parse_stat(copy, n, &st);
		free(copy);
		assert_true(rc == 0 || rc == -1);
		if (rc == 0) {
			assert_true(strlen(st.name) < PROCMON_NAME_SIZE);
			assert_true(st.pid > 0);
		}
	}
}

/* ---- fixture trees ------------------------------------------------------- */

static int open_fixture(const char *name)
{
	const char *base = getenv("FORKLORE_PROC_FIXTURES");
	char path[512];
	snprintf(path, sizeof path, "%s/%s",
	         base ? base : "tests/fixtures/proc", name);
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		fail_msg("cannot open fixture %s (run from the repo root)",
		         path);
	return fd;
}

struct want_proc {
	pid_t pid, ppid, pgid;
	int depth;
	char state;
	const char *name;
	size_t nthreads;
};

static void check_proc(const struct procmon_proc *p, const struct want_proc *w)
{
	assert_int_equal(p->pid, w->pid);
	assert_int_equal(p->ppid, w->ppid);
	assert_int_equal(p->pgid, w->pgid);
	assert_int_equal(p->depth, w->depth);
	assert_int_equal(p->state, w->state);
	assert_string_equal(p->name, w->name);
	assert_int_equal(p->nthreads, w->nthreads);
}

static void check_thread(const struct procmon_thread *t, pid_t tid,
                         char state, const char *name)
{
	assert_int_equal(t->tid, tid);
	assert_int_equal(t->state, state);
	assert_string_equal(t->name, name);
}

/* Both fixtures hold 100 -> {200 -> 400 (threads 400, 401, 402; thread
   401 -> 500), 300 zombie}, and 999 outside the tree. */
static void check_fixture_tree(const char *fixture)
{
	static const struct want_proc want[] = {
		{ 100, 1, 100, 0, 'S', "forklore", 1 },
		{ 200, 100, 200, 1, 'S', "my (odd) name)", 1 },
		{ 400, 200, 200, 2, 'S', "multi", 3 },
		{ 500, 400, 200, 3, 'R', "child of 401", 1 },
		{ 300, 100, 300, 1, 'Z', "worker", 1 },
	};
	int fd = open_fixture(fixture);
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 100, 1, &t), 0);
	assert_int_equal(t.nprocs, 5);
	for (size_t i = 0; i < 5; i++)
		check_proc(&t.procs[i], &want[i]);
	check_thread(&t.procs[0].threads[0], 100, 'S', "forklore");
	check_thread(&t.procs[2].threads[0], 400, 'S', "multi");
	check_thread(&t.procs[2].threads[1], 401, 'R', "io-worker");
	check_thread(&t.procs[2].threads[2], 402, 'S', "gc thread");
	check_thread(&t.procs[4].threads[0], 300, 'Z', "worker");
	procmon_tree_free(&t);
	assert_null(t.procs);
	assert_int_equal(t.nprocs, 0);
	close(fd);
}

static void scan_with_children_files(void **state)
{
	(void)state;
	check_fixture_tree("with-children");
}

/* The same tree, linked by parent PID; 999 and the broken 777 stay out. */
static void scan_without_children_files(void **state)
{
	(void)state;
	check_fixture_tree("without-children");
}

static void check_without_root(const char *fixture)
{
	int fd = open_fixture(fixture);
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 100, 0, &t), 0);
	assert_int_equal(t.nprocs, 4);
	static const pid_t pids[] = { 200, 400, 500, 300 };
	static const int depths[] = { 0, 1, 2, 0 };
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(t.procs[i].pid, pids[i]);
		assert_int_equal(t.procs[i].depth, depths[i]);
	}
	procmon_tree_free(&t);
	close(fd);
}

static void scan_leaving_out_root(void **state)
{
	(void)state;
	check_without_root("with-children");
	check_without_root("without-children");
}

static void scan_missing_root(void **state)
{
	(void)state;
	int fd = open_fixture("with-children");
	static const pid_t roots[] = { 4242, 0, -1, 777 };
	for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
		struct procmon_tree t;
		memset(&t, 0x5a, sizeof t);
		assert_int_equal(procmon_scan(fd, roots[i], 1, &t), 0);
		assert_null(t.procs);
		assert_int_equal(t.nprocs, 0);
		procmon_tree_free(&t);
	}
	close(fd);
}

/* A zombie root: one thread, and an empty children file means no children. */
static void scan_zombie_root(void **state)
{
	(void)state;
	int fd = open_fixture("with-children");
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 300, 1, &t), 0);
	assert_int_equal(t.nprocs, 1);
	assert_int_equal(t.procs[0].state, 'Z');
	assert_int_equal(t.procs[0].nthreads, 1);
	procmon_tree_free(&t);
	close(fd);
}

/* 10 -> 11, and 11 lists 10 (a cycle), itself, 12 (gone) and 13 twice. */
static void scan_cycle(void **state)
{
	(void)state;
	int fd = open_fixture("cycle");
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 10, 1, &t), 0);
	assert_int_equal(t.nprocs, 3);
	static const struct want_proc want[] = {
		{ 10, 11, 10, 0, 'S', "ring-a", 1 },
		{ 11, 10, 10, 1, 'S', "ring-b", 2 },
		{ 13, 11, 10, 2, 'S', "leaf", 1 },
	};
	for (size_t i = 0; i < 3; i++)
		check_proc(&t.procs[i], &want[i]);
	check_thread(&t.procs[1].threads[1], 14, 'S', "ring-b-2");
	procmon_tree_free(&t);
	close(fd);
}

/* Main thread first even when another thread has a lower TID. */
static void scan_main_thread_first(void **state)
{
	(void)state;
	int fd = open_fixture("wrapped-tids");
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 900, 1, &t), 0);
	assert_int_equal(t.nprocs, 2);
	assert_int_equal(t.procs[0].nthreads, 3);
	check_thread(&t.procs[0].threads[0], 900, 'S', "wrapper");
	check_thread(&t.procs[0].threads[1], 20, 'R', "late-a");
	check_thread(&t.procs[0].threads[2], 950, 'D', "late-b");
	assert_int_equal(t.procs[1].pid, 901);
	assert_int_equal(t.procs[1].depth, 1);
	procmon_tree_free(&t);
	close(fd);
}

/* ---- a generated deep tree ----------------------------------------------- */

static void write_at(int dirfd, const char *path, const char *text)
{
	int fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	                0644);
	assert_true(fd >= 0);
	size_t len = strlen(text);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
}

/* Process pid (parent pid - 1) with its stat and, if asked, children. */
static void make_chain_link(int dirfd, int pid, int last, int with_files)
{
	char path[64], line[256];
	snprintf(line, sizeof line, "%d (link %d) S %d 1 1 0 -1 4194304 0 0 0 "
	         "0 0 0 0 0 20 0 1 0 %d 0 0 18446744073709551615 0\n",
	         pid, pid, pid - 1, 1000 + pid);
	snprintf(path, sizeof path, "%d", pid);
	assert_int_equal(mkdirat(dirfd, path, 0755), 0);
	snprintf(path, sizeof path, "%d/task", pid);
	assert_int_equal(mkdirat(dirfd, path, 0755), 0);
	snprintf(path, sizeof path, "%d/task/%d", pid, pid);
	assert_int_equal(mkdirat(dirfd, path, 0755), 0);
	snprintf(path, sizeof path, "%d/stat", pid);
	write_at(dirfd, path, line);
	snprintf(path, sizeof path, "%d/task/%d/stat", pid, pid);
	write_at(dirfd, path, line);
	if (!with_files)
		return;
	snprintf(path, sizeof path, "%d/task/%d/children", pid, pid);
	snprintf(line, sizeof line, "%d ", pid + 1);
	write_at(dirfd, path, last ? "" : line);
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A chain 1 -> 2 -> ... -> 100 stops at depth 63 (64 processes). */
static void check_deep_chain(int with_files)
{
	char dir[] = "/tmp/procmon-deep-XXXXXX";
	assert_non_null(mkdtemp(dir));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	for (int pid = 1; pid <= 100; pid++)
		make_chain_link(fd, pid, pid == 100, with_files);
	struct procmon_tree t;
	int rc = procmon_scan(fd, 1, 1, &t);
	close(fd);
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	assert_int_equal(rc, 0);
	assert_int_equal(t.nprocs, 64);
	for (size_t i = 0; i < t.nprocs; i++) {
		assert_int_equal(t.procs[i].pid, (pid_t)i + 1);
		assert_int_equal(t.procs[i].depth, (int)i);
	}
	procmon_tree_free(&t);
}

static void scan_deep_chain(void **state)
{
	(void)state;
	check_deep_chain(1);
	check_deep_chain(0);
}

/* Out of file descriptors mid-scan: -1, the errno, and an empty tree. */
static void scan_out_of_fds(void **state)
{
	(void)state;
	int fd = open_fixture("with-children");
	int lowest = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(lowest >= 0);
	close(lowest);
	struct rlimit old, low;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	/* Room for two at a time: the root's dir and task dir, not its stat. */
	low.rlim_cur = (rlim_t)lowest + 2;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	struct procmon_tree t;
	int rc = procmon_scan(fd, 100, 1, &t);
	int err = errno;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	close(fd);
	assert_int_equal(rc, -1);
	assert_int_equal(err, EMFILE);
	assert_null(t.procs);
	assert_int_equal(t.nprocs, 0);
}

static void tree_free_twice(void **state)
{
	(void)state;
	struct procmon_tree t = { 0 };
	procmon_tree_free(&t);
	procmon_tree_free(&t);
	procmon_tree_free(NULL);
	assert_null(t.procs);
}

/* ---- the live /proc ------------------------------------------------------- */

static void *sleeping_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* In the child: a thread named "tester-thread", say ready, sleep until
   killed. Only _exit leaves. */
static void run_child(int ready_fd)
{
	pthread_t th;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, "tester-child");
	if (pthread_create(&th, NULL, sleeping_thread, NULL) != 0 ||
	    pthread_setname_np(th, "tester-thread") != 0)
		_exit(1);
	if (write(ready_fd, "r", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

/* What the live scans found, kept so the child is gone before asserting. */
struct live_result {
	int rc_with_root, rc_without_root;
	int main_first;
	int found;
	struct procmon_proc child;
	struct procmon_thread threads[2];
	int depth_without_root;
};

/* Find pid in a tree, or NULL. */
static const struct procmon_proc *find_proc(const struct procmon_tree *t,
                                            pid_t pid)
{
	for (size_t i = 0; i < t->nprocs; i++)
		if (t->procs[i].pid == pid)
			return &t->procs[i];
	return NULL;
}

static void scan_live(pid_t child, struct live_result *r)
{
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct procmon_tree t;
	r->rc_with_root = procmon_scan(procfd, getpid(), 1, &t);
	const struct procmon_proc *p = find_proc(&t, child);
	r->main_first = t.nprocs > 0 && t.procs[0].pid == getpid() &&
	                t.procs[0].nthreads > 0 &&
	                t.procs[0].threads[0].tid == getpid();
	r->found = p != NULL;
	if (p) {
		r->child = *p;
		for (size_t i = 0; i < p->nthreads && i < 2; i++)
			r->threads[i] = p->threads[i];
	}
	procmon_tree_free(&t);
	r->rc_without_root = procmon_scan_live(getpid(), 0, &t);
	p = find_proc(&t, child);
	r->depth_without_root = p ? p->depth : -1;
	procmon_tree_free(&t);
	close(procfd);
}

/* The real /proc: our forked child, its named thread, its parent. */
static void scan_live_proc(void **state)
{
	(void)state;
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t child = fork();
	if (child == 0) {
		close(ready[0]);
		run_child(ready[1]);
	}
	close(ready[1]);
	assert_true(child > 0);
	char c;
	ssize_t got = read(ready[0], &c, 1);
	close(ready[0]);
	struct live_result r;
	memset(&r, 0, sizeof r);
	if (got == 1)
		scan_live(child, &r);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_int_equal(got, 1);
	assert_int_equal(r.rc_with_root, 0);
	assert_int_equal(r.rc_without_root, 0);
	assert_true(r.main_first);
	assert_true(r.found);
	assert_int_equal(r.child.ppid, getpid());
	assert_int_equal(r.child.depth, 1);
	assert_int_equal(r.depth_without_root, 0);
	assert_string_equal(r.child.name, "tester-child");
#ifdef __SANITIZE_THREAD__
	/* ThreadSanitizer's runtime adds threads of its own. */
	assert_true(r.child.nthreads >= 2);
#else
	assert_int_equal(r.child.nthreads, 2);
	assert_string_equal(r.threads[1].name, "tester-thread");
#endif
	assert_int_equal(r.threads[0].tid, child);
	assert_string_equal(r.threads[0].name, "tester-child");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_normal_line),
		cmocka_unit_test(parse_zombie),
		cmocka_unit_test(parse_odd_names),
		cmocka_unit_test(parse_long_names),
		cmocka_unit_test(parse_every_prefix),
		cmocka_unit_test(parse_garbage),
		cmocka_unit_test(parse_random_damage),
		cmocka_unit_test(scan_with_children_files),
		cmocka_unit_test(scan_without_children_files),
		cmocka_unit_test(scan_leaving_out_root),
		cmocka_unit_test(scan_missing_root),
		cmocka_unit_test(scan_zombie_root),
		cmocka_unit_test(scan_cycle),
		cmocka_unit_test(scan_main_thread_first),
		cmocka_unit_test(scan_deep_chain),
		cmocka_unit_test(scan_out_of_fds),
		cmocka_unit_test(tree_free_twice),
		cmocka_unit_test(scan_live_proc),
	};
	return cmocka_run_group_tests_name("procmon", tests, NULL, NULL);
}
