#!/bin/bash
# bench/run.sh - `make bench`: measure forklore, print a table and write it
# to bench/results.md. Every figure is a median of repeated runs; a ratio
# compares two medians taken in this same run. Needs ./forklore and
# $BUILD/bench (make builds both), tmux for the terminal figures, and
# python3 for the Python comparisons (skipped with a notice without it).
#
#   BENCH_RUNS=N       repetitions of each whole-program timing (default 21)
#   BENCH_DEMO_RUNS=N  repetitions of each in-process demo timing (101)
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
B="./$BUILD/bench"
F="$PWD/forklore"
RUNS=${BENCH_RUNS:-21}
DEMO_RUNS=${BENCH_DEMO_RUNS:-101}
OUT=bench/results.md
export LC_ALL=C.UTF-8
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
unset NO_COLOR

rows=()          # markdown table rows
demo_rows=()     # the per-demo table

# field NAME LINE: the number after NAME in a "name value name value" line.
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<< "$2"; }
# calc EXPR: floating-point arithmetic.
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# ok COND: "ok" or "MISSED" (and count it).
ok() {
	if awk "BEGIN { exit !($1) }"; then echo ok; else echo MISSED; fi
}
row() { rows+=("| $1 | $2 | $3 | $4 |"); printf '  %-58s %s  [%s]\n' "$1" "$3" "$4"; }

# The real interpreter, not a wrapper script that would add its own
# start-up to every Python figure.
PY=""
if command -v python3 > /dev/null; then
	PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
fi

echo "forklore benchmarks ($RUNS runs per timing; $(nproc) cores; $(uname -sr))"

# ---- 1. start to first prompt --------------------------------------------
echo "== start-up"
fk=$("$B" time "$RUNS" -- "$F" --plain -c quit)
fk_ms=$(calc "$(field median_us "$fk") / 1000")
if [ -n "$PY" ]; then
	py=$("$B" time "$RUNS" -- "$PY" -c 'import multiprocessing')
	py_ms=$(calc "$(field median_us "$py") / 1000")
	vs="; python3 -c 'import multiprocessing' $py_ms ms, $(calc "$py_ms / $fk_ms" 1)x slower"
else
	vs="; python3 not found, no comparison"
fi
row "start to first prompt, plain mode (\`forklore -c quit\`)" "<= 10 ms" \
	"$fk_ms ms$vs" "$(ok "$fk_ms <= 10")"

# ---- 2. the primitives and every core demo ---------------------------------
echo "== demos at --speed 0: through forklore's runner, bare, and in Python"
prim=$("$B" primitives 1001)
fork_us=$(field fork_wait_us "$prim")
thread_us=$(field thread_create_join_us "$prim")
row "bare fork+exit+wait / thread create+join (reference)" "~150 us / ~30 us" \
	"$fork_us us / $thread_us us" "info"
core="fork-once fork-memory fork-twice fork-many process-start process-zombie
process-terminate process-daemon process-many pool-run subprocess-call
subprocess-pipe queue-pipe thread-loop thread-join thread-daemon thread-stop
lock-race lock-counter threadlocal"
worst=0 worst_name="" untr_worst=0 untr_worst_name="" floor_worst=0 floor_worst_name=""
over_worst=0 over_worst_name="" rec_ok=0 rec_all=0 rec_worst=0 rec_worst_name="" py_min="" py_min_name="" py_ten=0 py_all=0
[ -n "$PY" ] || echo "  python3 not found: the Python comparisons are skipped"
# note_record NAME LINE: the record's figures from one compare line.
note_record() {
	local rec floor over
	rec=$(field record_ratio "$2")
	floor=$(field floor_ratio "$2")
	over=$(calc "$(field runner_us "$2") / $(field floor_us "$2")" 2)
	if awk "BEGIN { exit !($rec > $rec_worst) }"; then rec_worst=$rec rec_worst_name=$1; fi
	if awk "BEGIN { exit !($floor > $floor_worst) }"; then floor_worst=$floor floor_worst_name=$1; fi
	if awk "BEGIN { exit !($over > $over_worst) }"; then over_worst=$over over_worst_name=$1; fi
	awk "BEGIN { exit !($rec <= 1.5) }" && rec_ok=$((rec_ok + 1))
	rec_all=$((rec_all + 1))
}
for d in $core; do
	args=()
	# The Python version has no slow motion; neither does this run.
	[ "$d" = lock-race ] && args=(slow=off)
	# Alternating runs: one through the runner, one bare, and again.
	c=$("$B" compare "$d" "$DEMO_RUNS" "${args[@]}") || echo "  $d: a run failed: $c"
	r_us=$(field runner_us "$c")
	u_us=$(field untraced_us "$c")
	b_us=$(field bare_us "$c")
	ratio=$(field ratio "$c")
	rec=$(field record_ratio "$c")
	note_record "$d" "$c"
	if awk "BEGIN { exit !($ratio > $worst) }"; then worst=$ratio worst_name=$d; fi
	untr=$(calc "$u_us / $b_us" 2)
	if awk "BEGIN { exit !($untr > $untr_worst) }"; then untr_worst=$untr untr_worst_name=$d; fi
	py_col="-"
	if [ -n "$PY" ]; then
		whole=$("$B" time "$RUNS" -- "$F" --plain --speed 0 -c "demo $d ${args[*]}")
		p=$("$B" time "$RUNS" -- "$PY" "bench/py/${d//-/_}.py")
		w_ms=$(calc "$(field median_us "$whole") / 1000")
		p_ms=$(calc "$(field median_us "$p") / 1000")
		pr=$(calc "$p_ms / $w_ms" 1)
		py_col="$w_ms ms / $p_ms ms = ${pr}x"
		if [ -z "$py_min" ] || awk "BEGIN { exit !($pr < $py_min) }"; then
			py_min=$pr py_min_name=$d
		fi
		awk "BEGIN { exit !($pr >= 10) }" && py_ten=$((py_ten + 1))
		py_all=$((py_all + 1))
	fi
	demo_rows+=("| $d${args[*]:+ ${args[*]}} | $(calc "$r_us" 0) | $(calc "$u_us" 0) | $(calc "$b_us" 0) | $(calc "$(field floor_us "$c")" 0) | ${ratio}x | ${rec}x | $(field floor_ratio "$c")x | $(calc "$r_us / $(field floor_us "$c")" 2)x | $py_col |")
	printf '  %-18s runner %8.0f us  untraced %8.0f us  bare %8.0f us  %5sx  record %5sx  ptrace alone %5sx  %s\n' \
		"$d" "$r_us" "$u_us" "$b_us" "$ratio" "$rec" "$(field floor_ratio "$c")" "$py_col"
done
# The record's cost where it is largest: many processes, many threads.
for heavy in "fork-many children=100" "lock-race trials=100"; do
	set -- $heavy
	c=$("$B" compare "$1" "$DEMO_RUNS" "${@:2}") || echo "  $heavy: a run failed: $c"
	rec=$(field record_ratio "$c")
	note_record "$heavy" "$c"
	r_us=$(field runner_us "$c")
	demo_rows+=("| $heavy | $(calc "$r_us" 0) | $(calc "$(field untraced_us "$c")" 0) | $(calc "$(field bare_us "$c")" 0) | $(calc "$(field floor_us "$c")" 0) | $(field ratio "$c")x | ${rec}x | $(field floor_ratio "$c")x | $(calc "$r_us / $(field floor_us "$c")" 2)x | - |")
	printf '  %-18s record %5sx  ptrace alone %5sx\n' "$heavy" "$rec" "$(field floor_ratio "$c")"
done
row "every core demo through the runner, record off, against bare C (worst)" "<= 2x" \
	"${untr_worst}x ($untr_worst_name)" "$(ok "$untr_worst <= 2")"
row "the same with the record on (worst)" "info" \
	"${worst}x ($worst_name)" "info"
row "the exact record (ptrace) on, against off, end to end (worst)" "<= 1.5x" \
	"${rec_worst}x ($rec_worst_name); 1.5x or less in $rec_ok of $rec_all" "$(ok "$rec_worst <= 1.5")"
row "ptrace alone (the same stops, nothing kept), against bare (worst)" "info: the floor under the record" \
	"${floor_worst}x ($floor_worst_name)" "info"
row "the record against ptrace alone (worst): forklore's own share" "info" \
	"${over_worst}x ($over_worst_name)" "info"
if [ -n "$PY" ]; then
	# Expected, not a target: a demo that execs a program (ls, tr) spends
	# most of its time in that program, the same in both.
	row "the same demos in Python, sleeps removed" "10x or more expected" \
		"Python slower by ${py_min}x ($py_min_name) or more; 10x or more in $py_ten of $py_all" \
		"info"
	# `run python`: the same Python programs as forklore runs a lesson's
	# listing (the start-up module that names and tags, the runner, the
	# record), against python3 FILE alone.
	echo "== Python programs through run python, and alone"
	py_worst=0 py_worst_name="" py_rows=""
	for f in fork_once process_start pool_run subprocess_pipe thread_join lock_race; do
		c=$("$B" python "$RUNS" "bench/py/$f.py") || echo "  $f: a run failed: $c"
		pr=$(field ratio "$c")
		printf '  %-18s run python %8.2f ms  alone %8.2f ms  %5sx\n' "$f.py" \
			"$(calc "$(field runner_us "$c") / 1000")" "$(calc "$(field alone_us "$c") / 1000")" "$pr"
		py_rows="$py_rows $f $(calc "$(field runner_us "$c") / 1000" 1)/$(calc "$(field alone_us "$c") / 1000" 1) ms;"
		if awk "BEGIN { exit !($pr > $py_worst) }"; then py_worst=$pr py_worst_name=$f; fi
	done
	row "run python against python3 FILE alone (worst of 6)" "<= 1.1x" \
		"${py_worst}x ($py_worst_name);${py_rows%;}" "$(ok "$py_worst <= 1.1")"
fi

# ---- 3-6. in a real terminal ----------------------------------------------
SOCK="forklore-bench-$$"
tm() { tmux -L "$SOCK" "$@"; }
screen() { tm capture-pane -p; }
# cpu_ticks PID: utime + stime, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
switches() { awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$1/status"; }
wait_for() { # wait_for SECONDS TEXT
	local i
	for ((i = 0; i < $1 * 50; i++)); do
		screen | grep -qF -- "$2" && return 0
		sleep 0.02
	done
	echo "  (timed out waiting for '$2')"
	return 1
}
start_ui() { # start_ui COLS ROWS
	tm kill-server 2> /dev/null
	tm -f /dev/null new-session -d -x "$1" -y "$2" "'$F' fork"
	tm set-option -g status off > /dev/null
	wait_for 5 'forklore fork 1/6>'
	guard=$(pgrep -x forklore-guard -s "$(tm display -p '#{pane_pid}')" | head -n 1)
	ui=$(pgrep -x forklore -P "$guard")
}
# until_screen PATTERN: wait (busily, for a latency) until the last line
# of the screen matches; gives up after 5 s.
until_screen() {
	local end=$(( $(date +%s) + 5 ))
	until screen | tail -n 1 | grep -q -- "$1"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
	done
}
HZ=$(getconf CLK_TCK)

if ! command -v tmux > /dev/null; then
	echo "== tmux not found: the terminal figures are skipped"
else
	echo "== the curses interface in tmux"
	# 3. Idle at the prompt for 10 s.
	start_ui 80 24
	sleep 1
	s0=$(switches "$ui") c0=$(cpu_ticks "$ui") g0=$(switches "$guard")
	sleep 10
	s1=$(switches "$ui") c1=$(cpu_ticks "$ui") g1=$(switches "$guard")
	wake=$(calc "($s1 - $s0) / 10" 1)
	cpu=$(calc "($c1 - $c0) * 100 / $HZ / 10" 1)
	row "idle prompt, curses UI, 10 s" "0 wake-ups/s, 0.0% CPU" \
		"$wake wake-ups/s, $cpu% CPU (guard: $(( g1 - g0 )) wake-ups)" \
		"$(ok "$wake == 0 && $cpu == 0")"

	# 4. The monitor at 10 Hz: ten processes, then ten threads.
	worst_cpu=0
	for demo in 'fork-many children=10 linger=30' 'thread-join threads=10 seconds=10'; do
		tm send-keys "demo $demo" Enter
		sleep 2
		c0=$(cpu_ticks "$ui")
		sleep 5
		c1=$(cpu_ticks "$ui")
		cpu=$(calc "($c1 - $c0) * 100 / $HZ / 5" 1)
		echo "  monitor on '$demo': $cpu% of one core"
		awk "BEGIN { exit !($cpu > $worst_cpu) }" && worst_cpu=$cpu
		tm send-keys C-c
		wait_for 5 'demo stopped after' > /dev/null
		tm send-keys C-l
	done
	row "monitor at 10 Hz, 10 processes / 10 threads, UI process" "<= 2% of a core" \
		"$worst_cpu% (the busier of the two)" "$(ok "$worst_cpu <= 2")"

	# 5. A keystroke while a demo prints 10,000 lines/s, seen on tmux's
	# screen. Each sample types one letter and waits for it at the prompt.
	tm send-keys 'demo flood lines=10000000 rate=10000' Enter
	wait_for 5 'line 2000 of' > /dev/null
	lat=()
	for i in $(seq 1 "$RUNS"); do
		letter=$(printf "\\x$(printf %x $((97 + i % 26)))")
		t0=$(date +%s%N)
		tm send-keys -l "$letter"
		until_screen "> .*$letter\$" || echo "  (keystroke $i not seen)"
		lat+=($(( ($(date +%s%N) - t0) / 1000 )))
		tm send-keys C-u
		until_screen '> *$' || echo "  (the line was not cleared)"
	done
	lat_ms=$(printf '%s\n' "${lat[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }')
	lat_max=$(printf '%s\n' "${lat[@]}" | sort -n | tail -n 1 | awk '{ printf "%.1f", $1 / 1000 }')
	row "keystroke to screen while a demo prints 10,000 lines/s" "<= 50 ms" \
		"$lat_ms ms median, $lat_max ms worst (through tmux)" "$(ok "$lat_ms <= 50")"
	tm send-keys C-c
	wait_for 5 'demo stopped after' > /dev/null

	# 6. Resident memory after a million lines of output.
	tm send-keys 'demo flood lines=1000000 rate=0' Enter
	wait_for 120 'demo ended' > /dev/null
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$ui/status")
	hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$ui/status")
	rss_mb=$(calc "$rss / 1024" 1)
	row "resident memory after 1,000,000 output lines" "<= 16 MB" \
		"$rss_mb MB (peak $(calc "$hwm / 1024" 1) MB)" "$(ok "$rss_mb <= 16")"
	tm send-keys quit Enter
	sleep 0.5
	tm kill-server 2> /dev/null
fi

# ---- 7. the /proc scan of a demo's tree --------------------------------------
echo "== the /proc scan"
scan_rows=""
per1="" per100=""
for n in 1 10 50 100; do
	s=$("$B" scan "$n" 201)
	us=$(field median_us "$s")
	per=$(field per_process_us "$s")
	[ "$n" = 1 ] && per1=$per
	[ "$n" = 100 ] && per100=$per
	scan_rows="$scan_rows $n: ${us} us;"
	echo "  $n processes: $us us, $per us per process ($(field proc_entries "$s") /proc entries)"
done
s=$("$B" scan 10 201 300)
echo "  10 processes among 300 unrelated ones: $(field median_us "$s") us ($(field proc_entries "$s") /proc entries)"
row "/proc scan of the demo tree, 1 to 100 processes" "linear, not per /proc entry" \
	"${scan_rows# } 10 among 300 others: $(field median_us "$s") us; per process $per1 us at 1, $per100 us at 100" \
	"$(ok "$per100 <= $per1 * 2")"

# ---- the results -----------------------------------------------------------
{
	echo "# forklore benchmarks"
	echo
	echo "Written by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, $(uname -sr)."
	echo "Each figure is a median: of $RUNS runs for whole programs, $DEMO_RUNS for"
	echo "the in-process demo timings, 201 for scans; ratios"
	echo "compare medians taken in the same run."
	echo
	echo "| figure | target | measured | |"
	echo "| --- | --- | --- | --- |"
	printf '%s\n' "${rows[@]}"
	echo
	echo "## Each core demo at \`--speed 0\`"
	echo
	echo "*runner*: started, supervised and ended by forklore's runner (pipe, tagged"
	echo "lines, /proc scans, and the record: every task followed with ptrace),"
	echo "until its end is reported. *untraced*: the same with --no-trace, no"
	echo "record. *bare*: the same demo"
	echo "code forked, its output read from a pipe to the end (as a terminal"
	echo "reads it), and waited for: the same system calls, without forklore."
	echo "*ptrace alone*: the bare run followed with ptrace as the record"
	echo "follows it (the same options and name filter, so the same stops) by"
	echo "the simplest tracer: it waits, lets each stop go, and keeps nothing."
	echo "What it costs over bare is ptrace's own price on this machine, the"
	echo "floor under any record made this way; *record / ptrace alone* is"
	echo "what forklore adds on top (the record, the event loop, the scans)."
	echo "Recorded, untraced, bare and ptrace-alone runs alternate, so all see"
	echo "the same machine."
	echo "*Python*: the whole"
	echo "\`forklore --plain --speed 0 -c 'demo NAME'\` (start-up included) against"
	echo "\`python3 bench/py/NAME.py\`, the same work with sleeps removed."
	echo
	echo "| demo | runner (us) | untraced (us) | bare (us) | ptrace alone (us) | runner / bare | record on / off | ptrace alone / bare | record / ptrace alone | forklore / Python |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	printf '%s\n' "${demo_rows[@]}"
} > "$OUT"
missed=$(printf '%s\n' "${rows[@]}" | grep -c '| MISSED |')
echo "written to $OUT; $missed target(s) missed"
