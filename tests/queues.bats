#!/usr/bin/env bats
# queues.bats - everything put is got, in order, by the other process; the
# endless reader is terminated and reaped.

load helpers

@test "every item put is got, in order, by the reader process" {
	for speed in 0 0.2; do
		run fl --speed "$speed" -c 'open queues; goto 3; run items=10'
		[ "$status" -eq 0 ]
		put=$(printf '%s\n' "$output" | sed -n 's/^\[[0-9]* writer\] writer: put //p' | tr -d '\n')
		got=$(printf '%s\n' "$output" | sed -n 's/^\[[0-9]* reader\] reader: got //p' | tr -d '\n')
		[ "$put" = ABCDEFGHIJ ]
		[ "$got" = "$put" ]
		# Writer and reader are two different processes.
		w=$(printf '%s\n' "$output" | sed -n 's/^\[\([0-9]*\) writer\].*/\1/p' | sort -u)
		r=$(printf '%s\n' "$output" | sed -n 's/^\[\([0-9]*\) reader\].*/\1/p' | sort -u)
		[ -n "$w" ] && [ -n "$r" ] && [ "$w" != "$r" ]
	done
}

@test "the endless reader is terminated and reaped" {
	start_plain --speed 0.3 -c 'open queues; goto 2; run'
	wait_until 10 grep -q 'reader: got A' "$out"
	reader=$(sed -n 's/^\[\([0-9]*\) reader\].*/\1/p' "$out" | head -n 1)
	[ "$(cat "/proc/$reader/comm")" = reader ]
	wait "$ui"
	grep -q "parent: reader $reader ended by signal 15" "$out"
	[ ! -e "/proc/$reader" ]
	grep -q 'demo ended, exit status 0' "$out"
}
