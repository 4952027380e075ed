/* record.c - recording a session as a replayable script.
 *
 * A recording must replay to the same place, so it starts with the lines
 * that rebuild where the learner is (open, goto, set). Commands that
 * failed are kept as comments: a replay would only fail on them again.
 * When the learner watched a demo to its end before typing on, a `wait`
 * is written first, so a replay shows the same output in the same order.
 * Each line is flushed at once: a crash loses nothing written. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "record.h"
#include "session.h"
#include "util.h"

/* A comment line when the lesson or step is no longer what it was. */
static void note_place(struct session *s)
{
	if (!s->lesson || (s->lesson == s->record_lesson &&
	                   s->step == s->record_step))
		return;
	s->record_lesson = s->lesson;
	s->record_step = s->step;
	fprintf(s->record, "# now in %s, step %zu/%zu: %s\n", s->lesson->id,
	        s->step + 1, s->lesson->nsteps,
	        s->lesson->steps[s->step].title);
}

int record_start(struct session *s, const char *path, char **cause)
{
	if (s->record) {
		*cause = xasprintf("already recording to %s ('record off' "
		                   "stops)", s->record_path);
		return -1;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			*cause = xasprintf("%s exists; record never overwrites "
			                   "a file (choose another name)", path);
		else
			*cause = xasprintf("cannot record to %s: %s", path,
			                   strerror(errno));
		return -1;
	}
	s->record = fdopen(fd, "w");
	if (!s->record) {
		*cause = xasprintf("cannot record to %s: %s", path,
		                   strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	s->record_path = xstrdup(path);
	s->record_count = 0;
	s->record_demo = 0;
	s->record_lesson = NULL;
	char when[64] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z", &tm);
	fprintf(s->record, "# forklore session recorded %s\n"
	        "# Replay: forklore --script %s (typed out in the panes on a "
	        "terminal;\n# --plain prints a transcript)\n", when, path);
	/* Where the learner is now, so the replay starts from there. */
	for (size_t i = 0; i < s->nsettings; i++)
		fprintf(s->record, "set %s %s\n", s->settings[i].name,
		        s->settings[i].value);
	if (s->lesson) {
		fprintf(s->record, "open %s\n", s->lesson->id);
		if (s->step)
			fprintf(s->record, "goto %zu\n", s->step + 1);
		note_place(s);
	}
	fflush(s->record);
	return 0;
}

size_t record_stop(struct session *s)
{
	if (!s->record)
		return 0;
	size_t n = s->record_count;
	fprintf(s->record, "# recording ended after %zu command%s\n", n,
	        n == 1 ? "" : "s");
	fclose(s->record);
	s->record = NULL;
	free(s->record_path);
	s->record_path = NULL;
	return n;
}

void record_line(struct session *s, const char *line, const char *command,
                 int ok, int answer)
{
	if (!s->record || (command && strcmp(command, "record") == 0))
		return;
	line += strspn(line, " \t");
	if (!answer && !*line)
		return;
	/* The demo had ended before this line was typed: wait for it. */
	if (s->record_demo && !session_demo_running(s) &&
	    !(command && strcmp(command, "wait") == 0) && !answer)
		fprintf(s->record, "wait\n");
	if (answer)
		fprintf(s->record, "%s\n", *line ? line : "-");
	else if (ok)
		fprintf(s->record, "%s\n", line);
	else
		fprintf(s->record, "# failed: %s\n", line);
	if (ok || answer)
		s->record_count++;
	s->record_demo = session_demo_running(s) || s->ask != ASK_NONE;
	note_place(s);
	fflush(s->record);
}
