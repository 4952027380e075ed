/* demo_lib.h - what every demo uses: tagged output, scaled sleeps, names. */
#ifndef FORKLORE_DEMO_LIB_H
#define FORKLORE_DEMO_LIB_H

#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>

/* The exit status of a demo process that ended because a system call
   failed (EX_OSERR in sysexits.h); the root's tells the UI so. */
#define DEMO_EXIT_FAILED 71

/* Called once by the runner in the demo's root process. */
void demo_lib_init(const char *name, double speed, unsigned long seed);

/* Print one line, tagged with this process's PID, TID and thread name. */
void demo_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sleep for seconds times the speed factor (0 = do not sleep). */
void demo_sleep(double seconds);

/* First call in a freshly forked child: name it and tie it to its parent. */
void demo_child(const char *name);

/*
 * Checked system calls: every demo makes its forks, pipes, threads, waits
 * and kills through these. On failure they print one line saying what
 * failed and why ("fork failed: ... (the process limit, see ulimit -u)")
 * and end the demo, so a demo never goes on with a PID or thread it did
 * not get. They never return an error.
 */
pid_t demo_fork(void);                        /* the child's PID, or 0 */
void demo_pipe(int fds[2]);
void demo_dup2(int from, int to);
void demo_pthread_create(pthread_t *thread, void *(*run)(void *), void *arg);
void demo_pthread_join(pthread_t thread);
/* Wait for child pid (> 0, as demo_fork returned it); the status. */
int demo_waitpid(pid_t pid);
/* Has child pid ended? waitpid(pid, &status, WNOHANG), which never
   blocks: 0 while it runs; 1 once it has ended, with its wait status in
   *status, and it is reaped. */
int demo_waitpid_nohang(pid_t pid, int *status);
/* Wait until child pid has exited, without reaping it (waitid with
   WNOWAIT): it stays a zombie until demo_waitpid(). */
void demo_wait_exited(pid_t pid);
/* The same, until it has stopped (SIGSTOP) or exited. */
void demo_wait_stopped(pid_t pid);
/* What /proc says of a process: its state letter (R, S, Z, ...), and its
   name (comm); a failure to read ends the demo. */
char demo_proc_state(pid_t pid);
void demo_proc_name(pid_t pid, char *name, size_t size);
/* Wait for any child: its PID and *status, or 0 when none is left. */
pid_t demo_wait(int *status);
/* Signal pid (> 0, as demo_fork returned it); -1 if it is gone. */
int demo_kill(pid_t pid, int sig);

/* Say that `call` failed with errno value err, and end the demo. */
void demo_fail(const char *call, int err) __attribute__((noreturn));

/* Name the calling thread (at most 15 bytes show in /proc). */
void demo_name_thread(const char *name);

/* A random number in [lo, hi), repeatable for a given --seed and name. */
double demo_random(double lo, double hi);

/* Seconds since the demo started, from the monotonic clock. */
double demo_elapsed(void);

/* The PID of the forklore process running the demo (the root's parent,
   and the subreaper that adopts the demo's orphans). */
pid_t demo_forklore(void);

/* The speed factor the demo runs at. */
double demo_speed(void);

/* Write all of buf to fd, however the kernel splits it (write, checked). */
void demo_write_all(int fd, const void *buf, size_t size);
/* Close fd, checked (on Linux it is closed even when close says EINTR). */
void demo_close(int fd);
/* Sort n samples in place, smallest first; then the value below which
   fraction q of them lie (0.5: the median), between two samples when it
   falls between them. */
void demo_sort_samples(double *samples, long n);
double demo_quantile(const double *sorted, long n, double q);

#endif
