#!/usr/bin/env bats
# limits.bats - every demo under a per-user process limit, run as a
# throwaway non-root user (the limit does not bind root): each failure is
# reported truthfully, no false PID is ever printed or used, and a bystander
# process of the same user, in another session, survives every run.

load helpers

setup() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as a throwaway user"
	command -v setpriv >/dev/null && command -v prlimit >/dev/null ||
		skip "needs setpriv and prlimit (util-linux)"
	# A user ID that nobody has and no process runs as.
	uid=61000
	while getent passwd "$uid" >/dev/null || pgrep -U "$uid" >/dev/null; do
		uid=$((uid + 1))
	done
	# The binary and lessons where that user can read them.
	work=$(mktemp -d)
	chmod 755 "$work"
	cp "$FORKLORE" "$work/forklore"
	cp -r "$ROOT/lessons" "$work/lessons"
	mkdir "$work/state"
	chown "$uid:$uid" "$work/state"
	bystander=""
}

teardown() {
	[ -n "${bystander:-}" ] && kill -9 "$bystander" 2>/dev/null
	[ -n "${uid:-}" ] && pkill -9 -U "$uid" 2>/dev/null
	[ -n "${work:-}" ] && rm -rf "$work"
	true
}

# Succeeds when the command fails ('!' does not fail a bats test).
refute() {
	if "$@"; then return 1; fi
}

as_user() {
	setpriv --reuid="$uid" --regid="$uid" --clear-groups -- "$@"
}

# Run one demo as the user, with at most $1 processes and threads for the
# user (the bystander, forklore's guard and interface count too).
limited_demo() {
	local nproc=$1 demo=$2
	# LeakSanitizer's exit check needs a thread of its own: not here.
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
	XDG_STATE_HOME="$work/state" FORKLORE_LESSONS="$work/lessons" \
		timeout 30 setpriv --reuid="$uid" --regid="$uid" --clear-groups \
		-- prlimit --nproc="$nproc" -- \
		"$work/forklore" --plain --speed 0 --seed 1 -c "demo $demo" 2>&1
}

# The smallest process limit under which forklore can start a demo's first
# process (4 with the bystander: it, the guard, the interface and the demo;
# a sanitizer's own threads may count too).
smallest_limit() {
	local n
	for n in 3 4 5 6 7 8; do
		if limited_demo "$n" fork-once | grep -q 'fork failed'; then
			echo "$n"
			return 0
		fi
	done
	return 1
}

@test "under a process limit every demo says what failed, never 'pid -1', and signals nobody else" {
	as_user setsid sleep 600 &
	wait_until 5 pgrep -U "$uid" -x sleep
	bystander=$(pgrep -U "$uid" -x sleep)
	demos=$(fl -c demos | sed -n 's/^  \([a-z-]*\)  .*/\1/p')
	[ "$(echo "$demos" | wc -l)" -ge 20 ]
	base=$(smallest_limit)
	for nproc in "$base" $((base + 1)) $((base + 2)); do
		for demo in $demos; do
			out=$(limited_demo "$nproc" "$demo") || true
			echo "--- nproc=$nproc $demo"
			echo "$out"
			# Never a PID the demo did not get.
			refute grep -Eq '(pid|as|reaped|children:|child|,) -1\b' <<<"$out"
			refute grep -q 'state ?' <<<"$out"
			refute grep -q 'refused: pid' <<<"$out"
			# A demo that gave up says which call failed and why.
			if grep -q 'could not go on' <<<"$out"; then
				grep -Eq '(fork|pthread_create|pipe) failed: Resource temporarily unavailable \(the (process limit|limit on processes and threads), see ulimit -u\)$' <<<"$out"
			fi
			# With room for the demo's root alone, every demo that
			# forks or starts a thread fails at once, and says so
			# (flood and the coroutines' tasks are one thread).
			if [ "$nproc" = "$base" ] && [ "$demo" != flood ] &&
			   [ "$demo" != coro-tasks ]; then
				grep -q 'failed: Resource temporarily unavailable' <<<"$out"
				grep -q 'could not go on' <<<"$out"
			fi
			# Whatever happened, it ended, and cleanly.
			grep -q 'nothing of it is left running' <<<"$out"
			kill -0 "$bystander"
		done
	done
	[ "$(stat_field "$bystander" 1)" = S ]
}

@test "under a process limit forklore itself says when it cannot start a demo" {
	base=$(smallest_limit)
	run limited_demo $((base - 1)) fork-once
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"cannot start the demo: Resource temporarily unavailable"* ]]
}

@test "a demo that could not go on, or was stopped, gets no verdict on the prediction" {
	base=$(smallest_limit)
	printf 'open fork\ngoto 4\nrun\n4\n' > "$work/predict.script"
	chmod 644 "$work/predict.script"
	run env XDG_STATE_HOME="$work/state" FORKLORE_LESSONS="$work/lessons" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
		timeout 30 setpriv --reuid="$uid" --regid="$uid" --clear-groups \
		-- prlimit --nproc="$base" -- \
		"$work/forklore" --plain --speed 0 --script "$work/predict.script"
	echo "$output"
	[[ "$output" == *"fork failed: Resource temporarily unavailable"* ]]
	[[ "$output" == *"You predicted '4'. The demo could not go on, so it showed no answer to judge;"* ]]
	[[ "$output" != *"not this time"* ]]
	# Stopped by the learner: the same.
	printf 'open fork\ngoto 4\nrun linger=5\n4\nstop\n' > "$work/stop.script"
	run fl --speed 1 --script "$work/stop.script"
	echo "$output"
	[[ "$output" == *"You predicted '4'. The demo was stopped, so it showed no answer to judge;"* ]]
	[[ "$output" != *"not this time"* ]]
}

# Direct calls of the wrapped system calls in a C file, comments and string
# literals left out (the C preprocessor strips the comments).
direct_calls() {
	cpp -fpreprocessed -P "$1" 2>/dev/null |
		sed 's/"\([^"\\]\|\\.\)*"/""/g' |
		grep -nE '(^|[^a-z_])(fork|vfork|pipe2?|waitpid|wait|wait3|wait4|waitid|kill|killpg|pthread_create|pthread_join|dup2|posix_spawnp?) *\(' || true
}

@test "demos make fork, pipe, wait, kill and thread calls only through the checked helpers" {
	for f in "$ROOT"/src/demos/demo_*.c; do
		[ "$(basename "$f")" = demo_lib.c ] && continue
		calls=$(direct_calls "$f")
		if [ -n "$calls" ]; then
			echo "$f calls the unchecked system calls directly:"
			echo "$calls"
			return 1
		fi
	done
	# The check finds what it is meant to find, and only that.
	printf 'int f(void) {\n\tdemo_say("fork() %%d", 1); /* kill(-1) */\n\treturn fork();\n}\n' > "$BATS_TEST_TMPDIR/x.c"
	found=$(direct_calls "$BATS_TEST_TMPDIR/x.c")
	[[ "$found" == "3:"*"return fork();" ]]
}
