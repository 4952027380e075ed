/* demo_dist.c - the lesson on distributed processes: a master serves a
 * task queue and a result queue over TCP, worker processes connect, prove
 * that they know the shared key (an HMAC challenge), take tasks and send
 * their results back. One process, one poll() loop, serves them all. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "demo_lib.h"

#define NONCE_BYTES 32          /* the random challenge */
#define DIGEST_BYTES 32         /* HMAC-SHA256 */
#define HANDSHAKE_SECONDS 2     /* a newcomer's time to prove itself */
#define CONNECT_SECONDS 5       /* a worker's time to reach the master */
#define MAX_PEERS 32            /* connections the master serves at once */
#define MAX_WORKERS 16
#define MAX_TASKS 100

static double now_seconds(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		demo_fail("clock_gettime", errno);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* An address as people write it: "127.0.0.1:40123". */
static void format_address(const struct sockaddr_in *a, char *text,
                           size_t size)
{
	char ip[INET_ADDRSTRLEN];
	if (!inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip))
		demo_fail("inet_ntop", errno);
	snprintf(text, size, "%s:%d", ip, ntohs(a->sin_port));
}

/* What a stranger sent (len bytes), safe to print: at most 24
   characters, anything but printable ASCII shown as '?'. */
static void printable(const char *text, size_t len, char *out, size_t size)
{
	size_t i = 0;
	for (; i < len && i < 24 && i + 4 < size; i++)
		out[i] = text[i] >= ' ' && text[i] <= '~' ? text[i] : '?';
	if (i < len)
		memcpy(out + i, "...", 4);
	else
		out[i] = '\0';
}

/* Errors that mean "the other side is gone", not "this program failed". */
static int peer_gone(int err)
{
	return err == EPIPE || err == ECONNRESET || err == ETIMEDOUT ||
	       err == EAGAIN || err == EWOULDBLOCK || err == EHOSTUNREACH ||
	       err == ENETUNREACH;
}

/* Send small messages at once: without this, the kernel holds a small
   message back while an earlier one is unacknowledged (Nagle's
   algorithm), and a worker's "result" then "get" wait 40 ms or more. */
static void no_delay(int fd)
{
	int on = 1;
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0)
		demo_fail("setsockopt", errno);
}

/* ==== the wire: length-prefixed messages ============================== */

/* snippet: dist-frame */
/* One message on the wire: its length in 4 bytes, most significant byte
   first (network byte order), then that many bytes of text, such as
   "task 3" or "result 3 9". Both sides refuse anything longer than
   MESSAGE_MAX: a length field is a number a stranger chooses. */
#define MESSAGE_MAX 256

/* Send text as one message: 0, or -1 if the other side has gone (or,
   for the master, is not reading: it never waits for one peer). */
static int send_message(int fd, const char *text)
{
	size_t len = strlen(text), sent = 0;
	unsigned char frame[4 + MESSAGE_MAX];
	uint32_t length = htonl((uint32_t)len);
	memcpy(frame, &length, 4);
	memcpy(frame + 4, text, len);
	while (sent < 4 + len) {
		/* MSG_NOSIGNAL: a closed peer is an error, not a SIGPIPE. */
		ssize_t n = send(fd, frame + sent, 4 + len - sent,
		                 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && peer_gone(errno))
			return -1;
		if (n < 0)
			demo_fail("send", errno);
		sent += (size_t)n;
	}
	return 0;
}

/* Read exactly len bytes: 0, or -1 if the stream ends first. */
static int read_exactly(int fd, void *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = recv(fd, (char *)buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && !peer_gone(errno))
			demo_fail("recv", errno);
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

/* Read one message into text (MESSAGE_MAX + 1 bytes): its length, or -1
   if the stream ended or the length was out of bounds. */
static long receive_message(int fd, char *text)
{
	uint32_t length;
	if (read_exactly(fd, &length, 4) != 0)
		return -1;
	length = ntohl(length);
	if (length == 0 || length > MESSAGE_MAX)
		return -1;
	if (read_exactly(fd, text, length) != 0)
		return -1;
	text[length] = '\0';
	return (long)length;
}
/* end snippet */

/* ==== who may connect: the HMAC challenge ============================= */

static void to_hex(const unsigned char *bytes, size_t n, char *hex)
{
	for (size_t i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
}

/* Hex text back to n bytes: 0, or -1 if it is not exactly that. */
static int from_hex(const char *hex, unsigned char *bytes, size_t n)
{
	if (strlen(hex) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned value;
		if (sscanf(hex + 2 * i, "%2x", &value) != 1 ||
		    !strchr("0123456789abcdef", hex[2 * i]) ||
		    !strchr("0123456789abcdef", hex[2 * i + 1]))
			return -1;
		bytes[i] = (unsigned char)value;
	}
	return 0;
}

/* snippet: dist-auth */
/* HMAC-SHA256 of the nonce under the shared key: a number only a holder
   of the key can compute, and a new one for every nonce. (The key is the
   decimal text of key=, as Python's authkey=b"4321" would be.) */
static void sign(long key, const unsigned char *nonce,
                 unsigned char digest[DIGEST_BYTES])
{
	char secret[24];
	int len = snprintf(secret, sizeof secret, "%ld", key);
	unsigned int size = DIGEST_BYTES;
	if (!HMAC(EVP_sha256(), secret, len, nonce, NONCE_BYTES, digest,
	          &size))
		demo_fail("HMAC", EIO);
}

/* Master: send a newcomer a fresh random nonce, "challenge 9f3c...". */
static int send_challenge(int fd, unsigned char nonce[NONCE_BYTES])
{
	char text[16 + 2 * NONCE_BYTES] = "challenge ";
	if (RAND_bytes(nonce, NONCE_BYTES) != 1)
		demo_fail("RAND_bytes", EIO);
	to_hex(nonce, NONCE_BYTES, text + strlen(text));
	return send_message(fd, text);
}

/* Master: is text, "answer 61be...", the HMAC of that nonce? The
   comparison takes the same time wherever the first difference is, so
   timing it tells an attacker nothing. */
static int answer_is_right(long key, const unsigned char *nonce,
                           const char *text)
{
	unsigned char expected[DIGEST_BYTES], got[DIGEST_BYTES];
	if (strncmp(text, "answer ", 7) != 0 ||
	    from_hex(text + 7, got, DIGEST_BYTES) != 0)
		return 0;
	sign(key, nonce, expected);
	return CRYPTO_memcmp(expected, got, DIGEST_BYTES) == 0;
}

/* Worker: answer "challenge 9f3c..." with "answer 61be...": 0, or -1
   if the master sent something else or went away. */
static int answer_challenge(int fd, long key, const char *challenge)
{
	unsigned char nonce[NONCE_BYTES], digest[DIGEST_BYTES];
	char text[16 + 2 * DIGEST_BYTES] = "answer ";
	if (strncmp(challenge, "challenge ", 10) != 0 ||
	    from_hex(challenge + 10, nonce, NONCE_BYTES) != 0)
		return -1;
	sign(key, nonce, digest);
	to_hex(digest, DIGEST_BYTES, text + strlen(text));
	return send_message(fd, text);
}
/* end snippet */

/* ==== a worker ========================================================== */

/* Connect to address within seconds: the socket, or -1 with errno set
   (refused, unreachable, timed out: the caller says so). */
static int connect_within(const struct sockaddr_in *address, int seconds)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0)
		demo_fail("socket", errno);
	int err = 0;
	if (connect(fd, (const struct sockaddr *)address,
	            sizeof *address) != 0) {
		err = errno;
		if (err == EINPROGRESS) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };
			int n;
			while ((n = poll(&p, 1, seconds * 1000)) < 0)
				if (errno != EINTR)
					demo_fail("poll", errno);
			socklen_t size = sizeof err;
			if (n == 0)
				err = ETIMEDOUT;
			else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
			                    &size) != 0)
				demo_fail("getsockopt", errno);
		}
	}
	if (err != 0) {
		demo_close(fd);
		errno = err;
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
		demo_fail("fcntl", errno);
	no_delay(fd);
	return fd;
}

/* snippet: dist-worker */
/* A worker's whole life: connect, prove it knows the key, then ask for
   tasks until the master says stop. die: take one task, then die by
   SIGKILL without finishing it (a crash, a pulled cable). */
static void work_for_master(const struct sockaddr_in *master,
                            const char *name, long key, int die)
{
	char where[32], text[MESSAGE_MAX + 1], host[64] = "?";
	format_address(master, where, sizeof where);
	demo_say("%s: connecting to the master at %s", name, where);
	int fd = connect_within(master, CONNECT_SECONDS);
	if (fd < 0) {
		demo_say("%s: cannot connect: %s", name, strerror(errno));
		return;
	}
	if (receive_message(fd, text) < 0 ||
	    answer_challenge(fd, key, text) != 0 ||
	    receive_message(fd, text) < 0) {
		demo_say("%s: the master hung up", name);
		demo_close(fd);
		return;
	}
	if (strcmp(text, "welcome") != 0) {
		demo_say("%s: answered the challenge: refused (wrong key)",
		         name);
		demo_close(fd);
		return;
	}
	demo_say("%s: answered the challenge: let in", name);
	gethostname(host, sizeof host - 1);      /* "?" if it fails */
	snprintf(text, sizeof text, "hello %s %d %s", name, getpid(), host);
	long done = 0, task;
	while (send_message(fd, text) == 0 &&          /* hello, or a result */
	       send_message(fd, "get") == 0 &&         /* the next task */
	       receive_message(fd, text) > 0 &&
	       sscanf(text, "task %ld", &task) == 1 &&
	       task > 0 && task <= MAX_TASKS) {
		if (die) {
			demo_say("%s: got task %ld; now I die by SIGKILL, with "
			         "the task unfinished", name, task);
			demo_kill(getpid(), SIGKILL);
		}
		demo_sleep(demo_random(0.2, 1.0));        /* the work */
		demo_say("%s: task %ld -> %ld", name, task, task * task);
		snprintf(text, sizeof text, "result %ld %ld", task,
		         task * task);
		done++;
	}
	if (strcmp(text, "stop") == 0)
		demo_say("%s: the master says stop; tasks done: %ld", name,
		         done);
	else
		demo_say("%s: the master hung up; tasks done: %ld", name, done);
	demo_close(fd);
}
/* end snippet */

/* ==== the master ======================================================== */

/* snippet: dist-master */
/* Every connection the master serves, and how far it has come. */
enum stage {
	CHALLENGED,    /* sent a challenge: its answer is due */
	LET_IN,        /* answered right: its hello (name, PID) is due */
	IDLE,          /* a worker, between messages */
	WAITING,       /* a worker waiting in get() for a task */
	BUSY,          /* a worker holding a task */
};

struct peer {
	int fd;                         /* -1: a free slot */
	char address[32];               /* "127.0.0.1:54321" */
	enum stage stage;
	unsigned char nonce[NONCE_BYTES];
	double deadline;                /* for the handshake */
	char name[32], host[64];        /* from its hello */
	long pid, task;
	int asked;                      /* it has asked for a task before */
	unsigned char in[4 + MESSAGE_MAX];  /* a message coming in */
	size_t got;
};

struct master {
	long key, tasks, workers, intruders;
	long queue[MAX_TASKS], queued;  /* the task queue: next at the end */
	char done[MAX_TASKS + 1];       /* done[n]: task n's result is in */
	long results, refused;
	long asked;                     /* peers that asked for a first task */
	double last_result;             /* when get() last returned */
	struct peer peers[MAX_PEERS];
};

/* A worker, a process behind a connection, as the master names it. */
static void say_who(const struct peer *p, char *text, size_t size)
{
	snprintf(text, size, "%s (pid %ld)", p->name, p->pid);
}

/* Close p's connection. A worker that held a task cannot finish it now:
   the task goes back to the front of the queue, for the next worker
   that asks. (Losing it would be simpler, and wrong: nobody else knows
   that it never finished.) */
static void drop(struct master *m, struct peer *p, const char *why)
{
	char who[64];
	if (p->stage >= IDLE)
		say_who(p, who, sizeof who);
	else
		snprintf(who, sizeof who, "%s", p->address);
	if (p->stage == BUSY) {
		m->queue[m->queued++] = p->task;
		demo_say("master: %s %s holding task %ld: task %ld goes back "
		         "in the queue", who, why, p->task, p->task);
	} else {
		demo_say("master: %s %s: dropped", who, why);
	}
	demo_close(p->fd);
	p->fd = -1;
}

/* Give queued tasks to the workers waiting in get(), once each of the
   master's own workers has asked for its first one (so that each gets a
   share, however fast the first one to ask is). */
static void hand_out(struct master *m)
{
	if (m->asked + m->refused < m->workers + m->intruders)
		return;
	for (int i = 0; i < MAX_PEERS && m->queued > 0; i++) {
		struct peer *p = &m->peers[i];
		if (p->fd < 0 || p->stage != WAITING)
			continue;
		char text[32], who[64];
		p->task = m->queue[--m->queued];
		snprintf(text, sizeof text, "task %ld", p->task);
		say_who(p, who, sizeof who);
		demo_say("master: task %ld to %s", p->task, who);
		p->stage = BUSY;
		if (send_message(p->fd, text) != 0)
			drop(m, p, "is not reading");
	}
}
/* end snippet */

/* snippet: dist-guard */
/* A newcomer knocks: accept it and challenge it, or turn it away when
   every slot is taken. */
static void accept_newcomer(struct master *m, int listener)
{
	struct sockaddr_in from;
	socklen_t size = sizeof from;
	int fd = accept4(listener, (struct sockaddr *)&from, &size,
	                 SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		/* It may have given up already, or the file limit is hit:
		   neither ends the master. */
		if (errno == EINTR || errno == EAGAIN || errno == ECONNABORTED ||
		    errno == EMFILE || errno == ENFILE || errno == EPERM ||
		    errno == EPROTO)
			return;
		demo_fail("accept", errno);
	}
	struct peer *p = NULL;
	for (int i = 0; i < MAX_PEERS && !p; i++)
		if (m->peers[i].fd < 0)
			p = &m->peers[i];
	char address[32];
	format_address(&from, address, sizeof address);
	if (!p) {
		demo_say("master: %s turned away: %d connections already",
		         address, MAX_PEERS);
		demo_close(fd);
		return;
	}
	no_delay(fd);
	memset(p, 0, sizeof *p);
	p->fd = fd;
	snprintf(p->address, sizeof p->address, "%s", address);
	p->stage = CHALLENGED;
	p->deadline = now_seconds() + HANDSHAKE_SECONDS;
	if (send_challenge(fd, p->nonce) != 0) {
		drop(m, p, "hung up at once");
		return;
	}
	demo_say("master: connection from %s: sent it a challenge", address);
}

/* Read what has come from p, without waiting: the length of the message
   when a whole one is in text, 0 when more must come, -1 when p is gone
   (dropped). */
static long read_peer(struct master *m, struct peer *p, char *text)
{
	uint32_t length = 0;
	if (p->got >= 4) {
		memcpy(&length, p->in, 4);
		length = ntohl(length);
	}
	size_t want = p->got < 4 ? 4 : 4 + length;
	ssize_t n = recv(p->fd, p->in + p->got, want - p->got, 0);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n < 0 && !peer_gone(errno))
		demo_fail("recv", errno);
	if (n <= 0) {
		drop(m, p, p->got > 0 ? "hung up in the middle of a message" :
		     p->stage == CHALLENGED ? "hung up before answering the "
		     "challenge" : "went away");
		return -1;
	}
	p->got += (size_t)n;
	if (p->got == 4) {
		memcpy(&length, p->in, 4);
		length = ntohl(length);
		if (length == 0 || length > MESSAGE_MAX) {
			char why[80];
			snprintf(why, sizeof why, "sent a message of %lu bytes "
			         "(the limit is %d)", (unsigned long)length,
			         MESSAGE_MAX);
			drop(m, p, why);
			return -1;
		}
		return 0;
	}
	if (p->got < 4 || p->got < 4 + length)
		return 0;
	memcpy(text, p->in + 4, length);
	text[length] = '\0';
	p->got = 0;
	return (long)length;
}

/* A message from p, at the stage it is at. Anything unexpected (garbage,
   a message out of turn, a result of a task it does not hold) ends the
   connection, never the master. */
static void on_message(struct master *m, struct peer *p, const char *text,
                       size_t len)
{
	char name[32], host[64], shown[32], why[96], who[64];
	long pid, task, value;
	if (strlen(text) != len) {
		/* A NUL byte inside: not text at all. */
	} else if (p->stage == CHALLENGED) {
		if (answer_is_right(m->key, p->nonce, text)) {
			p->stage = LET_IN;
			send_message(p->fd, "welcome");
			return;
		}
		if (strncmp(text, "answer ", 7) == 0) {
			m->refused++;
			demo_say("master: %s answered the challenge wrongly: "
			         "refused (wrong key)", p->address);
			send_message(p->fd, "refused");
			demo_close(p->fd);
			p->fd = -1;
			return;
		}
	} else if (p->stage == LET_IN &&
	           sscanf(text, "hello %31s %ld %63s", name, &pid, host) == 3) {
		printable(name, strlen(name), p->name, sizeof p->name);
		printable(host, strlen(host), p->host, sizeof p->host);
		p->pid = pid;
		p->stage = IDLE;
		say_who(p, who, sizeof who);
		demo_say("master: %s on %s is in, from %s", who, p->host,
		         p->address);
		return;
	} else if (p->stage == IDLE && strcmp(text, "get") == 0) {
		p->stage = WAITING;
		if (!p->asked) {
			p->asked = 1;
			m->asked++;
		}
		return;
	} else if (p->stage == BUSY &&
	           sscanf(text, "result %ld %ld", &task, &value) == 2 &&
	           task == p->task) {
		p->stage = IDLE;
		if (!m->done[task]) {
			m->done[task] = 1;
			m->results++;
			m->last_result = now_seconds();
			say_who(p, who, sizeof who);
			demo_say("master: result %ld*%ld = %ld from %s", task,
			         task, value, who);
		}
		return;
	}
	printable(text, len, shown, sizeof shown);
	snprintf(why, sizeof why, "sent '%s', which it may not send now",
	         shown);
	drop(m, p, why);
}

/* end snippet */

/* The master's poll() timeout in ms: until get() gives up, or until the
   first handshake is due, whichever comes first. */
static int next_deadline_ms(const struct master *m, double timeout)
{
	double now = now_seconds(), until = m->last_result + timeout;
	for (int i = 0; i < MAX_PEERS; i++)
		if (m->peers[i].fd >= 0 && m->peers[i].stage < IDLE &&
		    m->peers[i].deadline < until)
			until = m->peers[i].deadline;
	double ms = (until - now) * 1000 + 1;
	return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms;
}

/* snippet: dist-loop */
/* The master's one loop: poll() says which sockets have something to
   read (the listener: a newcomer; a peer: a message, or its end), so one
   thread serves every connection, and none can make it wait. */
static void serve(struct master *m, int listener, double timeout)
{
	char text[MESSAGE_MAX + 1];
	long len;
	while (m->results < m->tasks) {
		if (now_seconds() - m->last_result >= timeout) {
			demo_say("master: get() timed out: no result came for "
			         "%.0f s", timeout);
			return;
		}
		struct pollfd fds[1 + MAX_PEERS];
		struct peer *who[1 + MAX_PEERS];
		nfds_t n = 0;
		fds[n++] = (struct pollfd){ .fd = listener, .events = POLLIN };
		for (int i = 0; i < MAX_PEERS; i++) {
			if (m->peers[i].fd < 0)
				continue;
			who[n] = &m->peers[i];
			fds[n++] = (struct pollfd){ .fd = m->peers[i].fd,
			                            .events = POLLIN };
		}
		if (poll(fds, n, next_deadline_ms(m, timeout)) < 0) {
			if (errno == EINTR)
				continue;
			demo_fail("poll", errno);
		}
		for (nfds_t i = 1; i < n; i++) {
			struct peer *p = who[i];
			if (p->stage < IDLE && now_seconds() > p->deadline)
				drop(m, p, "did not finish the handshake in "
				     "time");
			else if (fds[i].revents &&
			         (len = read_peer(m, p, text)) > 0)
				on_message(m, p, text, (size_t)len);
		}
		if (fds[0].revents & POLLIN)
			accept_newcomer(m, listener);
		hand_out(m);
	}
}
/* end snippet */

/* Tell every worker still connected to stop, and close every connection. */
static void say_stop(struct master *m)
{
	for (int i = 0; i < MAX_PEERS; i++) {
		struct peer *p = &m->peers[i];
		if (p->fd < 0)
			continue;
		if (p->stage >= IDLE)
			send_message(p->fd, "stop");
		demo_close(p->fd);
		p->fd = -1;
	}
}

/* Listen on host:port (port 0: the kernel picks one); the listener, and
   the address it got in *address. */
static int listen_on(long host, long port, struct sockaddr_in *address)
{
	*address = (struct sockaddr_in){
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl((uint32_t)host),
	};
	socklen_t size = sizeof *address;
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (listener < 0)
		demo_fail("socket", errno);
	int on = 1;   /* a port used a moment ago may be used again */
	if (setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on))
		demo_fail("setsockopt", errno);
	if (bind(listener, (struct sockaddr *)address, sizeof *address) != 0)
		demo_fail("bind", errno);
	if (getsockname(listener, (struct sockaddr *)address, &size) != 0)
		demo_fail("getsockname", errno);
	if (listen(listener, MAX_PEERS) != 0)
		demo_fail("listen", errno);
	return listener;
}

/* What a master run is asked to do. */
struct setup {
	long host, port;        /* where to listen */
	long workers, tasks, key;
	long intruders;         /* 1: one more child, with intruder_key */
	long intruder_key;
	long kill_one;          /* worker-1 dies holding its first task */
	double timeout;         /* seconds get() waits for the next result */
};

/* snippet: dist-run */
static int run_master(const struct setup *s)
{
	static struct master m;
	memset(&m, 0, sizeof m);
	m.key = s->key;
	m.tasks = s->tasks;
	m.workers = s->workers;
	m.intruders = s->intruders;
	for (int i = 0; i < MAX_PEERS; i++)
		m.peers[i].fd = -1;

	struct sockaddr_in address;
	int listener = listen_on(s->host, s->port, &address);
	char where[32];
	format_address(&address, where, sizeof where);
	demo_say("master: listening on %s%s", where, s->host == INADDR_ANY ?
	         ", every address of this machine" : "");
	/* The task queue: tasks 1..N, task 1 first (taken from the end). */
	for (long n = m.tasks; n >= 1; n--)
		m.queue[m.queued++] = n;
	demo_say("master: put %ld tasks in the task queue", m.tasks);

	/* Its own workers connect as any other would, here to loopback if
	   the master listens on every address. */
	if (s->host == INADDR_ANY)
		address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	pid_t pids[MAX_WORKERS + 1];
	long forked = s->workers + s->intruders;
	for (long k = 1; k <= forked; k++) {
		pids[k - 1] = demo_fork();
		if (pids[k - 1] == 0) {
			int intruder = k > s->workers;
			char name[16];
			snprintf(name, sizeof name, "worker-%ld", k);
			demo_child(intruder ? "intruder" : name);
			demo_close(listener);
			work_for_master(&address, intruder ? "intruder" : name,
			                intruder ? s->intruder_key : s->key,
			                s->kill_one && k == 1);
			_exit(0);
		}
	}

	m.last_result = now_seconds();
	serve(&m, listener, s->timeout);
	demo_say("master: got %ld of %ld results", m.results, m.tasks);
	say_stop(&m);
	demo_close(listener);
	for (long k = 1; k <= forked; k++) {
		int status = demo_waitpid(pids[k - 1]);
		if (WIFSIGNALED(status))
			demo_say("master: worker-%ld (pid %d) was killed by "
			         "signal %d (%s)", k, pids[k - 1],
			         WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
	return 0;
}
/* end snippet */

int demo_dist_master(const long *values)
{
	struct setup s = {
		.host = values[0], .port = values[1], .workers = values[2],
		.tasks = values[3], .key = values[4],
		.timeout = (double)values[5], .kill_one = values[6],
	};
	return run_master(&s);
}

/* A worker and an intruder that tries a key of its own. */
int demo_dist_login(const long *values)
{
	struct setup s = {
		.host = INADDR_LOOPBACK, .port = 0, .workers = 1, .tasks = 3,
		.key = values[0], .intruders = 1, .intruder_key = values[1],
		.timeout = 5,
	};
	return run_master(&s);
}

/* snippet: dist-workers */
/* Workers for a master elsewhere (another terminal, another machine). */
int demo_dist_worker(const long *values)
{
	long host = values[0], port = values[1], key = values[2];
	long workers = values[3];
	struct sockaddr_in master = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl((uint32_t)host),
	};
	char where[32];
	format_address(&master, where, sizeof where);
	demo_say("workers: starting %ld workers for the master at %s",
	         workers, where);
	pid_t pids[MAX_WORKERS];
	for (long k = 1; k <= workers; k++) {
		pids[k - 1] = demo_fork();
		if (pids[k - 1] == 0) {
			char name[16];
			snprintf(name, sizeof name, "worker-%ld", k);
			demo_child(name);
			work_for_master(&master, name, key, 0);
			_exit(0);
		}
	}
	for (long k = 1; k <= workers; k++)
		demo_waitpid(pids[k - 1]);
	demo_say("workers: all %ld have ended", workers);
	if (port == 0)
		demo_say("workers: port 0 is no master's: give the port the "
		         "master printed, as in: demo dist-worker port=40123");
	/* end snippet */
	return 0;
}
