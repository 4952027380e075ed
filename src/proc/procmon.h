/* procmon.h - read a process tree and its threads from /proc. */
#ifndef FORKLORE_PROCMON_H
#define FORKLORE_PROCMON_H

#include <stddef.h>
#include <sys/types.h>

/* The kernel keeps at most 15 bytes of a task's name (TASK_COMM_LEN 16). */
#define PROCMON_NAME_SIZE 16

/* The fields of /proc/PID/stat (or /proc/PID/task/TID/stat) we use. */
struct procmon_stat {
	pid_t pid;
	char name[PROCMON_NAME_SIZE];   /* comm, NUL-terminated, cut at 15 bytes */
	char state;                     /* R S D Z T t X I ... */
	pid_t ppid;
	pid_t pgid;
	pid_t sid;
	long num_threads;
	unsigned long long starttime;   /* clock ticks after boot */
};

struct procmon_thread {
	pid_t tid;
	char state;
	char name[PROCMON_NAME_SIZE];
};

struct procmon_proc {
	pid_t pid;
	pid_t ppid;
	pid_t pgid;
	char state;
	char name[PROCMON_NAME_SIZE];
	int depth;                       /* 0 for the root of the scan */
	struct procmon_thread *threads;  /* main thread first, then by TID */
	size_t nthreads;
};

/* Processes in depth-first pre-order from the root; siblings by PID. */
struct procmon_tree {
	struct procmon_proc *procs;
	size_t nprocs;
};

/*
 * Parse the text of a stat file (not NUL-terminated; len bytes). The name
 * is everything between the first '(' and the LAST ')', so names holding
 * spaces or parentheses parse correctly. Returns 0, or -1 when malformed.
 */
int procmon_parse_stat(const char *buf, size_t len, struct procmon_stat *out);

/*
 * Read the tree rooted at `root` from the proc directory open at `procfd`
 * (a directory fd of /proc, or of a fixture tree laid out the same way).
 * The root is included when include_root is non-zero. Children are found
 * through PID/task/TID/children when the kernel provides it, else by
 * reading every PID's stat. Processes that vanish during the scan are
 * skipped. A root that does not exist gives an empty tree and 0.
 * Returns 0, or -1 with errno set on a system failure (out of memory).
 */
int procmon_scan(int procfd, pid_t root, int include_root,
                 struct procmon_tree *tree);

/* procmon_scan() on the system's own /proc. (With FORKLORE_PROC_FAILS
   set it fails with EMFILE: the tests use it.) */
int procmon_scan_live(pid_t root, int include_root, struct procmon_tree *tree);

void procmon_tree_free(struct procmon_tree *tree);


#endif
