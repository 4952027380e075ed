#!/usr/bin/env bats
# small.bats - a whole step at 80x24, for a learner and for a projector:
# the lesson pane scrolls from the keyboard, the question stays in view,
# cut code lines are marked and read whole zoomed, completions wrap, a
# zoomed pane never hides what a command printed, and --present shows a
# step and its demo at once.

load helpers

start_small() {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 80 24
	term_type "cd '$ROOT' && '$FORKLORE' --speed 0.2 $*; echo exit=\$?"
}

teardown() {
	term_stop
}

# The lesson pane: the left half of rows 3 to 12.
lesson_pane() { term_screen | sed -n 3,12p | cut -c1-40; }
lesson_has() { lesson_pane | grep -qF -- "$1"; }

@test "80x24: Alt-Down and Alt-Up scroll the lesson pane, and the question is in view while it is asked" {
	start_small --no-predict fork
	wait_until 5 term_has 'forklore fork 1/6>'
	term_has "(more: Alt-Down, or 'zoom lesson')"
	! lesson_has 'in the child it returns 0' || false
	term_keys M-Down
	term_keys M-Down
	wait_until 5 lesson_has 'in the child it returns 0'
	term_keys M-Up
	term_keys M-Up
	wait_until 5 lesson_has 'In Python you may have met os.fork()'
	term_type quit
	wait_until 5 term_has 'exit=0'
	# With questions: run asks, and the lesson pane shows the question.
	term_type "'$FORKLORE' --speed 0.2 fork; echo exit=\$?"
	wait_until 5 term_has 'forklore fork 1/6>'
	! lesson_has 'Predict: After the fork' || false
	term_type run
	wait_until 5 term_has 'predict>'
	wait_until 5 lesson_has 'Predict: After the fork, who prints'
	term_type a
	wait_until 10 term_has "You predicted 'a) the parent'"
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "80x24: a cut code line or title ends in '>', and zoom code shows the line whole" {
	start_small --no-predict fork
	wait_until 5 term_has 'forklore fork 1/6>'
	term_has "The C that runs '>' cut: 'zoom code'"
	term_screen | grep -q 'demo_say("parent: my pid is %d; call[a-z]*> '
	term_type 'zoom code'
	wait_until 5 term_has 'demo_say("parent: my pid is %d; calling fork()", getpid());'
	! term_has "'>' cut" || false
	# A step title too long for its pane header ends in '>' too.
	term_type 'zoom'
	term_type 'open processes'
	term_type 'goto 3'
	wait_until 5 term_has '─ Zombies: ended, but not yet waited > ─'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "80x24: Tab-Tab shows every command, wrapped, none cut off" {
	start_small --no-predict fork
	wait_until 5 term_has 'forklore fork 1/6>'
	term_keys Tab Tab
	wait_until 5 term_has 'candidates, in the output pane'
	for cmd in code demo demos goto help lessons next open params pause \
	           present prev ps quit record reset run set show stop wait zoom; do
		term_screen | grep -qw -- "$cmd" || { echo "no $cmd"; return 1; }
	done
	term_keys C-u
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "80x24: a zoomed pane keeps the output in view under it" {
	start_small --no-predict fork
	wait_until 5 term_has 'forklore fork 1/6>'
	term_type 'zoom monitor'
	wait_until 5 term_has '─ Monitor'
	! term_has '─ One call, two returns' || false
	term_type help
	wait_until 5 term_has 'Commands (any unique prefix works'
	term_type 'demo fork-once linger=0'
	wait_until 10 term_has 'nothing of it is left running'
	term_has 'X  parent'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "80x24: --present shows the step, the demo's output and the monitor at once" {
	start_small --present --no-predict processes
	wait_until 5 term_has 'forklore processes 1/8>'
	term_type run
	wait_until 10 term_has 'nothing of it is left running'
	screen=$(term_screen)
	[[ "$screen" == *"─ Start a process, then join it"* ]]
	[[ "$screen" == *"Python's multiprocessing.Process wraps"* ]]
	[[ "$screen" == *"worker: step 3 of 3"* ]]
	[[ "$screen" == *"X  worker"* ]]
	# The rest of the step is a key away, the demo still in view.
	term_keys M-Down
	term_keys M-Down
	term_keys M-Down
	wait_until 5 term_has 'Python has three ways to start a Process'
	term_has 'worker: step 3 of 3'
	term_type quit
	wait_until 5 term_has 'exit=0'
}
