#!/usr/bin/env bats
# transcript.bats - replay scripts in plain mode and compare the output,
# PIDs and times masked by --mask, with the expected transcript.

load helpers

# Run tests/transcripts/NAME.script and compare with NAME.out.
check_transcript() {
	local name=$1 expected_status=$2
	local script="$ROOT/tests/transcripts/$name.script"
	local got="$BATS_TEST_TMPDIR/$name.out"
	local status=0
	(cd "$ROOT/tests/transcripts" &&
	 "$FORKLORE" --plain --mask --no-predict --speed 0 --seed 1 \
		--script "$name.script") > "$got" 2>&1 || true
	"$FORKLORE" --plain --mask --no-predict --speed 0 --seed 1 \
		--script "$script" > /dev/null 2>&1 || status=$?
	[ "$status" -eq "$expected_status" ]
	diff -u "$ROOT/tests/transcripts/$name.out" "$got"
}

@test "transcript: a walk through the fork lesson" {
	check_transcript fork-tour 0
}

@test "transcript: every mistake gets a one-line error" {
	check_transcript errors 1
}

@test "--mask keeps PIDs consistent and could fail" {
	# The parent's PID in its tag, in its words and in the child's words
	# is one mask; the child's another, even where the parent names it
	# before the child's first line. Numbers that are no PID stay: if
	# masking hid everything, the transcripts would prove nothing.
	run fl --mask -c 'demo fork-once; wait'
	[ "$status" -eq 0 ]
	[[ "$output" == *"demo fork-once started as pid P1;"* ]]
	[[ "$output" == *"[P1 parent] parent: my pid is P1; calling fork()"* ]]
	[[ "$output" == *"[P1 parent] parent: fork() returned P2, the child's pid"* ]]
	[[ "$output" == *"[P2 child] child: fork() returned 0; my pid is P2, my parent is P1"* ]]
	[[ "$output" == *"[P1 parent] parent: child P2 exited with status 0"* ]]
	[[ "$output" == *"after N.NN s;"* ]]
	# Without --mask the same lines carry real, different PIDs.
	run fl -c 'demo fork-once; wait'
	[ "$status" -eq 0 ]
	parent=$(printf '%s\n' "$output" | tag_pid)
	[ -n "$parent" ] && [ "$parent" -gt 0 ]
	[[ "$output" == *"started as pid $parent;"* ]]
	[[ "$output" != *"P1"* ]]
}

@test "--mask masks a PID named in words though it never wrote a line" {
	# At speed 0 the endless child is ended before its first tick: only
	# the run's record knows its PID.
	run fl --mask -c 'demo process-terminate after=0; wait'
	[ "$status" -eq 0 ]
	[[ "$output" == *"[P1 parent] parent: terminating P2 with SIGTERM"* ]]
	[[ "$output" == *"[P1 parent] parent: P2 was ended by signal 15"* ]]
	! printf '%s\n' "$output" | grep -E 'terminating [0-9]' || false
}

@test "--mask knows forklore's own PID, named before any tag" {
	# fork-twice's parent says who its parent is: forklore itself, which
	# never writes a tagged line. (The four hellos come in any order.)
	run fl --mask -c 'demo fork-twice linger=0; wait'
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" |
		grep -Eq '^\[P1 parent\] hello from pid P1, my parent is P[0-9]+$'
	! printf '%s\n' "$output" | grep -q 'my parent is [0-9]'
}

# Under valgrind: the same transcript, no memory error and no definite
# leak in any process (the guard, the interface, every demo process; a
# fork stays under valgrind). Not for a sanitizer build, which valgrind
# cannot run.
check_valgrind() {
	local name=$1 expected_status=$2
	command -v valgrind > /dev/null || skip "needs valgrind"
	[ -z "${FORKLORE_SANITIZED:-}" ] || skip "a sanitizer build"
	local got="$BATS_TEST_TMPDIR/$name.out" log="$BATS_TEST_TMPDIR/vg"
	local status=0
	(cd "$ROOT/tests/transcripts" &&
	 valgrind -q --log-file="$log.%p" --error-exitcode=99 \
		--leak-check=full --show-leak-kinds=definite \
		--errors-for-leak-kinds=definite \
		"$FORKLORE" --plain --mask --no-predict --speed 0 --seed 1 \
		--script "$name.script") > "$got" 2>&1 || status=$?
	cat "$log".* > "$log"
	cat "$log"
	[ "$status" -eq "$expected_status" ]
	[ ! -s "$log" ]
	diff -u "$ROOT/tests/transcripts/$name.out" "$got"
}

@test "valgrind: the fork walk, no memory error, no definite leak" {
	check_valgrind fork-tour 0
}

@test "valgrind: every mistake, no memory error, no definite leak" {
	check_valgrind errors 1
}
