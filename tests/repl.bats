#!/usr/bin/env bats
# repl.bats - the plain-mode prompt in a real terminal (tmux): readline,
# completion, history, Ctrl-C, Ctrl-D, Ctrl-Z, typing while output streams.

load helpers

setup() {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 80 24
	term_type "stty -g > $BATS_TEST_TMPDIR/stty.before"
	term_type "cd '$ROOT' && '$FORKLORE' --plain --no-predict"
	wait_until 5 term_has 'forklore> '
}

teardown() {
	term_stop
}

@test "the prompt answers help, and quit gives the shell back unchanged" {
	term_type help
	wait_until 5 term_has 'q hands'
	term_type quit
	wait_until 5 term_last_line_is '$'
	term_type "stty -g > $BATS_TEST_TMPDIR/stty.after"
	wait_until 5 test -s "$BATS_TEST_TMPDIR/stty.after"
	diff "$BATS_TEST_TMPDIR/stty.before" "$BATS_TEST_TMPDIR/stty.after"
}

term_last_line_is() { [ "$(term_last_line)" = "$1" ]; }

@test "Tab completes commands, lesson names and parameters" {
	term_keys o p Tab
	wait_until 5 term_has 'forklore> open '
	term_keys f Tab
	wait_until 5 term_has 'forklore> open fork'
	term_keys Enter
	wait_until 5 term_has 'forklore fork 1/6>'
	term_keys r u n Space l Tab
	wait_until 5 term_has 'forklore fork 1/6> run linger='
	term_keys C-u d e m o Space f o r k - t Tab
	wait_until 5 term_has 'forklore fork 1/6> demo fork-twice'
}

@test "Ctrl-C at the prompt clears the line; Ctrl-D quits" {
	term_keys -l 'this is not a command'
	wait_until 5 term_has 'forklore> this is not a command'
	term_keys C-c
	wait_until 5 term_has '^C'
	term_type lessons
	wait_until 5 term_has '11. Processes or threads'
	! term_has 'unknown command'
	term_keys C-d
	wait_until 5 term_last_line_is '$'
}

@test "Ctrl-C during a demo stops it and leaves no process" {
	term_type 'open fork'
	term_type 'run linger=30'
	wait_until 5 term_has 'child: fork() returned 0'
	child=$(term_screen | sed -n 's/^\[\([0-9]*\) child\].*/\1/p' | head -n 1)
	[ -n "$child" ] && [ -e "/proc/$child" ]
	term_keys C-c
	wait_until 3 term_has 'demo stopped after'
	[ ! -e "/proc/$child" ]
	ui=$(term_pid_of forklore)
	[ -z "$(pgrep -P "$ui")" ]
	term_type quit
}

@test "typing while a demo prints: the typed line stays whole" {
	term_type 'open fork'
	term_type 'demo fork-many children=16 linger=3'
	wait_until 5 term_has 'started child 16'
	term_keys -l 'less'
	sleep 0.5
	term_keys -l 'ons'
	# Output keeps coming; the prompt line is redrawn under it, whole.
	wait_until 10 term_has 'no children left'
	wait_until 5 term_last_line_is 'forklore fork 1/6> lessons'
	term_keys Enter
	wait_until 5 term_has '11. Processes or threads'
	! term_has 'unknown command'
}

@test "history persists across sessions in XDG_STATE_HOME" {
	term_type 'open fork'
	term_type quit
	wait_until 5 term_last_line_is '$'
	[ -f "$XDG_STATE_HOME/forklore/history" ]
	grep -qx 'open fork' "$XDG_STATE_HOME/forklore/history"
	term_type "'$FORKLORE' --plain --no-predict"
	# It starts where the first session left off, in the fork lesson.
	wait_until 5 term_has 'forklore fork 1/6> '
	term_keys Up Up
	wait_until 5 term_last_line_is 'forklore fork 1/6> open fork'
}

@test "Ctrl-Z suspends forklore and its demo; fg brings both back" {
	term_type 'open fork'
	term_type 'run linger=4'
	wait_until 5 term_has 'child: fork() returned 0'
	child=$(term_screen | sed -n 's/^\[\([0-9]*\) child\].*/\1/p' | head -n 1)
	term_keys C-z
	wait_until 5 term_has 'Stopped'
	# Stopped: T, or t (the tracing stop) while forklore keeps its record.
	[[ "$(stat_field "$child" 1)" == [Tt] ]]
	term_type fg
	running() { [[ "$(stat_field "$1" 1)" != [Tt] ]]; }
	wait_until 5 running "$child"
	wait_until 10 term_has 'demo ended, exit status 0'
	term_type lessons
	wait_until 5 term_has '11. Processes or threads'
}

@test "the user's inputrc applies to forklore" {
	term_stop
	printf '$if forklore\n"\\C-xl": "lessons\\n"\n$endif\n' > "$BATS_TEST_TMPDIR/inputrc"
	INPUTRC="$BATS_TEST_TMPDIR/inputrc" term_start 80 24
	term_type "cd '$ROOT' && '$FORKLORE' --plain --no-predict"
	wait_until 5 term_has 'forklore> '
	term_keys C-x l
	wait_until 5 term_has '11. Processes or threads'
}

@test "a script does not wait for ever on a demo that is stuck: it is stopped, the line fails, the script goes on" {
	# lock-stuck never ends by itself. At --speed 0 a script gives a
	# silent demo 5 s (a minute at real speed).
	start=$(date +%s)
	run fl -c 'demo lock-stuck; wait; lessons'
	[ "$status" -eq 1 ]
	[[ "$output" == *"demo stopped after"*"nothing of it is left running"* ]]
	[[ "$output" == *"error: the demo printed nothing for 5 s and did not end: a script waits no longer, so it was stopped"* ]]
	[[ "$output" == *"forklore: -c: command 2: the demo printed nothing for 5 s"* ]]
	[[ "$output" == *"1. fork: one call, two returns"* ]]   # lessons ran
	# The same when the script simply ends with it running.
	run fl -c 'demo lock-stuck'
	[ "$status" -eq 1 ]
	[[ "$output" == *"forklore: -c: command 1: the demo printed nothing for 5 s"* ]]
	[ $(( $(date +%s) - start )) -lt 20 ]
}

@test "plain mode on a terminal wraps a long demo line between words, under its text; into a pipe it stays whole" {
	term_type 'demo process-terminate after=0'
	wait_until 5 term_has 'Python'
	# Where it breaks depends on how long the PIDs are; that it breaks
	# between words, under the text, does not.
	term_screen | grep -q 'was ended by signal 15 (Terminated);'
	term_screen | grep -qE '^ {10,20}[-a-z0-9 ]*Python$'
	term_screen | tr -s ' \n' '  ' | grep -q 'exitcode -15 in Python'
	run fl -c 'demo process-terminate; wait'
	[[ "$output" == *"(Terminated); exitcode -15 in Python"* ]]
}
