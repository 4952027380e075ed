#!/usr/bin/env bats
# choosing.bats - the lesson on processes against threads: the demos'
# measurements have the right shape, a crash takes down what the lesson
# says (checked in the exact record that `ps` lists after the run), and
# the server's workers are what /proc says they are.

load helpers

# The record's rows after `ps`, as "PID PARENT HOW NAME...".
record_rows() {
	printf '%s\n' "$1" | sed -n '/^PID\/TID/,$p' | tail -n +2 |
		awk '/^ +[0-9]+ +[0-9]+ / { $3 = ""; $4 = ""; print }' | tr -s ' ' |
		sed 's/^ //'
}
root_of() { printf '%s\n' "$1" | sed -n 's/.*started as pid \([0-9]*\);.*/\1/p'; }
left_nothing() { [[ "$1" == *"demo ended, exit status 0 after "*"; nothing of it is left running"* ]]; }

@test "a NULL dereference in one thread kills the server and all its threads, not the demo's parent" {
	[ "${FORKLORE_SANITIZED:-}" != thread ] ||
		skip "ThreadSanitizer adds a thread of its own to every process"
	run fl -c 'demo cost-crash after=0; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	root=$(root_of "$output")
	server=$(printf '%s\n' "$output" | sed -n 's/.*parent: the server process (pid \([0-9]*\)) with its 4 worker threads was killed by signal 11 (Segmentation fault)$/\1/p')
	[ -n "$server" ]
	printf '%s\n' "$output" | grep -q '^\[[0-9]*:[0-9]* worker-4\] worker-4: dereferencing a NULL pointer$'
	! printf '%s\n' "$output" | grep -q 'finished' || false
	rows=$(record_rows "$output")
	echo "$rows"
	# The parent lived on; the server and each of its 4 threads died of
	# the one signal.
	grep -Eqx "$root [0-9]+ exit 0 forklore > parent" <<< "$rows"
	grep -Eqx "$server $root signal 11 parent > server" <<< "$rows"
	[ "$(grep -Ec "^[0-9]+ $server signal 11 thread server > worker-[1-4]$" <<< "$rows")" -eq 4 ]
	[ "$(grep -c . <<< "$rows")" -eq 6 ]
	[ ! -e "/proc/$server" ]
}

@test "a NULL dereference in a worker process kills that worker alone; its parent reports signal 11 and goes on" {
	[ "${FORKLORE_SANITIZED:-}" != thread ] ||
		skip "under ThreadSanitizer the crashing worker hangs in the sanitizer's runtime instead of dying of SIGSEGV"
	run fl -c 'demo cost-crash after=0 threads=off; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	crashed=$(printf '%s\n' "$output" | sed -n 's/.*server: worker-4 (pid \([0-9]*\)) was killed by signal 11 (Segmentation fault); I am still running.*/\1/p')
	[ -n "$crashed" ]
	[ "$(printf '%s\n' "$output" | grep -c '^\[[0-9]* worker-[1-3]\] worker-[1-3]: finished$')" -eq 3 ]
	printf '%s\n' "$output" | grep -q 'server: all 4 workers ended; the server ends normally$'
	printf '%s\n' "$output" | grep -q 'parent: the server process (pid [0-9]*) with its 4 worker processes exited with status 0$'
	rows=$(record_rows "$output")
	echo "$rows"
	server=$(grep ' parent > server$' <<< "$rows" | cut -d' ' -f1)
	grep -Eqx "$server [0-9]+ exit 0 parent > server" <<< "$rows"
	grep -Eqx "$crashed $server signal 11 server > worker-4" <<< "$rows"
	[ "$(grep -Ec "^[0-9]+ $server exit 0 server > worker-[1-3]$" <<< "$rows")" -eq 3 ]
}

@test "fork+wait and thread create+join: medians, and a process costs more than a thread" {
	run fl -c 'demo cost-create rounds=20'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	fork=$(printf '%s\n' "$output" | sed -n 's/.*\] fork+wait: median \([0-9]*\) us over 10 rounds (middle half [0-9]* to [0-9]* us)$/\1/p')
	thread=$(printf '%s\n' "$output" | sed -n 's/.*\] thread create+join: median \([0-9]*\) us over 10 rounds (middle half [0-9]* to [0-9]* us)$/\1/p')
	ratio=$(printf '%s\n' "$output" | sed -n 's/.*\] a process costs \([0-9.]*\)x a thread$/\1/p')
	[ -n "$fork" ] && [ -n "$thread" ] && [ -n "$ratio" ]
	awk -v f="$fork" -v t="$thread" -v r="$ratio" \
		'BEGIN { exit !(f > 0 && t > 0 && r > 1 && (f / t - r) ^ 2 < 0.1 + r / 10) }'
	# It really forked and started threads, one of each per round.
	run fl -c 'demo cost-create rounds=3; wait; ps'
	rows=$(record_rows "$output")
	[ "$(grep -c ' parent > child$' <<< "$rows")" -eq 3 ]
	[ "$(grep -c ' thread parent > thread$' <<< "$rows")" -eq 3 ]
}

@test "memory: N processes take more Rss than N threads; copy-on-write copies only written pages" {
	run fl -c 'demo cost-memory workers=3 mb=2'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	[ "$(printf '%s\n' "$output" | grep -Ec '\] worker-[1-3] \(pid [0-9]+\): Rss [0-9.]+ MB, Pss [0-9.]+ MB, Private_Dirty [0-9.]+ MB$')" -eq 3 ]
	procs=$(printf '%s\n' "$output" | sed -n 's/.*memory: parent and 3 worker processes: Rss \([0-9.]*\) MB, Pss [0-9.]* MB in all$/\1/p')
	threads=$(printf '%s\n' "$output" | sed -n 's/.*memory: one process with 3 worker threads: Rss \([0-9.]*\) MB, Pss [0-9.]* MB$/\1/p')
	[ -n "$procs" ] && [ -n "$threads" ]
	awk -v p="$procs" -v t="$threads" 'BEGIN { exit !(p > t && t > 6) }'
	# Each worker process wrote its 2 MB itself.
	printf '%s\n' "$output" | sed -n 's/.*Private_Dirty \([0-9.]*\) MB$/\1/p' |
		awk '{ if ($1 < 2) bad = 1 } END { exit bad }'
	# (ThreadSanitizer writes its shadow memory when the child only reads.)
	[ "${FORKLORE_SANITIZED:-}" != thread ] || return 0
	run fl -c 'demo cost-cow mb=8'
	echo "$output"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -Eq '\] child: read a byte of every page: .*, grew by 0 MB$'
	printf '%s\n' "$output" | grep -Eq '\] child: wrote a byte of every page: .*, grew by (7|8|9) MB$'
	printf '%s\n' "$output" | grep -q 'parent: my buffer still holds 1:'
}

# The server's children in /proc now, as "PID NAME" lines.
children_of() {
	local pid
	for pid in $(pgrep -P "$1"); do
		echo "$pid $(cat "/proc/$pid/comm" 2>/dev/null)"
	done
}
four_workers() { [ "$(children_of "$root" | grep -c ' worker-[1-4]$')" -eq 4 ]; }

@test "a process per connection: four worker processes at once, one PID per request" {
	start_plain --speed 0.5 -c 'demo cost-server work=2; wait; ps'
	wait_until 5 grep -q 'demo cost-server started as pid' "$out"
	root=$(root_of "$(cat "$out")")
	# While they work, /proc has the four, each the server's child.
	wait_until 5 four_workers
	live=$(children_of "$root" | grep ' worker-' | cut -d' ' -f1 | sort)
	wait "$ui"
	cat "$out"
	left_nothing "$(cat "$out")"
	forked=$(sed -n 's/.*server: connection [1-4] from port [0-9]*: forked worker-[1-4], pid \([0-9]*\)$/\1/p' "$out" | sort)
	answered=$(sed -n 's/.*client: request [1-4] answered by worker-[1-4], pid \([0-9]*\), tid \1$/\1/p' "$out" | sort)
	[ "$(sort -u <<< "$forked" | wc -l)" -eq 4 ]
	[ "$forked" = "$answered" ] && [ "$forked" = "$live" ]
	grep -q 'client: 4 requests answered by 4 distinct PIDs and 4 distinct TIDs$' "$out"
	rows=$(record_rows "$(cat "$out")")
	for pid in $forked; do
		grep -Eqx "$pid $root exit 0 server > worker-[1-4]" <<< "$rows"
		[ ! -e "/proc/$pid" ]
	done
}

@test "a thread per connection: every answer from the server's one PID, each from its own thread" {
	run fl -c 'demo cost-server threads=on; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	root=$(root_of "$output")
	[ "$(printf '%s\n' "$output" | grep -c "client: request [1-4] answered by worker-[1-4], pid $root, tid [0-9]*$")" -eq 4 ]
	printf '%s\n' "$output" | grep -q 'client: 4 requests answered by 1 distinct PIDs and 4 distinct TIDs$'
	rows=$(record_rows "$output")
	[ "$(grep -Ec "^[0-9]+ $root exit 0 thread server > worker-[1-4]$" <<< "$rows")" -eq 4 ]
	# No process but the client besides the server itself.
	[ "$(grep -vc ' thread ' <<< "$rows")" -eq 2 ]
}
