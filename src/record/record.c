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

#include "i18n.h"
#include "record.h"
#include "lesson.h"
#include "settings.h"
#include "util.h"

/* A comment line when the lesson or step is no longer what it was. */
static void note_place(struct recording *r, const struct lesson *lesson,
                       size_t step)
{
	if (!lesson || (lesson == r->lesson && step == r->step))
		return;
	r->lesson = lesson;
	r->step = step;
	fprintf(r->file, "# now in %s, step %zu/%zu: %s\n", lesson->id,
	        step + 1, lesson->nsteps, lesson->steps[step].title);
}

int record_start(struct recording *r, const char *path,
                 const struct settings *set, const struct lesson *lesson,
                 size_t step, char **cause)
{
	if (r->file) {
		/* TRANSLATORS: %s is the file being recorded to. */
		*cause = xasprintf(_("already recording to %s ('record off' "
		                     "stops)"), r->path);
		return -1;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			*cause = xasprintf(_("%s exists; record never "
			                     "overwrites a file (choose another "
			                     "name)"), path);
		else
			/* TRANSLATORS: a file name, then why (strerror). */
			*cause = xasprintf(_("cannot record to %s: %s"), path,
			                   strerror(errno));
		return -1;
	}
	r->file = fdopen(fd, "w");
	if (!r->file) {
		*cause = xasprintf(_("cannot record to %s: %s"), path,
		                   strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	r->path = xstrdup(path);
	r->count = 0;
	r->demo = 0;
	r->lesson = NULL;
	char when[64] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z", &tm);
	fprintf(r->file, "# forklore session recorded %s\n"
	        "# Replay: forklore --script %s (typed out in the panes on a "
	        "terminal;\n# --plain prints a transcript)\n", when, path);
	/* Where the learner is now, so the replay starts from there. */
	for (size_t i = 0; i < set->nvalues; i++)
		fprintf(r->file, "set %s %s\n", set->values[i].name,
		        set->values[i].value);
	if (lesson) {
		fprintf(r->file, "open %s\n", lesson->id);
		if (step)
			fprintf(r->file, "goto %zu\n", step + 1);
		note_place(r, lesson, step);
	}
	fflush(r->file);
	return 0;
}

size_t record_stop(struct recording *r)
{
	if (!r->file)
		return 0;
	size_t n = r->count;
	fprintf(r->file, "# recording ended after %zu command%s\n", n,
	        n == 1 ? "" : "s");
	fclose(r->file);
	r->file = NULL;
	free(r->path);
	r->path = NULL;
	return n;
}

void record_line(struct recording *r, const char *line, const char *command,
                 int ok, int answer, int busy, const struct lesson *lesson,
                 size_t step)
{
	if (!r->file || (command && strcmp(command, "record") == 0))
		return;
	line += strspn(line, " \t");
	if (!answer && !*line)
		return;
	/* The demo had ended before this line was typed: wait for it. */
	if (r->demo && !(busy & RECORD_DEMO_RUNS) &&
	    !(command && strcmp(command, "wait") == 0) && !answer)
		fprintf(r->file, "wait\n");
	if (answer)
		fprintf(r->file, "%s\n", *line ? line : "-");
	else if (ok)
		fprintf(r->file, "%s\n", line);
	else
		fprintf(r->file, "# failed: %s\n", line);
	if (ok || answer)
		r->count++;
	r->demo = busy != 0;
	note_place(r, lesson, step);
	fflush(r->file);
}
