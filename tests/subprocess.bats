#!/usr/bin/env bats
# subprocess.bats - exit codes are reported right, text fed on stdin comes
# back transformed, and the child's name changes at exec.

load helpers

@test "exit codes 0 and non-zero are reported as the programs give them" {
	run fl -c 'open subprocess; run'
	[ "$status" -eq 0 ]
	[[ "$output" == *"parent: ls -d /tmp /usr exited with 0"* ]]
	[[ "$output" == *"parent: ls /no-such-dir exited with 2"* ]]
	[[ "$output" == *"parent: false exited with 1"* ]]
	# The codes are the programs' own: the same as the shell sees.
	ls /no-such-dir 2>/dev/null || [ $? -eq 2 ]
	# ls's own lines come through, untagged.
	[[ "$output" == *$'\n  /tmp\n  /usr\n'* ]]
}

@test "text fed on stdin comes back transformed on stdout" {
	run fl -c 'open subprocess; goto 3; run'
	[ "$status" -eq 0 ]
	[[ "$output" == *"parent: sending: hello from the parent"* ]]
	[[ "$output" == *"parent: got back: HELLO FROM THE PARENT"* ]]
	[[ "$output" == *"parent: tr exited with 0"* ]]
}

@test "the child's name changes at exec, and its PID does not" {
	start_plain --speed 1 -c 'open subprocess; goto 3; run linger=2'
	wait_until 10 grep -q 'child: pid' "$out"
	child=$(sed -n 's/.*child: pid \([0-9]*\), about to exec tr/\1/p' "$out")
	[ "$(cat "/proc/$child/comm")" = child ]
	comm_is() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]; }
	wait_until 5 comm_is "$child" tr
	[ "$(readlink "/proc/$child/exe")" = "$(command -v tr | xargs readlink -f)" ]
	wait "$ui"
	grep -q 'got back: HELLO FROM THE PARENT' "$out"
}

@test "step 2 asks what step 1 did not show: a program that cannot be run gives 127, judged both ways" {
	printf 'open subprocess\ngoto 2\nrun\n127\n' > "$BATS_TEST_TMPDIR/right"
	run "$FORKLORE" --plain --speed 0 --script "$BATS_TEST_TMPDIR/right"
	[ "$status" -eq 0 ]
	[[ "$output" == *"child: cannot run no-such-program: No such file or directory"* ]]
	[[ "$output" == *"You predicted '127'; the demo showed '127': right."* ]]
	printf 'open subprocess\ngoto 2\nrun\n2\n' > "$BATS_TEST_TMPDIR/wrong"
	run "$FORKLORE" --plain --speed 0 --script "$BATS_TEST_TMPDIR/wrong"
	[ "$status" -eq 0 ]
	[[ "$output" == *"You predicted '2'; the demo showed '127': not this time."* ]]
	# Step 1 never showed it.
	run fl -c 'open subprocess; run'
	[[ "$output" != *"no-such-program"* ]]
}
