#!/usr/bin/env bats
# guard.bats - the interface killed or crashed, in a real terminal (tmux):
# the guard ends what was left and gives the terminal back; signals and
# job control reach every process of forklore.

load helpers

# Start the panes in a tmux shell whose working directory is the test's
# own (so a core file lands there), with a census tag on every process.
start_guarded() {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	tag="guard-$$-$RANDOM"
	term_start "$1" "$2"
	term_type "cd '$BATS_TEST_TMPDIR' && ulimit -c unlimited"
	term_type "stty -g > stty.before"
	term_type "${START_ENV:-} FORKLORE_CENSUS=$tag '$FORKLORE' fork"
	wait_until 5 term_has 'forklore fork 1/6>'
	guard=$(term_pid_of forklore-guard)
	iface=$(term_pid_of forklore)
	[ -n "$guard" ] && [ -n "$iface" ]
	[ "$(stat_field "$iface" 2)" = "$guard" ]
}

teardown() {
	term_stop
	[ -z "${tag:-}" ] || bash "$ROOT/tests/census.sh" "$tag" | xargs -r kill -9
}

term_matches() { term_screen | grep -qE -- "$1"; }
tagged() { bash "$ROOT/tests/census.sh" "$tag"; }
nothing_tagged() { [ -z "$(tagged)" ]; }
flag() { tmux -L "$TMUX_SOCKET" display -p "#{$1}"; }
flag_is() { [ "$(flag "$1")" = "$2" ]; }
state_is() { [ "$(stat_field "$1" 1)" = "$2" ]; }

# The terminal as the shell had it: normal screen, cursor shown, keypad
# mode off, and the same tty settings.
terminal_is_back() {
	wait_until 5 flag_is alternate_on 0
	[ "$(flag cursor_flag)" = 1 ]
	[ "$(flag keypad_flag)" = 0 ]
	term_type "stty -g > stty.after"
	wait_until 5 test -s "$BATS_TEST_TMPDIR/stty.after"
	diff "$BATS_TEST_TMPDIR/stty.before" "$BATS_TEST_TMPDIR/stty.after"
	rm -f "$BATS_TEST_TMPDIR/stty.after"
}

@test "kill -9 of the interface mid-demo: demos gone within 1 s, terminal back" {
	start_guarded 120 40
	# A daemon that escaped the demo's group and session, and its parent.
	term_type 'demo escape linger=30'
	# Once the parent says so it has reaped the middle process: two are
	# left to end, not a third still waiting to be reaped.
	wait_until 5 term_has 'the middle process is gone'
	[ "$(tagged | wc -l)" -ge 4 ]   # guard, interface, parent, daemon
	kill -9 "$iface"
	sleep 1
	# Only what the guard may still be, on its way out.
	left=$(tagged | grep -vx "$guard" || true)
	[ -z "$left" ]
	terminal_is_back
	wait_until 5 term_has 'forklore: the interface died of SIGKILL; 2 demo processes ended, terminal restored'
	wait_until 5 nothing_tagged
}

@test "kill -9 of the guard: the interface leaves cleanly, as on a hangup" {
	start_guarded 120 40
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread: count'
	kill -9 "$guard"
	wait_until 5 nothing_tagged
	terminal_is_back
	wait_until 5 term_has 'forklore: its guard process was killed; the screen is restored'
}

@test "INT mid-demo stops the demo; the panes stay and quit is clean" {
	start_guarded 120 40
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread: count'
	kill -INT "$iface"
	wait_until 5 term_has 'demo stopped after'
	[ "$(flag alternate_on)" = 1 ]
	[ "$(tagged | wc -l)" -eq 2 ]
	term_type quit
	terminal_is_back
	wait_until 5 nothing_tagged
}

# signal_mid_demo SIG: the interface gets SIG while a demo runs; the
# terminal must come back and nothing of forklore be left.
signal_mid_demo() {
	start_guarded 120 40
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread: count'
	kill -s "$1" "$iface"
	terminal_is_back
	wait_until 5 nothing_tagged
}

@test "TERM, HUP and QUIT mid-demo: terminal back, nothing left" {
	for sig in TERM HUP QUIT; do
		signal_mid_demo "$sig"
		term_stop
	done
}

@test "SEGV and ABRT mid-demo: terminal back, nothing left, the crash reported with its core" {
	pattern=$(cat /proc/sys/kernel/core_pattern)
	for sig in SEGV ABRT; do
		# A sanitizer build reports the crash itself: into this test's
		# own log, since any report in the suite's log is a failure.
		START_ENV="ASAN_OPTIONS=log_path=$BATS_TEST_TMPDIR/asan:handle_abort=1"
		START_ENV="$START_ENV TSAN_OPTIONS=log_path=$BATS_TEST_TMPDIR/asan:handle_abort=1"
		signal_mid_demo "$sig"
		if [ -n "${FORKLORE_SANITIZED:-}" ]; then
			wait_until 5 term_has 'forklore: the interface '
			wait_until 5 term_has '1 demo process ended, terminal restored'
			grep -q "Sanitizer: $sig" "$BATS_TEST_TMPDIR"/asan.*
			rm -f "$BATS_TEST_TMPDIR"/asan.*
		else
			wait_until 5 term_has "forklore: the interface died of SIG$sig (core dumped); 1 demo process ended"
			# With a plain core pattern, the core is where it ran.
			if [ "${pattern#|}" = "$pattern" ] && [ "${pattern#/}" = "$pattern" ]; then
				ls "$BATS_TEST_TMPDIR" | grep -q '^core'
				rm -f "$BATS_TEST_TMPDIR"/core*
			fi
		fi
		term_stop
	done
}

@test "Ctrl-Z and fg at the idle prompt: every forklore process stops and resumes" {
	start_guarded 120 40
	term_keys C-z
	wait_until 5 flag_is alternate_on 0
	wait_until 5 term_has 'Stopped'
	[ "$(stat_field "$guard" 1)" = T ]
	[ "$(stat_field "$iface" 1)" = T ]
	term_type fg
	wait_until 5 flag_is alternate_on 1
	wait_until 5 term_has 'forklore fork 1/6>'
	[ "$(stat_field "$guard" 1)" = S ]
	[ "$(stat_field "$iface" 1)" != T ]
	term_type quit
	terminal_is_back
}

@test "Ctrl-Z and fg mid-demo: forklore and the demo stop and resume" {
	start_guarded 120 40
	term_type 'demo thread-loop count=6'
	wait_until 5 term_has 'LoopThread: count'
	demo=$(pgrep -x MainThread -P "$iface")
	term_keys C-z
	wait_until 5 term_has 'Stopped'
	for pid in "$guard" "$iface"; do
		[ "$(stat_field "$pid" 1)" = T ]
	done
	# The demo is stopped too: T, or t (a tracing stop) while forklore
	# keeps its record with ptrace.
	[[ "$(stat_field "$demo" 1)" == [Tt] ]]
	sleep 0.5
	[[ "$(stat_field "$demo" 1)" == [Tt] ]]
	term_type fg
	wait_until 5 flag_is alternate_on 1
	wait_until 5 term_has 'forklore fork 1/6>'
	[ "$(stat_field "$guard" 1)" = S ]
	wait_until 10 term_has 'demo ended, exit status 0'
	term_type quit
	terminal_is_back
	wait_until 5 nothing_tagged
}

@test "kill -9 of the interface in plain mode: the tty settings come back" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	tag="guard-$$-$RANDOM"
	term_start 100 30
	term_type "cd '$BATS_TEST_TMPDIR' && stty -g > stty.before"
	term_type "FORKLORE_CENSUS=$tag '$FORKLORE' --plain"
	wait_until 5 term_has 'forklore>'
	iface=$(term_pid_of forklore)
	# readline has the terminal in its own mode while it reads a line.
	[ "$(stty -g < "$(tmux -L "$TMUX_SOCKET" display -p '#{pane_tty}')")" != "$(cat "$BATS_TEST_TMPDIR/stty.before")" ]
	term_type 'demo fork-once linger=30'
	wait_until 5 term_has 'child: fork() returned 0'
	kill -9 "$iface"
	# The parent may die of its death signal before the guard reaps it, or
	# after: one or two were ended, and nothing is left either way.
	wait_until 5 term_matches 'forklore: the interface died of SIGKILL; [12] demo process(es)? ended, terminal restored'
	wait_until 5 nothing_tagged
	terminal_is_back
}

@test "the terminal hangs up while forklore is its first program: nothing is left" {
	# As in a new tmux window or ssh -t: the guard leads the terminal's
	# session, and only it hears the kernel's hangup.
	tag="guard-hup-$$-$RANDOM"
	TMUX_SOCKET="forklore-test-hup-$$-$RANDOM"
	tmux -L "$TMUX_SOCKET" -f /dev/null new-session -d -x 100 -y 30 \
		"env XDG_STATE_HOME='$BATS_TEST_TMPDIR/state' FORKLORE_CENSUS=$tag '$FORKLORE' --no-predict fork"
	wait_until 5 term_has 'forklore fork 1/6>'
	term_type 'run linger=30'
	wait_until 5 term_has 'child: fork() returned 0'
	[ "$(tagged | wc -l)" -ge 4 ]
	tmux -L "$TMUX_SOCKET" kill-server
	TMUX_SOCKET=
	wait_until 3 nothing_tagged
}

@test "kill -9 of guard and interface at once: the escaped daemon dies with them" {
	start_guarded 120 40
	term_type 'demo escape linger=30'
	wait_until 5 term_has 'the middle process is gone'
	daemon=$(term_screen | sed -n 's/^.*\[\([0-9]*\) daemon\] daemon: waiting.*/\1/p' | head -n 1)
	[ -n "$daemon" ]
	[ "$(stat_field "$daemon" 2)" = "$iface" ]   # adopted by forklore
	kill -9 "$guard" "$iface"
	# No forklore process is left to clean up: the kernel's death
	# signals must do it.
	wait_until 5 nothing_tagged
}

@test "SIGSTOP of the interface does not stop the guard; a kill then is still cleaned up" {
	start_guarded 120 40
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread: count'
	kill -STOP "$iface"
	wait_until 5 state_is "$iface" T
	sleep 0.3
	[ "$(stat_field "$guard" 1)" = S ]
	kill -CONT "$iface"
	wait_until 5 term_has 'LoopThread: count 4'
	kill -STOP "$iface"
	kill -9 "$iface"
	terminal_is_back
	wait_until 5 nothing_tagged
}
