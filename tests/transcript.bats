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
