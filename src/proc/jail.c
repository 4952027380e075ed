/* jail.c - a cgroup for a learner's program, where one can be had. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "jail.h"

#define CGROUP_ROOT "/sys/fs/cgroup"

/* What jail_describe says of the cgroup made. */
enum memory_kind { NO_MEMORY, MEMORY_MAX, MEMORY_LIMIT };

static struct {
	char dirs[2][PATH_MAX];     /* the cgroups made (v1: two) */
	int n;
	long tasks;                 /* its pids.max */
	enum memory_kind memory;
	char said[256];
} jail;

/* Write text to dir/file; 0 or -1. */
static int put(const char *dir, const char *file, const char *text)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t len = (ssize_t)strlen(text);
	int rc = write(fd, text, (size_t)len) == len ? 0 : -1;
	int err = errno;
	close(fd);
	errno = err;
	return rc;
}

/* forklore's own cgroup in the hierarchy whose line in /proc/self/cgroup
   starts with prefix ("0::" for v2, "N:pids:" for v1's pids): into buf. */
static int own_path(const char *controller, char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return -1;
	char line[PATH_MAX + 64];
	int found = -1;
	while (found < 0 && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *a = strchr(line, ':');
		char *b = a ? strchr(a + 1, ':') : NULL;
		if (!b)
			continue;
		*b = '\0';
		const char *list = a + 1;
		int match = controller ? 0 : !*list && !strcmp(line, "0");
		for (const char *c = list; controller && *c; ) {
			size_t n = strcspn(c, ",");
			if (n == strlen(controller) && !strncmp(c, controller, n))
				match = 1;
			c += n + (c[n] == ',');
		}
		if (match) {
			snprintf(buf, size, "%s", b + 1);
			found = 0;
		}
	}
	fclose(f);
	return found;
}

/* mkdir base/own/name; its path in out. 0 or -1. */
static int make_under(const char *base, const char *own, char *out,
                      size_t size)
{
	static unsigned runs;
	snprintf(out, size, "%s%s%sforklore-%d-%u", base, own,
	         own[strlen(own) - 1] == '/' ? "" : "/", (int)getpid(),
	         ++runs);
	return mkdir(out, 0755);
}

static void forget(void)
{
	for (int i = 0; i < jail.n; i++)
		rmdir(jail.dirs[i]);
	jail.n = 0;
	jail.tasks = 0;
	jail.memory = NO_MEMORY;
	jail.said[0] = '\0';
}

/* cgroup v2: one group with both limits, if the controllers can be had
   in forklore's own group's subtree. */
static int create_v2(long tasks, long memory_mib)
{
	char own[PATH_MAX], base[PATH_MAX + 32];
	if (own_path(NULL, own, sizeof own) != 0)
		return -1;
	snprintf(base, sizeof base, "%s%s", CGROUP_ROOT,
	         strcmp(own, "/") ? own : "");
	/* Fails where our group has processes of its own (the rule of no
	   internal processes), except at the root. */
	put(base, "cgroup.subtree_control", "+pids +memory");
	if (make_under(CGROUP_ROOT, own, jail.dirs[0], sizeof jail.dirs[0]))
		return -1;
	jail.n = 1;
	char v[32];
	snprintf(v, sizeof v, "%ld", tasks);
	if (put(jail.dirs[0], "pids.max", v) != 0) {
		forget();
		return -1;
	}
	snprintf(v, sizeof v, "%ld", memory_mib << 20);
	int mem = put(jail.dirs[0], "memory.max", v) == 0;
	if (mem)
		put(jail.dirs[0], "memory.swap.max", "0");
	jail.tasks = tasks;
	jail.memory = mem ? MEMORY_MAX : NO_MEMORY;
	return 0;
}

/* cgroup v1: a group in the pids hierarchy, and one in memory's. */
static int create_v1(long tasks, long memory_mib)
{
	char own[PATH_MAX], base[PATH_MAX];
	if (own_path("pids", own, sizeof own) != 0)
		return -1;
	snprintf(base, sizeof base, "%s/pids", CGROUP_ROOT);
	if (make_under(base, own, jail.dirs[0], sizeof jail.dirs[0]))
		return -1;
	jail.n = 1;
	char v[32];
	snprintf(v, sizeof v, "%ld", tasks);
	if (put(jail.dirs[0], "pids.max", v) != 0) {
		forget();
		return -1;
	}
	int mem = 0;
	snprintf(base, sizeof base, "%s/memory", CGROUP_ROOT);
	if (own_path("memory", own, sizeof own) == 0 &&
	    make_under(base, own, jail.dirs[1], sizeof jail.dirs[1]) == 0) {
		jail.n = 2;
		snprintf(v, sizeof v, "%ld", memory_mib << 20);
		mem = put(jail.dirs[1], "memory.limit_in_bytes", v) == 0;
		if (!mem) {
			rmdir(jail.dirs[1]);
			jail.n = 1;
		}
	}
	jail.tasks = tasks;
	jail.memory = mem ? MEMORY_LIMIT : NO_MEMORY;
	return 0;
}

int jail_create(long tasks, long memory_mib)
{
	jail_remove();
	/* Switched off to test what the runner does alone. */
	const char *off = getenv("FORKLORE_NO_CGROUP");
	if (off && *off && strcmp(off, "0") != 0)
		return -1;
	struct stat st;
	char probe[64];
	snprintf(probe, sizeof probe, "%s/cgroup.controllers", CGROUP_ROOT);
	int v2 = stat(probe, &st) == 0;
	if (v2 ? create_v2(tasks, memory_mib) : create_v1(tasks, memory_mib))
		return -1;
	return 0;
}

int jail_enter(void)
{
	char pid[32];
	snprintf(pid, sizeof pid, "%d", (int)getpid());
	for (int i = 0; i < jail.n; i++)
		if (put(jail.dirs[i], "cgroup.procs", pid) != 0)
			return -1;
	return 0;
}

const char *jail_describe(void)
{
	/* In the language shown now: translated here, not when made. */
	if (!jail.n)
		jail.said[0] = '\0';
	else if (jail.memory == MEMORY_MAX)
		/* TRANSLATORS: pids.max and memory.max are the cgroup's
		   files (its limits on tasks and on memory). */
		snprintf(jail.said, sizeof jail.said,
		         _("a cgroup with pids.max %ld and memory.max"),
		         jail.tasks);
	else if (jail.memory == MEMORY_LIMIT)
		/* TRANSLATORS: pids.max is the cgroup's file of its limit
		   on tasks. */
		snprintf(jail.said, sizeof jail.said,
		         _("a cgroup with pids.max %ld and a memory limit"),
		         jail.tasks);
	else
		/* TRANSLATORS: pids.max is the cgroup's file of its limit
		   on tasks. */
		snprintf(jail.said, sizeof jail.said,
		         _("a cgroup with pids.max %ld"), jail.tasks);
	return jail.said;
}

void jail_remove(void)
{
	forget();
}
