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

# ---- kwargs, a subclass with run(), is_alive(); terminate without join ----


@test "subclass: the target gets args and kwargs, the subclass runs its own run(), is_alive() is no, yes, no" {
	run fl --speed 0.2 -c 'open processes; goto 7; run count=2'
	echo "$output"
	[ "$status" -eq 0 ]
	parent=$(started_pid "$output")
	greeter=$(printf '%s\n' "$output" | grep 'greeter: hello 1 of 2' | tag_pid)
	counter=$(printf '%s\n' "$output" | grep 'counter: run() counts 1 of 2' | tag_pid)
	[ -n "$greeter" ]
	[ -n "$counter" ]
	[ "$greeter" != "$counter" ]
	# Each child runs under its own name; kwargs reached the target.
	[ "$(printf '%s\n' "$output" | grep -c "^\[$greeter greeter\] greeter: hello [12] of 2, pausing 0.5 s$")" -eq 2 ]
	[ "$(printf '%s\n' "$output" | grep -c "^\[$counter counter\] counter: run() counts [12] of 2$")" -eq 2 ]
	printf '%s\n' "$output" | grep -q "^\[$parent parent\] parent: before start(), greeter alive? no$"
	# At speed 0.2 both children live at least 0.2 s: alive right after start.
	printf '%s\n' "$output" | grep -q "parent: started greeter $greeter and counter $counter; alive? yes and yes$"
	printf '%s\n' "$output" | grep -q "parent: joined both; alive? no and no; exit codes 0 and 0$"
	[[ "$output" == *"nothing of it is left running"* ]]
}

@test "terminate join=on keeps its lines; join=off adds the zombie's lines and ends the same" {
	run fl -c 'demo process-terminate after=0'
	[ "$(printf '%s\n' "$output" | grep -c '^\[[0-9]* parent\] ')" -eq 4 ]
	! printf '%s\n' "$output" | grep -q 'not joined' || false
	run fl -c 'demo process-terminate after=0 join=off linger=0'
	echo "$output"
	child=$(printf '%s\n' "$output" | sed -n 's/.*terminating \([0-9]*\) with SIGTERM$/\1/p')
	[ -n "$child" ]
	printf '%s\n' "$output" | grep -q "parent: not joined; /proc/$child/stat says state Z$"
	printf '%s\n' "$output" | grep -q "parent: kill($child, 0) still finds it: yes$"
	printf '%s\n' "$output" | grep -q "parent: $child was ended by signal 15 (Terminated); exitcode -15 in Python$"
	[[ "$(printf '%s\n' "$output" | grep 'parent: alive?' | tail -n 1)" == *"alive? no" ]]
	[[ "$output" == *"nothing of it is left running"* ]]
	[ ! -e "/proc/$child" ]
}

@test "terminate without join: /proc shows the terminated child in state Z under its living parent, then it is reaped" {
	start_plain --speed 1 -c 'open processes; goto 8; run after=1 linger=3'
	wait_until 10 grep -q "still finds it" "$out"
	parent=$(grep 'parent: terminating' "$out" | tag_pid)
	child=$(sed -n 's/.*terminating \([0-9]*\) with SIGTERM$/\1/p' "$out")
	[ -n "$parent" ]
	[ -n "$child" ]
	grep -q "parent: not joined; /proc/$child/stat says state Z$" "$out"
	# The kernel agrees: a zombie, still the child of a parent that lives
	# (asleep in its three seconds), under the name it had.
	[ "$(stat_field "$child" 1)" = Z ]
	[ "$(stat_field "$child" 2)" = "$parent" ]
	parent_asleep() { [ "$(stat_field "$parent" 1)" = S ]; }
	wait_until 2 parent_asleep
	[ "$(stat_field "$child" 1)" = Z ]
	[ "$(cat "/proc/$child/comm")" = forever ]
	! grep -q 'was ended by signal' "$out" || false
	wait_until 10 grep -q 'was ended by signal 15' "$out"
	wait_until 2 test ! -e "/proc/$child"
	wait "$ui"
	grep -q 'demo ended, exit status 0' "$out"
}

@test "stopped while its child is a zombie, or while the children run, nothing is left" {
	out="$BATS_TEST_TMPDIR/out"
	"$FORKLORE" --plain --speed 1 -c 'open processes; goto 8; run after=0 linger=10; wait "still finds it"; stop' > "$out" 2>&1
	parent=$(grep 'parent: terminating' "$out" | tag_pid)
	child=$(sed -n 's/.*terminating \([0-9]*\) with SIGTERM$/\1/p' "$out")
	[ -n "$parent" ]
	[ -n "$child" ]
	grep -q 'demo stopped after .*; nothing of it is left running' "$out"
	[ ! -e "/proc/$parent" ]
	[ ! -e "/proc/$child" ]
	"$FORKLORE" --plain --speed 1 -c 'open processes; goto 7; run count=10; wait "counts 2"; stop' > "$out" 2>&1
	grep -q 'demo stopped after .*; nothing of it is left running' "$out"
	for pid in $(sed -n 's/^\[\([0-9]*\) .*/\1/p' "$out" | sort -u); do
		[ ! -e "/proc/$pid" ]
	done
}

@test "python: kwargs, a Process subclass with run(), and is_alive() before and after, as the C shows them" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run python_step processes 7 count=2
	echo "$output"
	root=$(started_pid "$output")
	[ -n "$root" ]
	greeter=$(printf '%s\n' "$output" | grep 'greeter: hello 1 of 2' | tag_pid)
	counter=$(printf '%s\n' "$output" | grep 'counter: run() counts 1 of 2' | tag_pid)
	printf '%s\n' "$output" | grep -q "^\[$greeter greeter\] greeter: hello 2 of 2, pausing 0.5 s$"
	printf '%s\n' "$output" | grep -q "^\[$counter counter\] counter: run() counts 2 of 2$"
	printf '%s\n' "$output" | grep -q "^\[$root MainProcess\] parent: before start(), greeter alive? no$"
	printf '%s\n' "$output" | grep -q "parent: started greeter $greeter and counter $counter; alive? "
	printf '%s\n' "$output" | grep -q "parent: joined both; alive? no and no; exit codes 0 and 0$"
	rows=$(ps_rows "$output")
	grep -Eq "^ +$greeter +$root .* exit 0 +MainProcess > greeter$" <<< "$rows"
	grep -Eq "^ +$counter +$root .* exit 0 +MainProcess > counter$" <<< "$rows"
}

@test "python: terminate() without join() leaves a zombie in /proc; join() reaps it, and the record says SIGTERM" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run python_step processes 8 after=0 linger=0
	echo "$output"
	root=$(started_pid "$output")
	child=$(printf '%s\n' "$output" | sed -n 's/.*terminating \([0-9]*\) with SIGTERM$/\1/p')
	[ -n "$root" ]
	[ -n "$child" ]
	printf '%s\n' "$output" | grep -q "^\[$root MainProcess\] parent: not joined; /proc/$child/stat says state Z$"
	printf '%s\n' "$output" | grep -q "parent: kill($child, 0) still finds it: yes$"
	printf '%s\n' "$output" | grep -q "parent: $child was ended by signal 15 (Terminated); exitcode -15 in Python$"
	[[ "$(printf '%s\n' "$output" | grep 'parent: alive?' | tail -n 1)" == *"alive? no" ]]
	grep -Eq "^ +$child +$root .* signal 15 " <<< "$(ps_rows "$output")"
	[[ "$output" == *"nothing of it is left running"* ]]
}
