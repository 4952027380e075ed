#!/usr/bin/env bats
# record.bats - the exact record of a run (issue 14): every process and
# thread a demo makes, however short its life, with its exec'd programs
# and how it ended, compared with what strace -f sees of the same demo.

load helpers

# ThreadSanitizer runs a thread of its own in every process, made in a
# forked child before forklore can follow it: the counts of threads and
# the names of threads are not the demo's own there.
not_under_tsan() {
	[ "${FORKLORE_SANITIZED:-}" != thread ] ||
		skip "ThreadSanitizer adds threads of its own to every process"
}

# The shape of a run: processes, threads, exec'd programs, and how the
# processes ended; from forklore's `ps` after the run (mode ps) or from an
# strace -f log and the demo's root PID (mode strace).
shape() {
	python3 - "$@" <<'PY'
import re, signal, sys
mode, path = sys.argv[1], sys.argv[2]
procs, threads, execs, ends = 0, 0, [], []
if mode == "ps":
    text = open(path).read()
    row = re.compile(r"^\s*(\d+)\s+(\d+)\s+[\d.]+\s+(\S+)\s+"
                     r"(exit \d+|signal \d+|ended|running)\s+(thread )?")
    for line in text.splitlines():
        m = re.match(r"^\s+[\d.]+\s+exec (\S+)$", line)
        if m:
            execs.append(m.group(1))
            continue
        m = row.match(line)
        if not m:
            continue
        if m.group(5):
            threads += 1
        else:
            procs += 1
            ends.append(m.group(4))
else:
    # strace -ff: one file per task, PATH.PID, so no call is split.
    import glob, os
    root = int(sys.argv[3])
    ours, thread = {root}, set()
    status, exe, made = {}, {}, {}
    for name in glob.glob(path + ".*"):
        pid = int(name.rsplit(".", 1)[1])
        for rest in open(name).read().splitlines():
            c = re.match(r"^(clone3?|fork|vfork)\((.*)\) = (\d+)$", rest)
            if c:
                made.setdefault(pid, []).append(
                    (int(c.group(3)), "CLONE_THREAD" in c.group(2)))
                continue
            e = re.match(r'^execve\("([^"]*)".* = 0$', rest)
            if e:
                exe.setdefault(pid, []).append(e.group(1).rsplit("/", 1)[-1])
            x = re.match(r"^\+\+\+ exited with (\d+) \+\+\+$", rest)
            k = re.match(r"^\+\+\+ killed by (SIG\w+)", rest)
            if x:
                status[pid] = "exit " + x.group(1)
            elif k:
                status[pid] = "signal %d" % getattr(signal, k.group(1))
    todo = [root]
    while todo:
        for new, is_thread in made.get(todo.pop(), []):
            if new not in ours:
                ours.add(new)
                todo.append(new)
                if is_thread:
                    thread.add(new)
    for pid in ours:
        execs += exe.get(pid, [])
        if pid in thread:
            threads += 1
        else:
            procs += 1
            ends.append(status.get(pid, "?"))
print("processes %d threads %d execs %s ends %s" %
      (procs, threads, ",".join(sorted(execs)), ",".join(sorted(ends))))
PY
}

# Every demo that ends by itself, with parameters that keep it short, and
# those that leave something for forklore to end (escape, frozen).
DEMOS=(
	"fork-once linger=0" "fork-memory linger=0" "fork-twice linger=0"
	"fork-many" "process-start" "process-start join=off"
	"process-zombie linger=0" "process-terminate after=0"
	"process-daemon" "process-many" "pool-run" "pool-run workers=2 tasks=8"
	"subprocess-call missing=on" "subprocess-pipe linger=0"
	"queue-pipe items=4" "thread-loop count=2" "thread-join seconds=0"
	"thread-daemon work=0" "thread-stop after=0" "lock-race trials=3"
	"lock-counter increments=1000" "threadlocal" "flood lines=100 rate=0"
	"escape linger=0" "frozen linger=0"
	"gil-cpu" "gil-io" "gil-switch trials=3"
	"cost-create rounds=5" "cost-memory workers=2" "cost-cow mb=4"
	"cost-crash after=0" "cost-crash after=0 threads=off"
	"cost-server work=0" "cost-server threads=on work=0"
	"sched-turns workers=2 seconds=1" "sched-share workers=2 seconds=1 sleeper=on"
	"sync-semaphore seconds=0" "sync-event after=0"
	"sync-condition items=4 consumers=2" "sync-printers lines=1"
	"sync-printers lock=off"
	"dist-master" "dist-master kill=on" "dist-login" "dist-login intruder=4321"
	"dist-worker"
	"coro-tasks" "coro-tasks hog=on steps=2" "coro-switch samples=3 batch=5"
	"process-terminate after=0 join=off linger=0" "process-subclass count=2"
	"queue-socketpair" "queue-feeder" "queue-feeder kb=4"
	"cancel-lock" "cancel-lock cleanup=on" "cancel-point rounds=2"
	"cancel-point testcancel=on" "signal-threads after=0"
	"signal-threads open=0 after=0" "signal-threads target=3 after=0"
)

@test "the record equals what strace -f sees, for every demo" {
	not_under_tsan
	command -v strace > /dev/null || skip "needs strace"
	local d n=0
	for d in "${DEMOS[@]}"; do
		n=$((n + 1))
		"$FORKLORE" --plain --speed 0.02 --seed 1 -c "demo $d; wait; ps" \
			> "$BATS_TEST_TMPDIR/ps.$n" 2>&1
		# LeakSanitizer cannot run under ptrace; leaks are checked
		# elsewhere.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -ff -q -e trace=execve,clone,clone3,fork,vfork \
			-o "$BATS_TEST_TMPDIR/strace.$n" \
			"$FORKLORE" --plain --no-trace --speed 0.02 --seed 1 -c "demo $d; wait" \
			> "$BATS_TEST_TMPDIR/out.$n" 2>&1
		root=$(sed -n 's/.*started as pid \([0-9]*\);.*/\1/p' "$BATS_TEST_TMPDIR/out.$n")
		mine=$(shape ps "$BATS_TEST_TMPDIR/ps.$n")
		theirs=$(shape strace "$BATS_TEST_TMPDIR/strace.$n" "$root")
		echo "$d: record:  $mine"
		echo "$d: strace:  $theirs"
		[ "$mine" = "$theirs" ] || return 1
		[[ "$mine" == "processes "[1-9]* ]] || return 1
	done
}

@test "tasks that live a millisecond or so are in the record, the monitor and the timeline" {
	run fl -c 'demo thread-join seconds=0; wait; ps'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"every process and thread it made, as the tracer saw them"* ]]
	# All five threads, born and ended within the run, however short.
	[ "$(printf '%s\n' "$output" | grep -cE 'exit 0 +thread MainThread > Thread-[1-5]$')" -eq 5 ]
	printf '%s\n' "$output" | awk '/thread MainThread > Thread-/ && $4 - $3 < 2.0 { found = 1 }
		END { exit !found }'
	# All three of subprocess-call's children, each with its program.
	run fl -c 'demo subprocess-call missing=on; wait; ps'
	[ "$(printf '%s\n' "$output" | grep -cE '^ +[0-9.]+ +exec (ls|false)$')" -eq 3 ]
	[[ "$output" == *"exit 127"*"parent > child"* ]]
	# In the panes: the threads get rows marked ended with their status,
	# and the timeline after the run has a row for each. (Under
	# ThreadSanitizer its own threads take rows and names too: the rows
	# counted here are the other builds'.)
	[ "${FORKLORE_SANITIZED:-}" != thread ] || return 0
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 120 40
	term_type "cd '$ROOT' && '$FORKLORE' --no-predict locks; echo exit=\$?"
	wait_until 5 term_has 'forklore locks 1/6>'
	term_type 'run trials=2'
	wait_until 10 term_has 'demo ended, exit status 0'
	wait_until 5 term_has 'thread changer-5  (exit 0)'
	term_type 'zoom monitor'
	wait_until 5 term_has 'every task: # running'
	[ "$(term_screen | grep -cE '^ +changer-[58] ')" -eq 4 ]
	term_type quit
	wait_until 5 term_has 'exit=0'
}

# Check a trace file against the rules of the Chrome trace event format:
# a traceEvents list; each event with a phase, a name, a pid and a tid;
# metadata with its args; complete slices with a start and a duration;
# instants with a start and a scope; and a named track for every slice.
# Prints "tracks N slices N instants N".
trace_valid() {
	python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
events = doc["traceEvents"]
assert isinstance(events, list) and events, "no traceEvents"
named, tracks, slices, instants = set(), set(), 0, 0
for e in events:
    assert e["ph"] in ("M", "X", "i"), e
    assert isinstance(e["name"], str) and e["name"], e
    assert isinstance(e["pid"], int) and isinstance(e["tid"], int), e
    if e["ph"] == "M":
        assert e["name"] in ("process_name", "thread_name",
                             "process_sort_index"), e
        assert isinstance(e["args"], dict), e
        if e["name"] == "thread_name":
            named.add((e["pid"], e["tid"]))
    elif e["ph"] == "X":
        assert e["ts"] >= 0 and e["dur"] >= 0, e
        tracks.add((e["pid"], e["tid"]))
        slices += 1
    else:
        assert e["ts"] >= 0 and e["s"] in ("g", "p", "t"), e
        instants += 1
assert tracks <= named, "a track without a name"
assert doc.get("displayTimeUnit") in ("ms", "ns")
print("tracks %d slices %d instants %d" % (len(tracks), slices, instants))
PY
}

@test "trace FILE: the record as a Chrome trace, valid, and loaded by the trace engine of Chrome's DevTools" {
	not_under_tsan
	trace="$BATS_TEST_TMPDIR/run.json"
	run fl -c "demo subprocess-call missing=on; wait; trace $trace"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Wrote the record of the last run (subprocess-call, 5 tasks) to"* ]]
	# Five tracks; a slice per name (the first process was forklore's
	# copy, then parent; each child was parent, then child, and three of
	# them ls or false after their exec); three execs and five ends.
	[ "$(trace_valid "$trace")" = "tracks 5 slices 13 instants 8" ]
	grep -q '"name":"exec ls"' "$trace"
	grep -q '"name":"exit 127"' "$trace"
	# It never overwrites a file.
	run fl -c "demo fork-once linger=0; wait; trace $trace"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$trace exists; trace never overwrites a file"* ]]
	[ "$(trace_valid "$trace")" = "tracks 5 slices 13 instants 8" ]
	# A real consumer: DevTools' own trace engine (./quickstart check
	# installs it under build/).
	engine="$ROOT/build/trace-engine/node_modules/@paulirish/trace_engine"
	[ -d "$engine" ] && command -v node > /dev/null ||
		skip "the trace engine of Chrome's DevTools is not installed (./quickstart check installs it)"
	run node "$ROOT/tests/trace-engine.mjs" "$engine" "$trace"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 5 ]
	[ "$(printf '%s\n' "${lines[@]}" | awk '{ print $3 }' | sort | tr '\n' ' ')" = "child false ls ls parent " ]
}

@test "--trace FILE: every run of the session in one trace, rewritten after each, never over a file" {
	not_under_tsan
	trace="$BATS_TEST_TMPDIR/session.json"
	run fl --trace "$trace" -c 'demo fork-once linger=0; wait; demo thread-join seconds=0; wait'
	[ "$status" -eq 0 ]
	# fork-once: two processes; thread-join: one with five threads; a
	# slice per name each had.
	[ "$(trace_valid "$trace")" = "tracks 8 slices 16 instants 8" ]
	grep -q '"runs":"forklore session, 2 runs"' "$trace"
	# The second run comes after the first on the time axis.
	python3 - "$trace" <<'PY'
import json, sys
ev = [e for e in json.load(open(sys.argv[1]))["traceEvents"] if e["ph"] == "X"]
first = [e for e in ev if e["name"] == "parent"][0]
threads = [e for e in ev if e["name"].startswith("Thread-")]
assert threads and min(t["ts"] for t in threads) > first["ts"] + first["dur"]
PY
	run fl --trace "$trace" -c quit
	[ "$status" -eq 2 ]
	[ "$output" = "forklore: $trace exists; --trace never overwrites a file (choose another name)" ]
}

# The monitor's ended rows on screen: "PID PPID X NAME (exit N)".
ended_rows() {
	term_screen | grep -oE '│ +[0-9]+ +[0-9]+ X  +[a-z-]+  \((exit|signal) [0-9]+\)' |
		sed 's/│//'
}
five_ended() { rows=$(ended_rows); [ "$(grep -c . <<< "$rows")" -eq 5 ]; }

@test "the monitor's ended rows are true: gone from /proc, each with the status its parent got" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 120 40
	term_type "cd '$ROOT' && '$FORKLORE' --no-predict --speed 0.2 subprocess; echo exit=\$?"
	wait_until 5 term_has 'forklore subprocess 1/4>'
	term_type 'run missing=on'
	# The parent and its four children (ls twice, false, and the child
	# whose exec failed), each marked X with how it ended.
	wait_until 10 five_ended
	echo "$rows"
	while read -r pid ppid state name how code; do
		[ ! -e "/proc/$pid" ] || { echo "$pid is still in /proc"; return 1; }
		[ "$state" = X ]
	done <<< "$rows"
	grep -qE ' ls  \(exit 0\)$' <<< "$rows"
	grep -qE ' ls  \(exit 2\)$' <<< "$rows"
	grep -qE ' false  \(exit 1\)$' <<< "$rows"
	grep -qE ' child  \(exit 127\)$' <<< "$rows"
	grep -qE ' parent  \(exit 0\)$' <<< "$rows"
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "--no-trace runs a demo that strace can follow, and says the record is not exact" {
	run fl --no-trace -c 'demo fork-once linger=0; wait; ps'
	[ "$status" -eq 0 ]
	[[ "$output" == *"was not traced: only its first process is known"* ]]
	# Under strace, forklore cannot trace the demo: it runs all the same.
	command -v strace > /dev/null || skip "needs strace"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	run strace -f -qq -o /dev/null "$FORKLORE" --plain --speed 0 -c 'demo fork-once linger=0; wait'
	[ "$status" -eq 0 ]
	[[ "$output" == *"nothing of it is left running"* ]]
}

teardown() {
	term_stop
}

@test "a new thread is never shown under its creator's name, MainThread" {
	not_under_tsan
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 120 40
	term_type "cd '$ROOT' && '$FORKLORE' --no-predict locks; echo exit=\$?"
	wait_until 5 term_has 'forklore locks 1/6>'
	# Two new threads every few milliseconds, for a few seconds.
	term_type 'run trials=200'
	wait_until 5 term_has 'thread changer-'
	seen=0
	for i in $(seq 60); do
		screen=$(term_screen)
		[[ "$screen" == *"thread MainThread"* ]] && { echo "$screen"; return 1; }
		[[ "$screen" == *"thread changer-"* ]] && seen=$((seen + 1))
		sleep 0.03
	done
	[ "$seen" -gt 10 ]
	term_type stop
	wait_until 10 term_has 'forklore locks 1/6>'
	term_type quit
	wait_until 5 term_has 'exit=0'
}
