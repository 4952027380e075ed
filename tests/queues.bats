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

# ---- Pipe() as a socket pair; Queue's feeder thread ----------------------


# Every ping the parent sent, the child got, and every pong back: in
# order, each side on its own end. $1: the output, $2: rounds.
both_ways() {
	local i parent child
	parent=$(printf '%s\n' "$1" | grep "parent: send 'ping 1'" | tag_pid)
	child=$(printf '%s\n' "$1" | grep "child: got 'ping 1'" | tag_pid)
	[ -n "$parent" ] || return 1
	[ -n "$child" ] || return 1
	[ "$parent" != "$child" ] || return 1
	local want="" got
	for i in $(seq 1 "$2"); do
		want="$want|$parent send ping $i|$child got ping $i|$child send pong $i|$parent got pong $i"
	done
	got=$(printf '%s\n' "$1" | sed -n "s/^\[\([0-9]*\) [^]]*\] [a-z]*: \(send\|got\) '\([a-z]* [0-9]*\)'$/\1 \2 \3/p" |
		tr '\n' '|')
	[ "|$got" = "$want|" ]
}

@test "socket pair: ping from the parent, pong back from the child, in order, every round" {
	run fl -c 'open queues; goto 5; run rounds=3'
	echo "$output"
	[ "$status" -eq 0 ]
	both_ways "$output" 3
	printf '%s\n' "$output" | grep -q "parent: both ends sent and received; the child has ended$"
	[[ "$output" == *"nothing of it is left running"* ]]
}

@test "socket pair: each process holds its own end, a socket in /proc, and the two are peers" {
	start_plain --speed 1 -c 'open queues; goto 5; run rounds=3'
	wait_until 10 grep -q "child: my end is fd" "$out"
	wait_until 10 grep -q "parent: my end is fd" "$out"
	declare -A inode
	for who in parent child; do
		line=$(grep "$who: my end is fd" "$out")
		pid=$(echo "$line" | tag_pid)
		fd=$(echo "$line" | sed -n 's/.*my end is fd \([0-9]*\) (socket:\[[0-9]*\])$/\1/p')
		ino=$(echo "$line" | sed -n 's/.*(socket:\[\([0-9]*\)\])$/\1/p')
		[ -n "$fd" ]
		[ -n "$ino" ]
		# What the demo said is what the kernel says.
		[ "$(readlink "/proc/$pid/fd/$fd")" = "socket:[$ino]" ]
		inode[$who]=$ino
	done
	[ "${inode[parent]}" != "${inode[child]}" ]
	# A connected Unix stream pair: each end's peer is the other end.
	if command -v ss > /dev/null; then
		ss -xa | awk -v a="${inode[parent]}" -v b="${inode[child]}" \
			'$1 == "u_str" && $6 == a && $8 == b { found = 1 } END { exit !found }'
	fi
	wait "$ui"
	both_ways "$(cat "$out")" 3
	grep -q 'demo ended, exit status 0' "$out"
}

@test "feeder: put() returns at once; with more than the pipe holds, the writer outlives join(timeout)" {
	run fl -c 'open queues; goto 6; run'
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c '^\[[0-9]* writer\] writer: put item [1-4] (32 KiB); put() returned at once$')" -eq 4 ]
	writer=$(printf '%s\n' "$output" | grep 'writer: put item 1' | tag_pid)
	[ "$(printf '%s\n' "$output" | grep -c "^\[$writer:[0-9]* feeder\] feeder: wrote item [1-4] into the pipe$")" -eq 4 ]
	# 128 KiB cannot all be in a pipe of 64 KiB: at any speed, the writer
	# is still there when the parent has read nothing yet.
	held=$(printf '%s\n' "$output" | sed -n 's/.*after join(timeout=1) the writer is still alive; the pipe holds \([0-9]*\) of its \([0-9]*\) bytes$/\1 \2/p')
	[ -n "$held" ]
	set -- $held
	[ "$1" -le "$2" ]
	[ "$(printf '%s\n' "$output" | grep -c 'parent: got item [1-4] (32768 bytes)$')" -eq 4 ]
	printf '%s\n' "$output" | grep -q 'parent: joined the writer$'
	# Items that fit in the pipe: the writer ends without anyone reading.
	run fl --speed 0.3 -c 'open queues; goto 6; run kb=4'
	echo "$output"
	printf '%s\n' "$output" | grep -q 'parent: after join(timeout=1) the writer has ended$'
	[ "$(printf '%s\n' "$output" | grep -c 'parent: got item [1-4] (4096 bytes)$')" -eq 4 ]
}

@test "feeder: /proc shows the writer alive, its feeder thread asleep, until the parent reads" {
	start_plain --speed 1 -c 'open queues; goto 6; run items=4 kb=64'
	wait_until 10 grep -q 'feeder: wrote item 1' "$out"
	line=$(grep 'feeder: wrote item 1' "$out")
	writer=$(echo "$line" | sed 's/^\[\([0-9]*\):.*/\1/')
	feeder=$(echo "$line" | sed 's/^\[[0-9]*:\([0-9]*\) .*/\1/')
	# The writer's main thread is done putting; the feeder is blocked in
	# write() on the full pipe: both asleep, the process alive.
	[ "$(cat "/proc/$writer/comm")" = writer ]
	[ "$(cat "/proc/$writer/task/$feeder/comm")" = feeder ]
	grep -q 'writer: done putting' "$out"
	asleep() { [ "$(sed 's/.*) //' "/proc/$writer/task/$1/stat" | cut -d' ' -f1)" = S ]; }
	wait_until 2 asleep "$feeder"
	wait_until 2 asleep "$writer"
	# Where the feeder sleeps: in the kernel's pipe write (wchan is 0
	# where the kernel hides it).
	wchan=$(cat "/proc/$writer/task/$feeder/wchan")
	[ "$wchan" = 0 ] || [[ "$wchan" == *pipe_write* ]]
	! grep -q 'parent: got item' "$out" || false
	! grep -q 'feeder: wrote item 2' "$out" || false
	wait "$ui"
	grep -q 'the writer is still alive; the pipe holds' "$out"
	grep -q 'feeder: wrote item 4' "$out"
	[ ! -e "/proc/$writer" ]
	grep -q 'demo ended, exit status 0' "$out"
}

@test "stopped mid-demo, the socket pair and the feeder leave nothing running" {
	for demo in 'queue-socketpair rounds=10; wait "got '"'"'pong 1'"'"'"' \
		'queue-feeder kb=64; wait "done putting"'; do
		out="$BATS_TEST_TMPDIR/out"
		"$FORKLORE" --plain --speed 1 -c "demo $demo; stop" > "$out" 2>&1
		cat "$out"
		grep -q 'demo stopped after .*; nothing of it is left running' "$out"
		for pid in $(sed -n 's/^\[\([0-9]*\)[ :].*/\1/p' "$out" | sort -u); do
			[ ! -e "/proc/$pid" ]
		done
	done
}

@test "python: Pipe() talks both ways on one socket per process" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run python_step queues 5 rounds=2
	echo "$output"
	[[ "$output" == *"nothing of it is left running"* ]]
	both_ways "$output" 2
	[ "$(printf '%s\n' "$output" | grep -c 'my end is fd [0-9]* (socket:\[[0-9]*\])$')" -eq 2 ]
	printf '%s\n' "$output" | grep -q "parent: both ends sent and received; the child has ended$"
}

@test "python: put() hands over to QueueFeederThread, a thread of the process that put, in the record" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run python_step queues 6 items=2 kb=4
	echo "$output"
	[[ "$output" == *"nothing of it is left running"* ]]
	root=$(started_pid "$output")
	writer=$(printf '%s\n' "$output" | grep 'writer: put item 1 (4 KiB); put() returned at once' | tag_pid)
	[ -n "$root" ]
	[ -n "$writer" ]
	[ "$writer" != "$root" ]
	printf '%s\n' "$output" | grep -q 'parent: after join(timeout=1) the writer has ended$'
	[ "$(printf '%s\n' "$output" | grep -c 'parent: got item [12] (4096 bytes)$')" -eq 2 ]
	rows=$(ps_rows "$output")
	echo "$rows"
	grep -Eq "^ +$writer +$root .* exit 0 +MainProcess > writer$" <<< "$rows"
	# The feeder: a thread of the writer, named by Python, cut to 15 bytes.
	grep -Eq "^ +[0-9]+ +$writer .* exit 0 +thread writer > QueueFeederThre$" <<< "$rows"
	# The parent only got: it has no feeder of its own.
	[ "$(grep -c 'QueueFeederThre' <<< "$rows")" -eq 1 ]
	# 4 items of 32 KiB do not fit: the writer outlives join(timeout=1).
	run python_step queues 6
	printf '%s\n' "$output" | grep -q 'parent: after join(timeout=1) the writer is still alive$'
	[ "$(printf '%s\n' "$output" | grep -c 'parent: got item [1-4] (32768 bytes)$')" -eq 4 ]
}
