#!/usr/bin/env bats
# Exercises: the commands (try, edit, check --watch, hint, solution), the
# format's checks, and containment of hostile programs: a fork bomb, an
# endless loop, a 10 GB allocation and 1 GB of output, each ended and
# reported, with nothing left running. CI runs these as root, where
# RLIMIT_NPROC does not bind: the tracer's count must.

load helpers

FIX="$ROOT/tests/fixtures/exercise"

# Plain mode wraps long lines at 80 columns, going on indented: join each
# indented line to the one before, to read messages whole.
unwrap() { sed -e :a -e N -e '$!ba' -e 's/\n  \+/ /g'; }

setup() {
	export FORKLORE_WORKSPACE="$BATS_TEST_TMPDIR/ws"
}

# Run forklore against the fixture lessons (an exercise with small limits).
# As root, where a cgroup with a pids controller can be had, inside one
# that allows 400 tasks: should containment ever fail, the test fails
# instead of the machine.
flx() {
	local jail=""
	if [ "$(id -u)" = 0 ] && [ -w /sys/fs/cgroup/pids/cgroup.procs ]; then
		jail=/sys/fs/cgroup/pids/forklore-test-$$-$BATS_TEST_NUMBER
		mkdir -p "$jail" && echo 400 > "$jail/pids.max" || jail=""
	fi
	if [ -n "$jail" ]; then
		FORKLORE_LESSONS="$ROOT/tests/fixtures/exlessons" sh -c \
			'echo $$ > "$0/cgroup.procs" && exec "$@"' "$jail" \
			"$FORKLORE" --plain --speed 0 --seed 1 "$@"
		local rc=$?
		rmdir "$jail" 2>/dev/null
		return $rc
	fi
	FORKLORE_LESSONS="$ROOT/tests/fixtures/exlessons" fl "$@"
}

# Nothing of a check is running: no process runs the program it built
# (named after the exercise) or the fixture.
nothing_left() {
	! pgrep -x limits > /dev/null
	! pgrep -f "tests/fixtures/exercise/" > /dev/null
}

@test "a fork bomb is ended at its limit of tasks, as root too; nothing is left" {
	run flx -c 'check limits tests/fixtures/exercise/forkbomb.c'
	echo "$output"
	[ "$status" -eq 1 ]
	# The tracer holds the fork that crosses the limit: never more than
	# one task over it.
	grep -q 'demo ended by forklore: 33 processes and threads alive at once (its limit is 32) after [0-9.]* s; nothing of it is left running$' <<< "$output"
	grep -q 'FAILED it stays within its limits: forklore ended it: 33 processes' <<< "$output"
	grep -q 'FAILED it ends well: it exits with status 0: it was killed by signal 9' <<< "$output"
	nothing_left
	# The tracer alone, without the cgroup behind it: the same.
	FORKLORE_NO_CGROUP=1 run flx -c 'check limits tests/fixtures/exercise/forkbomb.c'
	echo "$output"
	! unwrap <<< "$output" | grep -q 'inside a cgroup'
	grep -q 'demo ended by forklore: 33 processes and threads alive at once (its limit is 32)' <<< "$output"
	nothing_left
}

@test "a fork bomb in Python is ended the same way" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run flx -c 'check limits-py tests/fixtures/exercise/forkbomb.py'
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q 'demo ended by forklore: 33 processes and threads alive at once (its limit is 32)' <<< "$output"
	nothing_left
}

@test "an endless loop is ended by its CPU or time limit, and the report says which" {
	run flx -c 'check limits tests/fixtures/exercise/spin.c'
	echo "$output"
	[ "$status" -eq 1 ]
	unwrap <<< "$output" | grep -Eq 'it was killed by signal 24 \(CPU time limit exceeded\)|forklore ended it: still running after 3.0 s \(its limit\)'
	unwrap <<< "$output" | grep -q 'limits: 32 processes and threads at once, 3 s, 1 s of CPU, 256 MiB of memory, 64 KiB of output'
	nothing_left
}

@test "a program that waits for ever, with threads and a child, is ended at its time limit; nothing is left" {
	start=$(date +%s%N)
	run flx -c 'check limits tests/fixtures/exercise/stuck.c'
	took=$(( ($(date +%s%N) - start) / 1000000 ))
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q '^waiting for ever$' <<< "$(sed 's/^  //' <<< "$output")"
	grep -q 'demo ended by forklore: still running after 3.0 s (its limit) after 3.0[0-9] s; nothing of it is left running$' <<< "$output"
	# Every task stopped on its way out goes on and ends: no hang.
	[ "$took" -lt 8000 ]
	nothing_left
}

@test "a 10 GB allocation fails inside the memory limit, and the program says so" {
	run flx -c 'check limits tests/fixtures/exercise/hog.c'
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q 'malloc of 10 GB: Cannot allocate memory$' <<< "$output"
	grep -q 'FAILED it ends well: it exits with status 0: exit status 1$' <<< "$output"
	nothing_left
}

@test "1 GB of output is cut at the output limit, at once" {
	start=$(date +%s%N)
	run flx -c 'check limits tests/fixtures/exercise/flood.c'
	took=$(( ($(date +%s%N) - start) / 1000000 ))
	echo "$output" | cut -c1-100 | grep -v '^xxxx'
	[ "$status" -eq 1 ]
	grep -q 'demo ended by forklore: more than 64 KiB of output (its limit)' <<< "$output"
	# At most the limit reached the screen: 64 lines of 1023 bytes.
	[ "$(grep -c '^xxxxxxxx' <<< "$output")" -le 64 ]
	[ "$took" -lt 10000 ]
	nothing_left
}

@test "processes that leave the group and the session are ended, and the check says they were left" {
	run flx -c 'check limits tests/fixtures/exercise/orphans.c'
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q 'FAILED nothing is left running when its first process ends: 2 processes were' <<< "$output"
	grep -q 'nothing of it is left running$' <<< "$output"
	nothing_left
}

@test "the right program passes: exit status 0 of the command, every fact holds" {
	run flx -c 'check limits tests/fixtures/exlessons/exercises/limits/solution.c'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q '^  ok     it ends well: it exits with status 0: exit status 0$' <<< "$output"
	grep -q '^Every fact holds: limits is solved.$' <<< "$output"
}

@test "a file that does not compile: the compiler's FILE:LINE, and a one-line error" {
	printf 'int main(void)\n{\n\treturn nope;\n}\n' > "$BATS_TEST_TMPDIR/bad.c"
	run flx -c "check limits $BATS_TEST_TMPDIR/bad.c"
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q "bad.c:3:[0-9]*: error: .nope. undeclared" <<< "$output"
	unwrap <<< "$output" | grep -q "^error: check limits: .*bad.c does not compile; the compiler's messages above say where (FILE:LINE)$"
}

@test "check refuses a wrong language, a missing file, an unknown exercise, --no-trace" {
	run flx -c 'check limits tests/fixtures/exercise/forkbomb.py'
	[ "$status" -eq 1 ]
	grep -q '^error: limits is a C exercise: its file ends in .c$' <<< "$output"
	run flx -c 'check limits /nonexistent/x.c'
	[ "$status" -eq 1 ]
	grep -q '^error: /nonexistent/x.c: ' <<< "$output"
	run flx -c 'check limitz'
	grep -q "^error: no exercise 'limitz' (did you mean 'limits'?)$" <<< "$output"
	run flx -c 'check limits'
	grep -q "^error: limits has no file yet: 'try limits' makes it$" <<< "$output"
	run flx --no-trace -c 'check limits tests/fixtures/exlessons/exercises/limits/solution.c'
	[ "$status" -eq 1 ]
	grep -q '^error: check needs the exact record, which --no-trace switched off' <<< "$output"
}

@test "try copies the starting file and never writes over the learner's" {
	run flx -c 'try limits'
	echo "$output"
	[ "$status" -eq 0 ]
	cmp "$FORKLORE_WORKSPACE/limits.c" "$ROOT/tests/fixtures/exlessons/exercises/limits/start.c"
	grep -q "^Your file: $FORKLORE_WORKSPACE/limits.c$" <<< "$output"
	grep -q 'Exit with status 0, within small limits.' <<< "$output"
	echo '/* mine */' >> "$FORKLORE_WORKSPACE/limits.c"
	run flx -c 'try limits'
	grep -q "^Your file (kept as it was): $FORKLORE_WORKSPACE/limits.c$" <<< "$output"
	grep -q 'mine' "$FORKLORE_WORKSPACE/limits.c"
	# check with no name checks the learner's file of the exercise tried.
	run flx -c 'try limits' -c 'check'
	[ "$status" -eq 1 ] || true
}

@test "edit runs EDITOR on the learner's file; check then judges what it saved" {
	cat > "$BATS_TEST_TMPDIR/editor" <<-EOF
	#!/bin/sh
	echo "editing \$1" > "$BATS_TEST_TMPDIR/edited"
	cp "$ROOT/tests/fixtures/exlessons/exercises/limits/solution.c" "\$1"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/editor"
	EDITOR="$BATS_TEST_TMPDIR/editor" VISUAL= run flx -c 'try limits; edit; check'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q "editing $FORKLORE_WORKSPACE/limits.c" "$BATS_TEST_TMPDIR/edited"
	unwrap <<< "$output" | grep -q "^Back from $BATS_TEST_TMPDIR/editor; 'check' checks $FORKLORE_WORKSPACE/limits.c.$"
	grep -q '^Every fact holds: limits is solved.$' <<< "$output"
	# An editor that cannot be run: one line.
	EDITOR=/nonexistent/editor VISUAL= run flx -c 'try limits; edit'
	[ "$status" -eq 1 ]
	grep -q "^error: cannot run the editor '/nonexistent/editor': set VISUAL or EDITOR to one you have$" <<< "$output"
}

@test "check --watch notices a save and checks again, until the check passes" {
	out="$BATS_TEST_TMPDIR/out"
	flx -c 'try limits; check --watch' > "$out" 2>&1 &
	pid=$!
	wait_until 20 grep -q 'each save checks it again' "$out"
	cp "$ROOT/tests/fixtures/exlessons/exercises/limits/solution.c" "$FORKLORE_WORKSPACE/limits.c"
	wait_until 20 grep -q '^Every fact holds: limits is solved.$' "$out"
	wait "$pid"
	cat "$out"
	grep -q "^$FORKLORE_WORKSPACE/limits.c changed: checking again.$" "$out"
	[ "$(grep -c 'check limits: compiling' "$out")" -eq 2 ]
}

@test "hint gives the hints in turn; solution asks first, and shows it only on yes" {
	run flx -c 'try limits; hint; hint; solution; no; solution; yes'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q '^Hint 1 of 1 for limits:$' <<< "$output"
	unwrap <<< "$output" | grep -q '^That was the last hint for limits (1 of 1)'
	grep -q '^The solution stays hidden.$' <<< "$output"
	unwrap <<< "$output" | grep -q '^The reference solution of limits (.*solution.c):$'
	[ "$(grep -c 'return 0;' <<< "$output")" -eq 1 ]
}

@test "progress keeps exercises attempted, solved and shown, and 'lessons' counts them" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	cp "$ROOT/tests/fixtures/exlessons/exercises/limits/solution.c" "$BATS_TEST_TMPDIR/sol.c"
	# The prompt keeps progress (scripts do not): type at a real terminal.
	term_start 100 40
	term_type "cd '$ROOT' && FORKLORE_LESSONS=tests/fixtures/exlessons '$FORKLORE' --plain --speed 0; echo exit=\$?"
	wait_until 5 term_has 'forklore>'
	term_type 'try limits'
	term_type 'check'
	wait_until 20 term_has '1 of 2 facts hold' || { term_screen; false; }
	term_type 'hint'
	term_type 'solution'
	wait_until 5 term_has 'solution? [y/N]'
	term_type 'y'
	term_type "check limits $BATS_TEST_TMPDIR/sol.c"
	wait_until 20 term_has 'limits is solved'
	term_type 'lessons'
	wait_until 5 term_has '1/2 exercises solved' || { term_screen; false; }
	term_type 'exercises'
	wait_until 5 term_has 'Exit with status 0 (solved, solution shown)'
	term_type quit
	wait_until 5 term_has 'exit=0'
	grep -qx 'exercise tiny limits attempted solved shown hints 1' "$XDG_STATE_HOME/forklore/progress"
}

teardown() {
	term_stop
}

@test "--check validates exercises: their header, files and lesson, as FILE:LINE" {
	run "$FORKLORE" --check "$ROOT/tests/fixtures/exlessons/exercises/limits"
	[ "$status" -eq 0 ]
	grep -q "ok, exercise 'limits' (C) for tiny step 1, 1 fact, 1 wrong almost-solution" <<< "$output"
	d="$BATS_TEST_TMPDIR/lessons/exercises/bad"
	mkdir -p "$d"
	cp "$ROOT/tests/fixtures/exlessons/01-tiny.lesson" "$BATS_TEST_TMPDIR/lessons/"
	touch "$d/start.c" "$d/solution.c" "$d/wrong-x.c"
	check_header() {
		printf '%b' "$1" > "$d/exercise"
		run "$FORKLORE" --check "$d"
		echo "$output"
		[ "$status" -eq 1 ]
		grep -q "^$d/exercise:$2: $3" <<< "$output"
	}
	base='@exercise bad\n@lesson tiny\n@language c\n@title t\n@task\nx\n@end\n@hint\nh\n@end\n'
	check_header "$base" 1 "no @fact: a check needs something to judge"
	check_header "$base@fact exit 300\n" 11 "an exit status is 0 to 255"
	check_header "$base@fact output 1 2 \"a(\"\n" 11 'bad regular expression "a(":'
	check_header "$base@fact distinct 1 2 \"ab\"\n" 11 "@fact distinct counts what the first group"
	check_header "$base@fact names x-very-long-thread-name\n" 11 "a thread name is at most 15 bytes"
	check_header "$base@fact at-once 5 2\n" 11 'MIN (5) is above MAX (2)'
	check_header "$base@fact zombies never\n" 11 "seconds must be a number above 0"
	check_header "$base@limit tasks 9999\n@fact exit 0\n" 11 "@limit tasks is 1 to 512"
	check_header "$base@fact exit 0\n@step 4\n" 12 "lesson tiny has 1 steps, not 4"
	check_header "${base/@lesson tiny/@lesson nope}@fact exit 0\n" 2 "no lesson 'nope' beside the exercises"
	check_header "${base/@exercise bad/@exercise other}@fact exit 0\n" 1 "@exercise other is in a directory named 'bad'"
	check_header "@exercise bad\n@frobnicate\n" 2 "unknown directive '@frobnicate'"
	check_header "@exercise bad\n@task\nno end\n" 2 "@task has no @end"
	rm "$d/wrong-x.c"
	check_header "$base@fact exit 0\n" 1 "bad has no wrong-\*.c beside it"
}

@test "as root, where a cgroup can be had, the program runs in one, a little above its tasks limit; it is gone after" {
	[ "$(id -u)" = 0 ] || skip "not root"
	run flx -c 'check limits tests/fixtures/exercise/whereami.c'
	echo "$output"
	if ! unwrap <<< "$output" | grep -q 'inside a cgroup with pids.max 40'; then
		skip "no cgroup could be made here"
	fi
	grep -q '^  pids.max 40$' <<< "$output"
	dir=$(sed -n 's/^  [0-9]*:pids:\(.*forklore-[0-9-]*\)$/\1/p; s/^  0::\(.*forklore-[0-9-]*\)$/\1/p' <<< "$output" | head -n 1)
	[ -n "$dir" ]
	[ ! -e "/sys/fs/cgroup/pids$dir" ]
	[ ! -e "/sys/fs/cgroup$dir" ]
	# Switched off, the run goes on without one.
	FORKLORE_NO_CGROUP=1 run flx -c 'check limits tests/fixtures/exercise/whereami.c'
	! grep -q '/forklore-[0-9]*-[0-9]*$' <<< "$output"
}

@test "set workspace DIR: try puts the file there; a directory that does not exist is a one-line error" {
	mkdir -p "$BATS_TEST_TMPDIR/mine"
	run flx -c "set workspace $BATS_TEST_TMPDIR/mine; try limits; set workspace $BATS_TEST_TMPDIR/nope"
	echo "$output"
	[ "$status" -eq 1 ]
	[ -f "$BATS_TEST_TMPDIR/mine/limits.c" ]
	[ ! -e "$FORKLORE_WORKSPACE/limits.c" ]
	grep -q "^error: workspace must be a directory that exists, not '$BATS_TEST_TMPDIR/nope'$" <<< "$output"
}
