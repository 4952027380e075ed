/* locks-balance: two threads, one balance, one lock.
 *
 * In each trial, two threads share the global balance, starting at 0.
 * One adds 5 and takes 5 away again, the other does the same with 8,
 * ROUNDS times each: every change is undone, so the balance should end at
 * 0. slowmo() sits between each read and its write: under the check it
 * widens the gap in which the other thread can slip in. The lock makes
 * each change_it() one step, as far as the other thread can tell. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "slowmo.h"

#define TRIALS 100
#define ROUNDS 1000

/* volatile: each read and write below really goes to memory, one by one.
   It makes nothing atomic. */
static volatile long balance;
static pthread_barrier_t start_line;  /* both threads begin together */
/* One lock for the one balance, shared by both threads. */
static pthread_mutex_t balance_lock = PTHREAD_MUTEX_INITIALIZER;

/* balance = balance + n; balance = balance - n; as the machine does it. */
static void change_it(long n)
{
	long seen = balance;          /* read */
	slowmo();
	balance = seen + n;           /* write */
	slowmo();                     /* between the two statements */
	seen = balance;               /* read */
	slowmo();
	balance = seen - n;           /* write */
}

static void *run_thread(void *arg)
{
	long n = *(const long *)arg;
	pthread_barrier_wait(&start_line);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&balance_lock);     /* wait for it, take it */
		change_it(n);                          /* both statements */
		pthread_mutex_unlock(&balance_lock);   /* give it back */
	}
	return NULL;
}

int main(void)
{
	static long amounts[2] = { 5, 8 };
	setvbuf(stdout, NULL, _IOLBF, 0);    /* whole lines, even into a pipe */
	int err = pthread_barrier_init(&start_line, NULL, 2);
	if (err != 0) {
		fprintf(stderr, "pthread_barrier_init: %s\n", strerror(err));
		return 1;
	}
	for (int t = 1; t <= TRIALS; t++) {
		pthread_t threads[2];
		balance = 0;
		for (int i = 0; i < 2; i++)
			if ((err = pthread_create(&threads[i], NULL, run_thread,
			                          &amounts[i])) != 0) {
				fprintf(stderr, "pthread_create: %s\n", strerror(err));
				return 1;
			}
		for (int i = 0; i < 2; i++)
			if ((err = pthread_join(threads[i], NULL)) != 0) {
				fprintf(stderr, "pthread_join: %s\n", strerror(err));
				return 1;
			}
		printf("trial %d: balance = %ld\n", t, balance);
	}
	return 0;
}
