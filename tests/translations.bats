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

# ---- exercises: lessons/zh/exercises/NAME/exercise --------------------

# A copy of the fork-reap exercise and its "translation", to break.
exercise_copy() {
	mkdir -p "$BATS_TEST_TMPDIR/lessons/exercises" "$BATS_TEST_TMPDIR/lessons/zh/exercises/fork-reap"
	cp -r "$ROOT/lessons/exercises/fork-reap" "$BATS_TEST_TMPDIR/lessons/exercises/"
	E="$BATS_TEST_TMPDIR/lessons/zh/exercises/fork-reap/exercise"
	cp "$ROOT/lessons/exercises/fork-reap/exercise" "$E"
}

@test "every translated exercise of the course has its original's shape" {
	[ -d "$ROOT/lessons/zh/exercises" ] || skip "no translated exercises yet"
	run "$FORKLORE" --check "$ROOT/lessons/zh/exercises"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(grep -c ': ok, translation of exercise ' <<< "$output")" -eq "$(ls -d "$ROOT"/lessons/zh/exercises/*/ | wc -l)" ]
	# Every exercise of the course is translated.
	[ "$(ls -d "$ROOT"/lessons/zh/exercises/*/ | wc -l)" -eq "$(ls -d "$ROOT"/lessons/exercises/*/ | wc -l)" ]
}

@test "an exercise's translation may change its words, nothing the check judges: FILE:LINE" {
	exercise_copy
	sed -i -e 's/^@title .*/@title 先回收子进程，再做别的/' \
		-e 's/a line for each child reaped$/每回收一个子进程打印一行/' "$E"
	run "$FORKLORE" --check "$E"
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q ": ok, translation of exercise 'fork-reap'" <<< "$output"
	# Another regex in an output fact.
	n=$(grep -n -m1 '^@fact output' "$E" | cut -d: -f1)
	sed -i "${n}s/\[1-3\]/[1-4]/" "$E"
	run "$FORKLORE" --check "$E"
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q "^$E:$n: @fact 4 must be the original's (line $n) but for its words (translating " <<< "$output"
	# A hint fewer.
	exercise_copy
	last=$(grep -n '^@hint' "$E" | tail -n 1 | cut -d: -f1)
	head -n $((last - 1)) "$E" > "$E.new" && mv "$E.new" "$E"
	run "$FORKLORE" --check "$E"
	[ "$status" -eq 1 ]
	grep -q "the original has 3 hints, this one 2" <<< "$output"
	# Another limit, another step.
	exercise_copy
	echo '@limit tasks 8' >> "$E"
	run "$FORKLORE" --check "$E"
	[ "$status" -eq 1 ]
	grep -q "the @limit lines must be the same as the original's" <<< "$output"
	exercise_copy
	sed -i 's/^@step 5$/@step 4/' "$E"
	run "$FORKLORE" --check "$E"
	[ "$status" -eq 1 ]
	grep -q "^$E:[0-9]*: the original is for lesson fork step 5" <<< "$output"
	# No original beside it.
	exercise_copy
	rm -r "$BATS_TEST_TMPDIR/lessons/exercises/fork-reap"
	run "$FORKLORE" --check "$E"
	[ "$status" -eq 1 ]
	[ "$(wc -l <<< "$output")" -eq 1 ]
}

@test "in Chinese, an exercise's task and hints are its translation's; a bad translation is left out with FILE:LINE, the exercise in English" {
	[ -f "$ROOT/locale/zh_CN/LC_MESSAGES/forklore.mo" ] ||
		skip "built without msgfmt: no catalogue"
	exercise_copy
	cp "$ROOT/lessons/01-fork.lesson" "$BATS_TEST_TMPDIR/lessons/"
	ws="$BATS_TEST_TMPDIR/ws"
	mkdir -p "$ws"
	fl() { FORKLORE_WORKSPACE="$ws" "$FORKLORE" --plain --speed 0 --lessons "$BATS_TEST_TMPDIR/lessons" "$@"; }
	sed -i -e 's/^@title .*/@title 先回收子进程/' "$E"
	n=$(grep -n -m1 '^@hint' "$E" | cut -d: -f1)
	sed -i "$((n + 1))s/.*/第一条提示：哪个调用在询问？/" "$E"
	run fl --lang zh -c 'open fork; exercises; try fork-reap; hint'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q 'fork-reap .*先回收子进程' <<< "$output"
	grep -q '^第一条提示：哪个调用在询问？' <<< "$output"
	# set lang en: the same exercise in English.
	run fl --lang zh -c 'open fork; set lang en; hint fork-reap'
	grep -q '^A child that has ended is not gone' <<< "$output"
	# A translation that changes a fact: reported once, as FILE:LINE, and
	# the exercise stays in English.
	f=$(grep -n -m1 '^@fact zombies' "$E" | cut -d: -f1)
	sed -i "${f}s/0.5/5/" "$E"
	run fl --lang zh -c 'open fork; exercises'
	echo "$output"
	[ "$(grep -c "^错误：$E:$f: 第 3 条 @fact " <<< "$output")" -eq 1 ]
	grep -q 'fork-reap .*Reap your children before you go on' <<< "$output"
}
