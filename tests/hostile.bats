#!/usr/bin/env bats
# hostile.bats - what an unlucky or hostile environment hands forklore:
# FIFOs and devices where files should be, endless input, names with
# control characters, closed or broken outputs, few descriptors. Each gets
# one clear line and an exit status; nothing blocks, spins or is lost.

load helpers

# No process carries the census tag $1 any more.
census_empty() { [ -z "$(bash "$ROOT/tests/census.sh" "$1")" ]; }

# The pane's last line is the shell's prompt again.
shell_is_back() { [ "$(term_last_line)" = '$' ]; }

teardown() {
	term_stop
}

setup() {
	dir="$BATS_TEST_TMPDIR"
	mkfifo "$dir/fifo"
	ln -s /dev/zero "$dir/zero"
}

@test "a FIFO or a device as a lesson file is refused at once, by --check and in the lesson folder" {
	run timeout 10 "$FORKLORE" --check "$dir/fifo" "$dir/zero"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "$dir/fifo:1: is a FIFO, not a lesson file" ]
	[ "${lines[1]}" = "$dir/zero:1: is a character device, not a lesson file" ]
	mkdir "$dir/lessons"
	cp "$ROOT/lessons/01-fork.lesson" "$dir/lessons/"
	mkfifo "$dir/lessons/02-fifo.lesson"
	ln -s /dev/zero "$dir/lessons/03-zero.lesson"
	run timeout 10 "$FORKLORE" --plain --lessons "$dir/lessons" -c lessons
	[ "$status" -eq 0 ]
	[[ "$output" == *"02-fifo.lesson:1: is a FIFO, not a lesson file"* ]]
	[[ "$output" == *"03-zero.lesson:1: is a character device, not a lesson file"* ]]
	[[ "$output" == *"fork: one call, two returns"* ]]
}

@test "a lesson file over the size limit is one error, not a partial lesson" {
	{ cat "$ROOT/lessons/01-fork.lesson"; head -c 1100000 /dev/zero | tr '\0' 'x'; } > "$dir/big.lesson"
	run timeout 10 "$FORKLORE" --check "$dir/big.lesson"
	[ "$status" -eq 1 ]
	[ "$output" = "$dir/big.lesson:1: is larger than 1048576 bytes: too big for a lesson file" ]
}

@test "a FIFO or a device as a script is refused; endless standard input is cut off" {
	run timeout 10 "$FORKLORE" --plain --script "$dir/fifo"
	[ "$status" -eq 2 ]
	[ "$output" = "$dir/fifo:1: is a FIFO, not a script" ]
	run timeout 10 "$FORKLORE" --plain --script "$dir/zero"
	[ "$status" -eq 2 ]
	[ "$output" = "$dir/zero:1: is a character device, not a script" ]
	# /dev/zero on standard input: one line that never ends.
	run timeout 10 "$FORKLORE" --plain --script - < /dev/zero
	[ "$status" -eq 1 ]
	[[ "$output" == *"stdin:1: line longer than 4096 bytes"* ]]
	# Endless empty lines: the size limit.
	run bash -c "yes '' | timeout 10 '$FORKLORE' --plain --script -"
	[ "$status" -eq 1 ]
	[[ "$output" == *": the script is longer than 1048576 bytes"* ]]
}

@test "a script read from a quiet pipe still ends on SIGTERM" {
	# The reader waits for its next line; the signal must not wait too.
	"$FORKLORE" --plain --script - < <(exec sleep 60) > "$dir/out" 2>&1 &
	guard=$!
	wait_until 5 pgrep -x forklore -P "$guard"
	kill -TERM "$guard"
	status=0
	wait "$guard" || status=$?
	[ "$status" -eq 143 ]
	pkill -x sleep -P "$BASHPID" || true
}

@test "progress, history and inputrc that are not files are left alone, and said so" {
	state="$dir/state"
	mkdir -p "$state/forklore"
	ln -s /dev/zero "$state/forklore/progress"
	mkfifo "$state/forklore/history"
	term_start 250 30
	term_type "XDG_STATE_HOME='$state' INPUTRC='$dir/fifo' '$FORKLORE' --plain"
	wait_until 10 term_has 'forklore>'
	# Long messages wrap under their first word: join them again.
	output=$(term_screen | tr '\n' ' ' | tr -s ' ')
	echo "$output"
	[[ "$output" == *"progress: is a character device, not a progress file; progress is not kept"* ]]
	[[ "$output" == *"fifo: is a FIFO, not a readline init file; readline's settings are not read"* ]]
	[[ "$output" == *"history: is a FIFO, not a history file; history is not kept this time"* ]]
	term_type 'lessons'
	term_type 'quit'
	wait_until 10 shell_is_back
	term_stop
	# Nothing of the user's was replaced or written to.
	[ -L "$state/forklore/progress" ]
	[ "$(readlink "$state/forklore/progress")" = /dev/zero ]
	[ -p "$state/forklore/history" ]
}

@test "file names with control characters are shown with them made harmless" {
	name=$(printf '%s/a\033]0;TITLE\007b\nc.lesson' "$dir")
	cp "$ROOT/lessons/01-fork.lesson" "$name"
	run "$FORKLORE" --check "$name"
	[ "$status" -eq 0 ]
	[ "$output" = "$dir/a?]0;TITLE?b?c.lesson: ok, lesson 'fork', 6 steps" ]
	printf '@lesson x\n' > "$name"
	run "$FORKLORE" --check "$name"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "$dir/a?]0;TITLE?b?c.lesson:"* ]]
	run "$FORKLORE" --plain --script "$name.none"
	[ "$status" -eq 2 ]
	[ "$output" = "$dir/a?]0;TITLE?b?c.lesson.none:1: cannot open: No such file or directory" ]
}

@test "a transcript that cannot be written is an error: a full device, a closed standard output" {
	run bash -c "'$FORKLORE' --plain -c 'lessons' > /dev/full"
	[ "$status" -eq 1 ]
	[ "$output" = "forklore: cannot write the output: No space left on device" ]
	run bash -c "'$FORKLORE' --plain -c 'lessons' >&-"
	[ "$status" -eq 1 ]
	[ "$output" = "forklore: cannot write the output: standard output is closed" ]
}

@test "a reader that goes away (| head -1) ends forklore quietly, as any pipeline does" {
	# Far more than a pipe holds, so the writer is still at it when the
	# reader goes, whatever the scheduler does.
	tag="hostile-$$-$RANDOM"
	run bash -c "FORKLORE_CENSUS=$tag '$FORKLORE' --plain --speed 0 -c 'demo flood lines=1000000 rate=0' 2>'$dir/err' | head -n 1; echo \"\${PIPESTATUS[0]}\""
	[ "${lines[0]}" = "forklore> demo flood lines=1000000 rate=0" ]
	[ "${lines[1]}" = 141 ]
	[ ! -s "$dir/err" ]
	# The demo did not outlive it.
	wait_until 5 census_empty "$tag"
}

@test "started with descriptors 0, 1 and 2 closed, a record file gets only the record" {
	run bash -c "'$FORKLORE' --plain -c 'record $dir/rec; open fork; lessons' <&- >&- 2>&-; echo \$?"
	[ "$output" = 1 ]   # the transcript had nowhere to go
	grep -qx 'open fork' "$dir/rec"
	grep -qx 'lessons' "$dir/rec"
	! grep -q 'forklore>' "$dir/rec" || false
}

@test "an escaped process is in ps, marked; leaving mid-demo says SIGKILL was sent at once" {
	run fl --speed 1 -c 'demo escape linger=3; wait out of my group; ps'
	[ "$status" -eq 0 ]
	echo "$output"
	[[ "$output" =~ \ +[0-9]+\ +[0-9]+\ [RS]\ \ daemon\ \ \(escaped:\ adopted\ by\ forklore\) ]]
	# The parent, not marked; asleep in its linger, or (on a busy machine)
	# caught just after its last line.
	[[ "$output" =~ \ +[0-9]+\ +[0-9]+\ [RS]\ \ parent$'\n' ]]
	run fl --speed 1 -c 'demo fork-once linger=5; wait my parent; quit'
	[[ "$output" == *"demo stopped after "*"; 2 processes were killed with SIGKILL at once; nothing of it is left running"* ]]
	[[ "$output" != *"did not end on SIGTERM"* ]]
}

@test "too few descriptors: forklore raises its soft limit, or refuses to start, in one line" {
	run prlimit --nofile=8 -- "$FORKLORE" --plain -c lessons
	[ "$status" -eq 1 ]
	[ "$output" = "forklore: the open file limit is 8 (ulimit -n); forklore needs at least 32" ]
	run prlimit --nofile=8:64 -- "$FORKLORE" --plain --speed 0 -c 'demo fork-once'
	[ "$status" -eq 0 ]
	[[ "$output" == *"nothing of it is left running"* ]]
}

@test "when /proc cannot be read, no end line claims that nothing is left, and nothing blocks" {
	tag="hostile-$$-$RANDOM"
	# The frozen demo's child has no death signal: only a scan finds it,
	# or the tracer, whose end kills every task it follows.
	run env FORKLORE_CENSUS="$tag" FORKLORE_PROC_FAILS=1 \
		timeout 30 "$FORKLORE" --plain --speed 0 -c 'demo frozen linger=0; ps'
	left=$(bash "$ROOT/tests/census.sh" "$tag")
	[ -n "$left" ] && kill -9 $left
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"forklore could not check that nothing of it is left running: reading /proc failed (Too many open files)"* ]]
	[[ "$output" != *"; nothing of it is left running"* ]]
	[[ "$output" == *"error: cannot read the process tree from /proc: Too many open files"* ]]
	[ -z "$left" ]
	# Untraced, nothing can find the frozen child: the guard says so.
	run env FORKLORE_CENSUS="$tag" FORKLORE_PROC_FAILS=1 \
		timeout 30 "$FORKLORE" --plain --no-trace --speed 0 -c 'demo frozen linger=0; ps'
	left=$(bash "$ROOT/tests/census.sh" "$tag")
	[ -n "$left" ] && kill -9 $left
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"forklore could not check that nothing of it is left running: reading /proc failed (Too many open files)"* ]]
	[[ "$output" == *"forklore: cannot read /proc (Too many open files) to end what the demos left running"* ]]
}

@test "a demo that writes faster than it can be shown cannot keep Ctrl-C from being read" {
	# Each line costs the prompt a redraw; with no pause between lines the
	# pipe is never empty. Ctrl-C must still be read, and the demo stop.
	term_start 100 30
	term_type "'$FORKLORE' --plain --speed 1"
	wait_until 5 term_has 'forklore>'
	term_type 'demo flood lines=10000000 rate=0'
	wait_until 5 term_has 'flood] line '
	sleep 1   # the pipe is full by now
	term_keys C-c
	# Some 0.1 s when the machine is idle; a loaded one (the suite runs
	# four files at once) may keep tmux itself behind for seconds. The
	# build before the fix never stopped it at all.
	wait_until 10 term_has 'demo stopped after'
	term_type quit
	wait_until 5 shell_is_back
}
