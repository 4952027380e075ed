#!/usr/bin/env bats
# multitasking.bats - the multitasking lesson's demos show what the lesson
# says: checked against /proc while the busy workers run (who gains CPU
# time, which CPUs they may use, their states), and against their output.

load helpers

# A test that fails half-way must not leave its forklore running.
teardown() {
	[ -z "${ui:-}" ] || kill -9 "$ui" 2> /dev/null || true
}

# Start a demo at speed 1; $root is its root, $workers its busy-N PIDs.
start_workers() {
	start_plain --speed 1 --seed 1 -c "demo $*"
	wait_until 5 grep -q "demo ${1} started as pid" "$out"
	root=$(sed -n "s/.*demo ${1} started as pid \([0-9]*\);.*/\1/p" "$out")
	wait_until 5 workers_up "$2"
}
workers_up() {
	local want=${1#workers=} p
	workers=""
	for p in $(pgrep -P "$root"); do
		[[ "$(cat "/proc/$p/comm" 2> /dev/null)" == busy-* ]] && workers="$workers $p"
	done
	[ "$(echo $workers | wc -w)" -eq "$want" ]
}

# Sample the workers for about $1 seconds. /proc gives the CPUs each may
# use (Cpus_allowed_list: printed first, one a line), the CPU each last
# ran on (field 39 of stat), its state, and the CPU time it has had
# (/proc/PID/schedstat, in ns). Prints "samples N", "both-R N" (samples
# with 2 or more in state R), "apart N" (samples with workers on two
# CPUs or more), "cpus C..." (the CPUs they were seen on)
# and "most R": the most CPU time they gained together in one 0.25 s
# window, in CPUs' worth (1.0: one CPU all the time). A running task's
# count lags by up to a timer tick (4 ms at 250 Hz), so a window can
# show a little more than it had: with one of them on a CPU at a time,
# at most 1 + 0.004 / 0.25, about 1.02.
sample() {
	python3 - "$1" $workers <<'PY'
import sys, time
seconds, pids = float(sys.argv[1]), sys.argv[2:]
def read(p, name):
    with open(f"/proc/{p}/{name}") as f:
        return f.read()
for p in pids:
    print([l.split()[1] for l in read(p, "status").splitlines()
           if l.startswith("Cpus_allowed_list")][0])
samples = both_r = apart = 0
cpus, most = set(), 0.0
start = time.monotonic()
window = (start, [int(read(p, "schedstat").split()[0]) for p in pids])
while time.monotonic() < start + seconds:
    try:
        stats = [read(p, "stat").rsplit(")", 1)[1].split() for p in pids]
        ran = [int(read(p, "schedstat").split()[0]) for p in pids]
    except (OSError, IndexError):
        break                      # a worker has ended
    now = time.monotonic()
    samples += 1
    both_r += [f[0] for f in stats].count("R") >= 2
    cpus.update(f[36] for f in stats)
    apart += len(set(f[36] for f in stats)) >= 2
    if now - window[0] >= 0.25:
        gained = sum(ran) - sum(window[1])
        most = max(most, gained / 1e9 / (now - window[0]))
        window = (now, ran)
    time.sleep(0.001)
print(f"samples {samples}\nboth-R {both_r}\napart {apart}\n"
      f"cpus {' '.join(sorted(cpus))}")
print(f"most {most:.2f}")
PY
}
count() { printf '%s\n' "$samples" | sed -n "s/^$1 //p"; }

@test "pinned: the workers may use one CPU, all show R, and together they have one CPU's worth" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	[ -r /proc/self/schedstat ] || skip "no /proc/PID/schedstat in this kernel"
	start_workers sched-turns workers=3 seconds=2 pin=on
	sleep 0.1
	samples=$(sample 1.5)
	echo "$samples"
	# One CPU, the same for all three.
	[ "$(printf '%s\n' "$samples" | head -n 3 | sort -u | wc -l)" -eq 1 ]
	[[ "$(printf '%s\n' "$samples" | head -n 1)" =~ ^[0-9]+$ ]]
	[ "$(count samples)" -ge 50 ]
	# R means "running or ready to run": waiting for their turn, they
	# are R as well, though only one can be on the CPU...
	[ "$(count both-R)" -ge $(( $(count samples) / 2 )) ]
	# ...which is the one they may use...
	[ "$(count cpus)" = "$(printf '%s\n' "$samples" | head -n 1)" ]
	# ...and together they never had more than one CPU's worth.
	awk -v m="$(count most)" 'BEGIN { exit !(m > 0.2 && m <= 1.05) }'
	wait "$ui"
	grep -q 'parent: at most 1 of the 3 workers had a CPU at the same moment' "$out"
	# Their own chart agrees: never two '#' in one column.
	chart=$(sed -n 's/.*parent: *busy-[0-9] \([#.]*\)$/\1/p' "$out")
	[ "$(printf '%s\n' "$chart" | wc -l)" -eq 3 ]
	for c in $(seq 1 60); do
		[ "$(printf '%s\n' "$chart" | cut -c"$c" | grep -c '#')" -le 1 ]
	done
	grep -q 'nothing of it is left running' "$out"
}

@test "spread over 2 CPUs: they sit on different CPUs at once, and two run at the same moment" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	[ -r /proc/self/schedstat ] || skip "no /proc/PID/schedstat in this kernel"
	[ "$(nproc)" -ge 2 ] || skip "one CPU: nothing to spread over"
	start_workers sched-turns workers=3 seconds=2 pin=off
	sleep 0.1
	samples=$(sample 1.5)
	echo "$samples"
	# Each may use every CPU (a range or a list, not one number).
	[[ ! "$(printf '%s\n' "$samples" | head -n 1)" =~ ^[0-9]+$ ]]
	# The kernel put them on more than one CPU at the same time. (Their
	# CPU time together shows more than one CPU's worth only if the
	# machine has some to spare: a loaded one may not.)
	[ "$(count cpus | wc -w)" -ge 2 ]
	[ "$(count apart)" -ge 1 ]
	wait "$ui"
	grep -Eq 'parent: at most [23] of the 3 workers had a CPU at the same moment' "$out"
}

# The share a line "parent: NAME (nice N) had P% of it" gives NAME.
share() { printf '%s\n' "$output" | sed -n "s/.*parent: $1 (nice [0-9]*) had \([0-9]*\)% of it$/\1/p"; }

@test "nice: the niced worker gets clearly less of one CPU, and equals share alike" {
	run fl --speed 0.2 -c 'demo sched-share workers=2 seconds=3 nice=5'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"parent: busy-1 runs at nice 5, the others at 0"* ]]
	niced=$(share busy-1) other=$(share busy-2)
	[ -n "$niced" ] && [ -n "$other" ]
	# Weights 335 and 1024: about 25% and 75%.
	[ "$niced" -le 40 ] && [ "$other" -ge 60 ]
	run fl --speed 0.2 -c 'demo sched-share workers=2 seconds=3'
	echo "$output"
	one=$(share busy-1) two=$(share busy-2)
	[ "$one" -ge 35 ] && [ "$one" -le 65 ] && [ "$two" -ge 35 ]
	# Pinned, they had one CPU's worth at most.
	[[ "$output" =~ CPU\ time\ in\ [0-9.]+\ s:\ (0\.[0-9]|1\.[01])\ CPUs\'\ worth ]]
}

# "NAME: cpu ... (I involuntary, V voluntary)": I and V.
switches() {
	printf '%s\n' "$output" |
		sed -n "s/.*] $1: cpu .*(\([0-9]*\) involuntary, \([0-9]*\) voluntary).*/\1 \2/p"
}

@test "the sleeper's switches are voluntary, the busy workers' involuntary" {
	run fl --speed 0.2 -c 'demo sched-share workers=2 seconds=3 sleeper=on'
	echo "$output"
	[ "$status" -eq 0 ]
	read -r invol vol <<< "$(switches sleeper)"
	# Sleeping 2 ms at a time (10 ms at speed 0.2) for 0.6 s.
	[ "$vol" -ge 50 ] && [ "$invol" -lt $((vol / 4)) ]
	for w in busy-1 busy-2; do
		read -r invol vol <<< "$(switches "$w")"
		[ "$invol" -ge 20 ] && [ "$vol" -lt $((invol / 4 + 1)) ]
	done
	[[ "$output" =~ sleeper:\ woke\ [0-9]+\ times,\ [0-9.]+\ ms\ late ]]
	[[ "$output" =~ parent:\ sleeper\ \(nice\ 0\)\ had\ [0-5]%\ of\ it ]]
}

@test "at speed 0 the busy loops end at once, and the demos say the run was too short" {
	run fl -c 'demo sched-turns workers=8 seconds=30; demo sched-share workers=8 seconds=60 sleeper=on'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"too short to show their turns"* ]]
	[[ "$output" == *"too little to share out, as /proc counts it in ticks"* ]]
	[[ "$output" != *"at most"* ]] && [[ "$output" != *"% of it"* ]]
	[ "$(printf '%s\n' "$output" | grep -c 'exit status 0 after 0\.[01][0-9] s; nothing of it is left running')" -eq 2 ]
}

@test "the Python listings print the same lines: turns pinned, and nice shares" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run fl --speed 0.2 --no-predict -c 'open multitasking; run python; wait'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"parent: at most 1 of the 3 workers had a CPU at the same moment"* ]]
	[ "$(printf '%s\n' "$output" | grep -cE '\] parent: +busy-[1-3] [#.]{60}$')" -eq 3 ]
	run fl --speed 0.2 --no-predict -c 'open multitasking; goto 4; run python; wait'
	echo "$output"
	[ "$status" -eq 0 ]
	niced=$(share busy-1)
	[ -n "$niced" ] && [ "$niced" -le 40 ]
	[ "$(printf '%s\n' "$output" | grep -cE '\] busy-[12]: cpu [0-9.]+ s in [0-9.]+ s; off the CPU [0-9]+ times \([0-9]+ involuntary, [0-9]+ voluntary\)')" -eq 2 ]
}
