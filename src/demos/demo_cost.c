/* demo_cost.c - the lesson on choosing between processes and threads:
 * what each costs to start, the memory each takes, what a crash takes
 * down, and a server with one worker per request. */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

/* ---- small checked helpers ------------------------------------------ */

/* Microseconds on the monotonic clock. */
static double now_us(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		demo_fail("clock_gettime", errno);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void *checked_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		demo_fail("malloc", ENOMEM);
	return p;
}

/* Read up to size - 1 bytes from fd, until a newline or the end; the
   number read (0 at once at the end). */
static size_t read_line(int fd, char *buf, size_t size)
{
	size_t got = 0;
	while (got < size - 1) {
		ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			demo_fail("read", errno);
		if (n == 0)
			break;
		got += (size_t)n;
		if (memchr(buf, '\n', got))
			break;
	}
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return got;
}

/* Block until fd has a byte, or its end (every writer closed it). */
static void read_byte(int fd)
{
	char c;
	ssize_t n;
	while ((n = read(fd, &c, 1)) < 0)
		if (errno != EINTR)
			demo_fail("read", errno);
}

/* Write a byte of every page: that is what makes the pages resident
   (volatile: the compiler may not leave the writes out). */
static void use_pages(volatile char *pages, size_t size, char value)
{
	size_t step = (size_t)sysconf(_SC_PAGESIZE);
	for (size_t i = 0; i < size; i += step)
		pages[i] = value;
}

/* ---- /proc/PID/smaps_rollup: a process's memory, summed ------------- */

struct memory {
	long rss;            /* resident: every page it maps, shared or not */
	long pss;            /* proportional: a shared page split among its
	                        sharers */
	long shared_dirty;   /* written pages it shares (copy-on-write) */
	long private_dirty;  /* written pages that are its own */
};                           /* all in kB, as the kernel writes them */

static void read_memory(pid_t pid, struct memory *m)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		demo_fail("reading smaps_rollup", errno);
	memset(m, 0, sizeof *m);
	while (fgets(line, sizeof line, f)) {
		long kb;
		if (sscanf(line, "Rss: %ld", &kb) == 1)
			m->rss = kb;
		else if (sscanf(line, "Pss: %ld", &kb) == 1)
			m->pss = kb;
		else if (sscanf(line, "Shared_Dirty: %ld", &kb) == 1)
			m->shared_dirty = kb;
		else if (sscanf(line, "Private_Dirty: %ld", &kb) == 1)
			m->private_dirty = kb;
	}
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err)
		demo_fail("reading smaps_rollup", err);
	if (m->rss == 0)
		demo_fail("reading smaps_rollup", ENODATA);
}

static double mb(long kb)
{
	return (double)kb / 1024.0;
}

/* ==== 1. what it costs to start one ================================== */

/* The number of rounds really run: all of them at speeds of 1 and more,
   fewer when the demo is sped up (at --speed 0, at most 10). */
static long rounds_at_speed(long rounds)
{
	long n = (long)ceil((double)rounds * fmin(demo_speed(), 1.0));
	long least = rounds < 10 ? rounds : 10;
	return n < least ? least : n;
}

/* snippet: cost-create */
static void *thread_body(void *arg)
{
	(void)arg;
	demo_name_thread("thread");
	return NULL;                      /* and pthread_join() sees it end */
}

/* The median of n timings, and the quarters around it. */
struct spread {
	double low, median, high;       /* 25%, 50% and 75% of them below */
};

static struct spread report(const char *what, double *us, long n)
{
	demo_sort_samples(us, n);
	struct spread s = { demo_quantile(us, n, 0.25), demo_quantile(us, n, 0.5),
	                    demo_quantile(us, n, 0.75) };
	demo_say("%s: median %.0f us over %ld rounds (middle half %.0f to "
	         "%.0f us)", what, s.median, n, s.low, s.high);
	return s;
}

int demo_cost_create(const long *values)
{
	long rounds = rounds_at_speed(values[0]), megabytes = values[1];
	double *fork_us = checked_malloc((size_t)rounds * sizeof *fork_us);
	double *thread_us = checked_malloc((size_t)rounds * sizeof *thread_us);
	/* A bigger parent (memory=MB): fork() copies more page tables. */
	size_t size = (size_t)megabytes << 20;
	char *ballast = checked_malloc(size);
	use_pages(ballast, size, 1);
	if (megabytes > 0)
		demo_say("parent: %ld MB of my memory in use before forking",
		         megabytes);
	/* Turn about, so that anything else the machine does slows both. */
	for (long i = 0; i < rounds; i++) {
		double start = now_us();
		pid_t pid = demo_fork();
		if (pid == 0) {
			demo_child("child");
			_exit(0);
		}
		demo_waitpid(pid);
		fork_us[i] = now_us() - start;

		start = now_us();
		pthread_t thread;
		demo_pthread_create(&thread, thread_body, NULL);
		demo_pthread_join(thread);
		thread_us[i] = now_us() - start;
	}
	struct spread process = report("fork+wait", fork_us, rounds);
	struct spread thread = report("thread create+join", thread_us, rounds);
	if (process.median >= thread.median)
		demo_say("a process costs %.1fx a thread",
		         process.median / thread.median);
	else
		demo_say("a thread costs %.1fx a process",
		         thread.median / process.median);
	/* Where the middle halves overlap, the order may be chance. */
	if (thread.high >= process.low && process.high >= thread.low)
		demo_say("but the middle halves overlap: too noisy here to be "
		         "sure (try more rounds, or a quieter moment)");
	/* end snippet */
	free(ballast);
	free(fork_us);
	free(thread_us);
	return 0;
}

/* ==== 2. the memory N workers take ==================================== */

/* snippet: cost-memory */
struct crew {
	long megabytes;      /* what each worker allocates and writes */
	int ready[2];        /* each worker writes a byte here when done */
	int quit[2];         /* closed by the boss: read() then returns 0 */
};

/* A worker's whole life, in a process or a thread: touch a little memory,
   say so, then wait until the boss closes the quit pipe. */
static void work(struct crew *crew)
{
	size_t size = (size_t)crew->megabytes << 20;
	char *mine = checked_malloc(size);
	use_pages(mine, size, 1);               /* really use the pages */
	demo_write_all(crew->ready[1], "r", 1);
	read_byte(crew->quit[0]);               /* returns at the end */
	free(mine);
}

struct hand {
	struct crew *crew;
	long k;              /* worker-k */
};

static void *work_thread(void *arg)
{
	struct hand *hand = arg;
	char name[16];
	snprintf(name, sizeof name, "worker-%ld", hand->k);
	demo_name_thread(name);
	work(hand->crew);
	return NULL;
}

/* Wait for the workers to be ready, for the boss to measure them. */
static void all_ready(struct crew *crew, long workers)
{
	for (long k = 0; k < workers; k++)
		read_byte(crew->ready[0]);
}

static void with_processes(struct crew *crew, long workers)
{
	pid_t pids[16];
	for (long k = 0; k < workers; k++) {
		pids[k] = demo_fork();
		if (pids[k] == 0) {
			char name[16];
			snprintf(name, sizeof name, "worker-%ld", k + 1);
			demo_child(name);
			demo_close(crew->quit[1]);  /* else its end never comes */
			work(crew);
			_exit(0);
		}
	}
	all_ready(crew, workers);
	struct memory m, sum;
	read_memory(getpid(), &sum);
	demo_say("parent (pid %d): Rss %.1f MB, Pss %.1f MB", getpid(),
	         mb(sum.rss), mb(sum.pss));
	for (long k = 0; k < workers; k++) {
		read_memory(pids[k], &m);
		demo_say("worker-%ld (pid %d): Rss %.1f MB, Pss %.1f MB, "
		         "Private_Dirty %.1f MB", k + 1, pids[k], mb(m.rss),
		         mb(m.pss), mb(m.private_dirty));
		sum.rss += m.rss;
		sum.pss += m.pss;
	}
	demo_say("memory: parent and %ld worker processes: Rss %.1f MB, "
	         "Pss %.1f MB in all", workers, mb(sum.rss), mb(sum.pss));
	demo_sleep(2);                          /* a look at the monitor */
	demo_close(crew->quit[1]);                /* time to go */
	for (long k = 0; k < workers; k++)
		demo_waitpid(pids[k]);
}

static void with_threads(struct crew *crew, long workers)
{
	pthread_t threads[16];
	struct hand hands[16];
	for (long k = 0; k < workers; k++) {
		hands[k] = (struct hand){ crew, k + 1 };
		demo_pthread_create(&threads[k], work_thread, &hands[k]);
	}
	all_ready(crew, workers);
	struct memory m;
	read_memory(getpid(), &m);              /* one process holds all */
	demo_say("memory: one process with %ld worker threads: Rss %.1f MB, "
	         "Pss %.1f MB", workers, mb(m.rss), mb(m.pss));
	demo_sleep(2);
	demo_close(crew->quit[1]);
	for (long k = 0; k < workers; k++)
		demo_pthread_join(threads[k]);
}

int demo_cost_memory(const long *values)
{
	long workers = values[0];
	struct crew crew = { .megabytes = values[1] };
	demo_pipe(crew.ready);
	demo_pipe(crew.quit);
	with_processes(&crew, workers);
	demo_pipe(crew.quit);                   /* a fresh one: closed above */
	with_threads(&crew, workers);
	/* end snippet */
	demo_close(crew.quit[0]);
	demo_close(crew.ready[0]);
	demo_close(crew.ready[1]);
	return 0;
}

/* ==== 3. copy-on-write ================================================= */

/* snippet: cost-cow */
/* What this process's written pages are now, and what they grew by. */
static long dirty_now(const char *when, long before)
{
	struct memory m;
	read_memory(getpid(), &m);
	demo_say("child: %s: Shared_Dirty %.1f MB, Private_Dirty %.1f MB, "
	         "grew by %ld MB", when, mb(m.shared_dirty),
	         mb(m.private_dirty), before < 0 ? 0 :
	         lround(mb(m.private_dirty - before)));
	return m.private_dirty;
}

int demo_cost_cow(const long *values)
{
	long megabytes = values[0];
	if (demo_speed() == 0 && megabytes > 8)
		megabytes = 8;                 /* the fast version, for tests */
	size_t size = (size_t)megabytes << 20;
	long page = sysconf(_SC_PAGESIZE);
	char *buffer = checked_malloc(size);
	use_pages(buffer, size, 1);            /* the parent's own pages */
	demo_say("parent: wrote %ld MB; now forking", megabytes);
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("child");
		long dirty = dirty_now("just forked", -1);
		volatile long sum = 0;
		for (size_t i = 0; i < size; i += (size_t)page)
			sum += buffer[i];      /* read a byte of each page */
		(void)sum;                 /* read for the reading's sake */
		dirty = dirty_now("read a byte of every page", dirty);
		demo_sleep(1);
		double start = now_us();
		use_pages(buffer, size, 2);     /* write a byte of each */
		double took = now_us() - start;
		dirty_now("wrote a byte of every page", dirty);
		demo_say("child: those writes took %.1f ms: the kernel copied "
		         "each page first", took / 1000);
		demo_sleep(1);
		_exit(0);
	}
	demo_waitpid(pid);
	demo_say("parent: my buffer still holds %d: the child wrote to its "
	         "own copies", buffer[0]);
	/* end snippet */
	free(buffer);
	return 0;
}

/* ==== 4. a crash: in a thread, in a process ============================ */

/* Let a crash of this process end it quietly: no core file (ulimit -c 0),
   and SIGSEGV's default action even where a tool had caught it. */
static void let_crash_kill(void)
{
	struct rlimit none = { 0, 0 };
	if (setrlimit(RLIMIT_CORE, &none) != 0)
		demo_fail("setrlimit", errno);
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	if (sigaction(SIGSEGV, &dfl, NULL) != 0)
		demo_fail("sigaction", errno);
}

/* A sanitizer would stop at the NULL store itself; let the kernel. */
__attribute__((no_sanitize("undefined")))
static void dereference_null(void)
{
	/* snippet: cost-null */
	volatile int *nowhere = NULL;   /* volatile: the store really runs */
	*nowhere = 1;                   /* page 0 is never mapped: SIGSEGV */
	/* end snippet */
}

/* snippet: cost-crash */
struct server {
	long workers, after;
	int running[2];           /* each worker writes a byte once running */
	int quit[2];              /* closed when the workers may finish */
};

/* Every worker ticks a while. The last one then waits until all the
   others are running, and crashes on purpose; the others wait until
   the server says they may finish. */
static void serve(struct server *s, long k)
{
	for (long tick = 1; tick <= 2 * s->after + 1; tick++) {
		demo_say("worker-%ld: tick %ld", k, tick);
		if (tick == 1)
			demo_write_all(s->running[1], "r", 1);
		demo_sleep(0.5);
	}
	if (k == s->workers) {
		for (long other = 1; other <= s->workers; other++)
			read_byte(s->running[0]);
		demo_say("worker-%ld: dereferencing a NULL pointer", k);
		dereference_null();       /* the deliberate crash */
	}
	read_byte(s->quit[0]);            /* until the server closes it */
	demo_say("worker-%ld: finished", k);
}

struct seat {
	struct server *server;
	long k;
};

static void *serve_thread(void *arg)
{
	struct seat *seat = arg;
	char name[16];
	snprintf(name, sizeof name, "worker-%ld", seat->k);
	demo_name_thread(name);
	serve(seat->server, seat->k);
	return NULL;
}

/* The server with its workers as threads: one crash ends them all. */
static void threaded_server(struct server *s)
{
	pthread_t threads[8];
	struct seat seats[8];
	for (long k = 1; k <= s->workers; k++) {
		seats[k - 1] = (struct seat){ s, k };
		demo_pthread_create(&threads[k - 1], serve_thread,
		                    &seats[k - 1]);
	}
	/* Wait for the last worker, then let the others finish. It never
	   comes to that: the crash ends the whole process, this thread too. */
	demo_pthread_join(threads[s->workers - 1]);
	demo_close(s->quit[1]);
	for (long k = 1; k < s->workers; k++)
		demo_pthread_join(threads[k - 1]);
}

/* The server with its workers as processes: a crash ends only one. */
static void forking_server(struct server *s)
{
	pid_t pids[8];
	for (long k = 1; k <= s->workers; k++) {
		pids[k - 1] = demo_fork();
		if (pids[k - 1] == 0) {
			char name[16];
			snprintf(name, sizeof name, "worker-%ld", k);
			demo_child(name);
			demo_close(s->quit[1]);
			serve(s, k);
			_exit(0);
		}
	}
	int status = demo_waitpid(pids[s->workers - 1]);
	if (WIFSIGNALED(status))
		demo_say("server: worker-%ld (pid %d) was killed by signal %d "
		         "(%s); I am still running, and the other workers go "
		         "on", s->workers, pids[s->workers - 1],
		         WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		demo_say("server: worker-%ld (pid %d) exited with status %d",
		         s->workers, pids[s->workers - 1], WEXITSTATUS(status));
	demo_close(s->quit[1]);
	for (long k = 1; k < s->workers; k++)
		demo_waitpid(pids[k - 1]);
	demo_say("server: all %ld workers ended; the server ends normally",
	         s->workers);
}

int demo_cost_crash(const long *values)
{
	struct server s = { .workers = values[0], .after = values[2] };
	long threads = values[1];
	demo_pipe(s.running);
	demo_pipe(s.quit);
	pid_t pid = demo_fork();
	if (pid == 0) {
		demo_child("server");
		let_crash_kill();
		if (threads)
			threaded_server(&s);
		else
			forking_server(&s);
		_exit(0);
	}
	demo_close(s.running[0]);
	demo_close(s.running[1]);
	demo_close(s.quit[0]);
	demo_close(s.quit[1]);
	/* forklore's demo watches from outside, in the parent. */
	int status = demo_waitpid(pid);
	const char *what = threads ? "worker threads" : "worker processes";
	if (WIFSIGNALED(status))
		demo_say("parent: the server process (pid %d) with its %ld "
		         "%s was killed by signal %d (%s)", pid, s.workers,
		         what, WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		demo_say("parent: the server process (pid %d) with its %ld %s "
		         "exited with status %d", pid, s.workers, what,
		         WEXITSTATUS(status));
	/* end snippet */
	return 0;
}

/* ==== 5. a worker per request ========================================= */

/* snippet: cost-server */
/* One connection's worker, in a process or a thread: read the request,
   work on it a while, answer with who it is. */
static void handle(int conn, long k, long work_seconds)
{
	char request[64], answer[96];
	read_line(conn, request, sizeof request);
	demo_say("worker-%ld: pid %d, tid %d: got '%s'", k, getpid(), gettid(),
	         request);
	demo_sleep((double)work_seconds);
	int len = snprintf(answer, sizeof answer, "worker-%ld pid %d tid %d\n",
	                   k, getpid(), gettid());
	demo_write_all(conn, answer, (size_t)len);
	demo_close(conn);
}

struct job {
	int conn;
	long k, work_seconds;
};

static void *handle_thread(void *arg)
{
	struct job *job = arg;
	char name[16];
	snprintf(name, sizeof name, "worker-%ld", job->k);
	demo_name_thread(name);
	handle(job->conn, job->k, job->work_seconds);
	return NULL;
}

/* The client: open every connection first, so that the requests are
   served at the same time, then read the answers. */
static void client(struct sockaddr_in *server, long requests)
{
	int conns[16];
	char text[96];
	for (long k = 1; k <= requests; k++) {
		conns[k - 1] = socket(AF_INET, SOCK_STREAM, 0);
		if (conns[k - 1] < 0)
			demo_fail("socket", errno);
		if (connect(conns[k - 1], (struct sockaddr *)server,
		            sizeof *server) != 0)
			demo_fail("connect", errno);
		int len = snprintf(text, sizeof text, "request %ld\n", k);
		demo_write_all(conns[k - 1], text, (size_t)len);
	}
	long pids[16], tids[16], distinct_pids = 0, distinct_tids = 0;
	for (long k = 1; k <= requests; k++) {
		long worker = 0;
		pids[k - 1] = tids[k - 1] = 0;
		if (read_line(conns[k - 1], text, sizeof text) == 0 ||
		    sscanf(text, "worker-%ld pid %ld tid %ld", &worker,
		           &pids[k - 1], &tids[k - 1]) != 3)
			demo_say("client: request %ld got no answer", k);
		else
			demo_say("client: request %ld answered by worker-%ld, "
			         "pid %ld, tid %ld", k, worker, pids[k - 1],
			         tids[k - 1]);
		demo_close(conns[k - 1]);
		int new_pid = pids[k - 1] != 0, new_tid = tids[k - 1] != 0;
		for (long j = 0; j < k - 1; j++) {
			new_pid = new_pid && pids[j] != pids[k - 1];
			new_tid = new_tid && tids[j] != tids[k - 1];
		}
		distinct_pids += new_pid;
		distinct_tids += new_tid;
	}
	demo_say("client: %ld requests answered by %ld distinct PIDs and %ld "
	         "distinct TIDs", requests, distinct_pids, distinct_tids);
}

int demo_cost_server(const long *values)
{
	long requests = values[0], threads = values[1];
	long work_seconds = values[2];
	/* Listen on 127.0.0.1, on a port the kernel picks (port 0). */
	struct sockaddr_in address = {
		.sin_family = AF_INET,
		.sin_port = htons(0),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t length = sizeof address;
	int listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0)
		demo_fail("socket", errno);
	if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0)
		demo_fail("bind", errno);
	if (getsockname(listener, (struct sockaddr *)&address, &length) != 0)
		demo_fail("getsockname", errno);
	if (listen(listener, (int)requests) != 0)
		demo_fail("listen", errno);
	demo_say("server: listening on 127.0.0.1:%d, a %s per connection",
	         ntohs(address.sin_port), threads ? "thread" : "process");

	pid_t client_pid = demo_fork();
	if (client_pid == 0) {
		demo_child("client");
		demo_close(listener);
		client(&address, requests);
		_exit(0);
	}

	pid_t pids[16];
	pthread_t workers[16];
	struct job jobs[16];
	for (long k = 1; k <= requests; k++) {
		struct sockaddr_in peer;
		socklen_t peer_length = sizeof peer;
		int conn;
		while ((conn = accept(listener, (struct sockaddr *)&peer,
		                      &peer_length)) < 0)
			if (errno != EINTR)
				demo_fail("accept", errno);
		if (threads) {
			jobs[k - 1] = (struct job){ conn, k, work_seconds };
			demo_pthread_create(&workers[k - 1], handle_thread,
			                    &jobs[k - 1]);
			demo_say("server: connection %ld from port %d: "
			         "started thread worker-%ld", k,
			         ntohs(peer.sin_port), k);
			continue;
		}
		pids[k - 1] = demo_fork();
		if (pids[k - 1] == 0) {
			char name[16];
			snprintf(name, sizeof name, "worker-%ld", k);
			demo_child(name);
			demo_close(listener);
			handle(conn, k, work_seconds);
			_exit(0);
		}
		demo_close(conn);                 /* the worker has its own */
		demo_say("server: connection %ld from port %d: forked "
		         "worker-%ld, pid %d", k, ntohs(peer.sin_port), k,
		         pids[k - 1]);
	}
	demo_close(listener);
	for (long k = 1; k <= requests; k++) {
		if (threads)
			demo_pthread_join(workers[k - 1]);
		else
			demo_waitpid(pids[k - 1]);
	}
	demo_waitpid(client_pid);
	demo_say("server: %ld requests served by %ld worker %s", requests,
	         requests, threads ? "threads" : "processes");
	/* end snippet */
	return 0;
}
