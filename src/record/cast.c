/* cast.c - --cast FILE: the session recorded as an asciicast v2 file.
 *
 * Recording from the inside would mean teaching curses, readline, the
 * guard and every demo to copy what they write. Instead the recorder sits
 * above all of them, as script(1) does. forklore splits in two before the
 * guard starts: the child carries on as forklore; the parent stays behind
 * as the recorder (named forklore-cast), relays between the real terminal
 * and a pseudo-terminal it gave the child, and writes each piece of output
 * to FILE as an "o" event on the way. The child has a real terminal, so
 * the panes, readline, job control and resizing behave as without --cast,
 * and whatever any process of forklore writes is in the recording.
 *
 *   shell > forklore-cast > forklore-guard > forklore > demos
 *
 * When standard output is not a terminal (plain mode into a pipe or a
 * file) there is no terminal to imitate: the child's standard output (and
 * its standard error when both went to the same place) comes through a
 * pipe instead and is passed on unchanged; the recording shows it as a
 * terminal would, with each LF as CR LF.
 *
 * The recorder is a child subreaper: if the guard is killed, the
 * interface (which then leaves, on its death signal) comes back to the
 * recorder, which relays the screen it puts back before leaving itself. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cast.h"
#include "utf8.h"
#include "files.h"
#include "i18n.h"
#include "descendants.h"
#include "procmon.h"
#include "runner.h"
#include "util.h"

#define CAST_READ_SIZE 65536
#define CAST_CARRY_MAX 4   /* an unfinished UTF-8 sequence: up to 3 */
/* How long what is left after the guard (an interface whose guard was
   killed, ending its demos) may take before it is killed: longer than
   the interface's own grace period for a stubborn demo. */
#define CAST_ORPHANS_MS (RUNNER_GRACE_MS + 2000)

struct recorder {
	const char *path;
	int file;                  /* the cast file, -1 once writing failed */
	int write_error;           /* why it failed, or 0 */
	int pty;                   /* from is a pty master (else a pipe) */
	int from;                  /* the child's output, -1 once over */
	int to;                    /* standard output, -1 once gone */
	int keys;                  /* the terminal's keys (stdin), or -1 */
	int signals;               /* a signalfd */
	pid_t child;               /* the rest of forklore: the guard */
	int child_done, child_status;
	long long orphans_deadline; /* monotonic_ms() */
	int suspended;             /* the child stopped, we gave the terminal
	                              back and stopped too */
	struct termios saved;      /* the real terminal's modes */
	int have_saved, raw;
	int width, height;
	double start;              /* monotonic_seconds() */
	unsigned char carry[CAST_CARRY_MAX];   /* an unfinished sequence */
	size_t ncarry;
	unsigned char pending[4096];   /* keys the pty has not taken yet */
	size_t npending;
	/* Output is read at buf + CAST_CARRY_MAX, so that what was carried
	   over can be put right before it. */
	unsigned char buf[CAST_CARRY_MAX + CAST_READ_SIZE];
	struct strbuf line;        /* the event being written */
};

/* One recorder per process, and it never returns to main. */
static struct recorder rec;

/* The signals the recorder reads from its signalfd; the leaving ones are
   passed on to the child (see pass_signal). */
static const int watched[] = { SIGCHLD, SIGWINCH, SIGCONT };
static const int passed[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP,
                              SIGUSR1, SIGUSR2 };

/* ---- JSON: valid UTF-8, control characters escaped ------------------- */

/*
 * Append n bytes of output to sb as the inside of a JSON string: valid
 * UTF-8 as it is, each byte that cannot begin a valid sequence as U+FFFD
 * (what a terminal would show), quotes, backslashes and control
 * characters escaped; with crlf, each LF as CR LF. A sequence cut short
 * by the end of the data is left for the next piece, unless final. Returns
 * how many bytes were used: n, or up to 3 fewer.
 */
static size_t json_add_output(struct strbuf *sb, const unsigned char *s,
                              size_t n, int crlf, int final)
{
	size_t i = 0;
	while (i < n) {
		unsigned long cp;
		int len = utf8_sequence(s + i, n - i, &cp);
		if (len < 0 && !final)
			break;
		if (len <= 0) {
			strbuf_adds(sb, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (len > 1) {
			strbuf_add(sb, (const char *)s + i, (size_t)len);
			i += (size_t)len;
			continue;
		}
		unsigned char c = s[i++];
		switch (c) {
		case '"': strbuf_adds(sb, "\\\""); break;
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '\n': strbuf_adds(sb, crlf ? "\\r\\n" : "\\n"); break;
		case '\r': strbuf_adds(sb, "\\r"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		case '\b': strbuf_adds(sb, "\\b"); break;
		case '\f': strbuf_adds(sb, "\\f"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				strbuf_addf(sb, "\\u%04x", c);
			else
				strbuf_add(sb, (const char *)&c, 1);
		}
	}
	return i;
}

static void json_add_string(struct strbuf *sb, const char *s)
{
	strbuf_adds(sb, "\"");
	json_add_output(sb, (const unsigned char *)s, strlen(s), 0, 1);
	strbuf_adds(sb, "\"");
}

/* ---- the cast file ---------------------------------------------------- */

/* Write all of it, through interruptions and short writes. */
static int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			/* A descriptor someone else made non-blocking. */
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };
			poll(&pfd, 1, -1);
			continue;
		}
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The line built in rec.line goes to the file; a failure ends the
   recording (not the session) and is reported at the end. */
static void write_line(struct recorder *r)
{
	if (r->file >= 0 && write_all(r->file, r->line.buf, r->line.len) != 0) {
		r->write_error = errno ? errno : EIO;
		close(r->file);
		r->file = -1;
	}
	r->line.len = 0;
}

static double elapsed(const struct recorder *r)
{
	return monotonic_seconds() - r->start;
}

static void write_header(struct recorder *r)
{
	struct strbuf *sb = &r->line;
	strbuf_addf(sb, "{\"version\": 2, \"width\": %d, \"height\": %d, "
	            "\"timestamp\": %lld, \"env\": {", r->width, r->height,
	            (long long)time(NULL));
	const char *names[] = { "SHELL", "TERM" };
	int first = 1;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *value = getenv(names[i]);
		if (!value)
			continue;
		strbuf_addf(sb, "%s\"%s\": ", first ? "" : ", ", names[i]);
		json_add_string(sb, value);
		first = 0;
	}
	strbuf_adds(sb, "}, \"title\": \"forklore\"}\n");
	write_line(r);
}

/* An "o" event for the n bytes of output at r->buf + CAST_CARRY_MAX,
   after what was carried over from the last piece. final: nothing more
   will come, so an unfinished UTF-8 sequence is written, replaced. */
static void record_output(struct recorder *r, size_t n, int final)
{
	if (r->file < 0)
		return;
	unsigned char *all = r->buf + CAST_CARRY_MAX - r->ncarry;
	memcpy(all, r->carry, r->ncarry);
	n += r->ncarry;
	strbuf_addf(&r->line, "[%.6f, \"o\", \"", elapsed(r));
	size_t head = r->line.len;
	size_t used = json_add_output(&r->line, all, n, !r->pty, final);
	r->ncarry = n - used;
	memcpy(r->carry, all + used, r->ncarry);
	if (r->line.len == head) {
		r->line.len = 0;   /* nothing but an unfinished sequence yet */
		return;
	}
	strbuf_adds(&r->line, "\"]\n");
	write_line(r);
}

static void record_resize(struct recorder *r)
{
	if (r->file < 0)
		return;
	strbuf_addf(&r->line, "[%.6f, \"r\", \"%dx%d\"]\n", elapsed(r),
	            r->width, r->height);
	write_line(r);
}

/* ---- the real terminal ------------------------------------------------ */

/* Keys go to the pty byte by byte, and output comes out as the pty made
   it: the pty, not the real terminal, does the line discipline. */
static void terminal_raw(struct recorder *r)
{
	if (r->keys < 0 || !r->have_saved || r->raw)
		return;
	struct termios t = r->saved;
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	/* In the background this stops us (SIGTTOU) until fg, as it
	   should: the terminal is not ours to change then. */
	if (tcsetattr(r->keys, TCSADRAIN, &t) == 0)
		r->raw = 1;
}

static void terminal_restore(struct recorder *r)
{
	if (!r->raw)
		return;
	tcsetattr(r->keys, TCSADRAIN, &r->saved);
	r->raw = 0;
}

/* The real terminal's size, to the pty (which tells the child with a
   SIGWINCH) and to the recording. */
static void sync_size(struct recorder *r)
{
	struct winsize ws;
	if (!r->pty || r->from < 0 ||
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || !ws.ws_col ||
	    !ws.ws_row)
		return;
	if (ws.ws_col == r->width && ws.ws_row == r->height)
		return;
	ioctl(r->from, TIOCSWINSZ, &ws);
	r->width = ws.ws_col;
	r->height = ws.ws_row;
	record_resize(r);
}

/* ---- relaying --------------------------------------------------------- */

/* The child is told, as by a closed terminal, that nobody is there. */
static void hang_up(struct recorder *r)
{
	if (!r->child_done)
		kill(r->child, SIGHUP);
}

/* Read one piece of the child's output, pass it on, record it. Returns
   1 if there was some, 0 if not (for now, or ever: from is then -1). */
static int relay_output(struct recorder *r)
{
	unsigned char *data = r->buf + CAST_CARRY_MAX;
	ssize_t n = read(r->from, data, CAST_READ_SIZE);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0) {
		/* End of the pipe, or EIO: no process has the pty any more. */
		close(r->from);
		r->from = -1;
		return 0;
	}
	if (r->to >= 0 && write_all(r->to, data, (size_t)n) != 0) {
		r->to = -1;
		if (!r->pty) {
			/* Whoever read our output is gone: let the child find
			   out on its next write, as it would without us. */
			close(r->from);
			r->from = -1;
		} else {
			hang_up(r);
		}
	}
	record_output(r, (size_t)n, 0);
	return 1;
}

static void drain(struct recorder *r)
{
	while (r->from >= 0 && relay_output(r))
		;
}

/* Keys waiting for the pty go in as far as it takes them now; the rest
   waits (never blocking, so that output keeps flowing meanwhile). */
static void relay_keys(struct recorder *r)
{
	if (!r->npending || r->from < 0)
		return;
	ssize_t w = write(r->from, r->pending, r->npending);
	if (w <= 0)
		return;
	r->npending -= (size_t)w;
	memmove(r->pending, r->pending + w, r->npending);
}

static void read_keys(struct recorder *r)
{
	ssize_t n = read(r->keys, r->pending + r->npending,
	                 sizeof r->pending - r->npending);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* A raw terminal reads 0 or fails only once it hung up. */
		r->keys = -1;
		r->raw = 0;
		hang_up(r);
		return;
	}
	r->npending += (size_t)n;
	relay_keys(r);
}

/* ---- the child: job control, signals, its end ------------------------- */

/* On fg (SIGCONT) after a stop we followed: take the terminal again, then
   wake the child, which redraws. */
static void resume(struct recorder *r)
{
	if (!r->suspended)
		return;
	r->suspended = 0;
	terminal_raw(r);
	sync_size(r);
	/* In a pty the child leads its own group (the guard and the
	   interface); through a pipe it shares ours. */
	if (!r->child_done)
		kill(r->pty ? -r->child : r->child, SIGCONT);
}

/* The child stopped (Ctrl-Z in the pty: the interface put its screen away
   and stopped, then the guard did): relay the screen it left, give the
   terminal back and stop too, so that the shell sees the job stop. */
static void follow_stop(struct recorder *r)
{
	drain(r);
	terminal_restore(r);
	r->suspended = 1;
	raise(SIGSTOP);
	resume(r);
}

static void reap(struct recorder *r)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED |
	                      WCONTINUED)) > 0) {
		if (pid != r->child || r->child_done)
			continue;   /* what the guard left, if it was killed */
		if (WIFSTOPPED(status)) {
			follow_stop(r);
		} else if (!WIFCONTINUED(status)) {
			r->child_done = 1;
			r->child_status = status;
			r->orphans_deadline = monotonic_ms() +
			                      CAST_ORPHANS_MS;
		}
	}
}

/* Is any process still ours to wait for? Reaps those that ended. */
static int children_left(void)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		;
	return !(pid < 0 && errno == ECHILD);
}

/* The guard is gone and what it left outlived the grace period. */
static void end_orphans(void)
{
	descendants_signal(SIGKILL);
}

/*
 * A leaving signal (or Ctrl-Z, USR1, USR2) reached the recorder. One that
 * someone sent to us goes on to the child. One the real terminal sent
 * reached its whole foreground group: through a pipe the child is in it
 * and got it too; with a pty the child is not, and the signal goes where
 * the pty would have sent it, to the pty's foreground group (a raw
 * terminal sends none of these; a hangup can still come).
 */
static void pass_signal(struct recorder *r, int sig, int code)
{
	if (r->child_done)
		return;
	if (code == SI_USER || code == SI_QUEUE || code == SI_TKILL) {
		kill(r->child, sig);
		return;
	}
	if (!r->pty)
		return;
	if (sig == SIGHUP) {
		hang_up(r);
		return;
	}
	pid_t fg = r->from >= 0 ? tcgetpgrp(r->from) : -1;
	kill(fg > 0 ? -fg : r->child, sig);
}

static void on_signals(struct recorder *r)
{
	struct signalfd_siginfo si;
	while (read(r->signals, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGCHLD:
			reap(r);
			break;
		case SIGWINCH:
			sync_size(r);
			break;
		case SIGCONT:
			resume(r);
			break;
		default:
			pass_signal(r, (int)si.ssi_signo, si.ssi_code);
			break;
		}
	}
}

/* Milliseconds until what the guard left is ended; -1: no limit. */
static int orphans_timeout(const struct recorder *r)
{
	if (!r->child_done)
		return -1;
	long long ms = r->orphans_deadline - monotonic_ms();
	return ms < 0 ? 0 : (int)ms;
}

/* Everything has ended: the last output, the terminal as it was, the
   child's status (128 + the signal if one killed it). */
static void __attribute__((noreturn)) finish(struct recorder *r)
{
	drain(r);
	if (r->ncarry)
		record_output(r, 0, 1);
	terminal_restore(r);
	if (r->file >= 0 && close(r->file) != 0)
		r->write_error = errno;
	int status = r->child_status;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) :
	           WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
	if (r->write_error) {
		fprintf(stderr, "forklore: --cast %s: %s\n", r->path,
		        strerror(r->write_error));
		if (code == 0)
			code = 1;
	}
	strbuf_free(&r->line);
	_exit(code);
}

/* The recorder's loop: output, keys and signals, until the child and
   whatever it left have ended. */
static void __attribute__((noreturn)) record(struct recorder *r)
{
	for (;;) {
		if (r->child_done && !children_left())
			finish(r);
		struct pollfd fds[3];
		int n = 0, i_from = -1, i_keys = -1;
		fds[n++] = (struct pollfd){ .fd = r->signals, .events = POLLIN };
		if (r->from >= 0) {
			i_from = n;
			fds[n++] = (struct pollfd){ .fd = r->from,
			    .events = POLLIN | (r->npending ? POLLOUT : 0) };
		}
		if (r->keys >= 0 && r->npending < sizeof r->pending) {
			i_keys = n;
			fds[n++] = (struct pollfd){ .fd = r->keys,
			                            .events = POLLIN };
		}
		int ready = poll(fds, (nfds_t)n, orphans_timeout(r));
		if (ready < 0 && errno != EINTR) {
			perror("forklore: --cast: poll");
			kill(r->child, SIGHUP);
			r->child_done = 1;
			r->child_status = W_EXITCODE(1, 0);
			finish(r);
		}
		if (ready == 0 && r->child_done) {
			end_orphans();
			r->orphans_deadline += 1000;
			continue;
		}
		if (ready <= 0)
			continue;
		if (fds[0].revents)
			on_signals(r);
		if (i_from >= 0 && r->from >= 0 && fds[i_from].revents &
		    (POLLIN | POLLHUP | POLLERR))
			relay_output(r);
		if (i_from >= 0 && r->from >= 0 &&
		    fds[i_from].revents & POLLOUT)
			relay_keys(r);
		if (i_keys >= 0 && r->keys >= 0 && fds[i_keys].revents)
			read_keys(r);
	}
}

/* ---- the split -------------------------------------------------------- */

/* A pty like the real terminal: its modes and size. Returns the slave
   (for the child), or -1; r->from is the master. */
static int open_pty(struct recorder *r)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	char name[128];
	if (master < 0)
		return -1;
	if (grantpt(master) != 0 || unlockpt(master) != 0 ||
	    ptsname_r(master, name, sizeof name) != 0)
		goto fail;
	int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		goto fail;
	r->keys = isatty(STDIN_FILENO) ? STDIN_FILENO : -1;
	r->have_saved = tcgetattr(r->keys >= 0 ? r->keys : STDOUT_FILENO,
	                          &r->saved) == 0;
	if (r->have_saved)
		tcsetattr(slave, TCSANOW, &r->saved);
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		ioctl(slave, TIOCSWINSZ, &ws);
		if (ws.ws_col && ws.ws_row) {
			r->width = ws.ws_col;
			r->height = ws.ws_row;
		}
	}
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	r->from = master;
	return slave;
fail:
	close(master);
	return -1;
}

static int env_size(const char *name, int fallback)
{
	long v;
	const char *s = getenv(name);
	return s && parse_long(s, &v) == 0 && v > 0 && v <= 10000 ?
	       (int)v : fallback;
}

/* Standard output is not a terminal: a pipe takes the child's output.
   Returns its write end, or -1; r->from is the read end. */
static int open_pipe(struct recorder *r)
{
	int ends[2];
	if (pipe2(ends, O_CLOEXEC) != 0)
		return -1;
	fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK);
	r->from = ends[0];
	r->width = env_size("COLUMNS", r->width);
	r->height = env_size("LINES", r->height);
	return ends[1];
}

/* Do standard output and error go to the same place (2>&1)? */
static int same_destination(void)
{
	struct stat out, err;
	return fstat(STDOUT_FILENO, &out) == 0 &&
	       fstat(STDERR_FILENO, &err) == 0 &&
	       out.st_dev == err.st_dev && out.st_ino == err.st_ino;
}

/* In the child: the pty becomes its controlling terminal and replaces
   every standard descriptor that was the real terminal; or the pipe
   replaces standard output (and error, if they went together). */
static void become_child(struct recorder *r, int end, int merge,
                         const sigset_t *mask, pid_t recorder)
{
	if (r->pty) {
		setsid();
		ioctl(end, TIOCSCTTY, 0);
		for (int fd = 0; fd <= STDERR_FILENO; fd++)
			if (isatty(fd))
				dup2(end, fd);
	} else {
		dup2(end, STDOUT_FILENO);
		if (merge)
			dup2(end, STDERR_FILENO);
	}
	close(end);
	close(r->from);
	close(r->file);
	close(r->signals);
	sigprocmask(SIG_SETMASK, mask, NULL);
	/* If the recorder goes (killed: it cannot pass anything on), leave
	   as on a TERM, which the guard passes on to the interface. Not a
	   HUP: the pty's hangup as the recorder's descriptors close sends
	   the guard, its session leader, a HUP first, from the kernel, which
	   the guard keeps to itself; a second HUP while that one is pending
	   would be lost. */
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	if (getppid() != recorder)
		raise(SIGTERM);
}

/* The signals the recorder takes from its signalfd: all of watched, and
   those of passed that whoever started us did not ask to ignore. */
static void recorder_signals(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof watched / sizeof *watched; i++)
		sigaddset(set, watched[i]);
	for (size_t i = 0; i < sizeof passed / sizeof *passed; i++) {
		struct sigaction sa;
		if (sigaction(passed[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN)
			sigaddset(set, passed[i]);
	}
}

int cast_start(const char *path, char **cause)
{
	struct recorder *r = &rec;
	memset(r, 0, sizeof *r);
	r->path = path;
	r->from = r->to = r->keys = r->signals = -1;
	r->width = 80;
	r->height = 24;
	/* Not blocking in open(): a FIFO with no reader is an error. */
	r->file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	               O_NOCTTY | O_NONBLOCK, 0644);
	if (r->file < 0) {
		char *name = files_printable(path);
		*cause = xasprintf("--cast %s: %s", name, strerror(errno));
		free(name);
		return -1;
	}
	fcntl(r->file, F_SETFL, fcntl(r->file, F_GETFL) & ~O_NONBLOCK);
	r->pty = isatty(STDOUT_FILENO);
	int merge = !r->pty && same_destination();
	int end = r->pty ? open_pty(r) : open_pipe(r);
	if (end < 0) {
		if (r->pty)
			/* TRANSLATORS: the --cast file, then why (strerror). */
			*cause = xasprintf(_("--cast %s: cannot open a "
			                     "pseudo-terminal: %s"), path,
			                   strerror(errno));
		else
			/* TRANSLATORS: the --cast file, then why (strerror). */
			*cause = xasprintf(_("--cast %s: cannot open a pipe: %s"),
			                   path, strerror(errno));
		close(r->file);
		return -1;
	}
	/* Raw before the fork: started in the background, we stop right
	   here (SIGTTOU) until fg, before anything runs. */
	terminal_raw(r);
	sigset_t set, mask;
	recorder_signals(&set);
	sigprocmask(SIG_BLOCK, &set, &mask);
	r->signals = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	/* Not inherited by the child: only orphans of the guard come to us. */
	runner_become_subreaper();
	fflush(NULL);
	pid_t recorder = getpid();
	pid_t child = r->signals < 0 ? -1 : fork();
	if (child < 0) {
		/* TRANSLATORS: the --cast file, then why (strerror). */
		*cause = xasprintf(_("--cast %s: cannot start the recorder: "
		                     "%s"), path, strerror(errno));
		terminal_restore(r);
		sigprocmask(SIG_SETMASK, &mask, NULL);
		if (r->signals >= 0)
			close(r->signals);
		close(end);
		close(r->from);
		close(r->file);
		return -1;
	}
	if (child == 0) {
		become_child(r, end, merge, &mask, recorder);
		return 0;
	}
	close(end);
	r->child = child;
	r->to = STDOUT_FILENO;
	prctl(PR_SET_NAME, "forklore-cast", 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);   /* a write error says it, see relay */
	r->start = monotonic_seconds();
	write_header(r);
	record(r);
}
