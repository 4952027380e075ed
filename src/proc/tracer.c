/* tracer.c - follow every task of a demo with ptrace, and keep the record.
 *
 * Each stop is handled at once and the task let go: a fork, vfork or clone
 * stop gives the new task's ID (its birth); an exec stop, the new
 * program; a seccomp stop, a name it is about to take. Its end comes with
 * the kernel's report of its exit, which the runner collects; no exit
 * stop is asked for, since a stop per task costs more than all else here
 * (the names are known already). The stop of a new task, and a stop after
 * PTRACE_LISTEN, only need it to go on. A signal is passed on as it came.
 * A job-control stop (SIGSTOP, SIGTSTP, ...) is held with PTRACE_LISTEN:
 * the task stays stopped, and SIGCONT still wakes it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracer.h"

int tracer_seize(pid_t pid, int exits)
{
	long options = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
	               PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
	               PTRACE_O_TRACESECCOMP |
	               PTRACE_O_EXITKILL | (exits ? PTRACE_O_TRACEEXIT : 0);
	return ptrace(PTRACE_SEIZE, pid, 0L, options) == 0 ? 0 : -1;
}

/* The native architecture, as seccomp names it; 0 where not known (then
   no filter: renames are only seen by the scans and at the end). */
#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define NATIVE_ARCH AUDIT_ARCH_I386
#else
#define NATIVE_ARCH 0
#endif

int tracer_watch_names(void)
{
	if (!NATIVE_ARCH)
		return -1;
	/* prctl(PR_SET_NAME, ...) stops for the tracer before it runs;
	   every other call goes on untouched. */
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		         offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		         offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_prctl, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		         offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_NAME, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof code / sizeof *code, code };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

/* id is about to rename itself (the filter stopped its prctl): read the
   new name from its memory. */
static void renaming(struct lifecycle *l, pid_t id, double at)
{
	struct __ptrace_syscall_info info;
	memset(&info, 0, sizeof info);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, id, (void *)sizeof info, &info) <= 0 ||
	    info.op != PTRACE_SYSCALL_INFO_SECCOMP ||
	    info.seccomp.args[0] != PR_SET_NAME)
		return;
	char name[16] = "";
	struct iovec mine = { name, sizeof name - 1 };
	struct iovec theirs = { (void *)(uintptr_t)info.seccomp.args[1],
	                        sizeof name - 1 };
	/* The name may end near the end of a mapping: read what there is. */
	if (process_vm_readv(id, &mine, 1, &theirs, 1, 0) <= 0)
		return;
	name[sizeof name - 1] = '\0';
	lifecycle_rename(l, id, at, name);
}

/* The contents of a small /proc file of task id (its thread's own), up
   to size - 1 bytes, without the line end; "" if it cannot be read. */
static void read_task_file(pid_t id, const char *name, char *buf,
                           size_t size)
{
	char path[64];
	buf[0] = '\0';
	snprintf(path, sizeof path, "/proc/%d/task/%d/%s", (int)id, (int)id,
	         name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		/* A thread's own directory is under its process's task/ only:
		   /proc/TID/ works for it too, undocumented but kept. */
		snprintf(path, sizeof path, "/proc/%d/%s", (int)id, name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* Tgid and PPid of task id, from its status file; 0 if not known. */
static void task_ids(pid_t id, pid_t *process, pid_t *parent)
{
	char status[2048], path[64];
	*process = *parent = 0;
	snprintf(path, sizeof path, "/proc/%d/status", (int)id);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, status, sizeof status - 1);
	close(fd);
	if (n <= 0)
		return;
	status[n] = '\0';
	const char *tgid = strstr(status, "\nTgid:");
	const char *ppid = strstr(status, "\nPPid:");
	if (tgid)
		*process = (pid_t)strtol(tgid + 6, NULL, 10);
	if (ppid)
		*parent = (pid_t)strtol(ppid + 6, NULL, 10);
}

/* A task the record has not met yet: from what /proc says of it. */
static void meet(struct lifecycle *l, pid_t id, double at)
{
	if (lifecycle_find(l, id) && lifecycle_find(l, id)->ended < 0)
		return;
	pid_t process, parent;
	char name[16];
	task_ids(id, &process, &parent);
	read_task_file(id, "comm", name, sizeof name);
	if (!process)
		process = id;
	lifecycle_birth(l, id, process, process == id ? parent : process,
	                at, name);
}

/* A fork, vfork or clone by id: the new task is born. */
static void born(struct lifecycle *l, pid_t id, int event, double at)
{
	unsigned long msg = 0;
	if (ptrace(PTRACE_GETEVENTMSG, id, 0L, &msg) != 0 || !msg)
		return;
	pid_t child = (pid_t)msg;
	/* Its own first stop, or even its end, may have come first: the
	   kernel reports each task's stops in its own order. (A PID is not
	   used again within one run: the kernel cycles through millions.) */
	if (lifecycle_find(l, child))
		return;
	const struct lifecycle_task *me = lifecycle_find(l, id);
	pid_t mine = me ? me->process : id;
	/* A new task starts with the name of the thread that made it: the
	   record has it, so /proc need not be read. */
	char name[16];
	if (me)
		snprintf(name, sizeof name, "%s", lifecycle_last_name(me));
	else
		read_task_file(child, "comm", name, sizeof name);
	/* A clone that shares the process is a thread of it. */
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task/%d", (int)mine,
	         (int)child);
	int thread = event == PTRACE_EVENT_CLONE && access(path, F_OK) == 0;
	lifecycle_birth(l, child, thread ? mine : child, mine, at, name);
}

/* The process of id has run exec: the new program and name. */
static void exec_done(struct lifecycle *l, pid_t id, double at)
{
	char exe[PATH_MAX], name[16], link[64];
	snprintf(link, sizeof link, "/proc/%d/exe", (int)id);
	ssize_t n = readlink(link, exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	const char *base = strrchr(exe, '/');
	read_task_file(id, "comm", name, sizeof name);
	lifecycle_exec(l, id, at, base ? base + 1 : *exe ? exe : name, name);
}

static int is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* Was the signal that stopped id sent by this process (the runner's
   SIGSTOP for Ctrl-Z), not by the demo itself (the frozen demo's)? */
static int sent_by_us(pid_t id)
{
	siginfo_t info;
	return ptrace(PTRACE_GETSIGINFO, id, 0L, &info) == 0 &&
	       info.si_code == SI_USER && info.si_pid == getpid();
}

/* Tasks of the record alive now. */
static int live(const struct lifecycle *l)
{
	int n = (int)l->dropped;
	for (size_t i = 0; i < l->ntasks; i++)
		n += l->tasks[i].ended < 0;
	return n;
}

int tracer_stopped(struct lifecycle *l, pid_t id, int status, double at,
                   int max_live)
{
	int hold = 0;
	if (!WIFSTOPPED(status))
		return 0;
	int event = (unsigned)status >> 16, sig = WSTOPSIG(status);
	long inject = 0;
	meet(l, id, at);
	struct lifecycle_task *t = lifecycle_find(l, id);
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		born(l, id, event, at);
		/* Only a fork is held: a task stopped anywhere else (at its
		   exit, say, on its way out after SIGKILL) must go on, or it
		   would never end. */
		if (max_live < 0 || (max_live > 0 && live(l) > max_live))
			hold = 1;
		break;
	case PTRACE_EVENT_EXEC:
		exec_done(l, id, at);
		break;
	case PTRACE_EVENT_EXIT:
		/* A thread is ending: its end is now, before whoever joins
		   it can wake (its zombie waits on us for a while). */
		if (t && t->is_thread) {
			unsigned long how = 0;
			ptrace(PTRACE_GETEVENTMSG, id, 0L, &how);
			lifecycle_end(l, id, at, (int)how);
		}
		break;
	case PTRACE_EVENT_SECCOMP:
		renaming(l, id, at);
		break;
	case PTRACE_EVENT_STOP:
		if (is_stop_signal(sig)) {
			/* A job-control stop: it stays stopped, and SIGCONT
			   (which we will see) still wakes it. */
			if (t)
				t->stopped = 1;
			if (ptrace(PTRACE_LISTEN, id, 0L, 0L) != 0 &&
			    errno != ESRCH)
				ptrace(PTRACE_CONT, id, 0L, 0L);
			return 1;
		}
		break;                      /* a new task, or woken up */
	default:
		inject = sig;               /* a signal: pass it on */
		if (sig == SIGCONT && t)
			t->stopped = 0;
		if (is_stop_signal(sig) && !l->held && sent_by_us(id))
			inject = 0;         /* our Ctrl-Z's SIGSTOP, come only
			                       after our SIGCONT: dropped, or
			                       it would stop the task again */
		break;
	}
	/* A birth may have moved the record: find the task again. */
	t = lifecycle_find(l, id);
	if (t && event)
		t->stopped = 0;             /* any event but a signal: it runs */
	if (!hold)
		ptrace(PTRACE_CONT, id, 0L, inject);
	return 1;
}
