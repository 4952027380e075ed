/* test_queue.c - the core without a terminal: a fake front end drives the
 * session through the one queue and the one loop, and each test checks
 * what the front end was told, in order. Demos run for real, at speed 0
 * (or a little above, where a test needs time to act). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loop.h"
#include "queue.h"
#include "runner.h"
#include "session.h"
#include "signals.h"
#include "util.h"

/* ---- the fake front end: a log of everything it was told --------------- */

struct fake {
	struct strbuf log;
	struct session *s;
	int readies;
	int interrupts;
	int last_flags;
	char *typed;            /* the replay line handed over, or NULL */
	long typed_number;
	char *over;
};

static void logf_(struct fake *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void logf_(struct fake *f, const char *fmt, ...)
{
	va_list ap;
	char *text;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	strbuf_addf(&f->log, "%s\n", text);
	free(text);
}

static void f_message(void *self, const char *text)
{
	logf_(self, "message: %s", text);
}

static void f_error(void *self, const char *text)
{
	logf_(self, "error: %s", text);
}

static void f_step(void *self, const struct lesson *lesson, size_t step)
{
	logf_(self, "step: %s %zu", lesson->id, step + 1);
}

static void f_code(void *self, const struct lesson_step *step,
                   const char *lang)
{
	(void)step;
	logf_(self, "code: %s", lang);
}

static void f_started(void *self, const char *demo, pid_t root)
{
	(void)root;
	logf_(self, "started: %s", demo);
}

static void f_line(void *self, const struct tagline *line)
{
	logf_(self, "line: %s %.*s", line->name, (int)line->len, line->text);
}

static void f_ended(void *self, const char *summary)
{
	logf_(self, "ended: %s", summary);
}

static int f_zoom(void *self, const char *pane, char **cause)
{
	(void)self;
	(void)pane;
	*cause = xstrdup("no panes here");
	return -1;
}

static void f_ready(void *self)
{
	struct fake *f = self;
	f->readies++;
	logf_(f, "ready");
}

static void f_echo(void *self, const char *prompt, const char *line)
{
	logf_(self, "echo: %s%s", prompt, line);
}

static void f_type(void *self, const char *line, long number, int answer)
{
	struct fake *f = self;
	free(f->typed);
	f->typed = xstrdup(line);
	f->typed_number = number;
	logf_(f, "type: %ld %s%s", number, line, answer ? " (answer)" : "");
}

static void f_over(void *self, const char *why)
{
	struct fake *f = self;
	free(f->over);
	f->over = xstrdup(why);
	logf_(f, "over: %s", why);
}

static void f_interrupted(void *self, int flags)
{
	struct fake *f = self;
	f->interrupts++;
	f->last_flags = flags;
	logf_(f, "interrupted: %d", flags);
}

static struct ui fake_ui = {
	.message = f_message, .error = f_error, .step = f_step,
	.code = f_code, .demo_started = f_started, .demo_line = f_line,
	.demo_ended = f_ended, .zoom = f_zoom, .ready = f_ready,
	.echo = f_echo, .interrupted = f_interrupted,
};

/* ---- a session on the real lessons and a fresh loop -------------------- */

struct world {
	struct fake fake;
	struct ui ui;
	struct loop *loop;
	struct session s;
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	w->ui = fake_ui;
	w->ui.self = &w->fake;
	w->loop = loop_new();
	session_init(&w->s, &w->ui, w->loop, 0, 1);
	queue_init(&w->s);
	w->fake.s = &w->s;
	char *cause = NULL;
	assert_int_equal(runner_become_subreaper(), 0);
	assert_int_equal(signals_init(w->loop, queue_signal, &w->s), 0);
	assert_true(session_load_lessons(&w->s, "lessons", &cause) > 0);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	queue_free(&w->s);
	session_free(&w->s);
	loop_free(w->loop);
	strbuf_free(&w->fake.log);
	free(w->fake.typed);
	free(w->fake.over);
	free(w);
	return 0;
}

static const char *logged(struct world *w)
{
	return w->fake.log.buf ? w->fake.log.buf : "";
}

/* Where text first appears in the log (fails the test if it does not). */
static size_t at(struct world *w, const char *text)
{
	const char *found = strstr(logged(w), text);
	if (!found)
		fail_msg("not in the log: '%s'\n--- log ---\n%s", text,
		         logged(w));
	return (size_t)(found - logged(w));
}

static void run_script(struct world *w, char **lines)
{
	queue_script_commands(&w->s, lines);
	queue_run(&w->s);
}

/* ---- the tests ---------------------------------------------------------- */

/* open, run at speed 0: the step, the start, the lines, the end, in that
   order, and the script's end waits for the demo. */
static void open_and_run(void **state)
{
	struct world *w = *state;
	w->s.settings.no_predict = 1;
	char *lines[] = { "open fork", "run", NULL };
	run_script(w, lines);
	assert_int_equal(queue_finish(&w->s), 0);
	size_t step = at(w, "step: fork 1");
	size_t echo = at(w, "echo: forklore fork 1/6> run");
	size_t started = at(w, "started: fork-once");
	size_t line = at(w, "line: child child: fork() returned 0");
	size_t ended = at(w, "ended: ended, exit status 0");
	assert_true(step < echo && echo < started && started < line &&
	            line < ended);
	assert_false(session_demo_running(&w->s));
}

/* `wait TEXT` holds the next line back until the text is printed; a
   TEXT never printed fails that line, and the failure is counted. */
static void wait_text(void **state)
{
	struct world *w = *state;
	char *lines[] = { "demo thread-loop", "wait count 3", "lessons",
	                  "demo fork-once", "wait nosuch", NULL };
	run_script(w, lines);
	assert_true(at(w, "line: LoopThread LoopThread: count 3") <
	            at(w, "echo: forklore> lessons"));
	at(w, "error: the demo ended without printing 'nosuch'");
	assert_int_equal(queue_script_failures(&w->s), 1);
	assert_int_equal(queue_finish(&w->s), 1);
}

/* A script's second run waits for the first demo to end: the second
   start comes after the first end. */
static void run_waits_for_last_demo(void **state)
{
	struct world *w = *state;
	char *lines[] = { "demo fork-once", "demo fork-once", NULL };
	run_script(w, lines);
	const char *log = logged(w);
	const char *first_end = strstr(log, "ended:");
	const char *second_start = strstr(strstr(log, "started:") + 1,
	                                  "started:");
	assert_non_null(first_end);
	assert_non_null(second_start);
	assert_true(first_end < second_start);
	assert_int_equal(queue_finish(&w->s), 0);
}

/* Typed lines: push them one at a time, as the prompt does, and run the
   loop until the session is idle again. */
static void type_line(struct world *w, const char *line)
{
	int before = w->fake.readies;
	long long give_up = monotonic_ms() + 10000;
	queue_push(&w->s, line, 0);
	while (w->fake.readies == before && !w->s.quit) {
		if (monotonic_ms() > give_up)
			fail_msg("'%s' is not done after 10 s", line);
		loop_run_once(w->loop, 1000);
	}
}

/* Run the loop until the demo has ended. */
static void until_demo_ends(struct world *w)
{
	long long give_up = monotonic_ms() + 10000;
	while (session_demo_running(&w->s)) {
		if (monotonic_ms() > give_up)
			fail_msg("the demo still runs after 10 s");
		loop_run_once(w->loop, 1000);
	}
	loop_run_once(w->loop, 0);
}

static void predict_answered(void **state)
{
	struct world *w = *state;
	type_line(w, "open fork");
	type_line(w, "run");
	at(w, "message: Predict: After the fork");
	assert_int_equal(w->s.ask, ASK_PREDICT);
	assert_false(session_demo_running(&w->s));   /* held back */
	type_line(w, "parent");
	assert_int_equal(w->s.ask, ASK_NONE);
	until_demo_ends(w);
	at(w, "message: You predicted 'a) the parent'; the demo showed");
}

static void predict_skipped(void **state)
{
	struct world *w = *state;
	type_line(w, "open fork");
	type_line(w, "run");
	type_line(w, "-");
	until_demo_ends(w);
	at(w, "started: fork-once");
	at(w, "message: The demo showed");
	assert_null(strstr(logged(w), "You predicted"));
}

static void predict_cancelled(void **state)
{
	struct world *w = *state;
	type_line(w, "open fork");
	type_line(w, "run");
	queue_signal(SIGINT, &w->s);
	assert_int_equal(w->fake.last_flags, INTERRUPT_CANCELLED);
	at(w, "message: ^C: the question and its run are cancelled");
	assert_int_equal(w->s.ask, ASK_NONE);
	assert_false(session_demo_running(&w->s));
	/* The next line is a command again, not an answer. */
	type_line(w, "lessons");
	assert_null(strstr(logged(w), "started:"));
}

/* `record`: the commands from then on, a wait where a demo was watched
   to its end, failed commands as comments. */
static void record_file(void **state)
{
	struct world *w = *state;
	char path[] = "/tmp/forklore-test-queue-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	w->s.settings.no_predict = 1;
	char *rec = xasprintf("record %s", path);
	char *lines[] = { "open fork", rec, "run", "nosuch", "record off",
	                  NULL };
	run_script(w, lines);
	free(rec);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(path);
	assert_non_null(strstr(buf, "open fork\n"));
	assert_non_null(strstr(buf, "\nrun\n"));
	assert_non_null(strstr(buf, "# failed: nosuch"));
	assert_int_equal(queue_finish(&w->s), 1);
}

/* Every bad line is named with its number, and the run goes on. */
static void script_failures(void **state)
{
	struct world *w = *state;
	char *lines[] = { "lessons", "open nosuch", "next", "bogus", "help",
	                  NULL };
	run_script(w, lines);
	assert_int_equal(queue_script_failures(&w->s), 3);
	at(w, "echo: forklore> help");   /* ran after the failures */
	assert_int_equal(queue_finish(&w->s), 1);
}

/* A timer that fires while `wait TEXT` waits runs from the one loop with
   the command still waiting; a line it pushes runs only after the wait. */
static int timer_fired;

static void push_during_wait(void *arg)
{
	struct world *w = arg;
	timer_fired = 1;
	assert_int_equal(w->s.waiting.kind, WAIT_TEXT);
	assert_false(queue_idle(&w->s));
	queue_push(&w->s, "lessons", 0);
	/* Not run yet: it waits its turn. */
	assert_null(strstr(logged(w), "message:    1. fork"));
}

static void timer_during_wait(void **state)
{
	struct world *w = *state;
	w->s.settings.speed = 0.2;       /* LoopThread counts every 0.2 s */
	type_line(w, "demo thread-loop");
	timer_fired = 0;
	loop_add_timer(w->loop, 50, push_during_wait, w);
	type_line(w, "wait count 2");
	assert_true(timer_fired);
	/* The pushed line ran after the wait was over. */
	size_t count2 = at(w, "line: LoopThread LoopThread: count 2");
	size_t lessons = at(w, "message:    1. fork");
	assert_true(count2 < lessons);
	session_interrupt(&w->s);
	until_demo_ends(w);
}

/* The last demo ends (SIGCHLD) while a predict question is open: its end
   is shown, and the question is still the one waiting. */
static void sigchld_during_question(void **state)
{
	struct world *w = *state;
	w->s.settings.speed = 0.05;
	type_line(w, "demo fork-once");
	type_line(w, "open fork");
	type_line(w, "run");
	assert_int_equal(w->s.ask, ASK_PREDICT);
	until_demo_ends(w);
	at(w, "ended: ended, exit status 0");
	assert_int_equal(w->s.ask, ASK_PREDICT);
	char *prompt = session_prompt(&w->s);
	assert_string_equal(prompt, "predict> ");
	free(prompt);
	type_line(w, "child");
	assert_int_equal(w->s.ask, ASK_NONE);
	until_demo_ends(w);
	at(w, "message: You predicted 'b) the child'");
}

/* Ctrl-C during a script's pause ends the script there: the demo is
   stopped, no later line runs, and the status says interrupted. */
static void press_ctrl_c(void *arg)
{
	struct world *w = arg;
	assert_int_equal(w->s.waiting.kind, WAIT_TIME);
	queue_signal(SIGINT, &w->s);
}

static void ctrl_c_during_pause(void **state)
{
	struct world *w = *state;
	w->s.settings.pace = 30;
	w->s.settings.speed = 1;
	loop_add_timer(w->loop, 200, press_ctrl_c, w);
	char *lines[] = { "demo thread-loop", "pause", "lessons", NULL };
	long long start = monotonic_ms();
	run_script(w, lines);
	assert_true(monotonic_ms() - start < 10000);
	assert_int_equal(w->fake.last_flags,
	                 INTERRUPT_ENDING | INTERRUPT_STOPPING);
	at(w, "ended: stopped");
	assert_null(strstr(logged(w), "echo: forklore> lessons"));
	assert_false(session_demo_running(&w->s));
	assert_int_equal(queue_finish(&w->s), 130);
}

/* The replay's pause: the line goes to the front end, which holds it;
   Ctrl-C then holds the replay (nothing else to stop), and the script is
   not over; once the front end goes on, the next line comes. */
static void ctrl_c_during_replay_pause(void **state)
{
	struct world *w = *state;
	w->ui.type = f_type;
	w->ui.script_over = f_over;
	queue_script_typed(&w->s, "class.script");
	queue_script_add(&w->s, "lessons", 1, NULL);
	queue_script_add(&w->s, "pause", 2, NULL);
	queue_script_add(&w->s, NULL, 3, "class.script:3: a bad line");
	queue_script_add(&w->s, "help", 4, NULL);
	queue_push(&w->s, "", 0);      /* start the pump, as the loop does */
	assert_string_equal(w->fake.typed, "lessons");
	queue_push(&w->s, w->fake.typed, QUEUE_TYPED);
	assert_string_equal(w->fake.typed, "pause");
	queue_signal(SIGINT, &w->s);
	assert_int_equal(w->fake.last_flags, INTERRUPT_HELD);
	assert_null(w->fake.over);
	queue_script_skip(&w->s);       /* Space: go on */
	at(w, "error: class.script:3: a bad line");
	assert_string_equal(w->fake.typed, "help");
	assert_int_equal(w->fake.typed_number, 4);
	queue_push(&w->s, w->fake.typed, QUEUE_TYPED);
	assert_non_null(w->fake.over);
	assert_non_null(strstr(w->fake.over, "1 command failed"));
	assert_int_equal(queue_script_failures(&w->s), 1);
	assert_false(w->s.quit);        /* the prompt is the presenter's */
}

/* A replay's pause right after a predict question is the class's turn to
   answer: Ctrl-C there cancels the question, as at any prompt, and does
   not hold the replay. */
static void ctrl_c_during_class_answer(void **state)
{
	struct world *w = *state;
	w->ui.type = f_type;
	w->ui.script_over = f_over;
	queue_script_typed(&w->s, "class.script");
	queue_script_add(&w->s, "open fork", 1, NULL);
	queue_script_add(&w->s, "run", 2, NULL);
	queue_script_add(&w->s, "pause", 3, NULL);
	queue_push(&w->s, "", 0);
	queue_push(&w->s, w->fake.typed, QUEUE_TYPED);    /* open fork */
	queue_push(&w->s, w->fake.typed, QUEUE_TYPED);    /* run: asks */
	assert_int_equal(w->s.ask, ASK_PREDICT);
	assert_string_equal(w->fake.typed, "pause");
	at(w, "type: 3 pause (answer)");
	queue_signal(SIGINT, &w->s);
	assert_int_equal(w->fake.last_flags, INTERRUPT_CANCELLED);
	assert_int_equal(w->s.ask, ASK_NONE);
	assert_false(session_demo_running(&w->s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(open_and_run, setup, teardown),
		cmocka_unit_test_setup_teardown(wait_text, setup, teardown),
		cmocka_unit_test_setup_teardown(run_waits_for_last_demo, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(predict_answered, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(predict_skipped, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(predict_cancelled, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(record_file, setup, teardown),
		cmocka_unit_test_setup_teardown(script_failures, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(timer_during_wait, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(sigchld_during_question, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(ctrl_c_during_pause, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(ctrl_c_during_replay_pause,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(ctrl_c_during_class_answer,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
