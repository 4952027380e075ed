#!/usr/bin/env bats
# Nothing left behind: every demo, run many times and stopped at random
# moments, leaves no process and no zombie. The counts here are the short
# version for `make check`; `make torture` sets TORTURE=1 for the long one.
load helpers

# A test that fails half-way must not leave its forklore running.
teardown() {
	[ -z "${ui:-}" ] || kill -9 "$ui" 2> /dev/null || true
	[ -z "${iface:-}" ] || kill -9 "$iface" 2> /dev/null || true
}

TORTURE_BIN="$ROOT/${BUILD:-build}/torture"

setup() {
	export FORKLORE="$FORKLORE"
	# Each stop run stops every demo once, at a random moment up to
	# stop_ms into its life: the long version spreads the moments over
	# each demo's first 1.5 s, many times over; `make check` once, early.
	if [ -n "${TORTURE:-}" ]; then
		census_runs=200 stop_runs=6 ctrlc_runs=4 stop_ms=1500
	else
		census_runs=10 stop_runs=1 ctrlc_runs=1 stop_ms=400
	fi
}

@test "census: every demo run many times at speed 0 leaves nothing" {
	run "$TORTURE_BIN" census -n "$census_runs"
	echo "$output"
	[ "$status" -eq 0 ]
	ndemos=$(fl -c demos | grep -c '^  [a-z]')
	[[ "$output" == *"census: $((census_runs * ndemos)) runs of $ndemos demos, 0 failures"* ]]
}

@test "census: with the subreaper switched off, the same check fails" {
	# The escaped daemon is then adopted by init, out of forklore's reach:
	# the census must see it (and it ends it afterwards).
	FORKLORE_NO_SUBREAPER=1 run "$TORTURE_BIN" census -n 2 escape
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"escape run 1: left behind: pid "*" (daemon), state "[RS]", parent "* ]]
}

@test "stop at random moments: the end comes back within 2 s, nothing left" {
	run "$TORTURE_BIN" stop -S 1 -m "$stop_ms" -n "$stop_runs"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *", 0 failures"* ]]
}

@test "Ctrl-C at random moments at an interactive prompt: the same" {
	run "$TORTURE_BIN" stop --pty -S 1 -m "$stop_ms" -n "$ctrlc_runs"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"(Ctrl-C), slowest return "*", 0 failures"* ]]
}

@test "a demo that ignores SIGTERM and SIGINT is killed after the grace period" {
	start_plain --speed 1 -c 'demo stubborn linger=30'
	wait_until 5 grep -q 'kid: still here after 1 s' "$out"
	root=$(sed -n 's/.*started as pid \([0-9]*\);.*/\1/p' "$out")
	kid=$(grep 'kid: still' "$out" | tag_pid)
	# Both really ignore them: bit 2 (INT) and bit 15 (TERM) of SigIgn.
	for pid in "$root" "$kid"; do
		ign=$(awk '/^SigIgn/ {print $2}' "/proc/$pid/status")
		[ $(( 0x$ign & 0x4002 )) -eq $(( 0x4002 )) ]
	done
	start=$(date +%s%N)
	kill -INT "$ui"
	wait "$ui" || true
	took=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$took" -ge 900 ] && [ "$took" -lt 2000 ]
	cat "$out"
	# Usually 2; 1 when the child died of its death signal first.
	grep -Eq 'demo stopped after .*; [12] process(es)? did not end on SIGTERM and needed SIGKILL' "$out"
	[ ! -e "/proc/$root" ] && [ ! -e "/proc/$kid" ]
}

@test "a stopped process left behind is continued and ended" {
	start_plain --speed 1 -c 'demo frozen linger=1'
	# T, or t (the tracing stop) while forklore keeps its record.
	wait_until 5 grep -qE 'is in state [Tt] \(stopped' "$out"
	frozen=$(grep 'stopping myself' "$out" | tag_pid)
	[[ "$(stat_field "$frozen" 1)" == [Tt] ]]
	wait "$ui"
	grep -q 'demo ended, exit status 0 after .*; 1 process it left behind was ended' "$out"
	[ ! -e "/proc/$frozen" ]
}

@test "a daemon that left the demo's group and session is still ended" {
	start_plain --speed 1 -c 'demo escape linger=30'
	wait_until 5 grep -q 'daemon: waiting for a signal' "$out"
	root=$(sed -n 's/.*started as pid \([0-9]*\);.*/\1/p' "$out")
	daemon=$(grep 'daemon: session' "$out" | tag_pid)
	# Out of the demo's group and session, and adopted by the interface.
	[ "$(stat_field "$daemon" 3)" != "$(stat_field "$root" 3)" ]
	[ "$(stat_field "$daemon" 4)" != "$(stat_field "$root" 4)" ]
	[ "$(stat_field "$daemon" 2)" = "$iface" ]
	kill -INT "$ui"
	wait "$ui" || true
	[ ! -e "/proc/$daemon" ]
	grep -q 'demo stopped after' "$out"
}

@test "demos start with default signals and an empty mask, whatever forklore inherits" {
	out="$BATS_TEST_TMPDIR/out"
	"$TORTURE_BIN" exec -i INT,QUIT,USR1,TERM,PIPE,CHLD,32,33 -b USR2,HUP,ALRM,RTMIN+3 -- \
		"$FORKLORE" --plain --speed 1 -c 'demo thread-loop count=20' > "$out" 2>&1 &
	ui=$!
	wait_until 5 grep -q 'LoopThread: count' "$out"
	iface=$(pgrep -x forklore -P "$ui")
	# The setup took: the interface ignores USR1 and blocks USR2.
	ign=$(awk '/^SigIgn/ {print $2}' "/proc/$iface/status")
	blk=$(awk '/^SigBlk/ {print $2}' "/proc/$iface/status")
	[ $(( 0x$ign & (1 << 9) )) -ne 0 ]
	[ $(( 0x$ign & (1 << 31) )) -ne 0 ]   # 32, which glibc keeps for itself
	[ $(( 0x$blk & (1 << 11) )) -ne 0 ]
	# Every thread of the demo: nothing ignored, nothing blocked.
	root=$(sed -n 's/.*started as pid \([0-9]*\);.*/\1/p' "$out")
	n=0
	[ -n "$root" ] && [ -d "/proc/$root/task" ]
	for task in /proc/"$root"/task/*; do
		grep -E '^(Name|SigIgn|SigBlk)' "$task/status"
		# ThreadSanitizer adds threads of its own to the demo (they
		# block every signal); only the demo's two are checked then:
		# the main thread and LoopThread.
		if [ "${FORKLORE_SANITIZED:-}" = thread ] &&
		   [ "${task##*/}" != "$root" ] &&
		   [ "$(cat "$task/comm")" != LoopThread ]; then
			continue
		fi
		grep -qx 'SigIgn:	0000000000000000' "$task/status"
		grep -qx 'SigBlk:	0000000000000000' "$task/status"
		n=$((n + 1))
	done
	[ "$n" -eq 2 ]
	kill -TERM "$ui"
	wait "$ui" || true
}
