#!/usr/bin/env bats
# gil.bats - the GIL lesson's demos show what the lesson says: C threads
# and processes use the cores for CPU-bound work, Python threads take
# turns (about one core's worth of CPU time in all, from /proc), blocking
# waits overlap in both, and a tiny switch interval makes updates go.

load helpers

# The multiple printed for "N KIND: 1.02x one task".
multiple() { sed -n "s/.* [0-9]* $1: \([0-9.]*\)x one task.*/\1/p" <<< "$output" | head -n 1; }
# CPUs' worth of the threads' CPU time, and its parts.
worth() { sed -n "s/.*threads' CPU time: \([0-9.]*\) s in \([0-9.]*\) s of wall time, \([0-9.]*\) CPUs' worth.*/\\$1/p" <<< "$output" | head -n 1; }
# awk as a test: is the expression true?
is() { awk "BEGIN { exit !($1) }"; }
cpus() { nproc; }

# Run a step's demo ($2: "run" or "run python ...") at --speed $3, and
# check its table with the function $4. Other programs share the CPUs on
# a loaded machine, so up to three runs: the check must hold in one, and
# if it never does, the demo must have said that others were busy.
step_check() {
	local step=$1 how=$2 speed=$3 check=$4 try
	for try in 1 2 3; do
		output=$(printf 'open gil\ngoto %s\n%s\nwait\n' "$step" "$how" |
			timeout 60 "$FORKLORE" --plain --speed "$speed" --seed 1 --no-predict 2>&1)
		echo "$output" | grep '^\['
		grep -q 'demo ended, exit status 0 .*nothing of it is left running' <<< "$output" || return 1
		"$check" && return 0
	done
	grep -q 'MainThread: note: ' <<< "$output" ||
		{ echo "the check failed three times, with no note of other programs"; return 1; }
	skip "other programs kept the CPUs busy in three runs"
}

# The C table's lines, and on 2+ cores threads and processes overlap.
c_cpu() {
	grep -q 'C threads have no GIL; this process may use [0-9]* CPU' <<< "$output" || return 1
	[ "$(grep -c 'MainThread: Thread-[12] used [0-9.]* s of CPU (utime+stime)' <<< "$output")" -eq 2 ] || return 1
	t=$(multiple threads) p=$(multiple processes)
	[ -n "$t" ] && [ -n "$p" ] && [ -n "$(worth 3)" ] || return 1
	is "$t > 0.6 && $t < 3 && $p > 0.6 && $p < 3 && $(worth 1) > 0" || return 1
	[ "$(cpus)" -ge 2 ] || return 0
	# Both threads computed at once: about 2 CPUs' worth of CPU time.
	is "$t < 1.5 && $p < 1.5 && $(worth 1) > 1.5 * $(worth 2)"
}

@test "C: the table's lines are there, each thread's CPU time from /proc, and on 2+ cores threads and processes overlap" {
	step_check 1 run 0.25 c_cpu
}

# Python's: the GIL line; threads take turns, processes do not.
python_cpu() {
	line=$(grep 'MainThread: Python [0-9.]*, GIL enabled: ' <<< "$output")
	[ -n "$line" ] || return 1
	[ "$(grep -c 'MainThread: Thread-[0-9]* (work) used [0-9.]* s of CPU' <<< "$output")" -eq 2 ] || return 1
	t=$(multiple threads) p=$(multiple processes)
	[ -n "$t" ] && [ -n "$p" ] || return 1
	[[ "$line" == *"GIL enabled: True"* ]] || return 0
	# However many cores: the threads' CPU time is one core's worth at most.
	is "$(worth 1) <= 1.3 * $(worth 2)" || return 1
	[ "$(cpus)" -ge 2 ] || return 0
	is "$t >= 1.5 && $p < 1.5"
}

@test "Python: GIL enabled; its threads take turns (>= 1.5x one task, <= 1 core's worth of CPU), its processes do not" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	step_check 1 'run python' 0.25 python_cpu
	[[ "$line" == *"GIL enabled: True"* ]] || skip "this python3 runs without the GIL"
	[ "$(cpus)" -ge 2 ] || skip "one CPU: the comparisons need two"
}

# Blocked threads overlap and use almost no CPU, in C and in Python.
io_overlap() {
	t=$(multiple threads) p=$(multiple processes)
	[ -n "$t" ] && [ -n "$p" ] && is "$t < 1.3 && $p < 1.5 && $(worth 1) < 0.05"
}

@test "I/O-bound: blocked threads overlap, in C and in Python, and use almost no CPU" {
	step_check 3 run 0.2 io_overlap
	command -v python3 > /dev/null || skip "python3 is not installed"
	step_check 3 'run python' 0.2 io_overlap
}
@test "at speed 0 a task is too short to time: no table, and it says so" {
	run fl -c 'demo gil-cpu workers=3; demo gil-io'
	echo "$output"
	[ "$(grep -c 'too short to time against the scheduler' <<< "$output")" -eq 2 ]
	! grep -q 'x one task' <<< "$output"
	[ "$(grep -c 'nothing of it is left running' <<< "$output")" -eq 2 ]
}

@test "the switch interval: no update lost at 5 ms, lost in Python with a tiny interval" {
	run fl -c 'demo gil-switch'
	echo "$output"
	[[ "$output" == *"switch interval 5000 us: updates lost in 0 of 20 trials (20000 rounds a thread;"* ]]
	[[ "$output" == *"trial 1: counter = 40000 of 40000"* ]]
	command -v python3 > /dev/null || skip "python3 is not installed"
	output=$(printf 'open gil\ngoto 5\nrun python interval=1\nwait\n' |
		timeout 60 "$FORKLORE" --plain --speed 0 --no-predict 2>&1)
	echo "$output"
	n=$(sed -n 's/.*switch interval 1 us: updates lost in \([0-9]*\) of 20 trials.*/\1/p' <<< "$output")
	[ -n "$n" ] && [ "$n" -ge 1 ]
}
