#!/usr/bin/env bats
# Translated lessons (lessons/LANG/*.lesson): --check holds each to its
# original, as FILE:LINE.

load helpers

# A copy of the fork lesson as its own "translation", to break in ways.
setup() {
	mkdir -p "$BATS_TEST_TMPDIR/lessons/zh"
	cp "$ROOT/lessons/01-fork.lesson" "$BATS_TEST_TMPDIR/lessons/"
	T="$BATS_TEST_TMPDIR/lessons/zh/01-fork.lesson"
	cp "$ROOT/lessons/01-fork.lesson" "$T"
}

# The line number of the first line of $T matching a regex.
line_of() { grep -n -m1 -- "$1" "$T" | cut -d: -f1; }

@test "every translated lesson of the course has its original's shape" {
	[ -d "$ROOT/lessons/zh" ] || skip "no translations yet"
	run "$FORKLORE" --check "$ROOT/lessons/zh"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(grep -c ': ok, lesson ' <<< "$output")" -eq "$(ls "$ROOT"/lessons/zh/*.lesson | wc -l)" ]
}

@test "a translation may change the text and a Python listing's comments, nothing else" {
	sed -i -e 's/^@title .*/@title fork：一次调用，两次返回/' \
		-e 's/^import os, sys, time$/import os, sys, time  # 注释/' "$T"
	run "$FORKLORE" --check "$T"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "$T: ok, lesson 'fork', 6 steps" ]
}

@test "a translation with another demo, other code, another question or fewer steps: FILE:LINE" {
	n=$(line_of '^@run fork-once$')
	sed -i "${n}s/.*/@run fork-once linger=2/" "$T"
	run "$FORKLORE" --check "$T"
	[ "$status" -eq 1 ]
	[ "$output" = "$T:$n: step 1 runs fork-once with parameters in the original: @run must be the same (translating $BATS_TEST_TMPDIR/lessons/01-fork.lesson)" ] ||
	[ "$output" = "$T:$n: step 1 runs fork-once in the original: @run must be the same (translating $BATS_TEST_TMPDIR/lessons/01-fork.lesson)" ]
	cp "$ROOT/lessons/01-fork.lesson" "$T"
	n=$(line_of '^import os, sys, time$')
	sed -i "${n}s/.*/import os, sys/" "$T"
	run "$FORKLORE" --check "$T"
	[ "$status" -eq 1 ]
	grep -q "^$T:[0-9]*: step 1: this @code python listing differs from the original's beyond its comments" <<< "$output"
	cp "$ROOT/lessons/01-fork.lesson" "$T"
	sed -i 's/^@predict choice /@predict number /' "$T"
	run "$FORKLORE" --check "$T"
	[ "$status" -eq 1 ]
	cp "$ROOT/lessons/01-fork.lesson" "$T"
	n=$(line_of '^@option parent ')
	sed -i "${n}s/^@option parent /@option mother /" "$T"
	run "$FORKLORE" --check "$T"
	[ "$status" -eq 1 ]
	grep -q "option a must keep the values 'parent'" <<< "$output"
	# The last step gone.
	cp "$ROOT/lessons/01-fork.lesson" "$T"
	last=$(grep -n '^@step' "$T" | tail -n 1 | cut -d: -f1)
	head -n $((last - 1)) "$T" > "$T.new" && mv "$T.new" "$T"
	run "$FORKLORE" --check "$T"
	[ "$status" -eq 1 ]
	grep -q "5 steps; the original has 6" <<< "$output"
	# A lesson with no original.
	sed -i 's/^@lesson fork$/@lesson forked/' "$T"
	run "$FORKLORE" --check "$T"
	[ "$status" -eq 1 ]
	grep -q "^$T:1: a translation of lesson 'forked', but $BATS_TEST_TMPDIR/lessons has no such lesson$" <<< "$output"
}
