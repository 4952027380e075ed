#!/usr/bin/env bats
# python.bats - `run python`: a step's Python listing run live under the
# runner: the names it gives Python's threads and processes in /proc, the
# start methods, parameters, errors, stopping, and a missing python3.
# The test lesson is tests/fixtures/python/pytest.lesson.

load helpers

setup() {
	command -v python3 > /dev/null || skip "python3 is not installed"
	FIX="$ROOT/tests/fixtures/python"
}

# The screen has a line matching an extended regular expression.
screen_matches() { term_screen | grep -qE -- "$1"; }

# Run the test lesson's step N with `run python ARGS`, then `ps`.
py_step() {
	local n=$1
	shift
	printf 'open pytest\ngoto %s\nrun python %s\nwait\nps\n' "$n" "$*" |
		fl --lessons "$FIX" --no-predict
}

# The PID forklore says the run started as.
root_of() {
	printf '%s\n' "$1" | sed -n 's/.*demo python started as pid \([0-9]*\);.*/\1/p'
}

@test "threads: /proc gives each thread the name Python calls it, and the root is MainProcess" {
	run py_step 1
	[ "$status" -eq 0 ]
	echo "$output"
	root=$(root_of "$output")
	[ -n "$root" ]
	echo "$output" | grep -q "^\[$root MainProcess\] tid $root: python calls me MainThread, /proc says MainProcess$"
	for name in "Thread-1 (show)" "Thread-2 (show)" "Thread-3 (show)" LoopThread; do
		line=$(echo "$output" | grep -F "python calls me $name, /proc says $name")
		[ "$(echo "$line" | wc -l)" -eq 1 ] && [ -n "$line" ]
		# Tagged with the TID it read the name of, under the root.
		tid=$(echo "$line" | sed 's/.*\] tid \([0-9]*\):.*/\1/')
		[ "$tid" != "$root" ]
		echo "$line" | grep -Fq "[$root:$tid $name] "
	done
	# The record has the same names, taken exactly when they were set.
	echo "$output" | grep -A1 "thread MainProcess > Thread-1" | tr -s ' \n' ' ' |
		grep -q "thread MainProcess > Thread-1 (show)"
	echo "$output" | grep -q "nothing of it is left running"
}

# The tasks' lines of a pool run: "task T ran in pid P, parent Q, named N".
pool_check() {
	local start=$1 prefix=$2
	run py_step 2 "start=$start"
	[ "$status" -eq 0 ]
	echo "$output"
	root=$(root_of "$output")
	tasks=$(echo "$output" | grep -c 'ran in pid')
	[ "$tasks" -eq 4 ]
	workers=$(echo "$output" | sed -n 's/.*ran in pid \([0-9]*\),.*/\1/p' | sort -u)
	[ "$(echo "$workers" | wc -l)" -le 2 ]
	# Each worker is named as Python names it, cut to 15 bytes with its
	# number kept.
	echo "$output" | grep 'ran in pid' | grep -Eq "named ${prefix}-[12]$"
	! echo "$output" | grep 'ran in pid' | grep -Evq "named ${prefix}-[12]$"
	parents=$(echo "$output" | sed -n 's/.*, parent \([0-9]*\), named.*/\1/p' | sort -u)
}

@test "start=fork: the pool's workers are forks of the listing's process, named ForkPoolWorke-N" {
	pool_check fork ForkPoolWorke
	[ "$parents" = "$root" ]
	# No new interpreter: the only exec is the root's own.
	[ "$(echo "$output" | grep -c ' exec python')" -eq 1 ]
}

@test "start=spawn: each worker is a fresh interpreter, exec'd, named SpawnPoolWork-N" {
	pool_check spawn SpawnPoolWork
	[ "$parents" = "$root" ]
	# The root's exec, then one per worker at least (and the resource
	# tracker's).
	[ "$(echo "$output" | grep -c ' exec python')" -ge 3 ]
}

@test "start=forkserver: the workers are children of a forkserver process, not of the listing's" {
	pool_check forkserver ForkServerPoo
	[ "$parents" != "$root" ]
	[ "$(echo "$parents" | wc -l)" -eq 1 ]
	# That parent is the server, named so, and a child of the root.
	echo "$output" | grep -A1 -E "^ +$parents +$root " | tr -s ' \n' ' ' |
		grep -q "> forkserver "
}

@test "a listing that raises: each traceback is tagged with the process that raised it, and the run ends with its status" {
	run py_step 3
	[ "$status" -eq 0 ]
	echo "$output"
	root=$(root_of "$output")
	child=$(echo "$output" | sed -n 's/^\[\([0-9]*\) failing\] child: about to fail$/\1/p')
	[ -n "$child" ]
	echo "$output" | grep -q "^\[$child failing\] ValueError: the child's own error$"
	echo "$output" | grep -q "^\[$root MainProcess\] parent: the child ended with exit code 1$"
	echo "$output" | grep -q "^\[$root MainProcess\] RuntimeError: the parent's own error$"
	echo "$output" | grep -q "demo ended, exit status 1 after"
	# Every traceback line came whole, from its own process.
	! echo "$output" | grep -E '^\[' | grep -Ev "^\[($root|$child) (MainProcess|failing)\] "
}

@test "stop in the middle of a pool: every worker ends, nothing is left, and the listing's files are gone" {
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR"
	run bash -c "printf 'open pytest\ngoto 4\nrun python\nwait task 2 started\nps\nstop\n' |
		'$FORKLORE' --plain --speed 1 --lessons '$FIX' --no-predict"
	[ "$status" -eq 0 ]
	echo "$output"
	echo "$output" | grep -q "demo stopped after"
	echo "$output" | grep -q "nothing of it is left running"
	# While it ran, the listing was in its own directory under TMPDIR.
	echo "$output" | grep -q "ForkPoolWorke-3"
	[ -z "$(ls -A "$TMPDIR")" ]
	# Nothing runs from this test's directory (other tests' runs may).
	! pgrep -f "$TMPDIR/forklore-python-" > /dev/null
}

@test "the step's parameters reach the listing as NAME=VALUE arguments" {
	run py_step 5 linger=0
	[ "$status" -eq 0 ]
	echo "$output" | grep -q "\] children=5 linger=0$"
	run py_step 5
	echo "$output" | grep -q "\] children=5 linger=3$"
	run py_step 5 children=101
	echo "$output" | grep -q "children=101 is out of range"
}

@test "start= only for multiprocessing listings, and only a real method; a step without a listing says which have one" {
	run py_step 1 start=spawn
	echo "$output" | grep -q "error: start= is for listings that use multiprocessing"
	run py_step 2 start=thread
	echo "$output" | grep -q "error: start must be fork, spawn or forkserver, not 'thread'"
	run bash -c "printf 'open locks\ngoto 4\nrun python\n' | '$FORKLORE' --plain --no-predict"
	echo "$output"
	echo "$output" | grep -Eq "error: step 4 has no Python listing; steps with one: 1, 2, 3$"
}

@test "without python3, run python says what is missing in one line, and the C demos still run" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	run env PATH="$BATS_TEST_TMPDIR/bin" /bin/bash -c "printf 'open pytest\nrun python\nnext\nnext\nnext\nnext\nrun\nwait\n' |
		'$FORKLORE' --plain --speed 0 --lessons '$FIX' --no-predict"
	echo "$output"
	[ "$(echo "$output" | grep -c '^error: python3 is not installed')" -eq 1 ]
	echo "$output" | grep "^error: python3" | grep -q "apt-get install python3"
	echo "$output" | grep -q "demo fork-many started"
	echo "$output" | grep -q "demo ended, exit status 0"
}

@test "run both: the C demo, then the Python, then one line comparing their times, tasks and peak memory" {
	run bash -c "printf 'open pytest\ngoto 5\nrun both linger=0\n' |
		'$FORKLORE' --plain --speed 0 --lessons '$FIX' --no-predict"
	[ "$status" -eq 0 ]
	echo "$output"
	# The C first (fork-many: five children), then the Python.
	c=$(echo "$output" | grep -n "demo fork-many started" | cut -d: -f1)
	py=$(echo "$output" | grep -n "demo python started" | cut -d: -f1)
	[ -n "$c" ] && [ -n "$py" ] && [ "$c" -lt "$py" ]
	echo "$output" | grep -q "\] children=5 linger=0$"
	line=$(echo "$output" | tr '\n' ' ' | tr -s ' ' | grep -o 'C: [^;]*; Python: [^;]*; Python took [0-9.]*x the time')
	# (ThreadSanitizer's runtime adds a thread to each process forklore
	# forks, the Python's too before its exec.)
	threads="0 threads"
	[ "${FORKLORE_SANITIZED:-}" = thread ] && threads="[0-9]+ threads?"
	echo "$line" | grep -Eq "^C: [0-9]+\.[0-9]{2} s, 6 processes, $threads, peak [0-9.]+ MB; Python: [0-9]+\.[0-9]{2} s, 1 process, $threads, peak [0-9.]+ MB;"
	# A Python interpreter holds more memory than the C demo's processes.
	c_mb=$(echo "$line" | sed 's/^C: [^;]*peak \([0-9.]*\) MB;.*/\1/')
	py_mb=$(echo "$line" | sed 's/.*Python: [^;]*peak \([0-9.]*\) MB;.*/\1/')
	awk "BEGIN { exit !($py_mb > $c_mb) }"
}

@test "transcript: Python listings of three lessons, run live and masked, read the same every time" {
	got="$BATS_TEST_TMPDIR/python.out"
	(cd "$ROOT/tests/transcripts" &&
		"$FORKLORE" --plain --mask --speed 0 --seed 1 --no-predict \
			--script python.script) > "$got" 2>&1 || [ $? -eq 1 ]
	diff -u "$ROOT/tests/transcripts/python.out" "$got"
	# Masking kept what matters: the child's own tag, and its words.
	grep -q '^\[P2 MainProcess\] child: I set counter = 999$' "$got"
}

@test "in the panes: a Python pool's names in the monitor, Ctrl-Z and fg, then Ctrl-C leaves nothing running" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR"
	term_start 100 30
	term_type "cd '$ROOT' && '$FORKLORE' --no-predict --lessons '$FIX'"
	wait_until 5 term_has 'forklore>'
	term_type 'open pytest'
	term_type 'goto 4'
	term_type 'run python'
	# The monitor shows the workers under the names Python gave them.
	wait_until 10 term_has 'ForkPoolWorke-3'
	wait_until 5 screen_matches '│ +[0-9]+ +[0-9]+ [RS]  MainProcess'
	ui=$(term_pid_of forklore)
	root=$(pgrep -P "$ui" | head -n 1)
	[ -n "$root" ]
	workers=$(pgrep -P "$root")
	[ "$(echo "$workers" | wc -l)" -ge 3 ]
	# Ctrl-Z stops every process of the run; fg lets them go on.
	term_keys C-z
	wait_until 5 state_in "$root" T t
	for w in $workers; do
		wait_until 5 state_in "$w" T t
	done
	term_type fg
	for w in $workers; do
		wait_until 5 state_in "$w" S
	done
	term_keys C-c
	wait_until 5 term_has 'demo stopped after'
	# (Its line goes on: "...; nothing of it is left running", wrapped.)
	term_screen | tr -d '│\n' | tr -s ' ' | grep -q 'nothing of it is left running'
	[ -z "$(pgrep -P "$ui")" ]
	for w in $root $workers; do
		! kill -0 "$w" 2> /dev/null
	done
	term_type quit
	wait_until 5 screen_matches '^\$'
	[ -z "$(ls -A "$TMPDIR")" ]
}

teardown() {
	term_stop
}

@test "a python3 older than 3.9: run python says so in one line, and runs nothing" {
	# A stand-in that answers as Python 3.7 would.
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat > "$BATS_TEST_TMPDIR/bin/python3" <<'PY'
#!/bin/sh
case "$*" in
-I\ -c*) printf '3.7.3\n/usr/bin/python3.7' ;;
*) echo "the listing ran" ;;
esac
PY
	chmod +x "$BATS_TEST_TMPDIR/bin/python3"
	run env PATH="$BATS_TEST_TMPDIR/bin:/usr/bin:/bin" /bin/bash -c "printf 'open pytest\nrun python\n' |
		'$FORKLORE' --plain --speed 0 --lessons '$FIX' --no-predict"
	echo "$output"
	echo "$output" | grep -q "^error: forklore runs Python 3.9 or later; $BATS_TEST_TMPDIR/bin/python3 is 3.7.3"
	! echo "$output" | grep -q "the listing ran"
	! echo "$output" | grep -q "demo python started"
}

@test "run python free: a free-threaded Python found on PATH runs the listing; without one, one line says so" {
	run bash -c "printf 'open pytest\ngoto 5\nrun python free\n' |
		'$FORKLORE' --plain --speed 0 --lessons '$FIX' --no-predict"
	echo "$output" | grep -q "^error: no free-threaded Python (python3.13t or later"
	# A stand-in python3.13t: it says what it is, then hands the listing
	# to the real python3.
	real=$(command -v python3)
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat > "$BATS_TEST_TMPDIR/bin/python3.13t" <<PY
#!/bin/sh
case "\$*" in
-I\ -c*) printf '3.13.1\n%s' "\$0" ;;
*) exec "$real" "\$@" ;;
esac
PY
	chmod +x "$BATS_TEST_TMPDIR/bin/python3.13t"
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" /bin/bash -c "printf 'open pytest\ngoto 5\nrun python free linger=0\nwait\nps\n' |
		'$FORKLORE' --plain --speed 0 --lessons '$FIX' --no-predict"
	echo "$output"
	echo "$output" | grep -q "\] children=5 linger=0$"
	echo "$output" | grep -q "> python3.13t"
}
