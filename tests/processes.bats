#!/usr/bin/env bats
# processes.bats - the processes lesson's demos show what the lesson says,
# checked against their output and against /proc while they run.

load helpers

line_no() { grep -n -- "$1" | head -n 1 | cut -d: -f1; }

@test "join on: the parent goes on only after the worker's last step" {
	run fl -c 'open processes; run'
	[ "$status" -eq 0 ]
	last_step=$(printf '%s\n' "$output" | line_no 'worker: step 3 of 3')
	go_on=$(printf '%s\n' "$output" | line_no 'parent: the worker has finished')
	[ -n "$last_step" ] && [ -n "$go_on" ]
	[ "$last_step" -lt "$go_on" ]
}

@test "join off: the parent's own work comes before the worker's steps" {
	run "$FORKLORE" --plain --speed 0.2 -c 'open processes; next; run'
	[ "$status" -eq 0 ]
	done_line=$(printf '%s\n' "$output" | line_no 'parent: done with my own work')
	last_step=$(printf '%s\n' "$output" | line_no 'worker: step 3 of 3')
	[ "$done_line" -lt "$last_step" ]
	[[ "$output" == *"demo ended, exit status 0"* ]]
}

@test "zombie: an exited, unwaited child is in state Z, and gone after the wait" {
	start_plain --speed 1 -c 'open processes; goto 3; run linger=3'
	wait_until 10 grep -q 'stat says state Z until I wait for it' "$out"
	parent=$(grep 'parent: not waiting' "$out" | tag_pid)
	child=$(grep 'child: my work is done' "$out" | tag_pid)
	[ -n "$child" ]
	# What the parent read is the child's own /proc entry.
	grep -q "the child has exited; /proc/$child/stat says state Z" "$out"
	# The kernel agrees: a zombie, still the parent's child, same name.
	[ "$(stat_field "$child" 1)" = Z ]
	[ "$(stat_field "$child" 2)" = "$parent" ]
	[ "$(cat "/proc/$child/comm")" = child ]
	wait_until 10 grep -q 'the zombie is gone' "$out"
	[ ! -e "/proc/$child" ]
	grep -q "reaped $child (exit code 7)" "$out"
	wait "$ui"
}

@test "terminate: SIGTERM ends the endless child, and the wait reports it" {
	run fl -c 'open processes; goto 4; run after=0'
	[ "$status" -eq 0 ]
	child=$(printf '%s\n' "$output" | sed -n 's/.*terminating \([0-9]*\) with SIGTERM/\1/p')
	[ -n "$child" ]
	[[ "$output" == *"parent: $child was ended by signal 15 (Terminated); exitcode -15 in Python"* ]]
	[ "$(printf '%s\n' "$output" | grep -c 'parent: alive?')" -eq 2 ]
	[[ "$(printf '%s\n' "$output" | grep 'parent: alive?' | tail -n 1)" == *"alive? no" ]]
	[ ! -e "/proc/$child" ]
}

@test "daemon: the daemon child is gone once its parent has finished" {
	start_plain --speed 1 -c 'open processes; goto 5; run work=2'
	wait_until 10 grep -q 'daemon: still here' "$out"
	daemon=$(grep 'daemon: still here' "$out" | tag_pid)
	parent=$(grep 'parent: started daemon' "$out" | tag_pid)
	[ "$(stat_field "$daemon" 2)" = "$parent" ]
	wait_until 10 grep -q 'parent: leaving now' "$out"
	# Within a moment of the parent's end, the daemon is gone as well.
	wait_until 2 test ! -e "/proc/$parent"
	wait_until 1 test ! -e "/proc/$daemon"
	wait "$ui"
	grep -q 'demo ended, exit status 0' "$out"
}

@test "many: every worker runs as a child of the parent, and all are joined" {
	run fl -c 'open processes; goto 6; run workers=6'
	[ "$status" -eq 0 ]
	[[ "$output" == *"parent: this machine has $(nproc) CPUs"* ]]
	parent=$(printf '%s\n' "$output" | grep 'parent: this machine' | tag_pid)
	active=$(printf '%s\n' "$output" | sed -n 's/.*parent: active children: //p' | tr -d ',' | tr ' ' '\n' | sort)
	workers=$(printf '%s\n' "$output" | sed -n 's/^\[\([0-9]*\) worker-[0-9]*\] worker-[0-9]*: running as pid \1$/\1/p' | sort)
	[ "$(echo "$workers" | wc -l)" -eq 6 ]
	[ "$active" = "$workers" ]
	[[ "$output" == *"parent: all 6 joined; active children: none"* ]]
}

@test "the daemon child is ended by the kernel when its parent dies, every time, and the end line says so" {
	# Its death signal is on its way when the parent is reaped: the runner
	# looks again before calling it left behind (about 1 run in 10 did
	# before, so 40 runs catch that with a chance of about 98%).
	for i in $(seq 40); do
		run fl --speed 0.05 -c 'open processes; goto 5; run'
		[[ "$output" == *"demo ended, exit status 0 after "*"s; nothing of it is left running"* ]]
		[[ "$output" != *"left behind"* ]]
	done
	# What really is left behind is still found and ended.
	run fl --speed 1 -c 'demo escape linger=1'
	[[ "$output" == *"1 process it left behind was ended"* ]]
}
