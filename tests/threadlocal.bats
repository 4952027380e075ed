#!/usr/bin/env bats
# threadlocal.bats - each thread greets its own student, by its own name.

load helpers

@test "each thread greets its own student, under its own thread name" {
	for seed in 1 2 3 4 5; do
		run fl --speed 0.2 --seed "$seed" -c 'open threadlocal; next; run'
		[ "$status" -eq 0 ]
		greetings=$(printf '%s\n' "$output" | grep 'Hello, ')
		[ "$(echo "$greetings" | wc -l)" -eq 6 ]
		while IFS= read -r line; do
			# "[PID:TID Thread-A] Hello, Alice (in Thread-A)"
			[[ "$line" =~ ^\[([0-9]+):([0-9]+)\ (Thread-[AB])\]\ Hello,\ (Alice|Bob)\ \(in\ (Thread-[AB])\)$ ]]
			tag=${BASH_REMATCH[3]} student=${BASH_REMATCH[4]} said=${BASH_REMATCH[5]}
			[ "$tag" = "$said" ]
			if [ "$tag" = Thread-A ]; then [ "$student" = Alice ]; else [ "$student" = Bob ]; fi
			[ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[2]}" ]
		done <<< "$greetings"
		[ "$(echo "$greetings" | grep -c 'Thread-A\] Hello, Alice')" -eq 3 ]
		[ "$(echo "$greetings" | grep -c 'Thread-B\] Hello, Bob')" -eq 3 ]
		[[ "$output" == *"MainThread: my own student is not set"* ]]
	done
}

@test "the two threads are two TIDs of one process" {
	run fl -c 'demo threadlocal'
	a=$(printf '%s\n' "$output" | sed -n 's/^\[\([0-9]*:[0-9]*\) Thread-A\].*/\1/p' | sort -u)
	b=$(printf '%s\n' "$output" | sed -n 's/^\[\([0-9]*:[0-9]*\) Thread-B\].*/\1/p' | sort -u)
	[ "$(echo "$a" | wc -l)" -eq 1 ] && [ "$(echo "$b" | wc -l)" -eq 1 ]
	[ "${a%%:*}" = "${b%%:*}" ]
	[ "${a##*:}" != "${b##*:}" ]
}
