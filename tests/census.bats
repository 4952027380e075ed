#!/usr/bin/env bats
# census.bats - the check that ends `make check` (nothing the suite started
# may outlive it) really finds a process left behind.

load helpers

@test "the census finds a process left running, and not once it is gone" {
	tag="census-selftest-$$-$RANDOM"
	FORKLORE_CENSUS=$tag sleep 30 &
	left=$!
	found=$("$ROOT/tests/census.sh" "$tag" $$)
	kill "$left"
	wait "$left" || true
	[ "$found" = "$left" ]
	[ -z "$("$ROOT/tests/census.sh" "$tag" $$)" ]
}

@test "the census finds what forklore started, even after a setsid() escape" {
	tag="census-selftest-$$-$RANDOM"
	FORKLORE_CENSUS=$tag setsid sleep 30 &
	sleep 0.2
	found=$("$ROOT/tests/census.sh" "$tag" $$)
	[ -n "$found" ]
	kill $found
	[ -z "$("$ROOT/tests/census.sh" "$tag" $$)" ] || {
		sleep 0.2
		[ -z "$("$ROOT/tests/census.sh" "$tag" $$)" ]
	}
}

@test "after a demo run, forklore has no child process left" {
	# A demo's root and its children all end before forklore reports the
	# end; forklore's own children are checked right after that line.
	start_plain --speed 1 -c 'open fork; goto 4; run linger=1; wait; demo fork-once linger=30'
	wait_until 10 grep -q 'demo fork-twice started' "$out"
	wait_until 10 grep -q 'demo ended' "$out"
	# Between the two demos: at most the new demo's root may be a child.
	wait_until 10 grep -q 'demo fork-once started' "$out"
	root=$(sed -n 's/.*demo fork-once started as pid \([0-9]*\);.*/\1/p' "$out")
	kids=$(pgrep -P "$iface" | tr '\n' ' ')
	[ "$kids" = "$root " ]
	kill -INT "$ui"
	wait "$ui" || true
	[ -z "$(pgrep -P "$iface")" ]
	[ ! -e "/proc/$iface" ]
}
