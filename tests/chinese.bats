#!/usr/bin/env bats
# The course in Chinese: choosing the language, the lessons in it, and
# CJK text laid out by display width with the basic line-breaking rules.

load helpers

# Columns a line takes (CJK and full-width forms count 2).
columns() {
	python3 -c 'import sys, unicodedata
for line in sys.stdin.read().split("\n"):
    print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))'
}

@test "LANG=zh_CN.UTF-8 picks Chinese: the lessons list has Chinese titles" {
	LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= run "$FORKLORE" --plain -c lessons
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q '1\. fork：调用一次，返回两次  （fork，共 6 步）' <<< "$output"
	# And --lang en overrides it.
	LANG=zh_CN.UTF-8 LC_ALL= run "$FORKLORE" --plain --lang en -c lessons
	grep -q '1\. fork: one call, two returns  (fork, 6 steps)' <<< "$output"
	# C.UTF-8 (the tests' own) is English.
	run "$FORKLORE" --plain -c lessons
	grep -q '1\. fork: one call, two returns' <<< "$output"
}

@test "set lang zh shows the same step again in Chinese, and set lang en brings it back" {
	run fl -c 'open fork; next; set lang zh; set lang en; set lang fr'
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q '^fork：调用一次，返回两次  （fork 第 2/6 步）$' <<< "$output"
	[ "$(grep -c '(step 2/6 of fork)$' <<< "$output")" -eq 2 ]
	grep -q "^error: lang is en or zh, not 'fr'$" <<< "$output"
}

@test "--lang zh without Chinese lessons, and --lang fr: one line, exit 2" {
	mkdir -p "$BATS_TEST_TMPDIR/l"
	cp "$ROOT/lessons/01-fork.lesson" "$BATS_TEST_TMPDIR/l/"
	run "$FORKLORE" --plain --lessons "$BATS_TEST_TMPDIR/l" --lang zh -c lessons
	[ "$status" -eq 2 ]
	[ "$output" = "forklore: no Chinese lessons were found ($BATS_TEST_TMPDIR/l/zh)" ]
	run "$FORKLORE" --plain --lang fr -c lessons
	[ "$status" -eq 2 ]
	grep -q "lang is en or zh, not 'fr'" <<< "$output"
	# Asked for by the environment only, English it is.
	LANG=zh_CN.UTF-8 run "$FORKLORE" --plain --lessons "$BATS_TEST_TMPDIR/l" -c lessons
	[ "$status" -eq 0 ]
	grep -q 'fork: one call, two returns' <<< "$output"
}

@test "a translation that does not match its original is left out, with FILE:LINE" {
	mkdir -p "$BATS_TEST_TMPDIR/l/zh"
	cp "$ROOT/lessons/01-fork.lesson" "$BATS_TEST_TMPDIR/l/"
	sed 's/^@run fork-once$/@run fork-memory/' "$ROOT/lessons/zh/01-fork.lesson" > "$BATS_TEST_TMPDIR/l/zh/01-fork.lesson"
	run "$FORKLORE" --plain --lessons "$BATS_TEST_TMPDIR/l" -c 'set lang zh'
	echo "$output"
	[ "$status" -eq 1 ]
	grep -q "^error: $BATS_TEST_TMPDIR/l/zh/01-fork.lesson:[0-9]*: step 1 runs fork-once in the original: @run must be the same" <<< "$output"
	grep -q "^error: no Chinese lessons were found" <<< "$output"
}

@test "plain mode in Chinese: no line wider than 80 columns, no line starting with closing punctuation" {
	run "$FORKLORE" --plain --lang zh -c 'open fork; next; next; next'
	[ "$status" -eq 0 ]
	widest=$(columns <<< "$output" | sort -n | tail -n 1)
	echo "widest: $widest"
	[ "$widest" -le 80 ]
	! grep -E '^ *[，。、；：？！）」”]' <<< "$output"
	# A paragraph's lines join without a blank between CJK characters:
	# the file breaks 同一位置 / 运行 across lines, the screen does not.
	grep -q '同一位置运行同一个' <<< "$output"
}

@test "progress is per lesson, whatever the language" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 100 30
	term_type "cd '$ROOT' && '$FORKLORE' --plain --speed 0 --lang zh fork; echo exit=\$?"
	wait_until 5 term_has 'forklore fork 1/6>'
	term_type 'next'
	wait_until 5 term_has 'forklore fork 2/6>'
	term_type 'set lang en'
	wait_until 5 term_has 'fork: one call, two returns  (step 2/6 of fork)'
	term_type 'quit'
	wait_until 5 term_has 'exit=0'
	grep -qx 'lesson fork seen 1,2' "$XDG_STATE_HOME/forklore/progress"
}

@test "the panes at 80x24 in Chinese: every line fits, the divider stays put, the rules hold, the cursor is where the wide characters end" {
	term_start 80 24
	term_type "cd '$ROOT' && '$FORKLORE' --lang zh fork; echo exit=\$?"
	wait_until 5 term_has '调用一次，返回两次'
	screen=$(term_screen)
	echo "$screen"
	widest=$(columns <<< "$screen" | sort -n | tail -n 1)
	[ "$widest" -le 80 ]
	# The lesson pane's right border: the same column on every row that
	# has one, so no row of the lesson overflowed it.
	cols=$(python3 -c 'import sys, unicodedata
for line in sys.stdin.read().split("\n"):
    w = 0
    for c in line:
        if c == "\u2502":
            print(w)
            break
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1' <<< "$screen" | sort -u)
	echo "border columns: $cols"
	[ "$(wc -l <<< "$cols")" -eq 1 ]
	# No lesson line starts with closing punctuation.
	! cut -d"$(printf '\xe2\x94\x82')" -f1 <<< "$screen" | grep -E '^ [，。、；：？！）」”]'
	# Wide characters typed at the prompt: the cursor after them.
	term_keys "输入中文"
	wait_until 5 term_has 'forklore fork 1/6> 输入中文'
	[ "$(tmux -L "$TMUX_SOCKET" display -p '#{cursor_x}')" -eq $((19 + 8)) ]
	term_keys C-u
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "the interface in Chinese: help, the step's header, the end of a demo; English where no catalogue is found" {
	[ -f "$ROOT/locale/zh_CN/LC_MESSAGES/forklore.mo" ] ||
		skip "built without msgfmt: no catalogue"
	run "$FORKLORE" --plain --speed 0 --lang zh -c 'help; open fork; demo fork-once'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q '^命令（任何不会混淆的前缀都可以' <<< "$output"
	grep -q '^  lessons  *列出本课程的各课$' <<< "$output"
	grep -q '（fork 第 1/6 步）$' <<< "$output"
	grep -q '已结束，退出状态 0，用时 [0-9.]* 秒；它没有任何部分仍在运行$' <<< "$output"
	# In the C locale too: Chinese needs a UTF-8 one, which forklore
	# takes for its messages.
	LC_ALL=C run "$FORKLORE" --plain --lang zh -c 'help'
	grep -q '^命令（' <<< "$output"
	# set lang en brings English back.
	run "$FORKLORE" --plain --lang zh -c 'set lang en; help'
	grep -q '^Commands (any unique prefix works' <<< "$output"
	# No catalogue: the lessons in Chinese, the interface in English.
	FORKLORE_LOCALEDIR=/nonexistent run "$FORKLORE" --plain --lang zh -c 'help; lessons'
	grep -q '^Commands (any unique prefix works' <<< "$output"
	grep -q 'fork：调用一次，返回两次  (fork, 6 steps)' <<< "$output"
}

@test "the catalogue: every message of the template is translated, and msgfmt accepts it" {
	command -v msgfmt > /dev/null || skip "msgfmt is not installed"
	msgfmt --check --statistics -o /dev/null "$ROOT/po/zh_CN.po" 2>&1 | tee "$BATS_TEST_TMPDIR/stats"
	! grep -q 'untranslated\|fuzzy' "$BATS_TEST_TMPDIR/stats"
	# The template and the catalogue list the same messages.
	ids() { sed -n 's/^msgid //p' "$1" | sort; }
	[ "$(ids "$ROOT/po/forklore.pot")" = "$(ids "$ROOT/po/zh_CN.po")" ]
}

@test "a build without gettext's tools: a one-line note, a working program, English" {
	run make -C "$ROOT" -s MSGFMT=no-such-msgfmt locales
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "note: no msgfmt (gettext): forklore's interface will be in English only" ]
}

teardown() {
	term_stop
}

# The display cells of the lines on stdin: a wide character, then a NUL
# for the column it also covers, so that a cell's index is its column.
cells() {
	python3 -c 'import sys, unicodedata
for line in sys.stdin.read().split("\n"):
    print("".join(c + ("\0" if unicodedata.east_asian_width(c) in "WF" else "") for c in line))'
}

@test "the monitor in Chinese: threads with Chinese names line up in the timeline, cut at whole characters" {
	[ -f "$ROOT/locale/zh_CN/LC_MESSAGES/forklore.mo" ] ||
		skip "built without msgfmt: no catalogue"
	ws="$BATS_TEST_TMPDIR/ws"
	mkdir -p "$ws"
	term_start 100 30
	term_type "cd '$ROOT' && FORKLORE_WORKSPACE='$ws' '$FORKLORE' --lang zh threads; echo exit=\$?"
	wait_until 5 term_has 'forklore threads 1/6>'
	term_type 'try threads-join-py'
	# The task in Chinese, from the exercise's translation.
	wait_until 5 term_has '程序启动四个工作线程'
	cp "$ROOT/tests/fixtures/exercise/cjk-names.py" "$ws/threads-join-py.py"
	term_type 'check'
	# The report, in Chinese: two facts (the names, the report line) fail.
	wait_until 30 term_has '8 个检查项中有 6 个成立'
	term_type 'zoom monitor'
	wait_until 5 term_has '数据处理-4'
	screen=$(term_screen)
	echo "$screen"
	# 数据处理线程-4 is cut to the kernel's 15 bytes at a whole character
	# (数据处理-4), never inside one.
	! grep -q $'\xef\xbf\xbd' <<< "$screen"
	# Each worker's row: its name, blanks to the label's 15 columns, then
	# the chart. Born together, their charts start in the same column.
	python3 -c 'import sys
rows = [l for l in sys.stdin.read().split("\n") if "(exit" not in l and
        any(n in l for n in ("worker-1", "工\0人\0-2", "工\0作\0线\0程\0-3", "数\0据\0处\0理\0-4"))]
assert len(rows) == 4, rows
starts = set()
for r in rows:
    name = r.index(r.strip(" ")[0])
    end = name + len(r[name:].split(" ")[0])
    label_end = name + 15
    assert set(r[end:label_end]) <= {" "}, (r, end, label_end)
    starts.add(next(i for i in range(label_end, len(r)) if r[i] != " "))
assert max(starts) - min(starts) <= 1, starts
' < <(cells <<< "$screen")
	term_type quit
	wait_until 5 term_has 'exit=0'
}
