/* Almost: once it has all the results, the master sends a stop. But only
 * on one connection, the one that took the last task: the other worker
 * still waits in recv() for its next task, and the master waits for it
 * for ever. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 2
#define TASKS 6

static void fail(const char *call)
{
	perror(call);
	exit(1);
}

static void put(int fd, int value)
{
	if (send(fd, &value, sizeof value, 0) != (ssize_t)sizeof value)
		fail("send");
}

static int get(int fd, int *value)     /* 0: the other side hung up */
{
	ssize_t got = recv(fd, value, sizeof *value, MSG_WAITALL);
	if (got < 0)
		fail("recv");
	return got == (ssize_t)sizeof *value;
}

static void worker(int k, struct sockaddr_in *master)
{
	int n = -1, done = 0, fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		fail("socket");
	if (connect(fd, (struct sockaddr *)master, sizeof *master) != 0)
		fail("connect");
	while (get(fd, &n) && n != 0) {        /* 0: stop */
		put(fd, n * n);
		done++;
	}
	printf("worker-%d: %s after %d tasks\n", k,
	       n == 0 ? "told to stop" : "the master hung up", done);
	exit(n == 0 ? 0 : 1);
}

int main(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof addr;
	int conn[WORKERS], square, listener = socket(AF_INET, SOCK_STREAM, 0);
	setvbuf(stdout, NULL, _IOLBF, 0);      /* a line at a time */
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  /* and port 0: any */
	if (listener < 0)
		fail("socket");
	if (bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 ||
	    listen(listener, WORKERS) != 0 ||
	    getsockname(listener, (struct sockaddr *)&addr, &len) != 0)
		fail("bind, listen or getsockname");
	printf("master: listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
	for (int k = 1; k <= WORKERS; k++) {
		pid_t pid = fork();
		if (pid < 0)
			fail("fork");
		if (pid == 0) {
			close(listener);
			worker(k, &addr);
		}
	}
	for (int k = 0; k < WORKERS; k++)
		if ((conn[k] = accept(listener, NULL, NULL)) < 0)
			fail("accept");
	for (int n = 1; n <= TASKS; n++) {     /* to each worker in turn */
		put(conn[n % WORKERS], n);
		if (!get(conn[n % WORKERS], &square))
			fail("a worker hung up");
		printf("master: result %d*%d = %d\n", n, n, square);
	}
	put(conn[TASKS % WORKERS], 0);         /* no more tasks: stop */
	for (int k = 0; k < WORKERS; k++)
		if (wait(NULL) < 0)
			fail("wait");
	close(listener);
	return 0;
}
