/* options.c - the command line of forklore. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "options.h"
#include "util.h"

/* Shown through _() where it is printed. */
const char options_usage[] = N_(
"Usage: forklore [OPTION...] [LESSON]\n"
"       forklore --check FILE...\n"
"An interactive course on processes and threads: every lesson runs a live\n"
"demo that really forks, execs, pipes and starts threads.\n"
"\n"
"  --plain            line mode: no panes, text only (the default when\n"
"                     standard input or output is not a terminal)\n"
"  --script FILE      replay the commands in FILE ('-' reads standard input);\n"
"                     on a terminal they are typed out in the panes\n"
"  --pace SECONDS     in a replay, 'pause' lines go on by themselves after\n"
"                     SECONDS (0.1 to 3600) instead of waiting for a key\n"
"  --type-speed N     a replay types N characters a second (0 = at once,\n"
"                     up to 1000; default 25)\n"
"  --no-predict       do not ask the lessons' predict questions\n"
"  --no-trace         do not follow the demos with ptrace (their exact\n"
"                     record): for running strace or gdb on a demo\n"
"  --trace FILE       after each run, write every run's record so far to\n"
"                     FILE as a trace (Perfetto, chrome://tracing)\n"
"  --present          the projector preset: high contrast, big lesson and\n"
"                     monitor panes, code on demand\n"
"  --cast FILE        also record the session as an asciicast v2 file\n"
"  --mask             plain mode with PIDs and times masked, for stable\n"
"                     transcripts\n"
"  -c 'CMD; CMD'      run these commands, then leave\n"
"  --speed X          multiply every pause of a demo by X (0 = no pauses;\n"
"                     0 to 100, default 1)\n"
"  --seed N           fix the demos' random delays, for exact replays\n"
"                     (default 1)\n"
"  --lessons DIR      read the lessons from DIR\n"
"  --lang en|zh       the language of the lessons and messages (default:\n"
"                     LC_ALL, LC_MESSAGES or LANG; zh needs DIR/zh)\n"
"  --check FILE...    check lesson (and .script) files; errors are\n"
"                     FILE:LINE: message\n"
"  --no-color         do not use colour (so does NO_COLOR in the environment)\n"
"  -h, --help         show this help and leave\n"
"  -V, --version      show the version and leave\n"
"\n"
"LESSON opens that lesson at start (a name such as fork, or a number).\n"
"Lessons are read from --lessons DIR, else $FORKLORE_LESSONS, else ./lessons\n"
"beside the program, else the installed share/forklore/lessons.\n"
"Inside, type 'help' for the commands. See forklore(1).\n");

enum { OPT_PLAIN = 256, OPT_SCRIPT, OPT_SPEED, OPT_SEED, OPT_LESSONS,
       OPT_CHECK, OPT_NO_COLOR, OPT_PACE, OPT_TYPE_SPEED, OPT_CAST,
       OPT_MASK, OPT_PRESENT, OPT_NO_PREDICT, OPT_NO_TRACE, OPT_TRACE,
       OPT_LANG };

static const struct option long_options[] = {
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "script", required_argument, NULL, OPT_SCRIPT },
	{ "speed", required_argument, NULL, OPT_SPEED },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "lessons", required_argument, NULL, OPT_LESSONS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "pace", required_argument, NULL, OPT_PACE },
	{ "type-speed", required_argument, NULL, OPT_TYPE_SPEED },
	{ "cast", required_argument, NULL, OPT_CAST },
	{ "mask", no_argument, NULL, OPT_MASK },
	{ "present", no_argument, NULL, OPT_PRESENT },
	{ "no-predict", no_argument, NULL, OPT_NO_PREDICT },
	{ "no-trace", no_argument, NULL, OPT_NO_TRACE },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* A number option from lo to hi: --speed, --pace, --type-speed. */
static int parse_number(const char *option, const char *text, double lo,
                        double hi, double *out, char **cause)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end || !(v >= lo && v <= hi)) {
		/* TRANSLATORS: the first %s is an option (--speed). */
		*cause = xasprintf(_("%s takes a number from %g to %g, not "
		                     "'%s'"),
		                   option, lo, hi, text);
		return -1;
	}
	*out = v;
	return 0;
}

/* One option's effect; returns 0, or -1 with *cause. */
static int apply_option(int c, const char *arg, struct options *o,
                        char **cause)
{
	long v;
	switch (c) {
	case OPT_PLAIN: o->plain = 1; return 0;
	case OPT_SCRIPT: o->script = arg; return 0;
	case 'c': o->commands = arg; return 0;
	case OPT_SPEED:
		return parse_number("--speed", arg, 0, 100, &o->speed, cause);
	case OPT_PACE:
		return parse_number("--pace", arg, 0.1, 3600, &o->pace, cause);
	case OPT_TYPE_SPEED:
		return parse_number("--type-speed", arg, 0, 1000,
		                    &o->type_speed, cause);
	case OPT_CAST:
		if (!*arg) {
			*cause = xstrdup(_("--cast needs a file name"));
			return -1;
		}
		o->cast = arg;
		return 0;
	case OPT_MASK: o->mask = 1; o->plain = 1; return 0;
	case OPT_PRESENT: o->present = 1; return 0;
	case OPT_NO_PREDICT: o->no_predict = 1; return 0;
	case OPT_NO_TRACE: o->no_trace = 1; return 0;
	case OPT_TRACE:
		if (!*arg) {
			*cause = xstrdup(_("--trace needs a file name"));
			return -1;
		}
		o->trace = arg;
		return 0;
	case OPT_SEED:
		if (parse_long(arg, &v) != 0 || v < 0 || v > 4294967295L) {
			*cause = xasprintf(_("--seed takes a whole number from "
			                     "0 to 4294967295, not '%s'"), arg);
			return -1;
		}
		o->seed = (unsigned long)v;
		return 0;
	case OPT_LESSONS: o->lessons = arg; return 0;
	case OPT_LANG:
		if (strcmp(arg, "en") != 0 && strcmp(arg, "zh") != 0) {
			*cause = xasprintf(_("--lang is en or zh, not '%s'"),
			                   arg);
			return -1;
		}
		o->lang = arg;
		return 0;
	case OPT_CHECK: o->check = 1; return 0;
	case OPT_NO_COLOR: o->no_color = 1; return 0;
	case 'h': o->help = 1; return 0;
	case 'V': o->version = 1; return 0;
	default: return -1;
	}
}

int options_parse(int argc, char **argv, struct options *o, char **cause)
{
	memset(o, 0, sizeof *o);
	o->speed = 1;
	o->seed = 1;
	o->type_speed = 25;
	optind = 0;   /* so that the parser can be used more than once */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":c:hV", long_options, NULL)) !=
	       -1) {
		if (c == '?') {
			if (optopt)
				*cause = xasprintf(_("unknown option '-%c' (see "
				                     "--help)"), optopt);
			else
				*cause = xasprintf(_("unknown option '%s' (see "
				                     "--help)"), argv[optind - 1]);
			return -1;
		}
		if (c == ':') {
			*cause = xasprintf(_("option '%s' needs a value"),
			                   argv[optind - 1]);
			return -1;
		}
		if (apply_option(c, optarg, o, cause) != 0)
			return -1;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->check && o->nargs == 0) {
		*cause = xstrdup(_("--check needs at least one lesson file"));
		return -1;
	}
	if (!o->check && o->nargs > 1) {
		*cause = xasprintf(_("one lesson at a time, not '%s' and '%s'"),
		                   o->args[0], o->args[1]);
		return -1;
	}
	if (o->script && o->commands) {
		*cause = xstrdup(_("--script and -c cannot be used together"));
		return -1;
	}
	return 0;
}
