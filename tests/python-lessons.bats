#!/usr/bin/env bats
# python-lessons.bats - every lesson's Python listings, run live with
# `run python`, show what their steps say: checked from the listing's own
# output, its tags (PID, TID, the names forklore gives in the kernel) and
# the exact record that `ps` lists after the run.

load helpers

setup() {
	command -v python3 > /dev/null || skip "python3 is not installed"
}

# pyrun LESSON STEP [ARGS...]: run python on that step, wait, then ps.
pyrun() {
	local lesson=$1 step=$2
	shift 2
	printf 'open %s\ngoto %s\nrun python %s\nwait\nps\n' "$lesson" "$step" "$*" |
		timeout 120 "$FORKLORE" --plain --speed 0 --seed 1 --no-predict
}

# The run's root PID, and its lines and record rows.
parse() {
	root=$(printf '%s\n' "$output" | sed -n 's/.*demo python started as pid \([0-9]*\);.*/\1/p')
	lines=$(printf '%s\n' "$output" | grep '^\[')
	# ps rows: "PID PARENT BORN ENDED HOW NAME..." (continuations joined).
	rows=$(printf '%s\n' "$output" | sed -n '/^PID\/TID/,$p' | tail -n +2 |
		awk '/^ +[0-9]+ +[0-9]+ / { if (r) print r; r = $0; next }
		     /^ +[^ 0-9]/ { sub(/^ +/, " "); r = r $0; next }
		     { if (r) print r; r = "" } END { if (r) print r }')
	[ -n "$root" ]
	printf '%s\n' "$output" | grep -q "demo ended, exit status 0 after .*; nothing of it is left running"
}

# The PID in a line's tag.
tag_pid() { sed 's/^\[\([0-9]*\)[ :].*/\1/'; }

@test "fork: the child is a new PID whose fork() returned 0, and the parent got that PID" {
	run pyrun fork 1
	parse
	child=$(echo "$lines" | grep "child: fork() returned 0" | tag_pid)
	[ -n "$child" ] && [ "$child" != "$root" ]
	echo "$lines" | grep -q "^\[$root MainProcess\] parent: fork() returned $child, the child's pid$"
	echo "$lines" | grep -q "my parent is $root$"
	# The record: the child, forked by the root, exited 0.
	echo "$rows" | grep -Eq "^ +$child +$root .* exit 0 "
}

@test "fork: two forks make four processes, a tree of three generations" {
	run pyrun fork 4
	parse
	[ "$(echo "$lines" | grep -c 'hello from pid')" -eq 4 ]
	pids=$(echo "$lines" | grep 'hello from pid' | tag_pid | sort -u)
	[ "$(echo "$pids" | wc -l)" -eq 4 ]
	# Each says its own PID, and all but the root name a parent among them.
	children=0
	while read -r line; do
		pid=$(echo "$line" | tag_pid)
		echo "$line" | grep -q "hello from pid $pid,"
		parent=$(echo "$line" | sed 's/.*my parent is \([0-9]*\)$/\1/')
		[ "$pid" = "$root" ] || { echo "$pids" | grep -qx "$parent"; children=$((children + 1)); }
	done <<< "$(echo "$lines" | grep 'hello from pid')"
	[ "$children" -eq 3 ]
}

@test "fork: many children; the parent waits for each and gets exit statuses 1 to N" {
	run pyrun fork 5 children=4
	parse
	[ "$(echo "$lines" | grep -c 'parent: started child')" -eq 4 ]
	statuses=$(echo "$lines" | sed -n 's/.*parent: pid [0-9]* ended, exit status \([0-9]*\)$/\1/p' | sort -n | tr '\n' ' ')
	[ "$statuses" = "1 2 3 4 " ]
	[ "$(echo "$rows" | grep -Ec " exit [1-4] ")" -eq 4 ]
}

@test "processes: the worker process is named worker in /proc, and join waits for its last step" {
	run pyrun processes 1
	parse
	worker=$(echo "$lines" | grep 'worker: step 1 of 3' | tag_pid)
	[ "$worker" != "$root" ]
	echo "$lines" | grep -q "^\[$worker worker\] worker: step 3 of 3$"
	last=$(echo "$lines" | grep -n 'worker: step 3 of 3' | cut -d: -f1)
	after=$(echo "$lines" | grep -n 'now I go on' | cut -d: -f1)
	[ "$last" -lt "$after" ]
	echo "$rows" | grep -Eq "^ +$worker +$root .*MainProcess > worker$"
}

@test "processes: the ended child is a zombie (state Z in /proc) under the Python parent until it is reaped" {
	run pyrun processes 3
	parse
	child=$(echo "$lines" | grep 'child: my work is done' | tag_pid)
	echo "$lines" | grep -q "^\[$root MainProcess\] parent: the child has exited; /proc/$child/stat says state Z$"
	echo "$lines" | grep -q "parent: reaped $child (exit code 7)"
	echo "$rows" | grep -Eq "^ +$child +$root .* exit 7 "
}

@test "processes: terminate() ends the child with SIGTERM, and the record says so" {
	run pyrun processes 4
	parse
	child=$(echo "$lines" | sed -n 's/.*terminating \([0-9]*\) with SIGTERM$/\1/p')
	[ -n "$child" ]
	echo "$rows" | grep -Eq "^ +$child +$root .* signal 15 "
}

@test "pools: 5 tasks on at most 4 worker processes, one of them reused, each named as Python names it" {
	run pyrun pools 1
	parse
	workers=$(echo "$lines" | grep ': task [0-9] starts' | tag_pid | sort -u)
	[ "$(echo "$workers" | wc -l)" -le 4 ]
	[ "$(echo "$lines" | grep -c ': task [0-9] starts')" -eq 5 ]
	# Some worker ran two tasks.
	[ "$(echo "$lines" | grep ': task [0-9] starts' | tag_pid | sort | uniq -d | wc -l)" -ge 1 ]
	for w in $workers; do
		echo "$lines" | grep -Eq "^\[$w ForkPoolWorke-[1-4]\] ForkPoolWorker-[1-4]: task"
		echo "$rows" | grep -Eq "^ +$w +$root .*MainProcess > ForkPoolWorke-[1-4]$"
	done
}

@test "subprocess: the PID the parent forked turns into tr (exec in the record)" {
	run pyrun subprocess 3
	parse
	child=$(echo "$lines" | sed -n 's/.*parent: started pid \([0-9]*\)$/\1/p')
	echo "$lines" | grep -q "parent: /proc/$child/comm of my child says tr$"
	echo "$lines" | grep -q "got back: HELLO FROM THE PARENT"
	echo "$rows" | grep -Eq "^ +$child +$root .* exit 0 .*> tr"
	echo "$output" | grep -A3 -E "^ +$child +$root " | grep -q "exec tr"
}

@test "queues: what the writer puts, the reader gets, in order; the reader is terminated" {
	run pyrun queues 1 items=4
	parse
	[ "$(echo "$lines" | sed -n 's/.*reader: got \([A-Z]\)$/\1/p' | tr -d '\n')" = "ABCD" ]
	reader=$(echo "$lines" | grep 'reader: got A' | tag_pid)
	echo "$rows" | grep -Eq "^ +$reader +$root .* signal 15 "
}

@test "threads: one PID, its TIDs named Thread-k (work) in /proc, each printing from its own TID" {
	run pyrun threads 2 threads=3
	parse
	for k in 1 2 3; do
		line=$(echo "$lines" | grep "Thread-$k (work): pid $root, tid")
		tid=$(echo "$line" | sed 's/.*tid \([0-9]*\);.*/\1/')
		echo "$line" | grep -q "^\[$root:$tid Thread-$k (work)\] "
		echo "$rows" | grep -Eq "^ +$tid +$root .* thread MainProcess > Thread-$k"
	done
}

@test "locks: with the lock, no update is lost; without it and slow motion, Python loses them too" {
	run pyrun locks 3 trials=3
	parse
	echo "$lines" | grep -q "with the lock: balance wrong in 0 of 3 trials"
	run pyrun locks 1 trials=3
	parse
	n=$(echo "$lines" | sed -n 's/.*without a lock: balance wrong in \([0-9]*\) of 3 trials.*/\1/p')
	[ -n "$n" ] && [ "$n" -ge 1 ]
}

@test "threadlocal: each thread sees its own student, and the main thread none" {
	run pyrun threadlocal 2
	parse
	echo "$lines" | grep -q "Thread-A\] Hello, Alice (in Thread-A)$"
	echo "$lines" | grep -q "Thread-B\] Hello, Bob (in Thread-B)$"
	! echo "$lines" | grep "Thread-A\]" | grep -q Bob
	echo "$lines" | grep -q "MainThread: my own student is not set"
}

@test "every Python listing of every lesson runs to a clean end with its step's parameters" {
	for lesson in fork processes pools subprocess queues threads locks threadlocal multitasking gil choosing sync stopping coroutines distributed; do
		file=$(ls "$ROOT"/lessons/*-"$lesson".lesson)
		nsteps=$(grep -c '^@step' "$file")
		# The lost update's trials are slow in Python (a yield between
		# read and write): three of them do.
		args=""
		[ "$lesson" = locks ] && args="trials=3"
		# One session per lesson: every step, run python, wait. Steps
		# with no listing to run (their own, or an earlier step's for
		# the same demo) say so and are counted.
		script="open $lesson"
		for step in $(seq 1 "$nsteps"); do
			script="$script
goto $step
run python $args
wait"
		done
		out=$(printf '%s\n' "$script" |
			timeout 300 "$FORKLORE" --plain --speed 0 --seed 1 --no-predict 2>&1) || true
		none=$(echo "$out" | grep -c "^error: step [0-9]* has no Python listing" || true)
		started=$(echo "$out" | grep -c "^demo python started")
		clean=$(echo "$out" | grep -c "^demo ended, exit status 0 after .*nothing of it is left running$")
		echo "$lesson: $nsteps steps, $started runs, $clean clean, $none without a listing"
		[ "$started" -gt 0 ]
		[ "$clean" -eq "$started" ]
		[ $((started + none)) -eq "$nsteps" ]
		! echo "$out" | grep "^error:" | grep -v "has no Python listing"
	done
}
