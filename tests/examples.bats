#!/usr/bin/env bats
# examples.bats - the example scripts in lessons/ (the tour and the two
# class scripts) replay cleanly, and their transcripts are the expected
# ones wherever the output does not depend on the scheduler.

load helpers

# Replay lessons/NAME.script as the tests do: masked, no pauses, no
# questions. The transcript goes to $got, the exit status to $replayed.
replay() {
	got="$BATS_TEST_TMPDIR/$1.out"
	replayed=0
	(cd "$ROOT" && timeout 120 "$FORKLORE" --plain --mask --speed 0 \
		--seed 1 --no-predict --lang "${LESSON_LANG:-en}" \
		--script "lessons/$1.script") \
		> "$got" 2>&1 || replayed=$?
}

# What of a transcript must be the same every time. The lines of one demo
# are compared in sorted order, since parent and child print in whatever
# order the scheduler runs them (the lesson suites check the order where
# it is fixed). The lost update's balances differ from run to run by
# design (and --mask may take one for a PID that happens to be equal). And from each command named in $loose (a prompt and command, one
# a line) to the end of the demo it started, the demo's own lines are left
# out: those demos print PIDs of processes that never print themselves, or
# a number of lines that depends on timing; each test checks their key
# lines instead.
steady() {
	sed -E -e 's/balance = -?P?[0-9]+(  \(updates were lost\))?$/balance = B/' \
	       -e 's/without a lock: balance wrong in [0-9]+ of/without a lock: balance wrong in W of/' |
	awk -v loose="${loose:-}" '
	BEGIN { n = split(loose, l, "\n"); for (i = 1; i <= n; i++) skip[l[i]] = 1 }
	function flush(   i, j, t) {
		for (i = 2; i <= nb; i++)
			for (j = i; j > 1 && block[j - 1] > block[j]; j--) {
				t = block[j]; block[j] = block[j - 1]; block[j - 1] = t
			}
		for (i = 1; i <= nb; i++)
			print block[i]
		nb = 0
	}
	$0 in skip { flush(); skipping = 1; print; next }
	skipping && /^(demo (ended|stopped|killed)|演示已(结束|停止)|演示被)/ { skipping = 0; next }
	skipping && (/^\[/ || /^demo / || /^演示/) { next }
	/^\[/ { block[++nb] = $0; next }
	{ flush(); print }
	END { flush() }'
}

# Replay NAME, expect exit 0, and compare with tests/transcripts/NAME.out
# (or the transcript named $2).
check_example() {
	replay "$1"
	[ "$replayed" -eq 0 ] || { cat "$got"; return 1; }
	diff -u <(steady < "$ROOT/tests/transcripts/${2:-$1}.out") <(steady < "$got")
	# Every demo it started ended, with nothing of it left running.
	local started ended
	started=$(grep -Ec '^(demo .* started as pid|演示 .* 已启动，PID 为) P[0-9]*[;；]' "$got")
	ended=$(grep -Ec '^(demo |演示).*(nothing of it is left running|它没有任何部分仍在运行)$' "$got")
	[ "$started" -gt 0 ]
	[ "$started" -eq "$ended" ]
}

# At least one line of the transcript matches the extended regex $1.
has_line() {
	grep -Eq -- "$1" "$got" || { echo "no line matches: $1"; return 1; }
}

@test "example: the ten-minute tour replays as expected" {
	# The GIL runs say how many CPUs this machine has, and which Python.
	loose="forklore gil 1/5> run
forklore gil 1/5> run python"
	check_example tour
	has_line '^\[P[0-9]+ MainProcess\] MainThread: Python 3\.[0-9]+\.[0-9]+.*, GIL enabled: '
	has_line '^\[P[0-9]+ MainThread\] MainThread: C threads have no GIL'

	has_line '^\[P[0-9]+ MainThread\] trial [0-9]+: balance = -?[1-9][0-9]*  \(updates were lost\)$'
	has_line 'without a lock: balance wrong in [1-9][0-9]* of 10 trials'
	has_line 'with the lock: balance wrong in 0 of 100 trials'
}

@test "example: the tour in Chinese replays as expected, masked" {
	loose="forklore gil 1/5> run
forklore gil 1/5> run python"
	LESSON_LANG=zh check_example tour tour-zh
	has_line '^fork：调用一次，返回两次  （fork 第 1/6 步）$'
	has_line 'with the lock: balance wrong in 0 of 100 trials'
}

@test "example: the class on processes replays as expected" {
	loose=$'forklore processes 4/8> run\nforklore processes 5/8> run'
	check_example processes-class
	# terminate: the child, found alive, is ended by SIGTERM and waited for.
	has_line '^\[P[0-9]+ parent\] parent: alive\? yes$'
	has_line '^\[P[0-9]+ parent\] parent: terminating P?[0-9]+ with SIGTERM$'
	has_line 'parent: P?[0-9]+ was ended by signal 15 \(Terminated\); exitcode -15 in Python$'
	has_line '^\[P[0-9]+ parent\] parent: alive\? no$'
	# daemon: the parent leaves without joining; nothing is left running.
	has_line '^\[P[0-9]+ parent\] parent: started daemon P?[0-9]+; working 2 s'
	has_line '^\[P[0-9]+ parent\] parent: leaving now; the daemon goes with me$'
}

@test "example: the class on threads and locks replays as expected" {
	loose=$'forklore threads 2/6> run\nforklore locks 5/6> run'
	check_example threads-class
	# Five threads, one PID, five TIDs.
	local lines pids tids
	lines=$(grep -E '^\[P[0-9]+:P[0-9]+ Thread-[1-5]\] Thread-[1-5]: pid P[0-9]+, tid P[0-9]+; working 3\.0 s$' "$got")
	[ "$(printf '%s\n' "$lines" | wc -l)" -eq 5 ]
	pids=$(printf '%s\n' "$lines" | sed -E 's/.*: pid (P[0-9]+),.*/\1/' | sort -u | wc -l)
	tids=$(printf '%s\n' "$lines" | sed -E 's/.*, tid (P[0-9]+);.*/\1/' | sort -u | wc -l)
	[ "$pids" -eq 1 ]
	[ "$tids" -eq 5 ]
	has_line 'MainThread: 5 threads joined after N\.NN s \(started all, then joined all\)$'
	# The lost update, then the fix.
	has_line 'trial [0-9]+: balance = -?[1-9][0-9]*  \(updates were lost\)$'
	has_line 'without a lock: balance wrong in [1-9][0-9]* of 100 trials'
	has_line 'with the lock: balance wrong in 0 of 100 trials'
	has_line 'counter = 50000, expected 5 x 10000 = 50000: exact$'
	# The lock never released: the holder took it or a waiter waits for it
	# (at speed 0 either may print first), and stop ends them all.
	has_line '^\[P[0-9]+:P[0-9]+ (holder|waiter-[12])\] (holder: I have the lock, and I will never let it go|waiter-[12]: waiting for the lock\.\.\.)$'
	has_line '^demo stopped after N\.NN s; nothing of it is left running$'
}

@test "example: the class on semaphores, events, conditions and stopping threads replays as expected" {
	# At speed 0 who enters, wakes or prints first is the scheduler's
	# choice; the lines below hold whatever it chose.
	loose=$'forklore sync 1/6> run\nforklore sync 2/6> run\nforklore sync 3/6> run\nforklore sync 4/6> run\nforklore sync 5/6> run\nforklore sync 6/6> run\nforklore stopping 1/5> run\nforklore stopping 2/5> run\nforklore stopping 3/5> run\nforklore stopping 5/5> run'
	check_example sync-class
	has_line 'MainThread: [0-3] of 5 workers found no free slot and waited; at most [12] (was|were) inside at once$'
	has_line 'MainThread: ([2-4] waiters woke, all within|1 waiter woke,) [0-9.]+ ms (of|after) the one set$|MainThread: no waiter was waiting yet'
	has_line "parent: ls /dev/shm: no sem\.forklore-P[0-9]+ \(No such file or directory\)$"
	has_line 'parent: 6 of 6 lines came out whole$'
	has_line "waiter has waited [0-9.]+ s more in state S: the lock's owner is gone, it will never be unlocked$"
	has_line 'waiter: got the lock after N\.NN s; a \+ b = 900, not 1000'
	has_line 'signal 10 \(SIGUSR1\) handled by thread worker-2 \(tid P[0-9]+\)$'
}

@test "example: the class on coroutines and distributed processes replays as expected" {
	# The switch costs are measured; the master's port is the kernel's
	# choice, and which worker takes which task the scheduler's.
	loose=$'forklore coroutines 5/5> run\nforklore distributed 1/8> run\nforklore distributed 4/8> run\nforklore distributed 5/8> run\nforklore distributed 6/8> run'
	# ThreadSanitizer's own thread is in /proc/self/task too.
	[ "${FORKLORE_SANITIZED:-}" = thread ] &&
		loose+=$'\nforklore coroutines 1/5> run\nforklore coroutines 4/5> run'
	check_example distributed-class
	has_line 'a thread switch costs [0-9.]+x a coroutine switch$|too noisy'
	has_line '^\[P[0-9]+ master\] master: got 6 of 6 results$'
	has_line 'master: 127\.0\.0\.1:[0-9]+ answered the challenge wrongly: refused \(wrong key\)$'
	has_line '^\[P[0-9]+ intruder\] intruder: answered the challenge: refused \(wrong key\)$'
	has_line 'get\(\) timed out'
}

# Every line of a script is blank, a comment, or a command that 'help'
# lists, written out in full; a demo started is waited for (or stopped)
# before the class moves on; there are pauses to talk in; and replayed,
# no line fails.
@test "the example scripts: known commands, demos waited for, pauses" {
	local commands
	commands=$(fl -c help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
	[ -n "$commands" ]
	for script in tour processes-class threads-class sync-class distributed-class; do
		local file="$ROOT/lessons/$script.script" n=0 running= pauses=0
		[ -f "$file" ]
		while IFS= read -r line || [ -n "$line" ]; do
			n=$((n + 1))
			line="${line#"${line%%[! 	]*}"}"
			[ -z "$line" ] || [ "${line:0:1}" = "#" ] && continue
			local word="${line%% *}"
			if ! printf '%s\n' "$commands" | grep -qx -- "$word"; then
				echo "$script.script:$n: '$word' is not a command"
				return 1
			fi
			case $word in
			run|demo) running=$n ;;
			wait|stop) [ "$line" = "wait" ] || [ "$word" = stop ] && running= ;;
			open|next|prev|goto)
				if [ -n "$running" ]; then
					echo "$script.script:$n: the demo run at line $running is not waited for"
					return 1
				fi ;;
			pause) pauses=$((pauses + 1)) ;;
			esac
		done < "$file"
		[ -z "$running" ] || { echo "$script.script: the demo at line $running is not waited for"; return 1; }
		[ "$pauses" -ge 5 ]
		# Replayed, every line succeeds and nothing is said on stderr.
		run bash -c "cd '$ROOT' && timeout 120 '$FORKLORE' --plain --speed 0 \
			--seed 1 --no-predict --script lessons/$script.script 2>&1 >/dev/null"
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
}

@test "the example scripts are installed with the lessons" {
	local dest="$BATS_TEST_TMPDIR/root"
	make -C "$ROOT" -s install DESTDIR="$dest" PREFIX=/usr > /dev/null
	for script in tour processes-class threads-class sync-class distributed-class; do
		cmp "$ROOT/lessons/$script.script" \
			"$dest/usr/share/forklore/lessons/$script.script"
	done
	make -C "$ROOT" -s uninstall DESTDIR="$dest" PREFIX=/usr > /dev/null
	[ ! -e "$dest/usr/share/forklore/lessons/tour.script" ]
}
