#!/usr/bin/env bats
# distributed.bats - the lesson on distributed processes: a master serves
# tasks over TCP to workers that log in with an HMAC challenge. Checked
# from the output, the exact record that `ps` lists after a run, and
# /proc while it runs (the master's listening socket, each worker's
# connection to it); bad input never harms the master; nothing is left.

load helpers

teardown() {
	[ -z "${ui:-}" ] || kill -9 "$ui" 2> /dev/null || true
	[ -z "${iface:-}" ] || kill -9 "$iface" 2> /dev/null || true
	[ -z "${ui2:-}" ] || kill -9 "$ui2" 2> /dev/null || true
	true
}

# The record's rows after `ps`, as "PID PARENT HOW NAME...".
# The demo starts no thread; ThreadSanitizer starts one of its own in
# every process, and those rows are left out.
record_rows() {
	local tsan=
	[ "${FORKLORE_SANITIZED:-}" = thread ] && tsan=1
	printf '%s\n' "$1" | sed -n '/^PID\/TID/,$p' | tail -n +2 |
		awk '/^ +[0-9]+ +[0-9]+ / { $3 = ""; $4 = ""; print }' | tr -s ' ' |
		sed 's/^ //' | awk -v tsan="$tsan" '!(tsan && $5 == "thread")'
}
root_of() { printf '%s\n' "$1" | sed -n 's/.*started as pid \([0-9]*\);.*/\1/p' | head -n 1; }
port_of() { printf '%s\n' "$1" | sed -n 's/.*master: listening on [0-9.]*:\([0-9]*\).*/\1/p' | head -n 1; }
left_nothing() { [[ "$1" == *"demo ended, exit status 0 after "*"; nothing of it is left running"* ]]; }
# The PID in the tag of NAME's lines.
pid_of() { printf '%s\n' "$1" | grep "^\[[0-9]* $2\] " | tag_pid; }

# /proc/net/tcp rows of a port, as "LOCALPORT REMOTEPORT STATE INODE"
# (ports in decimal; state 0A = LISTEN, 01 = ESTABLISHED).
tcp_rows() {
	awk 'function hex(h,   i, n) {
		n = 0
		for (i = 1; i <= length(h); i++)
			n = n * 16 + index("0123456789ABCDEF", substr(h, i, 1)) - 1
		return n
	}
	NR > 1 { split($2, l, ":"); split($3, r, ":");
		print hex(l[2]), hex(r[2]), $4, $10 }' /proc/net/tcp
}
# The socket inodes a process holds, one a line.
socket_inodes() {
	local fd
	for fd in /proc/"$1"/fd/*; do
		readlink "$fd" 2>/dev/null
	done | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p'
}
# Is any socket on port $1 listening, or connected, now?
port_in_use() { tcp_rows | awk -v p="$1" '($1 == p || $2 == p) && ($3 == "0A" || $3 == "01") { f = 1 } END { exit !f }'; }

@test "the master hands out every task once; each result names the worker that computed it" {
	run fl -c 'demo dist-master; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	root=$(root_of "$output")
	port=$(port_of "$output")
	[ -n "$port" ] && [ "$port" -gt 0 ]
	grep -q "^\[$root master\] master: put 6 tasks in the task queue$" <<< "$output"
	w1=$(pid_of "$output" worker-1)
	w2=$(pid_of "$output" worker-2)
	[ -n "$w1" ] && [ -n "$w2" ] && [ "$w1" != "$w2" ]
	for k in 1 2; do
		pid=$(pid_of "$output" worker-$k)
		grep -q "^\[$pid worker-$k\] worker-$k: answered the challenge: let in$" <<< "$output"
		grep -Eq "^\[$root master\] master: worker-$k \(pid $pid\) on [^ ]+ is in, from 127\.0\.0\.1:[0-9]+$" <<< "$output"
	done
	# Tasks 1..6, each one result, from the worker whose own line says
	# it computed it.
	for n in 1 2 3 4 5 6; do
		line=$(grep -E "^\[$root master\] master: result $n\*$n = $((n * n)) from worker-[12] \(pid [0-9]+\)$" <<< "$output")
		[ "$(grep -c . <<< "$line")" -eq 1 ]
		k=$(sed 's/.* from worker-\([12]\) .*/\1/' <<< "$line")
		pid=$(sed 's/.*(pid \([0-9]*\))$/\1/' <<< "$line")
		grep -q "^\[$pid worker-$k\] worker-$k: task $n -> $((n * n))$" <<< "$output"
	done
	grep -q "master: got 6 of 6 results$" <<< "$output"
	done1=$(sed -n 's/.*worker-1: the master says stop; tasks done: \([0-9]*\)$/\1/p' <<< "$output")
	done2=$(sed -n 's/.*worker-2: the master says stop; tasks done: \([0-9]*\)$/\1/p' <<< "$output")
	[ $((done1 + done2)) -eq 6 ]
	rows=$(record_rows "$output")
	echo "$rows"
	grep -Eqx "$w1 $root exit 0 master > worker-1" <<< "$rows"
	grep -Eqx "$w2 $root exit 0 master > worker-2" <<< "$rows"
	[ "$(grep -c . <<< "$rows")" -eq 3 ]
	! port_in_use "$port"
}

@test "FIDELITY: /proc shows the master listening on its port and each worker connected to it" {
	start_plain --speed 0.5 --seed 1 -c 'demo dist-master tasks=10 timeout=10; wait'
	wait_until 10 grep -q 'worker-2 (pid [0-9]*) on .* is in' "$out"
	wait_until 10 grep -q 'worker-1 (pid [0-9]*) on .* is in' "$out"
	text=$(cat "$out")
	root=$(root_of "$text")
	port=$(port_of "$text")
	w1=$(pid_of "$text" worker-1)
	w2=$(pid_of "$text" worker-2)
	[ -n "$root" ] && [ -n "$port" ] && [ -n "$w1" ] && [ -n "$w2" ]
	rows=$(tcp_rows)
	master_inodes=$(socket_inodes "$root")
	echo "port $port; master $root: $master_inodes"
	# The master's listening socket: local port, state LISTEN, its inode.
	listen=$(awk -v p="$port" '$1 == p && $3 == "0A" { print $4 }' <<< "$rows")
	[ -n "$listen" ]
	grep -qx "$listen" <<< "$master_inodes"
	for k in 1 2; do
		pid=$(pid_of "$text" worker-$k)
		[ "$(cat "/proc/$pid/comm")" = "worker-$k" ]
		[ "$(stat_field "$pid" 2)" = "$root" ]
		inodes=$(socket_inodes "$pid")
		echo "worker-$k $pid: $inodes"
		# Exactly one socket in the worker: connected to the port.
		[ "$(grep -c . <<< "$inodes")" -eq 1 ]
		mine=$(awk -v p="$port" -v i="$inodes" '$2 == p && $3 == "01" && $4 == i { print $1 }' <<< "$rows")
		[ -n "$mine" ]
		# ...and the master holds the other end: local port, remote
		# the worker's port.
		theirs=$(awk -v p="$port" -v m="$mine" '$1 == p && $2 == m && $3 == "01" { print $4 }' <<< "$rows")
		[ -n "$theirs" ]
		grep -qx "$theirs" <<< "$master_inodes"
		# Not the listener: a worker never holds it.
		! grep -qx "$listen" <<< "$inodes"
	done
	wait "$ui"
	cat "$out"
	left_nothing "$(cat "$out")"
	grep -q 'master: got 10 of 10 results$' "$out"
	for pid in "$root" "$w1" "$w2"; do
		[ ! -e "/proc/$pid" ]
	done
	! port_in_use "$port"
}

@test "a wrong key is refused, with a line on both sides; the right one lets anyone in" {
	run fl -c 'demo dist-login'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	grep -Eq '^\[[0-9]+ master\] master: 127\.0\.0\.1:[0-9]+ answered the challenge wrongly: refused \(wrong key\)$' <<< "$output"
	grep -Eq '^\[[0-9]+ intruder\] intruder: answered the challenge: refused \(wrong key\)$' <<< "$output"
	! grep -q 'intruder: task' <<< "$output"
	! grep -q 'task [0-9]* to intruder' <<< "$output"
	grep -q 'master: got 3 of 3 results$' <<< "$output"
	grep -q 'worker-1: the master says stop; tasks done: 3$' <<< "$output"
	run fl -c 'demo dist-login intruder=4321'
	echo "$output"
	left_nothing "$output"
	! grep -q 'refused' <<< "$output"
	grep -Eq 'master: intruder \(pid [0-9]+\) on .* is in' <<< "$output"
	grep -q 'master: got 3 of 3 results$' <<< "$output"
}

@test "a worker killed holding a task: the master sees it go and gives the task to another" {
	run fl -c 'demo dist-master kill=on; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	root=$(root_of "$output")
	w1=$(pid_of "$output" worker-1)
	n=$(sed -n 's/.*worker-1: got task \([0-9]*\); now I die by SIGKILL, with the task unfinished$/\1/p' <<< "$output")
	[ -n "$n" ]
	grep -q "master: worker-1 (pid $w1) went away holding task $n: task $n goes back in the queue$" <<< "$output"
	# After that, worker-2 got that task and computed it.
	after=$(sed -n "/went away holding task $n/,\$p" <<< "$output")
	grep -Eq "master: task $n to worker-2 \(pid [0-9]+\)$" <<< "$after"
	grep -Eq "master: result $n\*$n = $((n * n)) from worker-2 " <<< "$after"
	grep -q 'master: got 6 of 6 results$' <<< "$output"
	[ "$(grep -c 'master: result ' <<< "$output")" -eq 6 ]
	grep -q "master: worker-1 (pid $w1) was killed by signal 9 (Killed)$" <<< "$output"
	grep -q 'worker-2: the master says stop; tasks done: 6$' <<< "$output"
	rows=$(record_rows "$output")
	grep -Eqx "$w1 $root signal 9 master > worker-1" <<< "$rows"
}

@test "no workers: the master's get() times out after timeout seconds with 0 results" {
	run fl -c 'demo dist-master workers=0 timeout=1; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing "$output"
	grep -q 'master: get() timed out: no result came for 1 s$' <<< "$output"
	grep -q 'master: got 0 of 6 results$' <<< "$output"
	secs=$(sed -n 's/^demo ended, exit status 0 after \([0-9.]*\) s.*/\1/p' <<< "$output")
	awk -v s="$secs" 'BEGIN { exit !(s >= 0.95 && s < 3) }'
	rows=$(record_rows "$output")
	[ "$(grep -c . <<< "$rows")" -eq 1 ]
}

@test "garbage, oversized, cut and silent connections: the master drops each and goes on" {
	start_plain --speed 0 -c 'demo dist-master workers=0 timeout=3; wait'
	wait_until 5 grep -q 'master: listening on' "$out"
	root=$(root_of "$(cat "$out")")
	port=$(port_of "$(cat "$out")")
	[ -n "$port" ]
	send() { printf "$1" > "/dev/tcp/127.0.0.1/$port"; }
	send 'GET / HTTP/1.0\r\n\r\n'
	wait_until 5 grep -q 'sent a message of 1195725856 bytes (the limit is 256): dropped' "$out"
	send '\0\0\0\5hello'
	wait_until 5 grep -q "sent 'hello', which it may not send now: dropped" "$out"
	send '\0\0\0\11ans\0wer 1'
	wait_until 5 grep -q "sent 'ans?wer 1', which it may not send now: dropped" "$out"
	send '\0\0\0\20abc'
	wait_until 5 grep -q 'hung up in the middle of a message: dropped' "$out"
	send '\0\0\0\0'
	wait_until 5 grep -q 'sent a message of 0 bytes' "$out"
	head -c 100000 /dev/urandom > "/dev/tcp/127.0.0.1/$port" 2>/dev/null || true
	# One that says nothing at all, and keeps the connection open.
	exec 5<>"/dev/tcp/127.0.0.1/$port"
	wait_until 5 grep -q 'did not finish the handshake in time: dropped' "$out"
	exec 5>&-
	# Through all of it, the master lived, alone.
	[ -d "/proc/$root" ]
	[ -z "$(pgrep -P "$root")" ]
	wait "$ui"
	cat "$out"
	[ "$(grep -c 'master: connection from 127.0.0.1:[0-9]*: sent it a challenge' "$out")" -eq 7 ]
	[ "$(grep -c ': dropped$' "$out")" -eq 7 ]
	grep -q 'master: got 0 of 6 results$' "$out"
	left_nothing "$(cat "$out")"
	[ ! -e "/proc/$root" ]
	! port_in_use "$port"
}

@test "dist-worker: workers from another forklore log in to a master on host=0.0.0.0 and do its tasks" {
	start_plain --speed 0 -c 'demo dist-master host=0.0.0.0 workers=0 timeout=5; wait'
	wait_until 5 grep -q 'master: listening on 0.0.0.0:[0-9]*, every address of this machine$' "$out"
	port=$(port_of "$(cat "$out")")
	# (Slowed down, so that no worker does all six before the others
	# are in.)
	run fl --speed 0.2 -c "demo dist-worker port=$port workers=3"
	echo "$output"
	left_nothing "$output"
	[ "$(grep -c 'answered the challenge: let in$' <<< "$output")" -eq 3 ]
	grep -q 'workers: all 3 have ended$' <<< "$output"
	wait "$ui"
	cat "$out"
	grep -q 'master: got 6 of 6 results$' "$out"
	[ "$(grep -Ec 'master: worker-[123] \(pid [0-9]+\) on .* is in, from 127\.0\.0\.1:' "$out")" -eq 3 ]
	# The pids the master names are the workers' own.
	for pid in $(sed -n 's/.*master: result .* from worker-[123] (pid \([0-9]*\))$/\1/p' "$out" | sort -u); do
		grep -q "^\[$pid worker-[123]\] " <<< "$output"
	done
	# A wrong key, and nobody at port 0: each says so.
	run fl -c 'demo dist-worker workers=1'
	grep -q 'worker-1: cannot connect: Connection refused$' <<< "$output"
	grep -q 'workers: port 0 is no master' <<< "$output"
	start_plain --speed 0 -c 'demo dist-master workers=0 timeout=2; wait'
	wait_until 5 grep -q 'master: listening on' "$out"
	port=$(port_of "$(cat "$out")")
	run fl -c "demo dist-worker port=$port key=1 workers=1"
	grep -q 'worker-1: answered the challenge: refused (wrong key)$' <<< "$output"
	wait "$ui"
	grep -q 'answered the challenge wrongly: refused (wrong key)$' "$out"
}

@test "stopped mid-run: no process and no socket on the port is left" {
	run fl --speed 1 -c 'demo dist-master tasks=30 timeout=10; wait "master: result"; stop'
	echo "$output"
	[[ "$output" == *"demo stopped after "*"nothing of it is left running"* ]]
	port=$(port_of "$output")
	[ -n "$port" ]
	for name in master worker-1 worker-2; do
		pid=$(pid_of "$output" "$name")
		[ -n "$pid" ]
		[ ! -e "/proc/$pid" ]
	done
	! port_in_use "$port"
	! grep -q 'got 30 of 30' <<< "$output"
}

# pyrun STEP [ARGS...]: run python on that step of the lesson, wait, ps.
pyrun() {
	local step=$1
	shift
	printf 'open distributed\ngoto %s\nrun python %s\nwait\nps\n' "$step" "$*" |
		timeout 60 "$FORKLORE" --plain --speed "${PYSPEED:-0}" --seed 1 --no-predict
}

@test "run python: a real BaseManager on loopback; a wrong authkey refused on both sides; a killed worker's task is lost" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 1
	echo "$output"
	left_nothing "$output"
	grep -Eq '\] master: listening on 127\.0\.0\.1:[1-9][0-9]*$' <<< "$output"
	for n in 1 2 3 4 5 6; do
		line=$(grep -E "\] master: result $n\*$n = $((n * n)) from worker-[12] \(pid [0-9]+\)$" <<< "$output")
		pid=$(sed 's/.*(pid \([0-9]*\))$/\1/' <<< "$line")
		# The PID is the worker process's that printed the task.
		grep -Eq "^\[$pid worker-[12]\] worker-[12]: task $n -> $((n * n))$" <<< "$output"
	done
	grep -q 'master: got 6 of 6 results$' <<< "$output"
	# The handshake, with multiprocessing.connection.
	run pyrun 4
	echo "$output"
	left_nothing "$output"
	grep -q '\] master: a newcomer answered the challenge wrongly: refused (wrong key)$' <<< "$output"
	grep -q '^\[[0-9]* intruder\] intruder: answered the challenge: refused (wrong key)$' <<< "$output"
	grep -q 'master: result 1\*1 = 1 from worker-1' <<< "$output"
	# A killed worker: a manager's queue does not give the task back.
	PYSPEED=0.1 run pyrun 5 timeout=1
	echo "$output"
	left_nothing "$output"
	grep -q 'worker-1: got task [0-9]*; now I die by SIGKILL' <<< "$output"
	grep -q 'master: get() timed out: no result came for 1 s$' <<< "$output"
	grep -q 'master: got 5 of 6 results$' <<< "$output"
	grep -q 'master: worker-1 (pid [0-9]*) was killed by signal 9 (Killed)$' <<< "$output"
	# No workers; and workers with no master.
	run pyrun 6 timeout=1
	grep -q 'master: got 0 of 6 results$' <<< "$output"
	left_nothing "$output"
	run pyrun 8
	echo "$output"
	[ "$(grep -c 'cannot connect: Connection refused$' <<< "$output")" -eq 2 ]
	left_nothing "$output"
}
