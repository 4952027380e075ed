#!/usr/bin/env bats
# cli.bats - options, exit statuses, lesson checking, scripts, errors.

load helpers

@test "--help lists every option and exits 0" {
	run "$FORKLORE" --help
	[ "$status" -eq 0 ]
	for opt in --plain --script -c --speed --seed --lessons --check \
	           --no-color --help --version; do
		[[ "$output" == *"$opt"* ]]
	done
}

@test "--version prints the version" {
	run "$FORKLORE" --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^forklore\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "an unknown option is a one-line error with exit status 2" {
	run "$FORKLORE" --frobnicate
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "forklore: unknown option '--frobnicate'"* ]]
}

@test "bad option values are refused with the range" {
	run "$FORKLORE" --speed fast
	[ "$status" -eq 2 ]
	[[ "$output" == *"--speed takes a number from 0 to 100"* ]]
	run "$FORKLORE" --speed 101 -c quit
	[ "$status" -eq 2 ]
	run "$FORKLORE" --seed -4 -c quit
	[ "$status" -eq 2 ]
	[[ "$output" == *"--seed takes a whole number"* ]]
	run "$FORKLORE" --speed
	[ "$status" -eq 2 ]
	[[ "$output" == *"needs a value"* ]]
}

@test "every shipped lesson passes --check" {
	run "$FORKLORE" --check "$ROOT"/lessons/*.lesson
	[ "$status" -eq 0 ]
	[[ "$output" == *"ok, lesson 'fork'"* ]]
}

@test "--check reports FILE:LINE for a malformed lesson and exits 1" {
	f="$BATS_TEST_TMPDIR/bad.lesson"
	printf '@lesson x\n@title T\n@order 1\n@summary S\n@step One\ntext\n@run no-such-demo\n' > "$f"
	run "$FORKLORE" --check "$f"
	[ "$status" -eq 1 ]
	[ "$output" = "$f:7: unknown demo 'no-such-demo' (the 'demos' command lists them)" ]
}

@test "--check catches bad demo parameters in @run" {
	f="$BATS_TEST_TMPDIR/range.lesson"
	printf '@lesson x\n@title T\n@order 1\n@summary S\n@step One\ntext\n@run fork-many children=101\n' > "$f"
	run "$FORKLORE" --check "$f"
	[ "$status" -eq 1 ]
	[ "$output" = "$f:7: children=101 is out of range (1 to 100)" ]
	printf '@lesson x\n@title T\n@order 1\n@summary S\n@step One\ntext\n@run fork-many kids=3\n' > "$f"
	run "$FORKLORE" --check "$f"
	[ "$output" = "$f:7: demo fork-many has no parameter 'kids' (try 'params')" ]
}

@test "--check on a missing file, a directory and an unknown snippet" {
	run "$FORKLORE" --check "$BATS_TEST_TMPDIR/nope.lesson" "$BATS_TEST_TMPDIR"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "$BATS_TEST_TMPDIR/nope.lesson:1: cannot open: No such file or directory" ]
	[ "${lines[1]}" = "$BATS_TEST_TMPDIR:1: is a directory, not a lesson file" ]
	f="$BATS_TEST_TMPDIR/s.lesson"
	printf '@lesson x\n@title T\n@order 1\n@summary S\n@step One\ntext\n@source nothing-here\n' > "$f"
	run "$FORKLORE" --check "$f"
	[ "$output" = "$f:7: unknown source snippet 'nothing-here'" ]
}

@test "a broken lesson in the lesson folder is reported and skipped" {
	d="$BATS_TEST_TMPDIR/lessons"
	mkdir -p "$d"
	cp "$ROOT/lessons/01-fork.lesson" "$d/"
	printf '@lesson broken\n@title T\n' > "$d/02-broken.lesson"
	run "$FORKLORE" --plain --lessons "$d" -c lessons
	[ "$status" -eq 0 ]
	[[ "$output" == *"02-broken.lesson:2: missing @order"* ]]
	[[ "$output" == *"1. fork: one call"* ]]
	[[ "$output" != *"(broken,"* ]]
}

@test "lessons come from --lessons, then FORKLORE_LESSONS, then beside the binary" {
	d="$BATS_TEST_TMPDIR/other"
	mkdir -p "$d"
	sed 's/^@title .*/@title Elsewhere/' "$ROOT/lessons/01-fork.lesson" > "$d/f.lesson"
	run env FORKLORE_LESSONS="$d" "$FORKLORE" --plain -c lessons
	[[ "$output" == *"Elsewhere"* ]]
	run env -u FORKLORE_LESSONS "$FORKLORE" --plain -c lessons
	[[ "$output" == *"fork: one call, two returns"* ]]
	run env FORKLORE_LESSONS=/nonexistent "$FORKLORE" --plain --lessons "$d" -c lessons
	[[ "$output" == *"Elsewhere"* ]]
	run "$FORKLORE" --plain --lessons /nonexistent -c lessons
	[ "$status" -eq 2 ]
	[[ "$output" == "forklore: cannot read lessons from /nonexistent: No such file or directory" ]]
}

@test "-c runs commands in order and fails naming the bad ones" {
	run fl -c 'lessons; frob; open fork; goto 9'
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: unknown command 'frob' (type 'help' for a list)"* ]]
	[[ "$output" == *"error: step must be a number from 1 to 6, not '9'"* ]]
	[[ "$output" == *"forklore: -c: command 2: unknown command 'frob' (type 'help' for a list)"* ]]
	[[ "$output" == *"forklore: -c: command 4: step must be a number from 1 to 6, not '9'"* ]]
}

@test "-c checks each command as a script line: control characters, invalid UTF-8" {
	run fl -c "$(printf 'lessons; open\001 fork; open \377fork; open fork')"
	[ "$status" -eq 1 ]
	[[ "$output" == *"forklore: -c: command 2: control character U+0001"* ]]
	[[ "$output" == *"forklore: -c: command 3: "*"UTF-8"* ]]
	[[ "$output" == *"(step 1/6 of fork)"* ]]   # the good ones still ran
}

@test "a script names its failing line; comments and blank lines are skipped" {
	s="$BATS_TEST_TMPDIR/s.txt"
	printf '# a comment\n\nopen fork\nnxt\nnext\n' > "$s"
	run fl --script "$s"
	[ "$status" -eq 1 ]
	[[ "$output" == *"forklore fork 1/6> nxt"* ]]
	[[ "$output" == *"error: unknown command 'nxt' (did you mean 'next'?)"* ]]
	[[ "$output" == *"forklore fork 2/6> "* ]] || [[ "$output" == *"(step 2/6 of fork)"* ]]
	[[ "$output" == *"$s:4: unknown command 'nxt' (did you mean 'next'?)"* ]]
	[[ "$output" != *"a comment"* ]]
}

@test "a script read from standard input works like --script -" {
	run bash -c "printf 'open fork\nshow\n' | '$FORKLORE' --plain --speed 0"
	[ "$status" -eq 0 ]
	[[ "$output" == *"forklore> open fork"* ]]
	[[ "$output" == *"forklore fork 1/6> show"* ]]
}

@test "a missing script file is a clear error" {
	run fl --script "$BATS_TEST_TMPDIR/none.txt"
	[ "$status" -eq 2 ]
	[[ "$output" == "$BATS_TEST_TMPDIR/none.txt:1: cannot open: No such file or directory" ]]
	run fl --script "$BATS_TEST_TMPDIR"
	[ "$status" -eq 2 ]
	[[ "$output" == "$BATS_TEST_TMPDIR:1: is a directory, not a script" ]]
}

@test "unique prefixes work and ambiguous ones list the candidates" {
	run fl -c 'o fork; n; pr; s'
	[ "$status" -eq 1 ]
	[[ "$output" == *"(step 2/6 of fork)"* ]]
	[[ "$output" == *"(step 1/6 of fork)"* ]]
	[[ "$output" == *"error: 's' is ambiguous: show, stop, set"* ]] ||
	[[ "$output" == *"error: 's' is ambiguous: "* ]]
}

@test "run outside a lesson, bad parameters and stray arguments are one-line errors" {
	run fl -c 'run'
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: no lesson is open: 'lessons' lists them, 'open 1' starts the first"* ]]
	run fl -c 'open fork; run linger=99'
	[[ "$output" == *"error: linger=99 is out of range (0 to 30)"* ]]
	run fl -c 'open fork; run lingr=1'
	[[ "$output" == *"error: demo fork-once has no parameter 'lingr' (did you mean 'linger'?)"* ]]
	run fl -c 'open fork; run linger'
	[[ "$output" == *"error: expected NAME=VALUE, not 'linger'"* ]]
	run fl -c 'open'
	[[ "$output" == *"error: usage: open LESSON"* ]]
	run fl -c 'demo fork-onse'
	[[ "$output" == *"error: no demo 'fork-onse' (did you mean 'fork-once'?)"* ]]
	run fl -c 'set lingr 3'
	[[ "$output" == *"error: no setting 'lingr' (did you mean 'linger'?)"* ]]
	run fl -c 'set speed x'
	[[ "$output" == *"error: speed must be a number from 0 to 100"* ]]
	run fl -c "open 'fork"
	[[ "$output" == *"error: unclosed ' quote"* ]]
}

@test "a step without a demo says which steps have one" {
	run fl -c 'open fork; goto 6; run'
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: step 6 has no demo; steps with one: 1, 2, 3, 4, 5 (or try 'demos')"* ]]
}

@test "code shows the demo's real source, the same text as in src/" {
	run fl -c 'open fork; code'
	[ "$status" -eq 0 ]
	# The listing lines must appear in src/demos/demo_fork.c (indentation aside).
	listing=$(printf '%s\n' "$output" | sed -n '/snippet fork-once/,/^---$/p' | sed '1d;$d')
	[ -n "$listing" ]
	while IFS= read -r l; do
		l=$(printf '%s' "$l" | sed 's/^ *//')
		[ -z "$l" ] && continue
		grep -qF -- "$l" "$ROOT/src/demos/demo_fork.c"
	done <<< "$listing"
	[[ "$listing" == *"pid_t pid = demo_fork();"* ]]
	run fl -c 'open fork; code python'
	[[ "$output" == *"pid = os.fork()"* ]]
	run fl -c 'open fork; code java'
	[[ "$output" == *"error: no language 'java': try c or python"* ]]
	run fl -c 'open fork; goto 6; code python'
	[[ "$output" == *"error: step 6 has no python listing (it has: c)"* ]]
}

@test "wait with no demo is fine; wait TEXT with no demo is an error" {
	run fl -c 'wait'
	[ "$status" -eq 0 ]
	run fl -c 'wait hello'
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: no demo is running to wait for"* ]]
}

@test "in a script, a second run waits for the first; stop ends a demo" {
	run "$FORKLORE" --plain --speed 1 -c 'open fork; run linger=1; run linger=0; run linger=30; stop; wait'
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c 'demo ended, exit status 0')" -eq 2 ]
	[[ "$output" == *"demo stopped after"* ]]
	[[ "$output" != *"still running"* ]]
}

@test "params shows values, ranges and settings; set changes them" {
	run fl -c 'open fork; next; params; set linger 4; params; set linger default; params'
	[ "$status" -eq 0 ]
	[[ "$output" == *"linger = 6   (0 to 30, default 2)"* ]]
	[[ "$output" == *"seconds the child stays alive before it exits"* ]]
	[[ "$output" == *"linger = 4   (0 to 30, default 2)"* ]]
	[ "$(printf '%s\n' "$output" | grep -c 'linger = 6 ')" -eq 2 ]
	[[ "$output" == *"speed = 0"* ]]
}

@test "forklore LESSON starts in that lesson; an unknown one is an error" {
	run fl fork -c show
	[ "$status" -eq 0 ]
	[[ "$output" == *"forklore fork 1/6> show"* ]]
	run fl 1 -c 'next'
	[[ "$output" == *"(step 2/6 of fork)"* ]]
	run fl nope -c show
	[ "$status" -eq 2 ]
	[ "$output" = "forklore: no lesson 'nope' ('lessons' lists them)" ]
}

@test "help demo NAME: what the demo does, its parameters with ranges and defaults, the steps that run it" {
	run fl -c 'help demo lock-race'
	[ "$status" -eq 0 ]
	[[ "$output" == *"demo lock-race: two threads, one balance"* ]]
	[[ "$output" == *"  trials=N  how many times to try (1 to 1000, default 10)"* ]]
	[[ "$output" == *"  lock=on|off  take a mutex around each change (default off)"* ]]
	[[ "$output" == *"used by: locks step 1, locks step 2, locks step 3"* ]]
	run fl -c 'help demo flood'
	[[ "$output" == *"no lesson step runs it; 'demo flood' does."* ]]
	# The demos list points at it, and mistakes get one line.
	run fl -c demos
	[[ "$output" == *"'help demo NAME' describes it."* ]]
	run fl -c 'help demo forkmany'
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: no demo 'forkmany' (did you mean 'fork-many'?)"* ]]
	run fl -c 'help lessons now'
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: 'help lessons' takes no more words; 'help demo NAME' describes a demo"* ]]
}

@test "--check knows scripts: the shipped ones pass, a bad command is FILE:LINE, a demo not waited for is a note" {
	run "$FORKLORE" --check "$ROOT"/lessons/*
	[ "$status" -eq 0 ]
	[[ "$output" == *"lessons/tour.script: ok, script, "*" commands"* ]]
	[[ "$output" == *"lessons/01-fork.lesson: ok, lesson 'fork', 6 steps"* ]]
	printf 'open fork\nrun\nnext\nhelp demo\nbogus\n' > "$BATS_TEST_TMPDIR/bad.script"
	run "$FORKLORE" --check "$BATS_TEST_TMPDIR/bad.script"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "$BATS_TEST_TMPDIR/bad.script:2: note: the script moves on before the demo started here has ended ('wait' waits for it), so a replay shows its lines among the next step's" ]
	[ "${lines[1]}" = "$BATS_TEST_TMPDIR/bad.script:5: unknown command 'bogus' (type 'help' for a list)" ]
	printf 'goto\n' > "$BATS_TEST_TMPDIR/usage.script"
	run "$FORKLORE" --check "$BATS_TEST_TMPDIR/usage.script"
	[ "$status" -eq 1 ]
	[ "$output" = "$BATS_TEST_TMPDIR/usage.script:1: usage: goto STEP" ]
}
