#!/usr/bin/env bats
# transcript.bats - replay scripts in plain mode and compare the output,
# PIDs and times masked, with the expected transcript.

load helpers

# Run tests/transcripts/NAME.script and compare with NAME.out.
check_transcript() {
	local name=$1 expected_status=$2
	local script="$ROOT/tests/transcripts/$name.script"
	local got="$BATS_TEST_TMPDIR/$name.out"
	local status=0
	(cd "$ROOT/tests/transcripts" &&
	 "$FORKLORE" --plain --speed 0 --seed 1 --script "$name.script") \
		2>&1 | mask > "$got" || true
	"$FORKLORE" --plain --speed 0 --seed 1 --script "$script" \
		> /dev/null 2>&1 || status=$?
	[ "$status" -eq "$expected_status" ]
	diff -u "$ROOT/tests/transcripts/$name.out" "$got"
}

@test "transcript: a tour of the fork lesson" {
	check_transcript tour 0
}

@test "transcript: every mistake gets a one-line error" {
	check_transcript errors 1
}

@test "the masker keeps PIDs consistent and could fail" {
	# Two lines naming the same PID get the same mask; a different PID a
	# different one. If masking hid everything, the transcripts would
	# prove nothing.
	out=$(printf '[4242 parent] my pid is 4242\n[4343 child] my parent is 4242\n' | mask)
	[ "$out" = "$(printf '[P1 parent] my pid is P1\n[P2 child] my parent is P1')" ]
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
		"$FORKLORE" --plain --speed 0 --seed 1 --script "$name.script") \
		> "$got.raw" 2>&1 || status=$?
	mask < "$got.raw" > "$got"
	cat "$log".* > "$log"
	cat "$log"
	[ "$status" -eq "$expected_status" ]
	[ ! -s "$log" ]
	diff -u "$ROOT/tests/transcripts/$name.out" "$got"
}

@test "valgrind: the tour, no memory error, no definite leak" {
	check_valgrind tour 0
}

@test "valgrind: every mistake, no memory error, no definite leak" {
	check_valgrind errors 1
}
