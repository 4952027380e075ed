#!/usr/bin/env bats
# coroutines.bats - the lesson on coroutines: tasks take turns, round
# robin, in one thread (checked in /proc while they run and in the
# record after); a task that does not yield stops the others; a
# coroutine switch costs less than a thread switch; the Python listings
# (generators, asyncio) show the same on one TID; `stop` leaves nothing.

load helpers

root_of() { sed -n 's/.*demo [a-z-]* started as pid \([0-9]*\);.*/\1/p' <<< "$1" | head -n 1; }
left_nothing() { [[ "$1" == *"demo ended, exit status 0 after "*"; nothing of it is left running"* ]]; }
# The text of the tagged lines, tags cut off.
texts() { printf '%s\n' "$1" | sed -n 's/^\[[0-9:]* [^]]*\] //p'; }
# "task-K: step S" of every task line, in order, as "K.S".
turns() { texts "$1" | sed -n 's/^task-\([0-9]*\): step \([0-9]*\) of .*/\1.\2/p' | tr '\n' ' '; }
# Under ThreadSanitizer every process has a thread of the sanitizer's own.
threads_expected() { [ "${FORKLORE_SANITIZED:-}" = thread ] && echo 2 || echo 1; }
plural() { [ "$1" -eq 1 ] && echo thread || echo threads; }

@test "three tasks take turns, round robin, all their lines from the one thread of one process" {
	run fl -c 'demo coro-tasks; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	root=$(root_of "$output")
	[ -n "$root" ]
	[ "$(turns "$output")" = "1.1 2.1 3.1 1.2 2.2 3.2 1.3 2.3 3.3 1.4 2.4 3.4 " ]
	# Every line: the root's PID, its main thread (no :TID in the tag),
	# and the TID it prints is that PID too.
	lines=$(printf '%s\n' "$output" | grep '^\[')
	[ "$(grep -c . <<< "$lines")" -eq 14 ]
	[ "$(grep -vc "^\[$root MainThread\] " <<< "$lines")" -eq 0 ]
	[ "$(grep -c "^\[$root MainThread\] task-[1-3]: step [1-4] of 4 on tid $root, [0-9.]* s late$" <<< "$lines")" -eq 12 ]
	grep -q "scheduler: 3 tasks, one thread: pid $root, tid $root (each task has a 64 KiB stack of its own)$" <<< "$lines"
	n=$(threads_expected)
	grep -q "scheduler: all 3 tasks done: 12 lines from 1 tid ($root); /proc/self/task lists $n $(plural "$n")$" <<< "$lines"
	# The record: one process, and no thread of its own.
	rows=$(printf '%s\n' "$output" | sed -n '/^PID\/TID/,$p' | tail -n +2 | grep -E '^ +[0-9]+ ')
	echo "$rows"
	[ "$(grep -c . <<< "$rows")" -eq "$n" ]
	grep -Eq "^ +$root +[0-9]+ .* exit 0 +forklore > MainThread$" <<< "$rows"
	# More tasks, more steps: still the same shape.
	run fl -c 'demo coro-tasks tasks=5 steps=2'
	[ "$(turns "$output")" = "1.1 2.1 3.1 4.1 5.1 1.2 2.2 3.2 4.2 5.2 " ]
}

# The demo's threads now, as "TID NAME" lines.
task_entries() {
	local t
	for t in /proc/"$1"/task/*; do
		[ -e "$t" ] && echo "${t##*/} $(cat "$t/comm" 2>/dev/null)"
	done
	# (A task gone between the list and the look is not a failure: the
	# loop's last test must not be the function's status.)
	return 0
}

@test "fidelity: while the tasks print in turn, /proc lists one thread for the process, and every tag carries its TID" {
	start_plain --speed 0.5 -c 'demo coro-tasks tasks=3 steps=8; wait'
	wait_until 10 grep -q 'demo coro-tasks started as pid' "$out"
	pid=$(root_of "$(cat "$out")")
	[ -n "$pid" ]
	wait_until 10 grep -q 'task-3: step 1 of 8' "$out"
	# Look while the tasks go on printing: until lines of at least two
	# tasks have come after the first look.
	seen=$(grep -c 'task-' "$out")
	looks=0 most=0 least=99
	while [ -e "/proc/$pid" ] && ! grep -q 'all 3 tasks done' "$out"; do
		entries=$(task_entries "$pid")
		# (A look that may have raced with the end does not count.)
		[ -e "/proc/$pid" ] && ! grep -q 'all 3 tasks done' "$out" || break
		if [ -n "$entries" ]; then
			n=$(grep -c . <<< "$entries")
			[ "$n" -gt "$most" ] && most=$n
			[ "$n" -lt "$least" ] && least=$n
			looks=$((looks + 1))
			# The one thread besides the sanitizer's is the process's own.
			grep -qx "$pid MainThread" <<< "$entries"
		fi
		sleep 0.1
	done
	wait "$ui"
	cat "$out"
	left_nothing "$(cat "$out")"
	echo "looks=$looks least=$least most=$most"
	[ "$looks" -ge 5 ]
	[ "$least" -eq "$most" ] && [ "$most" -eq "$(threads_expected)" ]
	# Lines of every task came while /proc was being looked at.
	after=$(grep 'task-' "$out" | tail -n +"$((seen + 1))" | sed -n 's/.*\] \(task-[0-9]*\):.*/\1/p' | sort -u | wc -l)
	[ "$after" -eq 3 ]
	# All the output's tags carry that one PID and TID.
	tags=$(grep '^\[' "$out" | sed 's/\] .*//' | sort -u)
	[ "$tags" = "[$pid MainThread" ]
	[ "$(grep -c "on tid $pid, " "$out")" -eq 24 ]
	[ ! -e "/proc/$pid" ]
}

@test "a task that does not yield: the others print nothing while it computes, and their turns come late" {
	run fl --speed 0.2 -c 'demo coro-tasks hog=on'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	t=$(texts "$output")
	# Between the hog's two lines, nothing; then the others, late.
	between=$(sed -n '/^task-1: computing for 0.40 s without yielding$/,/^task-1: computed/p' <<< "$t")
	[ "$(grep -c . <<< "$between")" -eq 2 ]
	grep -Eq '^task-1: computed 0\.(39|4[0-9]|5[0-9]) s; meanwhile the others printed 0 lines$' <<< "$t"
	after=$(sed -n '/^task-1: computed/{n;p;n;p;n;p}' <<< "$t")
	echo "$after"
	[ "$(sed -n 1p <<< "$after" | cut -d: -f1)" = task-2 ]
	[ "$(sed -n 2p <<< "$after" | cut -d: -f1)" = task-3 ]
	[ "$(sed -n 3p <<< "$after" | cut -d: -f1)" = task-1 ]
	# task-2 was due 0.1 s after its first line; the hog began then and
	# held the thread 0.4 s: about 0.4 s late (at least 0.3 s).
	late=$(sed -n '1s/.*, \([0-9.]*\) s late$/\1/p' <<< "$after")
	awk -v l="$late" 'BEGIN { exit !(l >= 0.3) }'
	# Without the hog no turn is that late.
	run fl --speed 0.2 -c 'demo coro-tasks'
	! texts "$output" | grep -q computing || false
	texts "$output" | sed -n 's/.*, \([0-9.]*\) s late$/\1/p' |
		awk '{ if ($1 >= 0.3) bad = 1 } END { exit bad }'
	# The predict question reads the count from the run.
	printf 'open coroutines\ngoto 4\nrun\n0\n' > "$BATS_TEST_TMPDIR/hog.script"
	run fl --speed 0.1 --script "$BATS_TEST_TMPDIR/hog.script"
	echo "$output"
	[[ "$output" == *"You predicted '0'; the demo showed '0': right."* ]]
}

@test "a coroutine switch costs less than a thread switch: medians in ns and the ratio" {
	run fl -c 'demo coro-switch'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	c=$(printf '%s\n' "$output" | sed -n 's/.*\] coroutine round trip: median \([0-9]*\) ns over 10 samples of 20 (middle half [0-9]* to [0-9]* ns)$/\1/p')
	t=$(printf '%s\n' "$output" | sed -n 's/.*\] thread round trip: median \([0-9]*\) ns over 10 samples of 20 (middle half [0-9]* to [0-9]* ns)$/\1/p')
	[ -n "$c" ] && [ -n "$t" ]
	printf '%s\n' "$output" | grep -Eq '\] a (thread|coroutine) switch costs [0-9.]+x a (coroutine|thread) switch$'
	# It really started the echo thread, once; the coroutine is no thread.
	run fl -c 'demo coro-switch; wait; ps'
	[ "$(printf '%s\n' "$output" | grep -c ' thread MainThread > echo$')" -eq 1 ]
	# The order, measured at --speed 0.3 (60 samples of 30, turn about):
	# a thread round trip takes two system calls and a wake-up each way,
	# a coroutine's two swapcontext() calls, about a tenth of it here
	# and in both sanitizer builds, on one CPU or two (taskset -c 0), so
	# the order holds whatever load slows both.
	run fl --speed 0.3 -c 'demo coro-switch'
	echo "$output"
	c=$(printf '%s\n' "$output" | sed -n 's/.*\] coroutine round trip: median \([0-9]*\) ns.*/\1/p')
	t=$(printf '%s\n' "$output" | sed -n 's/.*\] thread round trip: median \([0-9]*\) ns.*/\1/p')
	[ "$c" -gt 0 ] && [ "$t" -gt 0 ]
	[ "$c" -lt "$t" ]
	printf '%s\n' "$output" | grep -q '\] a thread switch costs [0-9.]*x a coroutine switch$'
}

@test "stop mid-demo: the process and its tasks' stacks go with it, nothing is left" {
	start_plain --speed 1 -c 'demo coro-tasks steps=100; wait'
	wait_until 10 grep -q 'task-3: step 1 of 100' "$out"
	pid=$(root_of "$(cat "$out")")
	[ -n "$pid" ] && [ -e "/proc/$pid" ]
	kill -INT "$ui"
	wait "$ui" || true
	cat "$out"
	grep -q 'demo stopped after' "$out"
	! grep -q 'all 3 tasks done' "$out" || false
	[ ! -e "/proc/$pid" ]
	[ -z "$(pgrep -g "$pid")" ]
}

# pyrun STEP [ARGS...]: run python on that step, at --speed 0.1, then ps.
pyrun() {
	local step=$1
	shift
	printf 'open coroutines\ngoto %s\nrun python %s\nwait\nps\n' "$step" "$*" |
		timeout 60 "$FORKLORE" --plain --speed 0.1 --seed 1 --no-predict
}

# The Python run's root, and its task lines in the C demo's shape.
py_check_tasks() {
	root=$(sed -n 's/.*demo python started as pid \([0-9]*\);.*/\1/p' <<< "$output")
	[ -n "$root" ]
	left_nothing "$output"
	lines=$(printf '%s\n' "$output" | grep '^\[')
	[ "$(grep -vc "^\[$root MainProcess\] " <<< "$lines")" -eq 0 ]
	[ "$(grep -c "task-[1-3]: step [1-4] of 4 on tid $root, [0-9.]* s late$" <<< "$lines")" -eq 12 ]
	grep -q "scheduler: all 3 tasks done: 12 lines from 1 tid ($root); /proc/self/task lists 1 thread$" <<< "$lines"
	# The record: the interpreter, and no thread (under ThreadSanitizer,
	# the sanitizer's own, in forklore's child before it ran python3).
	rows=$(printf '%s\n' "$output" | sed -n '/^PID\/TID/,$p' | tail -n +2 | grep -E '^ +[0-9]+ ')
	echo "$rows"
	[ "$(grep -vc ' thread ' <<< "$rows")" -eq 1 ]
	threads=$(grep ' thread ' <<< "$rows" || true)
	if [ "${FORKLORE_SANITIZED:-}" = thread ]; then
		[ -z "$threads" ] || ! grep -v ' thread forklore$' <<< "$threads" || false
	else
		[ -z "$threads" ]
	fi
}

@test "python: generators with send() and asyncio tasks take turns on one TID, as the C tasks do" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 1
	echo "$output"
	py_check_tasks
	grep -q "scheduler: 3 tasks, one thread: pid $root, tid $root (each task is a generator)$" <<< "$lines"
	[ "$(turns "$output")" = "1.1 2.1 3.1 1.2 2.2 3.2 1.3 2.3 3.3 1.4 2.4 3.4 " ]
	run pyrun 3
	echo "$output"
	py_check_tasks
	grep -q "(each task is an asyncio Task)$" <<< "$lines"
	[ "$(turns "$output")" = "1.1 2.1 3.1 1.2 2.2 3.2 1.3 2.3 3.3 1.4 2.4 3.4 " ]
}

@test "python: an asyncio task that does not await stops the loop; the switch costs come in the C demo's shape" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 4
	echo "$output"
	py_check_tasks
	t=$(texts "$output")
	between=$(sed -n '/^task-1: computing for 0.20 s without yielding$/,/^task-1: computed/p' <<< "$t")
	[ "$(grep -c . <<< "$between")" -eq 2 ]
	grep -Eq '^task-1: computed 0\.(19|2[0-9]|3[0-9]) s; meanwhile the others printed 0 lines$' <<< "$t"
	[ "$(sed -n '/^task-1: computed/{n;p}' <<< "$t" | cut -d: -f1)" = task-2 ]
	late=$(sed -n '/^task-1: computed/{n;s/.*, \([0-9.]*\) s late$/\1/p}' <<< "$t")
	awk -v l="$late" 'BEGIN { exit !(l >= 0.15) }'
	run pyrun 5
	echo "$output"
	left_nothing "$output"
	c=$(printf '%s\n' "$output" | sed -n 's/.*\] coroutine round trip: median \([0-9]*\) ns over 20 samples of 20 (middle half [0-9]* to [0-9]* ns)$/\1/p')
	t=$(printf '%s\n' "$output" | sed -n 's/.*\] thread round trip: median \([0-9]*\) ns over 20 samples of 20 (middle half [0-9]* to [0-9]* ns)$/\1/p')
	[ -n "$c" ] && [ -n "$t" ]
	printf '%s\n' "$output" | grep -Eq '\] a (thread|coroutine) switch costs [0-9.]+x a (coroutine|thread) switch$'
	# The echo thread, named echo in /proc, was the run's one thread.
	[ "$(printf '%s\n' "$output" | grep -c ' thread MainProcess > echo$')" -eq 1 ]
}
