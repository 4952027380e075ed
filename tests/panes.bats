#!/usr/bin/env bats
# panes.bats - the curses UI in a real terminal (tmux): layout, the monitor
# against /proc, typing during output, resizing, Ctrl-C, and the terminal
# given back as it was.

load helpers

start_panes() {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start "$1" "$2"
	term_type "stty -g > $BATS_TEST_TMPDIR/stty.before"
	term_type "cd '$ROOT' && '$FORKLORE' --no-predict fork"
	wait_until 5 term_has 'forklore fork 1/6>'
}

teardown() {
	term_stop
}

term_alt() { tmux -L "$TMUX_SOCKET" display -p '#{alternate_on}'; }
alt_is() { [ "$(term_alt)" = "$1" ]; }
cursor_x_is() { [ "$(tmux -L "$TMUX_SOCKET" display -p '#{cursor_x}')" = "$1" ]; }

@test "the panes at 80x24: title, lesson, code, output, monitor, prompt" {
	start_panes 80 24
	[ "$(term_alt)" = 1 ]
	screen=$(term_screen)
	[[ "$(echo "$screen" | sed -n 1p)" == *"fork: one call, two returns  step 1/6"* ]]
	[[ "$screen" == *"─ One call, two returns"* ]]
	[[ "$screen" == *"The C that runs"* ]]
	[[ "$screen" == *"Output"* ]]
	[[ "$screen" == *"Monitor"* ]]
	[ "$(echo "$screen" | sed -n 24p)" = "forklore fork 1/6>" ]
	# Nothing is drawn past the 80th column or below the 24th line.
	[ "$(echo "$screen" | wc -l)" -le 24 ]
}

# The first line of the lesson pane, as drawn.
lesson_first() { term_screen | sed -n 3p | sed 's/│.*//; s/ *$//'; }
lesson_drawn() { [[ "$(lesson_first)" == " In Python you may have met os.fork()."* ]]; }

@test "the panes at 132x43 use the room" {
	start_panes 132 43
	wait_until 5 lesson_drawn
	[ "$(term_screen | sed -n 43p)" = "forklore fork 1/6>" ]
	# The lesson text is wrapped wider than the 43 columns it has at 80.
	first=$(lesson_first)
	[ "${#first}" -gt 60 ]
}

# monitor_rows_true: every row of the monitor names a live process with
# that name and parent, and there are four of them.
monitor_rows_true() {
	local n=0 pid ppid state name rest
	while read -r pid ppid state name rest; do
		[ -e "/proc/$pid" ] || return 1
		[ "$(cat "/proc/$pid/comm")" = "$name" ] || return 1
		[ "$(stat_field "$pid" 2)" = "$ppid" ] || return 1
		n=$((n + 1))
	done <<< "$(term_screen | grep -oE '│ +[0-9]+ +[0-9]+ [RSDZT]  +[a-z-]+' | sed 's/│//')"
	[ "$n" -eq 4 ]
}

@test "every PID in the monitor is a live process with that name and parent" {
	start_panes 100 30
	term_type 'goto 4'
	term_type 'run linger=5'
	wait_until 5 term_has 'grandchild'
	wait_until 5 term_has 'child-b'
	# A process renames itself just after fork(); the monitor, sampling
	# ten times a second, may show the old name for one sample. Within a
	# second every row must be true.
	wait_until 1 monitor_rows_true
	term_screen | grep -E '│ +[0-9]+ +[0-9]+ [RSDZT] '
	term_keys C-c
	wait_until 3 term_has 'demo stopped after'
}

@test "typing while a demo floods the output yields exactly the typed command" {
	start_panes 80 24
	term_type 'demo fork-many children=16 linger=2'
	wait_until 5 term_has 'child-1'
	term_keys -l 'less'
	sleep 0.3
	term_keys -l 'ons'
	wait_until 10 term_has 'parent: no children'
	[ "$(term_screen | sed -n 24p)" = "forklore fork 1/6> lessons" ]
	term_keys Enter
	# The list is shown from its top, not scrolled past.
	wait_until 5 term_has '1. fork: one call, two returns'
	! term_has 'unknown command'
}

@test "a tiny terminal says so, and the panes come back when it grows" {
	start_panes 80 24
	tmux -L "$TMUX_SOCKET" resize-window -x 40 -y 10
	wait_until 5 term_has 'terminal too small (need 60x16)'
	tmux -L "$TMUX_SOCKET" resize-window -x 90 -y 30
	wait_until 5 term_has '─ One call, two returns'
	[ "$(term_screen | sed -n 30p)" = "forklore fork 1/6>" ]
}

@test "Ctrl-C stops a demo and leaves no process" {
	start_panes 80 24
	term_type 'run linger=30'
	wait_until 5 term_has 'child: fork()'
	ui=$(term_pid_of forklore)
	[ -n "$(pgrep -P "$ui")" ]
	term_keys C-c
	wait_until 3 term_has 'demo stopped after'
	[ -z "$(pgrep -P "$ui")" ]
}

@test "after quit the terminal is as it was: normal screen, cursor, stty" {
	start_panes 80 24
	term_type 'run linger=0'
	term_type quit
	wait_until 5 alt_is 0
	[ "$(tmux -L "$TMUX_SOCKET" display -p '#{cursor_flag}')" = 1 ]
	term_type "stty -g > $BATS_TEST_TMPDIR/stty.after"
	wait_until 5 test -s "$BATS_TEST_TMPDIR/stty.after"
	diff "$BATS_TEST_TMPDIR/stty.before" "$BATS_TEST_TMPDIR/stty.after"
}

@test "TERM=dumb falls back to plain mode with a one-line notice" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 80 24
	term_type "cd '$ROOT' && TERM=dumb '$FORKLORE'"
	wait_until 5 term_has 'forklore: this terminal (TERM=dumb) cannot show the panes; using plain mode'
	wait_until 5 term_has 'forklore>'
	[ "$(term_alt)" = 0 ]
	term_type quit
}

@test "thread names in the monitor match /proc/PID/task/TID/comm" {
	start_panes 100 30
	term_type 'demo thread-loop count=10'
	wait_until 5 term_has 'thread LoopThread'
	screen=$(term_screen)
	pid=$(echo "$screen" | grep -oE '│ +[0-9]+ +[0-9]+ [RS]  MainThread' | awk '{print $2}')
	# A thread's row has its TID in the PID/TID column, no PPID.
	tid=$(echo "$screen" | grep -oE '│ +[0-9]+ +[RS] +thread LoopThread' | awk '{print $2}')
	[ -n "$pid" ] && [ -n "$tid" ] && [ "$pid" != "$tid" ]
	[ "$(cat "/proc/$pid/task/$tid/comm")" = LoopThread ]
	[ "$(cat "/proc/$pid/comm")" = MainThread ]
	# The output pane tags the thread's lines with PID:TID and its name.
	wait_until 5 term_has "[$pid:$tid LoopThread] LoopThread: count"
	term_keys C-c
	wait_until 3 term_has 'demo stopped after'
}

@test "SIGTERM, SIGHUP and a crash all give the terminal back" {
	# A sanitizer build reports the SEGV itself: into this test's own log
	# (the tmux server takes the environment it starts with), since any
	# report in the suite's log fails the run.
	if [ -n "${FORKLORE_SANITIZED:-}" ]; then
		export ASAN_OPTIONS="log_path=$BATS_TEST_TMPDIR/asan:handle_abort=1"
		export TSAN_OPTIONS="log_path=$BATS_TEST_TMPDIR/asan"
	fi
	for sig in TERM HUP SEGV; do
		start_panes 80 24
		ui=$(term_pid_of forklore)
		[ "$(term_alt)" = 1 ]
		kill -s "$sig" "$ui"
		wait_until 5 alt_is 0
		[ "$(tmux -L "$TMUX_SOCKET" display -p '#{cursor_flag}')" = 1 ]
		term_type "stty -g > $BATS_TEST_TMPDIR/stty.after"
		wait_until 5 test -s "$BATS_TEST_TMPDIR/stty.after"
		diff "$BATS_TEST_TMPDIR/stty.before" "$BATS_TEST_TMPDIR/stty.after"
		rm -f "$BATS_TEST_TMPDIR/stty.after"
		term_stop
	done
	if [ -n "${FORKLORE_SANITIZED:-}" ]; then
		wait_until 5 grep -q 'Sanitizer: SEGV' "$BATS_TEST_TMPDIR"/asan.*
	fi
}

@test "Ctrl-Z and fg: the same screen comes back, the demo resumes" {
	start_panes 100 30
	term_type 'demo thread-loop count=4'
	wait_until 5 term_has 'thread LoopThread'
	pid=$(pgrep -x MainThread -P "$(term_pid_of forklore)")
	[ -n "$pid" ]
	term_keys C-z
	wait_until 5 alt_is 0
	# Stopped: T, or t (a tracing stop) while forklore keeps its record.
	[[ "$(stat_field "$pid" 1)" == [Tt] ]]
	term_type fg
	wait_until 5 alt_is 1
	wait_until 5 term_has '─ One call, two returns'
	wait_until 10 term_has 'demo ended, exit status 0'
}

@test "CJK lesson text is wrapped by display width and the prompt edits it" {
	d="$BATS_TEST_TMPDIR/lessons"
	mkdir -p "$d"
	{
		printf '@lesson cjk\n@title 进程与线程\n@order 1\n@summary 测试\n\n@step 第一步\n'
		for i in 1 2 3 4 5 6; do printf '进程是正在运行的程序。每个进程都有自己的编号和父进程。'; done
		printf '\n'
	} > "$d/cjk.lesson"
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 80 24
	term_type "cd '$ROOT' && '$FORKLORE' --lessons '$d' cjk"
	wait_until 5 term_has 'forklore cjk 1/1>'
	# Every lesson line ends before the separator: no character is cut in
	# two or pushed past the pane.
	term_screen | sed -n '3,12p' | while IFS= read -r line; do
		left=${line%%│*}
		[ "$left" != "$line" ]
		[ "$(printf '%s' "$left" | wc -L)" -le 40 ]
	done
	term_screen | sed -n 3p | grep -q '进程是正在运行的程序'
	# Typing wide characters: the cursor sits after them.
	term_keys -l '进程'
	wait_until 5 term_has 'forklore cjk 1/1> 进程'
	[ "$(tmux -L "$TMUX_SOCKET" display -p '#{cursor_x}')" = 22 ]
	term_keys BSpace
	wait_until 5 cursor_x_is 20
}

@test "NO_COLOR and --no-color: no colour in the panes" {
	start_panes 80 24
	term_type quit
	term_type "NO_COLOR=1 '$FORKLORE' fork"
	wait_until 5 term_has 'forklore fork 1/6>'
	! tmux -L "$TMUX_SOCKET" capture-pane -p -e | grep -q $'\e\[3[0-9]m'
	term_type quit
	term_type "'$FORKLORE' --no-color fork"
	wait_until 5 term_has 'forklore fork 1/6>'
	! tmux -L "$TMUX_SOCKET" capture-pane -p -e | grep -q $'\e\[3[0-9]m'
	term_type quit
	term_type "'$FORKLORE' fork"
	wait_until 5 term_has 'forklore fork 1/6>'
	tmux -L "$TMUX_SOCKET" capture-pane -p -e | grep -q $'\e\[3[0-9]m'
}

@test "zoom monitor shows the timeline: children end before their parent" {
	start_panes 100 30
	term_type 'demo fork-many children=4 linger=2'
	wait_until 10 term_has 'demo ended'
	term_type 'zoom monitor'
	wait_until 5 term_has 'timeline,'
	screen=$(term_screen)
	parent=$(echo "$screen" | grep -E '^ parent +[-#=]' | sed 's/ *$//')
	[ -n "$parent" ]
	# Drawn from the run's record: every child has its row under the
	# parent, however short its life.
	shorter=0
	rows=0
	while IFS= read -r row; do
		row=$(printf '%s' "$row" | sed 's/ *$//')
		rows=$((rows + 1))
		[ "${#row}" -le "${#parent}" ]
		[ "${#row}" -lt "${#parent}" ] && shorter=$((shorter + 1))
	done <<< "$(echo "$screen" | grep -E '^  child-[0-9] +[-#= ]')"
	[ "$rows" -eq 4 ]
	[ "$shorter" -ge 1 ]
	term_type 'zoom'
	wait_until 5 term_has '─ One call, two returns'
}

@test "completion candidates go to the status line, not over the panes" {
	start_panes 80 24
	term_keys d e m o Space f o r k - Tab Tab
	wait_until 5 term_has 'fork-many  fork-memory  fork-once  fork-twice'
	[ "$(term_screen | sed -n 23p | sed 's/^ *//')" = "fork-many  fork-memory  fork-once  fork-twice" ]
	[ "$(term_screen | sed -n 24p)" = "forklore fork 1/6> demo fork-" ]
	# The panes above are untouched.
	term_has '─ One call, two returns'
}

@test "the monitor shows a zombie as Z <defunct> until it is reaped" {
	start_panes 100 30
	term_type 'open processes'
	term_type 'goto 3'
	term_type 'run linger=3'
	has_zombie() { term_screen | grep -qE '[0-9]+ +[0-9]+ Z +child <defunct>'; }
	wait_until 5 has_zombie
	row=$(term_screen | grep -oE '[0-9]+ +[0-9]+ Z +child <defunct>')
	pid=$(echo "$row" | awk '{print $1}')
	[ "$(stat_field "$pid" 1)" = Z ]
	wait_until 10 term_has 'the zombie is gone'
	[ ! -e "/proc/$pid" ]
}

# The monitor's last row counts the rows that did not fit.
more_counted() { term_screen | grep -qE '\+[0-9]+ more \(zoom monitor\)'; }

@test "the monitor at 80x24: rows that do not fit are counted, ended ones marked X, not their last state" {
	start_panes 80 24
	term_type 'demo pool-run workers=16 tasks=32'
	wait_until 5 term_has 'worker-7'
	term_has 'PID/TID    PPID S  NAME'
	# 17 processes in a pane of far fewer rows: the rest are counted.
	wait_until 5 more_counted
	wait_until 15 term_has 'demo ended'
	# Once ended, every row says so in its state column, where it is
	# never cut: X, not the S or R it was last seen in.
	term_screen | grep -qE '│ +[0-9]+ +[0-9]+ X  parent'
	! term_screen | grep -qE '│ +[0-9]+ +[0-9]+ [RS]  +worker-' || false
}

@test "at 80x24 a long answer (lessons, help) is shown from its top, the rest a PgDn away" {
	start_panes 80 24
	term_type lessons
	wait_until 5 term_has 'Output scrolled back'
	term_has '1. fork: one call, two returns'
	term_type help
	wait_until 5 term_has 'Commands (any unique prefix works,'
	term_keys PageDown
	wait_until 5 term_has 'code [c|python]'
	# Whatever comes next is shown as it comes again.
	term_type 'demo fork-once linger=0'
	wait_until 5 term_has 'nothing of it is left running'
	term_type quit
}
