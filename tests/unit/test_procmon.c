/* test_procmon.c - the /proc reader: stat parsing, fixture trees, and the
 * live /proc of this test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procmon.h"

static const char normal[] =
    "4013 (parent) S 4012 4013 3900 34816 4013 4194304 120 0 0 0 3 1 0 0 "
    "20 0 1 0 5123 8679424 900 18446744073709551615 1 1 0 0 0 0 0 0\n";

static void parse_normal(void **state)
{
	(void)state;
	struct procmon_stat st;
	assert_int_equal(procmon_parse_stat(normal, strlen(normal), &st), 0);
	assert_int_equal(st.pid, 4013);
	assert_string_equal(st.name, "parent");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 4012);
	assert_int_equal(st.pgid, 4013);
	assert_int_equal(st.sid, 3900);
	assert_int_equal(st.num_threads, 1);
	assert_int_equal(st.starttime, 5123);
}

/* Parse "7 (NAME) Z 1 ..." and return the name found. */
static void expect_name(const char *name, const char *expected)
{
	char line[256];
	snprintf(line, sizeof line, "7 (%s) Z 1 7 7 0 -1 4 0 0 0 0 0 0 0 0 "
	         "20 0 1 0 99 0 0", name);
	struct procmon_stat st;
	assert_int_equal(procmon_parse_stat(line, strlen(line), &st), 0);
	assert_string_equal(st.name, expected);
	assert_int_equal(st.state, 'Z');
	assert_int_equal(st.ppid, 1);
	assert_int_equal(st.starttime, 99);
}

static void parse_odd_names(void **state)
{
	(void)state;
	expect_name("sd-pam", "sd-pam");
	expect_name("(sd-pam)", "(sd-pam)");
	expect_name("a) (b", "a) (b");
	expect_name("x y)", "x y)");
	expect_name(") S 1 2 3", ") S 1 2 3");
	expect_name("", "");
	expect_name("fifteen-chars-x", "fifteen-chars-x");
	/* Longer than the kernel keeps: cut at 15 bytes. */
	expect_name("sixteen-chars-xy", "sixteen-chars-x");
}

static void parse_garbage(void **state)
{
	(void)state;
	struct procmon_stat st;
	const char *bad[] = { "", "x", "12", "12 (a", "12 a) S 1", "(a) S 1",
	                      "-4 (a) S 1 1 1", "12 (a) S", "12 (a) S x y z",
	                      "12 (a)S 1 1 1", "abc (a) S 1 2 3" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(procmon_parse_stat(bad[i], strlen(bad[i]),
		                                    &st), -1);
	/* Every prefix of a good line parses or fails cleanly; the text is
	   copied to a buffer of exactly that size so any overread shows up
	   under valgrind or ASan. */
	size_t len = strlen(normal);
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n ? n : 1);
		memcpy(copy, normal, n);
		int rc = procmon_parse_stat(copy, n, &st);
		assert_true(rc == 0 || rc == -1);
		if (rc == 0)
			assert_int_equal(st.pid, 4013);
		free(copy);
	}
}

static int open_fixture(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "tests/fixtures/proc/%s", name);
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	return fd;
}

/* The fixture tree: 100 -> {200 -> 400 (3 threads; 401 -> 500), 300 Z}. */
static void check_fixture_tree(const char *name)
{
	int fd = open_fixture(name);
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 100, 1, &t), 0);
	assert_int_equal(t.nprocs, 5);
	static const struct { pid_t pid, ppid; int depth; char state;
	                      const char *name; } want[] = {
		{ 100, 1, 0, 'S', "forklore" },
		{ 200, 100, 1, 'S', "my (odd) name)" },
		{ 400, 200, 2, 'S', "multi" },
		{ 500, 400, 3, 'R', "child of 401" },
		{ 300, 100, 1, 'Z', "worker" },
	};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(t.procs[i].pid, want[i].pid);
		assert_int_equal(t.procs[i].ppid, want[i].ppid);
		assert_int_equal(t.procs[i].depth, want[i].depth);
		assert_int_equal(t.procs[i].state, want[i].state);
		assert_string_equal(t.procs[i].name, want[i].name);
	}
	/* Threads: main thread first, then by TID, each with its name. */
	const struct procmon_proc *multi = &t.procs[2];
	assert_int_equal(multi->nthreads, 3);
	assert_int_equal(multi->threads[0].tid, 400);
	assert_int_equal(multi->threads[1].tid, 401);
	assert_string_equal(multi->threads[1].name, "LoopThread");
	assert_int_equal(multi->threads[1].state, 'R');
	assert_int_equal(multi->threads[2].tid, 402);
	assert_string_equal(multi->threads[2].name, "Thread-2");
	assert_int_equal(t.procs[4].nthreads, 1);   /* the zombie */
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

static void scan_without_children_files(void **state)
{
	(void)state;
	check_fixture_tree("without-children");
}

static void scan_without_root(void **state)
{
	(void)state;
	int fd = open_fixture("with-children");
	struct procmon_tree t;
	assert_int_equal(procmon_scan(fd, 100, 0, &t), 0);
	assert_int_equal(t.nprocs, 4);
	assert_int_equal(t.procs[0].pid, 200);
	assert_int_equal(t.procs[0].depth, 0);
	assert_int_equal(t.procs[1].depth, 1);
	procmon_tree_free(&t);
	/* A root that does not exist: an empty tree, not an error. */
	assert_int_equal(procmon_scan(fd, 4242, 1, &t), 0);
	assert_int_equal(t.nprocs, 0);
	procmon_tree_free(&t);
	close(fd);
}

static void *named_thread(void *arg)
{
	pthread_setname_np(pthread_self(), "tester-thread");
	int *fds = arg;
	char c;
	/* Stay until the test is done looking. */
	if (read(fds[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

/* The real /proc: a child process and a named thread of ours. */
static void scan_live_proc(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, named_thread, fds), 0);
	pid_t child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	assert_true(child > 0);
	/* Wait until the thread has its name. */
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	struct procmon_tree t;
	int named = 0;
	for (int tries = 0; tries < 200 && !named; tries++) {
		assert_int_equal(procmon_scan(fd, getpid(), 1, &t), 0);
		for (size_t i = 0; i < t.procs[0].nthreads; i++)
			named |= strcmp(t.procs[0].threads[i].name,
			                "tester-thread") == 0;
		if (!named) {
			procmon_tree_free(&t);
			usleep(10000);
		}
	}
	assert_true(named);
	assert_int_equal(t.procs[0].pid, getpid());
	assert_int_equal(t.procs[0].threads[0].tid, getpid());
	int found = 0;
	for (size_t i = 1; i < t.nprocs; i++)
		if (t.procs[i].pid == child) {
			found = 1;
			assert_int_equal(t.procs[i].ppid, getpid());
			assert_int_equal(t.procs[i].depth, 1);
		}
	assert_true(found);
	procmon_tree_free(&t);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(write(fds[1], "x", 1), 1);
	pthread_join(th, NULL);
	close(fds[0]);
	close(fds[1]);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_normal),
		cmocka_unit_test(parse_odd_names),
		cmocka_unit_test(parse_garbage),
		cmocka_unit_test(scan_with_children_files),
		cmocka_unit_test(scan_without_children_files),
		cmocka_unit_test(scan_without_root),
		cmocka_unit_test(scan_live_proc),
	};
	return cmocka_run_group_tests_name("procmon", tests, NULL, NULL);
}
