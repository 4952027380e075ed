#!/usr/bin/env bats
# threads.bats - the threads lesson's demos show what the lesson says,
# checked against their output and against /proc while they run.

load helpers

@test "one PID, distinct TIDs, and the thread names are in /proc" {
	start_plain --speed 1 -c 'open threads; next; run seconds=3'
	wait_until 10 grep -q 'Thread-5: pid' "$out"
	root=$(sed -n 's/.*demo thread-join started as pid \([0-9]*\);.*/\1/p' "$out")
	[ "$(cat "/proc/$root/comm")" = MainThread ]
	tids=""
	for k in 1 2 3 4 5; do
		line=$(grep "Thread-$k: pid" "$out")
		pid=$(echo "$line" | sed -n 's/.*: pid \([0-9]*\), tid.*/\1/p')
		tid=$(echo "$line" | sed -n 's/.*, tid \([0-9]*\);.*/\1/p')
		[ "$pid" = "$root" ]
		[ "$tid" != "$root" ]
		# The tag on the line agrees, and so does the kernel.
		[[ "$line" == "[$root:$tid Thread-$k] "* ]]
		[ "$(cat "/proc/$root/task/$tid/comm")" = "Thread-$k" ]
		tids="$tids $tid"
	done
	[ "$(echo $tids | tr ' ' '\n' | sort -u | wc -l)" -eq 5 ]
	# No other process was made: the threads are all inside one.
	[ -z "$(pgrep -P "$root")" ]
	wait "$ui"
}

# Seconds the demo reports for its joins.
join_time() {
	fl --speed "$1" -c "demo thread-join threads=5 seconds=1 together=$2" |
		sed -n 's/.*joined after \([0-9.]*\) s.*/\1/p'
}

@test "joining in the loop takes about N times longer than joining after starting all" {
	together=$(join_time 0.2 on)
	each=$(join_time 0.2 off)
	[ -n "$together" ] && [ -n "$each" ]
	# 5 threads: about 0.2 s against about 1.0 s.
	awk -v a="$together" -v b="$each" 'BEGIN { r = b / a; exit !(r > 3 && r < 7) }'
	awk -v a="$together" 'BEGIN { exit !(a >= 0.19 && a < 0.6) }'
}

@test "LoopThread counts to five under its own name and TID, and is joined" {
	run fl -c 'open threads; run'
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c 'LoopThread: count')" -eq 5 ]
	first=$(printf '%s\n' "$output" | grep 'LoopThread: count 1')
	[[ "$first" =~ ^\[([0-9]+):([0-9]+)\ LoopThread\] ]]
	[ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[2]}" ]
	ended=$(printf '%s\n' "$output" | grep -n 'LoopThread has ended' | cut -d: -f1)
	count5=$(printf '%s\n' "$output" | grep -n 'LoopThread: count 5' | cut -d: -f1)
	[ "$count5" -lt "$ended" ]
}

@test "a daemon thread ends with its process" {
	start_plain --speed 1 -c 'open threads; goto 4; run work=2'
	wait_until 10 grep -q 'daemon: tick 1' "$out"
	line=$(grep 'daemon: tick 1' "$out")
	pid=$(echo "$line" | sed 's/^\[\([0-9]*\):.*/\1/')
	tid=$(echo "$line" | sed 's/^\[[0-9]*:\([0-9]*\) .*/\1/')
	[ "$(cat "/proc/$pid/task/$tid/comm")" = daemon ]
	wait "$ui"
	[ ! -e "/proc/$pid/task/$tid" ]
	grep -q 'demo ended, exit status 0' "$out"
}

@test "a thread asked to stop by a flag finishes by itself" {
	run fl -c 'open threads; goto 5; run'
	[ "$status" -eq 0 ]
	flag=$(printf '%s\n' "$output" | grep -n 'setting the stop flag' | cut -d: -f1)
	asked=$(printf '%s\n' "$output" | grep -n 'worker: asked to stop' | cut -d: -f1)
	done_line=$(printf '%s\n' "$output" | grep -n 'the worker stopped by itself' | cut -d: -f1)
	[ "$flag" -lt "$asked" ] && [ "$asked" -lt "$done_line" ]
}

# The names of the demo's threads but its main one, sorted, one a line.
thread_names() {
	local t
	for t in /proc/"$1"/task/*; do
		[ "${t##*/}" = "$1" ] || cat "$t/comm"
	done 2>/dev/null | sort
}
five_named() { [ "$(thread_names "$root" | tr '\n' ' ')" = "Thread-1 Thread-2 Thread-3 Thread-4 Thread-5 " ]; }

@test "the counter's threads are named, never shown under their creator's name" {
	[ "${FORKLORE_SANITIZED:-}" != thread ] ||
		skip "ThreadSanitizer adds a thread of its own to every process"
	out="$BATS_TEST_TMPDIR/out"
	"$FORKLORE" --plain -c 'demo lock-counter slow=on increments=1000000; wait' > "$out" 2>&1 &
	ui=$!
	wait_until 5 grep -q 'demo lock-counter started as pid' "$out"
	root=$(sed -n 's/.*demo lock-counter started as pid \([0-9]*\);.*/\1/p' "$out")
	wait_until 5 five_named
	! thread_names "$root" | grep -q MainThread || false
	wait "$ui"
	grep -q 'counter = 5000000, expected 5 x 1000000 = 5000000' "$out"
}

# ---- beneath threading: _thread ------------------------------------------

@test "_thread step: the C is LoopThread's, counting and joined" {
	run fl -c 'open threads; goto 6; run count=3'
	[ "$status" -eq 0 ]
	[[ "$output" == *"demo thread-loop started as pid"* ]]
	[ "$(printf '%s\n' "$output" | grep -c '^\[[0-9]*:[0-9]* LoopThread\] LoopThread: count [1-3]$')" -eq 3 ]
	printf '%s\n' "$output" | grep -q 'MainThread: LoopThread has ended$'
}

@test "python: a _thread thread has its own TID, no name of its own, and the lock stands in for join" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run bash -c "printf 'open threads\ngoto 6\nrun python count=3\nwait\nps\n' |
		timeout 60 '$FORKLORE' --plain --speed 0 --seed 1 --no-predict"
	echo "$output"
	[[ "$output" == *"nothing of it is left running"* ]]
	root=$(printf '%s\n' "$output" | sed -n 's/.*demo python started as pid \([0-9]*\);.*/\1/p')
	[ -n "$root" ]
	# Every count from one thread, not the main one, which goes by its
	# creator's name: nobody named it.
	tids=$(printf '%s\n' "$output" | sed -n "s/^\[$root:\([0-9]*\) MainProcess\] LoopThread: count [1-3]$/\1/p" | sort -u)
	[ "$(printf '%s\n' "$output" | grep -c 'LoopThread: count')" -eq 3 ]
	[ "$(echo "$tids" | wc -l)" -eq 1 ]
	[ -n "$tids" ]
	[ "$tids" != "$root" ]
	# The main thread printed its last line after the third count: the
	# lock made it wait.
	last=$(printf '%s\n' "$output" | grep -n 'LoopThread: count 3' | cut -d: -f1)
	ended=$(printf '%s\n' "$output" | grep -n "^\[$root MainProcess\] MainThread: LoopThread has ended$" | cut -d: -f1)
	[ -n "$ended" ]
	[ "$last" -lt "$ended" ]
	# The record: a thread of the root, never renamed.
	printf '%s\n' "$output" | grep -Eq "^ +$tids +$root .* exit 0 +thread MainProcess$"
}

@test "stopped while a thread counts, nothing of the process is left" {
	out="$BATS_TEST_TMPDIR/out"
	"$FORKLORE" --plain --speed 1 -c 'open threads; goto 6; run count=20; wait "count 2"; stop' > "$out" 2>&1
	pid=$(sed -n 's/.*demo thread-loop started as pid \([0-9]*\);.*/\1/p' "$out")
	[ -n "$pid" ]
	grep -q 'demo stopped after .*; nothing of it is left running' "$out"
	[ ! -e "/proc/$pid" ]
}

@test "python: in /proc the _thread thread is a second task of the process, under its creator's name" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	start_plain --speed 1 --no-predict -c 'open threads; goto 6; run python count=3'
	wait_until 20 grep -q 'LoopThread: count 1' "$out"
	line=$(grep 'LoopThread: count 1' "$out")
	pid=$(echo "$line" | sed 's/^\[\([0-9]*\):.*/\1/')
	tid=$(echo "$line" | sed 's/^\[[0-9]*:\([0-9]*\) .*/\1/')
	[ "$tid" != "$pid" ]
	[ "$(ls "/proc/$pid/task" | sort -n | tr '\n' ' ')" = "$pid $tid " ]
	[ "$(cat "/proc/$pid/task/$tid/comm")" = MainProcess ]
	[ "$(cat "/proc/$pid/task/$pid/comm")" = MainProcess ]
	wait "$ui"
	grep -q 'MainThread: LoopThread has ended' "$out"
	[ ! -e "/proc/$pid" ]
}
