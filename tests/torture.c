/* torture.c - drive forklore hard and count what it leaves behind.
 *
 *   torture census [-n RUNS] [-S SPEED] [DEMO...]
 *       Run each demo RUNS times in one plain-mode session (a script read
 *       from a pipe). After each run's end report, look at /proc: no
 *       descendant of forklore other than its interface, no zombie, and no
 *       process carrying this run's census tag may be left.
 *   torture stop [-n RUNS] [-S SPEED] [-m MS] [-r SEED] [--pty] [DEMO...]
 *       Start each demo RUNS times and stop it at a random moment in the
 *       first MS milliseconds: with the 'stop' command, or with --pty, by
 *       typing Ctrl-C at an interactive plain-mode prompt on a
 *       pseudo-terminal. The end report (and with --pty the prompt) must
 *       come back within 2 s, and the census must be zero.
 *   torture exec [-i SIG,...] [-b SIG,...] -- COMMAND [ARG...]
 *       Run COMMAND with those signals ignored (-i) and blocked (-b).
 *
 * With no DEMO, every built-in demo. forklore is $FORKLORE, or ./forklore.
 * Exit status: 0 when every check held, 1 when one failed, 2 on misuse. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"

#define END_WAIT_MS 30000      /* a demo at speed 0 ends well before */
#define STOP_LIMIT_MS 2000     /* stop to end report, the limit */

struct forklore {
	pid_t guard, iface;
	int in, out;           /* commands in, everything it prints out */
	int pty;
	char *buf;             /* output not yet consumed */
	size_t len, cap;
	char tag[64];
};

static int failures;

static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("torture: FAIL: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

/* ---- /proc ------------------------------------------------------------ */

struct proc {
	pid_t pid, ppid;
	char state;
	char comm[32];
};

static int read_stat(pid_t pid, struct proc *p)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	char *open_paren = strchr(buf, '('), *close = strrchr(buf, ')');
	if (!open_paren || !close || close < open_paren)
		return -1;
	size_t clen = (size_t)(close - open_paren - 1);
	if (clen >= sizeof p->comm)
		clen = sizeof p->comm - 1;
	memcpy(p->comm, open_paren + 1, clen);
	p->comm[clen] = '\0';
	int ppid;
	if (sscanf(close + 1, " %c %d", &p->state, &ppid) != 2)
		return -1;
	p->pid = pid;
	p->ppid = ppid;
	return 0;
}

/* Does the environment of pid hold the string tag (NAME=VALUE)? */
static int has_tag(pid_t pid, const char *tag)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	static char env[1 << 16];
	ssize_t n = read(fd, env, sizeof env - 1);
	close(fd);
	if (n <= 0)
		return 0;
	env[n] = '\0';
	size_t tlen = strlen(tag);
	for (char *e = env; e < env + n; e += strlen(e) + 1)
		if (strncmp(e, tag, tlen) == 0 && e[tlen] == '\0')
			return 1;
	return 0;
}

/* Every process on the machine; returns how many. */
static size_t all_procs(struct proc **out)
{
	size_t n = 0, cap = 256;
	struct proc *v = malloc(cap * sizeof *v);
	DIR *d = opendir("/proc");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		if (*end || pid <= 0)
			continue;
		if (n == cap)
			v = realloc(v, (cap *= 2) * sizeof *v);
		if (read_stat((pid_t)pid, &v[n]) == 0)
			n++;
	}
	if (d)
		closedir(d);
	*out = v;
	return n;
}

static int descends_from(const struct proc *v, size_t n, pid_t pid,
                         pid_t ancestor)
{
	for (int depth = 0; depth < 64 && pid > 1; depth++) {
		pid_t parent = 0;
		for (size_t i = 0; i < n; i++)
			if (v[i].pid == pid) {
				parent = v[i].ppid;
				break;
			}
		if (parent == ancestor)
			return 1;
		pid = parent;
	}
	return 0;
}

/* What forklore left: descendants of the guard other than the interface
   (zombies included), and anything else carrying our tag. Prints each;
   returns how many. With kill_them, also SIGKILLs them. */
static int census(const struct forklore *f, const char *when, int kill_them)
{
	struct proc *v;
	size_t n = all_procs(&v);
	int left = 0;
	for (size_t i = 0; i < n; i++) {
		pid_t pid = v[i].pid;
		if (pid == f->guard || pid == f->iface || pid == getpid())
			continue;
		int below = f->guard > 0 &&
		            descends_from(v, n, pid, f->guard);
		if (!below && !has_tag(pid, f->tag))
			continue;
		left++;
		if (kill_them)
			kill(pid, SIGKILL);
		else
			fail("%s: left behind: pid %d (%s), state %c, parent %d",
			     when, (int)pid, v[i].comm, v[i].state,
			     (int)v[i].ppid);
	}
	free(v);
	return left;
}

/* ---- talking to forklore ---------------------------------------------- */

static void start(struct forklore *f, double speed, int use_pty)
{
	const char *exe = getenv("FORKLORE");
	if (!exe || !*exe)
		exe = "./forklore";
	memset(f, 0, sizeof *f);
	f->pty = use_pty;
	snprintf(f->tag, sizeof f->tag, "FORKLORE_CENSUS=torture-%d",
	         (int)getpid());
	char speed_arg[32];
	snprintf(speed_arg, sizeof speed_arg, "%g", speed);
	int in[2], out[2], master = -1;
	pid_t pid;
	if (use_pty) {
		struct winsize ws = { .ws_row = 24, .ws_col = 200 };
		pid = forkpty(&master, NULL, NULL, &ws);
	} else {
		if (pipe(in) != 0 || pipe(out) != 0) {
			perror("torture: pipe");
			exit(2);
		}
		pid = fork();
	}
	if (pid < 0) {
		perror("torture: fork");
		exit(2);
	}
	if (pid == 0) {
		putenv(f->tag);
		putenv("NO_COLOR=1");
		if (!use_pty) {
			dup2(in[0], 0);
			dup2(out[1], 1);
			dup2(out[1], 2);
			close(in[0]); close(in[1]);
			close(out[0]); close(out[1]);
		}
		execl(exe, "forklore", "--plain", "--speed", speed_arg,
		      "--seed", "1", (char *)NULL);
		perror("torture: exec forklore");
		_exit(127);
	}
	f->guard = pid;
	if (use_pty) {
		f->in = f->out = master;
	} else {
		close(in[0]);
		close(out[1]);
		f->in = in[1];
		f->out = out[0];
	}
	fcntl(f->out, F_SETFL, O_NONBLOCK);
	/* The interface is the guard's one child, named forklore. */
	for (int i = 0; i < 500 && !f->iface; i++) {
		struct proc *v;
		size_t n = all_procs(&v);
		for (size_t j = 0; j < n; j++)
			if (v[j].ppid == pid && strcmp(v[j].comm, "forklore") == 0)
				f->iface = v[j].pid;
		free(v);
		if (!f->iface)
			nap_ms(10);
	}
	if (!f->iface) {
		fail("no interface process under guard %d", (int)pid);
		exit(1);
	}
}

static void send_text(struct forklore *f, const char *text)
{
	size_t len = strlen(text);
	while (len) {
		ssize_t n = write(f->in, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail("cannot write to forklore: %s", strerror(errno));
			exit(1);
		}
		text += n;
		len -= (size_t)n;
	}
}

static void send_line(struct forklore *f, const char *line)
{
	send_text(f, line);
	send_text(f, f->pty ? "\r" : "\n");
}

/* Read what is there, waiting at most ms; 0 at EOF. */
static int pump(struct forklore *f, int ms)
{
	struct pollfd pfd = { f->out, POLLIN, 0 };
	if (poll(&pfd, 1, ms) <= 0)
		return 1;
	for (;;) {
		if (f->cap - f->len < 4096) {
			f->cap = f->cap ? f->cap * 2 : 65536;
			f->buf = realloc(f->buf, f->cap + 1);
		}
		ssize_t n = read(f->out, f->buf + f->len, f->cap - f->len);
		if (n > 0) {
			f->len += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		f->buf[f->len] = '\0';
		return n < 0 && errno == EAGAIN;
	}
}

/* Wait until one of the needles appears; consume up to its end. Returns
   the index of the needle found, or -1 after ms milliseconds. */
static int expect(struct forklore *f, const char *const *needles, long ms)
{
	long deadline = now_ms() + ms;
	for (;;) {
		if (f->buf) {
			f->buf[f->len] = '\0';
			for (int i = 0; needles[i]; i++) {
				char *at = strstr(f->buf, needles[i]);
				if (!at)
					continue;
				size_t used = (size_t)(at - f->buf) +
				              strlen(needles[i]);
				memmove(f->buf, f->buf + used, f->len - used);
				f->len -= used;
				return i;
			}
			/* Keep only a tail long enough to hold a needle. */
			if (f->len > 8192) {
				memmove(f->buf, f->buf + f->len - 4096, 4096);
				f->len = 4096;
			}
		}
		long left = deadline - now_ms();
		if (left <= 0)
			return -1;
		if (!pump(f, (int)(left > 100 ? 100 : left)))
			return -1;
	}
}

static const char *const end_lines[] = {
	"demo ended", "demo stopped after", "demo killed by", NULL
};

static void finish(struct forklore *f)
{
	send_line(f, "quit");
	int status;
	long deadline = now_ms() + 10000;
	while (waitpid(f->guard, &status, WNOHANG) == 0) {
		if (now_ms() > deadline) {
			fail("forklore did not quit");
			kill(f->guard, SIGKILL);
			waitpid(f->guard, &status, 0);
			break;
		}
		pump(f, 50);
	}
	f->guard = 0;
	f->iface = -1;
	census(f, "after quit", 0);
	census(f, "cleanup", 1);
	close(f->in);
	if (f->out != f->in)
		close(f->out);
	free(f->buf);
}

/* ---- the checks ------------------------------------------------------- */

/* The arguments that let a demo end quickly at speed 0; NULL when the
   demo never ends by itself and must be stopped. */
static const char *quick_args(const char *name)
{
	if (strcmp(name, "flood") == 0)
		return "lines=2000 rate=0";
	if (strcmp(name, "lock-stuck") == 0)
		return NULL;
	return "";
}

static int run_census(char **names, int count, long runs, double speed)
{
	struct forklore f;
	start(&f, speed, 0);
	char cmd[256], when[128];
	long total = 0;
	for (int d = 0; d < count; d++) {
		const char *args = quick_args(names[d]);
		for (long i = 1; i <= runs; i++) {
			snprintf(cmd, sizeof cmd, "demo %s %s", names[d],
			         args ? args : "");
			send_line(&f, cmd);
			if (!args) {
				/* Never ends: let it start, then stop it. */
				const char *started[] = { "started as pid", NULL };
				expect(&f, started, END_WAIT_MS);
				send_line(&f, "stop");
			} else {
				send_line(&f, "wait");
			}
			snprintf(when, sizeof when, "%s run %ld", names[d], i);
			if (expect(&f, end_lines, END_WAIT_MS) < 0) {
				fail("%s: no end report within %d ms", when,
				     END_WAIT_MS);
				break;
			}
			if (census(&f, when, 0) > 0) {
				census(&f, "cleanup", 1);
				break;
			}
			total++;
		}
	}
	finish(&f);
	printf("census: %ld runs of %d demos, %d failures\n", total, count,
	       failures);
	return failures ? 1 : 0;
}

static int run_stop(char **names, int count, long runs, double speed,
                    long max_ms, unsigned seed, int use_pty)
{
	struct forklore f;
	start(&f, speed, use_pty);
	srand(seed);
	char cmd[256], when[128];
	long total = 0, worst = 0;
	const char *prompt[] = { "forklore> ", NULL };
	if (use_pty && expect(&f, prompt, 5000) < 0)
		fail("no first prompt");
	for (int d = 0; d < count; d++) {
		for (long i = 1; i <= runs; i++) {
			snprintf(cmd, sizeof cmd, "demo %s", names[d]);
			send_line(&f, cmd);
			const char *started[] = { "started as pid", NULL };
			if (expect(&f, started, 5000) < 0) {
				fail("%s: did not start", names[d]);
				break;
			}
			long at = max_ms > 0 ? rand() % (max_ms + 1) : 0;
			nap_ms(at);
			long t0 = now_ms();
			if (use_pty)
				send_text(&f, "\003");
			else
				send_line(&f, "stop");
			snprintf(when, sizeof when, "%s run %ld (stop at %ld ms)",
			         names[d], i, at);
			if (expect(&f, end_lines, 10000) < 0) {
				fail("%s: no end report", when);
				break;
			}
			if (use_pty && expect(&f, prompt, 10000) < 0) {
				fail("%s: the prompt did not come back", when);
				break;
			}
			long took = now_ms() - t0;
			if (took > worst)
				worst = took;
			if (took > STOP_LIMIT_MS)
				fail("%s: took %ld ms to come back", when, took);
			if (census(&f, when, 0) > 0) {
				census(&f, "cleanup", 1);
				break;
			}
			total++;
		}
	}
	finish(&f);
	printf("stop: %ld runs of %d demos%s, slowest return %ld ms, "
	       "%d failures\n", total, count, use_pty ? " (Ctrl-C)" : "",
	       worst, failures);
	return failures ? 1 : 0;
}

/* ---- exec with signals ignored and blocked ------------------------------ */

static int parse_signals(char *list, char *set)
{
	for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
		int sig = 0;
		if (strncmp(name, "SIG", 3) == 0)
			name += 3;
		for (int s = 1; s < NSIG; s++) {
			const char *abbrev = sigabbrev_np(s);
			if (abbrev && strcmp(abbrev, name) == 0)
				sig = s;
		}
		if (!sig && name[0] >= '1' && name[0] <= '9')
			sig = atoi(name);    /* by number: 32 and 33 too */
		if (!sig && strncmp(name, "RTMIN+", 6) == 0)
			sig = SIGRTMIN + atoi(name + 6);
		if (!sig) {
			fprintf(stderr, "torture: unknown signal %s\n", name);
			return -1;
		}
		if (sig >= NSIG) {
			fprintf(stderr, "torture: no signal %d\n", sig);
			return -1;
		}
		set[sig] = 1;   /* not a sigset_t: glibc refuses 32 and 33 */
	}
	return 0;
}

static int run_exec(int argc, char **argv)
{
	char ignore[NSIG] = { 0 }, block[NSIG] = { 0 };
	int i = 0;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (i + 1 >= argc)
			return 2;
		if (strcmp(argv[i], "-i") == 0 &&
		    parse_signals(argv[++i], ignore) == 0)
			continue;
		if (strcmp(argv[i], "-b") == 0 &&
		    parse_signals(argv[++i], block) == 0)
			continue;
		return 2;
	}
	if (i + 1 >= argc)
		return 2;
	sigset_t blocked;
	sigemptyset(&blocked);
	for (int s = 1; s < NSIG; s++)
		if (block[s])
			sigaddset(&blocked, s);
	sigprocmask(SIG_BLOCK, &blocked, NULL);
	for (int s = 1; s < NSIG; s++) {
		if (!ignore[s] || signal(s, SIG_IGN) != SIG_ERR)
			continue;
		/* One the C library keeps for itself: through the kernel. */
		unsigned long ign[8] = { (unsigned long)SIG_IGN };
		if (syscall(SYS_rt_sigaction, s, ign, NULL, _NSIG / 8) != 0) {
			fprintf(stderr, "torture: cannot ignore %d\n", s);
			return 2;
		}
	}
	execvp(argv[i + 1], argv + i + 1);
	perror("torture: exec");
	return 127;
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: torture census|stop|exec ...\n", stderr);
		return 2;
	}
	const char *what = argv[1];
	if (strcmp(what, "exec") == 0) {
		int rc = run_exec(argc - 2, argv + 2);
		if (rc == 2)
			fputs("usage: torture exec [-i SIGS] [-b SIGS] -- CMD\n",
			      stderr);
		return rc;
	}
	long runs = 1, max_ms = 1000;
	double speed = 0;
	unsigned seed = (unsigned)time(NULL);
	int use_pty = 0, i = 2;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--pty") == 0)
			use_pty = 1;
		else if (i + 1 < argc && strcmp(argv[i], "-n") == 0)
			runs = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "-S") == 0)
			speed = atof(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "-m") == 0)
			max_ms = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "-r") == 0)
			seed = (unsigned)atol(argv[++i]);
		else {
			fprintf(stderr, "torture: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	char *all[64];
	char **names = argv + i;
	int count = argc - i;
	if (count == 0) {
		for (const struct demo *d = demo_table; d->name && count < 64;
		     d++)
			all[count++] = (char *)d->name;
		names = all;
	}
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(what, "census") == 0)
		return run_census(names, count, runs, speed);
	if (strcmp(what, "stop") == 0) {
		printf("stop: seed %u\n", seed);
		return run_stop(names, count, runs, speed, max_ms, seed,
		                use_pty);
	}
	fprintf(stderr, "torture: unknown check %s\n", what);
	return 2;
}
