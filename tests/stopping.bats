#!/usr/bin/env bats
# stopping.bats - the lesson on stopping a thread and on signals in a
# process with threads: a flag stops a thread where it chooses; a
# cancelled lock holder leaves its waiter asleep in futex() for good (as
# /proc says while it runs, and the record after); a cleanup handler
# gives the lock back but not the data; a cancel waits for a cancellation
# point; a signal to the process is taken by the one thread that does not
# block it (its TID in the tag, its mask in /proc). The Python listings
# run too, and a stopped demo leaves nothing behind.

load helpers

teardown() {
	[ -z "${ui:-}" ] || kill -9 "$ui" 2> /dev/null || true
}

root_of() { sed -n 's/.*demo [a-z-]* started as pid \([0-9]*\);.*/\1/p' | head -n 1; }
# The TID in the tag of the first line holding TEXT: "[PID:TID name]".
tid_of() { grep -F -- "$1" | head -n 1 | sed -n 's/^\[[0-9]*:\([0-9]*\) .*/\1/p'; }
state_of() { sed 's/.*) //' "/proc/$1/task/$2/stat" 2> /dev/null | cut -d' ' -f1; }
# For wait_until: is the task asleep (S) now, read again at each try?
task_asleep() { [ "$(state_of "$1" "$2")" = S ]; }
task_gone() { [ ! -e "/proc/$1/task/$2" ]; }
left_nothing() { grep -q 'nothing of it is left running' <<< "$1"; }
# The record's rows after `ps`, as "PID PARENT BORN ENDED HOW NAME...".
record_rows() {
	printf '%s\n' "$1" | sed -n '/^PID\/TID/,$p' | tail -n +2 |
		awk '/^ +[0-9]+ +[0-9]+ / { print }' | tr -s ' ' | sed 's/^ //'
}
# The number of futex() on this machine, if we know it.
futex_number() {
	case "$(uname -m)" in
	x86_64) echo 202 ;;
	aarch64) echo 98 ;;
	*) echo "" ;;
	esac
}

@test "a flag: the worker is asleep between rounds, sees the flag when it wakes, and returns" {
	start_plain --speed 1 -c 'open stopping; run after=1; wait'
	wait_until 10 grep -q 'worker: round 2' "$out"
	pid=$(root_of < "$out")
	tid=$(tid_of 'worker: round 1' < "$out")
	[ -n "$pid" ] && [ -n "$tid" ] && [ "$pid" != "$tid" ]
	[ "$(cat "/proc/$pid/task/$tid/comm")" = worker ]
	# Between rounds it sleeps (state S) in a sleep call, not a lock.
	wait_until 2 task_asleep "$pid" "$tid"
	wait "$ui"
	cat "$out"
	flag=$(grep -n 'setting the stop flag' "$out" | cut -d: -f1)
	asked=$(grep -n 'worker: asked to stop' "$out" | cut -d: -f1)
	# At most the round it was starting as the flag came prints after it.
	after=$(tail -n +"$flag" "$out" | grep -c 'worker: round' || true)
	[ "$flag" -lt "$asked" ] && [ "$after" -le 1 ]
	grep -q 'the worker stopped by itself' "$out"
	[ ! -e "/proc/$pid" ]
}

@test "fidelity: the cancelled holder is gone from /proc, its waiter sleeps in futex() in state S for good" {
	start_plain --speed 1 -c 'open stopping; goto 2; run wait=2; wait'
	wait_until 10 grep -q 'MainThread: holder is gone' "$out"
	pid=$(root_of < "$out")
	holder=$(tid_of 'holder: I have the lock' < "$out")
	waiter=$(tid_of 'waiter: locking the mutex' < "$out")
	[ -n "$pid" ] && [ -n "$holder" ] && [ -n "$waiter" ]
	# The holder's thread has left the process (a traced thread lingers
	# until its tracer has collected it: a moment).
	wait_until 2 task_gone "$pid" "$holder"
	[ "$(cat "/proc/$pid/task/$waiter/comm")" = waiter ]
	for _ in 1 2 3 4 5; do
		[ "$(state_of "$pid" "$waiter")" = S ]
		nr=$(futex_number)
		if [ -n "$nr" ]; then
			[ "$(cut -d' ' -f1 "/proc/$pid/task/$waiter/syscall")" = "$nr" ]
		fi
		sleep 0.2
	done
	# (ThreadSanitizer runs a thread of its own in the process.)
	[ "${FORKLORE_SANITIZED:-}" = thread ] || [ "$(ls "/proc/$pid/task" | wc -l)" -eq 2 ]
	wait "$ui"
	cat "$out"
	grep -q 'MainThread: holder is gone, [0-9.]* s after the request: cancelled, it never returned$' "$out"
	grep -Eq 'MainThread: waiter has waited (1\.[5-9]|[2-9]\.[0-9]) s more in state S: the lock.s owner is gone, it will never be unlocked$' "$out"
	! grep -q 'got the lock' "$out" || false
	left_nothing "$(cat "$out")"
	[ ! -e "/proc/$pid" ]
}

@test "the record: the holder ends at the cancel, the waiter only with its process" {
	[ "${FORKLORE_SANITIZED:-}" != thread ] ||
		skip "ThreadSanitizer adds a thread of its own to the process"
	run fl --speed 0.1 -c 'demo cancel-lock; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	rows=$(record_rows "$output")
	pid=$(root_of <<< "$output")
	root_end=$(awk -v p="$pid" '$1 == p { print $4 }' <<< "$rows")
	holder_end=$(grep ' thread MainThread > holder$' <<< "$rows" | cut -d' ' -f4)
	waiter_end=$(grep ' thread MainThread > waiter$' <<< "$rows" | cut -d' ' -f4)
	grep -Eq "^$pid [0-9]+ [0-9.]+ [0-9.]+ exit 0 forklore > MainThread$" <<< "$rows"
	[ "$(grep -c ' thread MainThread > ' <<< "$rows")" -eq 2 ]
	# MainThread watched the waiter for 0.2 s after the holder was gone.
	awk -v h="$holder_end" -v w="$waiter_end" -v r="$root_end" \
		'BEGIN { exit !(w - h > 150 && (w - r) ^ 2 < 25) }'
}

@test "a cleanup handler gives the lock back, and the waiter finds the transfer half done" {
	run fl -c 'open stopping; goto 3; run; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	grep -q 'holder: cleanup handler: unlocking the mutex$' <<< "$output"
	grep -q 'waiter: got the lock after [0-9.]* s; a + b = 900, not 1000: the transfer was cut off half way$' <<< "$output"
	# The handler ran before the waiter got the lock.
	handler=$(grep -n '^\[.*holder: cleanup handler' <<< "$output" | cut -d: -f1)
	got=$(grep -n '^\[.*waiter: got the lock' <<< "$output" | cut -d: -f1)
	[ "$handler" -lt "$got" ]
	# ThreadSanitizer does not see a cleanup handler that runs inside a
	# blocking call it intercepts (pause() here: google/sanitizers#646),
	# reports a double lock, and ends the demo with status 66.
	[ "${FORKLORE_SANITIZED:-}" != thread ] || return 0
	rows=$(record_rows "$output")
	[ "$(grep -Ec ' exit 0 thread MainThread > (holder|waiter)$' <<< "$rows")" -eq 2 ]
}

@test "a cancel waits for a cancellation point: the busy spinner runs all its rounds, in state R" {
	start_plain --speed 1 -c 'demo cancel-point rounds=3; wait'
	wait_until 10 grep -q 'spinner: round 1 of 3 done' "$out"
	pid=$(root_of < "$out")
	tid=$(tid_of 'spinner: round 1' < "$out")
	# Cancelled before round 1, and still here, computing.
	grep -q 'cancelling the spinner before its first round' "$out"
	[ "$(cat "/proc/$pid/task/$tid/comm")" = spinner ]
	[ "$(state_of "$pid" "$tid")" = R ]
	wait "$ui"
	cat "$out"
	[ "$(grep -c 'spinner: round [1-3] of 3 done$' "$out")" -eq 3 ]
	grep -q 'MainThread: the spinner ended after 3 of 3 rounds, [0-9.]* s after the request$' "$out"
	grep -q 'its last line never printed: write() is a cancellation point' "$out"
	! grep -q 'all 3 rounds done' "$out" || false
	# pthread_testcancel() before each round: it ends before round 1.
	run fl -c 'open stopping; goto 4; run testcancel=on'
	echo "$output"
	grep -q 'MainThread: the spinner ended after 0 of 5 rounds' <<< "$output"
	! grep -q 'spinner: round' <<< "$output" || false
}

@test "fidelity: only worker-2 leaves SIGUSR1 unblocked in /proc, and the handler ran in its TID" {
	start_plain --speed 1 -c 'open stopping; goto 5; run after=1; wait'
	wait_until 10 grep -q 'every thread blocks SIGUSR1 but worker-2' "$out"
	pid=$(root_of < "$out")
	open_tid=""
	for task in /proc/"$pid"/task/*; do
		name=$(cat "$task/comm")
		blocked=$(awk '/^SigBlk/ { print $2 }' "$task/status")
		caught=$(awk '/^SigCgt/ { print $2 }' "$task/status")
		# Bit 9 is signal 10 (SIGUSR1); the handler is the process's.
		[ $(( 0x$caught >> 9 & 1 )) -eq 1 ]
		if [ "$name" = worker-2 ]; then
			[ $(( 0x$blocked >> 9 & 1 )) -eq 0 ]
			open_tid=${task##*/}
		else
			[ $(( 0x$blocked >> 9 & 1 )) -eq 1 ]
		fi
	done
	[ "${FORKLORE_SANITIZED:-}" = thread ] || [ "$(ls "/proc/$pid/task" | wc -l)" -eq 4 ]
	[ -n "$open_tid" ]
	wait "$ui"
	cat "$out"
	line=$(grep 'handled by thread' "$out")
	[ "$(grep -c 'handled by thread' "$out")" -eq 1 ]
	[[ "$line" == "[$pid:$open_tid worker-2] worker-2: signal 10 (SIGUSR1) handled by thread worker-2 (tid $open_tid)" ]]
	left_nothing "$(cat "$out")"
}

@test "signals: with no thread blocking it the caller takes it; pthread_kill() to a thread that blocks it leaves it pending" {
	run fl -c 'demo signal-threads open=0'
	echo "$output"
	pid=$(root_of <<< "$output")
	grep -q "^\[$pid MainThread\] MainThread: signal 10 (SIGUSR1) handled by thread MainThread (tid $pid)$" <<< "$output"
	run fl -c 'demo signal-threads open=0 target=3'
	echo "$output"
	line=$(grep 'handled by thread' <<< "$output")
	[[ "$line" =~ ^\[[0-9]+:([0-9]+)\ worker-3\]\ worker-3:\ signal\ 10\ \(SIGUSR1\)\ handled\ by\ thread\ worker-3\ \(tid\ ([0-9]+)\)$ ]]
	[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
	run fl -c 'demo signal-threads target=3'
	echo "$output"
	grep -q 'nobody took it: worker-3 blocks SIGUSR1, so it stays pending on that thread' <<< "$output"
	! grep -q 'handled by' <<< "$output" || false
	left_nothing "$output"
	run fl -c 'demo signal-threads open=4'
	[[ "$output" == *"open=4, target=0: there are only 3 workers (0 means none)"* ]]
}

# The demo's lines with every number masked, for comparing two runs.
masked() { grep '^\[' | sed 's/[0-9][0-9.]*/N/g'; }

@test "traced or not (--no-trace), SIGCANCEL and SIGUSR1 reach the same threads, with the same outcome" {
	for d in "cancel-lock" "cancel-point rounds=2" "cancel-point testcancel=on" \
		"signal-threads" "signal-threads open=0" "signal-threads target=2" \
		"signal-threads target=3"; do
		# (A signal the tracer lost would leave a thread waiting.)
		traced=$(timeout 20 "$FORKLORE" --plain --speed 0 -c "demo $d" | masked)
		bare=$(timeout 20 "$FORKLORE" --plain --speed 0 --no-trace -c "demo $d" | masked)
		echo "== $d"
		echo "$traced"
		[ -n "$traced" ]
		[ "$traced" = "$bare" ] || { echo "-- without the tracer:"; echo "$bare"; return 1; }
	done
}

@test "stopped mid-demo: the stuck waiter, the busy spinner and the sleeping workers leave nothing behind" {
	for d in "demo cancel-lock wait=30;holder is gone" \
		"demo cancel-point rounds=20;round 1 of 20" \
		"demo signal-threads after=30;every thread blocks"; do
		cmd=${d%%;*}
		text=${d#*;}
		run fl --speed 1 -c "$cmd; wait \"$text\"; stop; ps"
		echo "$output"
		[ "$status" -eq 0 ]
		pid=$(root_of <<< "$output")
		[ -n "$pid" ]
		[[ "$output" == *"demo stopped after"* ]]
		[[ "$output" == *"nothing of it is left running"* ]]
		[ ! -e "/proc/$pid" ]
		[ -z "$(pgrep -g "$pid" 2> /dev/null)" ]
	done
}

# pyrun STEP [ARGS...]: run the step's Python listing, wait, then ps.
pyrun() {
	local step=$1
	shift
	printf 'open stopping\ngoto %s\nrun python %s\nwait\nps\n' "$step" "$*" |
		timeout 60 "$FORKLORE" --plain --speed 0 --seed 1 --no-predict
}

@test "python: the flag, and an exception forced into a lock holder that waits in a blocking call" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 1
	echo "$output"
	left_nothing "$output"
	grep -q 'MainThread: setting the stop flag$' <<< "$output"
	grep -q '\[[0-9]*:[0-9]* worker\] worker: asked to stop; cleaning up and leaving$' <<< "$output"
	run pyrun 2
	echo "$output"
	left_nothing "$output"
	# The exception waited for reply.acquire() to return; the lock it
	# held was never released.
	grep -q 'MainThread: holder still lives [0-9.]* s later: the exception waits for its call to return' <<< "$output"
	grep -q 'MainThread: holder is gone, [0-9.]* s after the request$' <<< "$output"
	grep -q 'in state S: the lock.s owner is gone, it will never be unlocked$' <<< "$output"
	! grep -q 'got the lock' <<< "$output" || false
	run pyrun 3
	echo "$output"
	left_nothing "$output"
	grep -q '\[[0-9]*:[0-9]* holder\] holder: cleanup handler: unlocking the mutex$' <<< "$output"
	grep -q '\[[0-9]*:[0-9]* waiter\] waiter: got the lock after [0-9.]* s; a + b = 900, not 1000' <<< "$output"
}

@test "python: the exception acts between bytecodes, and every signal handler runs in the main thread" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 4
	echo "$output"
	left_nothing "$output"
	grep -q 'MainThread: the spinner ended after 0 of 5 rounds' <<< "$output"
	for args in "" "open=0" "target=2" "open=0 target=3"; do
		run pyrun 5 "$args"
		echo "$output"
		left_nothing "$output"
		pid=$(printf '%s\n' "$output" | sed -n 's/.*demo python started as pid \([0-9]*\);.*/\1/p')
		grep -q "^\[$pid MainProcess\] MainThread: signal 10 (SIGUSR1) handled by thread MainThread (tid $pid)$" <<< "$output"
	done
	run pyrun 5 target=3
	echo "$output"
	grep -q 'nobody took it: worker-3 blocks SIGUSR1' <<< "$output"
	! grep -q 'handled by' <<< "$output" || false
}
