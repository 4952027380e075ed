#!/usr/bin/env bats
# pools.bats - a pool of 4 workers and 5 tasks: tasks 0-3 start at once,
# task 4 waits for a free worker and runs on its PID, results come back.

load helpers

@test "4 workers, 5 tasks: the first four start at once, the fifth reuses a worker" {
	run "$FORKLORE" --plain --speed 0.5 --seed 1 -c 'open pools; run'
	[ "$status" -eq 0 ]
	out=$(printf '%s\n' "$output" | grep '^\[')
	first_done=$(echo "$out" | grep -n 'done after' | head -n 1 | cut -d: -f1)
	for t in 0 1 2 3; do
		start=$(echo "$out" | grep -n ": task $t starts" | cut -d: -f1)
		[ -n "$start" ] && [ "$start" -lt "$first_done" ]
	done
	start4=$(echo "$out" | grep -n ': task 4 starts' | cut -d: -f1)
	[ "$start4" -gt "$first_done" ]
	# Task 4 runs in a worker that had finished a task before: same PID.
	pid4=$(echo "$out" | grep ': task 4 starts' | sed 's/^\[\([0-9]*\) .*/\1/')
	earlier=$(echo "$out" | head -n "$start4" | grep 'done after' | sed 's/^\[\([0-9]*\) .*/\1/')
	echo "$earlier" | grep -qx "$pid4"
	# No other process was made for it: four workers and the parent.
	parent=$(printf '%s\n' "$output" | sed -n 's/.*demo pool-run started as pid \([0-9]*\);.*/\1/p')
	[ "$(echo "$out" | sed 's/^\[\([0-9]*\) .*/\1/' | grep -vx "$parent" | sort -u | wc -l)" -eq 4 ]
	# Every result reaches the parent, from the worker that ran the task.
	for t in 0 1 2 3 4; do
		ran=$(echo "$out" | grep ": task $t starts" | sed 's/^\[\([0-9]*\) .*/\1/')
		echo "$out" | grep -q "parent: result of task $t = $((t * t)), from pid $ran$"
	done
}

@test "with 5 workers all five tasks start at once" {
	run "$FORKLORE" --plain --speed 0.5 --seed 1 -c 'open pools; run workers=5'
	out=$(printf '%s\n' "$output" | grep '^\[')
	first_done=$(echo "$out" | grep -n 'done after' | head -n 1 | cut -d: -f1)
	[ "$(echo "$out" | head -n "$first_done" | grep -c 'starts')" -eq 5 ]
}

@test "each worker takes the name of the task it runs: the record shows which worker ran which task" {
	run fl --speed 0.05 -c 'demo pool-run workers=4 tasks=5; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	# Every task, in exactly one worker's names, and that worker is the
	# one the output says started it. (Long name lists wrap: join them.)
	flat=$(printf '%s\n' "$output" | sed -n '/^PID\/TID/,$p' | tr -s ' \n' '  ')
	for t in 0 1 2 3 4; do
		[ "$(grep -oE "> worker-[1-4] task $t >" <<< "$flat" | wc -l)" -eq 1 ]
		w=$(printf '%s\n' "$output" | sed -n "s/.*\] \(worker-[1-4]\): task $t starts$/\1/p")
		grep -qE "> $w task $t >" <<< "$flat"
	done
}
