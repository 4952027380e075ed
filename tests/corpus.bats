#!/usr/bin/env bats
# corpus.bats - bad input: a corpus of malformed lesson files and scripts
# (tests/corpus.sh), each of which must get exactly one FILE:LINE: error
# and a non-zero exit, never a crash; and hostile lessons, whose text is
# shown and never run.

load helpers

setup_file() {
	export CORPUS="$BATS_FILE_TMPDIR/corpus"
	bash "$BATS_TEST_DIRNAME/corpus.sh" "$CORPUS"
}

# only_forklore_ran STRACE-LOG: the log holds at least one execve, and
# every one of them is of forklore's own binary (a sanitizer build may
# re-execute itself once; a shell, touch or rm never appears).
only_forklore_ran() {
	local log=$1 total own
	cat "$log"
	total=$(grep -c 'execve(' "$log")
	own=$(grep -c "execve(\"$FORKLORE\"" "$log")
	[ "$total" -ge 1 ] && [ "$own" -eq "$total" ]
}

# check_one FILE WANT-LINE STATUS STDERR-FILE: one FILE:LINE: message.
check_one() {
	local f=$1 want=$2 status=$3 err=$4
	local count line
	count=$(wc -l < "$err")
	if [ "$status" -ge 128 ] || [ "$status" -eq 0 ]; then
		echo "$f: exit status $status"; return 1
	fi
	if [ "$count" -ne 1 ]; then
		echo "$f: $count lines on stderr:"; head -n 3 "$err" | cut -c1-200; return 1
	fi
	line=$(sed -n "s|^$f:\([0-9][0-9]*\): ..*|\1|p" "$err")
	if [ -z "$line" ]; then
		echo "$f: not FILE:LINE: message: $(cut -c1-200 "$err")"; return 1
	fi
	if [ "$want" != - ] && [ "$line" != "$want" ]; then
		echo "$f: error at line $line, expected $want: $(cut -c1-200 "$err")"; return 1
	fi
}

@test "corpus: at least 500 malformed lesson files and 200 scripts" {
	[ "$(grep -c '/lessons/' "$CORPUS/expect")" -ge 500 ]
	[ "$(grep -c '/scripts/' "$CORPUS/expect")" -ge 200 ]
}

@test "corpus: every malformed lesson file gets one FILE:LINE: error and exit 1" {
	bad=0
	err="$BATS_TEST_TMPDIR/err"
	grep '/lessons/' "$CORPUS/expect" > "$BATS_TEST_TMPDIR/lessons"
	# One run of its own for the first file of each kind: exit status 1,
	# one line on stderr, nothing on stdout.
	declare -A kind_seen
	while read -r f want; do
		kind=${f##*/}
		kind=${kind#*-}
		[ -z "${kind_seen[$kind]:-}" ] || continue
		kind_seen[$kind]=1
		status=0
		"$FORKLORE" --check "$f" > "$BATS_TEST_TMPDIR/out" 2> "$err" || status=$?
		check_one "$f" "$want" "$status" "$err" || bad=$((bad + 1))
		[ ! -s "$BATS_TEST_TMPDIR/out" ] || { echo "$f: wrote to stdout"; bad=$((bad + 1)); }
	done < "$BATS_TEST_TMPDIR/lessons"
	[ "${#kind_seen[@]}" -ge 20 ]
	# All of them, a hundred to a run of --check (which checks each file
	# it is given): every run fails, nothing goes to stdout, and each file
	# gets exactly one FILE:LINE: error, at the line expected.
	cut -d' ' -f1 "$BATS_TEST_TMPDIR/lessons" |
		xargs -d '\n' -n 100 sh -c '"$0" --check "$@" 2>> "'"$err.all"'"; [ $? -eq 1 ] || echo "a --check run did not exit 1"' "$FORKLORE" > "$BATS_TEST_TMPDIR/out"
	[ ! -s "$BATS_TEST_TMPDIR/out" ] || { head -n 3 "$BATS_TEST_TMPDIR/out"; return 1; }
	awk 'NR == FNR { want[$1] = $2; n++; next }
	     {
		i = index($0, ".lesson:")
		f = substr($0, 1, i + 6)
		rest = substr($0, i + 8)
		if (!(f in want)) { print "not FILE:LINE: message: " substr($0, 1, 200); bad++; next }
		if (++seen[f] > 1) { print f ": more than one error line"; bad++ }
		if (!match(rest, /^[0-9]+: ./)) { print "not FILE:LINE: message: " substr($0, 1, 200); bad++; next }
		line = substr(rest, 1, index(rest, ":") - 1)
		if (want[f] != "-" && line != want[f]) { print f ": error at line " line ", expected " want[f]; bad++ }
	     }
	     END {
		for (f in want) if (!seen[f]) { print f ": no error line"; bad++ }
		exit bad > 0
	     }' "$BATS_TEST_TMPDIR/lessons" "$err.all" || bad=$((bad + 1))
	[ "$bad" -eq 0 ]
}

@test "corpus: every script with one bad line names that line, and exits 1 (2 if unreadable)" {
	bad=0
	err="$BATS_TEST_TMPDIR/err"
	while read -r f want; do
		case "$f" in */scripts/*) ;; *) continue ;; esac
		status=0
		"$FORKLORE" --plain --speed 0 --script "$f" > /dev/null 2> "$err" || status=$?
		check_one "$f" "$want" "$status" "$err" || bad=$((bad + 1))
		if [ -e "$f" ] && [ ! -d "$f" ] && [ "$status" -ne 1 ]; then
			echo "$f: exit status $status, expected 1"; bad=$((bad + 1))
		fi
	done < "$CORPUS/expect"
	[ "$bad" -eq 0 ]
}

@test "an unreadable lesson file and script: one FILE:LINE: error each" {
	f="$BATS_TEST_TMPDIR/locked.lesson"
	s="$BATS_TEST_TMPDIR/locked.script"
	cp "$ROOT/lessons/01-fork.lesson" "$f"
	echo lessons > "$s"
	chmod 000 "$f" "$s"
	chmod 755 "$BATS_TEST_TMPDIR"
	as=()
	if [ "$(id -u)" -eq 0 ]; then
		# root reads anything: ask as nobody instead.
		command -v setpriv > /dev/null || skip "needs setpriv to drop root"
		as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	fi
	run "${as[@]}" "$FORKLORE" --check "$f"
	[ "$status" -eq 1 ]
	[ "$output" = "$f:1: cannot open: Permission denied" ]
	run "${as[@]}" env XDG_STATE_HOME=/nonexistent "$FORKLORE" --plain --script "$s"
	[ "$status" -eq 2 ]
	[ "$output" = "$s:1: cannot open: Permission denied" ]
}

# A lesson whose every field holds shell syntax, paths and tricks.
hostile_lesson() {
	cat <<'LESSON'
@lesson hostile
@title $(touch /tmp/forklore-pwned-title) `touch /tmp/forklore-pwned-bq`
@order 1
@summary ; rm -rf /tmp/forklore-pwned-dir ; echo $HOME ${PATH} %s%n%s
@step $(id) && `id` ; ls /etc | sh
Text with $(touch /tmp/forklore-pwned-text) and `touch /tmp/forklore-pwned-bq2`,
a path /bin/sh -c 'touch /tmp/forklore-pwned-sh', LD_PRELOAD=/tmp/x.so and
PATH=/tmp:$PATH; %n%n%n%s%s%s; ../../../../etc/passwd; \x1b]0;title\x07.
@code c
system("touch /tmp/forklore-pwned-code"); /* $(id) */
@end
@code python
import os; os.system("touch /tmp/forklore-pwned-py")  # `id`
@end
@run fork-once linger=0
@predict choice What does $(touch /tmp/forklore-pwned-predict) print?
@option x $(id) `touch /tmp/forklore-pwned-option`
@option y|z $HOME ${PATH} %s%n
@answer first (x|y)
LESSON
}

@test "hostile lesson fields are shown as text, and only forklore itself is executed" {
	command -v strace > /dev/null || skip "needs strace"
	d="$BATS_TEST_TMPDIR/lessons"
	mkdir -p "$d"
	hostile_lesson > "$d/hostile.lesson"
	rm -f /tmp/forklore-pwned*
	log="$BATS_TEST_TMPDIR/strace"
	# LeakSanitizer cannot run under ptrace; leaks are checked elsewhere.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	run strace -f -qq -e trace=execve -o "$log" \
		"$FORKLORE" --plain --speed 0 --lessons "$d" \
		-c 'lessons; open hostile; show; code; code python; params; run; wait; help run'
	echo "$output"
	[ "$status" -eq 0 ]
	# Shown, literally.
	[[ "$output" == *'$(touch /tmp/forklore-pwned-title) `touch /tmp/forklore-pwned-bq`'* ]]
	[[ "$output" == *'; rm -rf /tmp/forklore-pwned-dir ; echo $HOME ${PATH} %s%n%s'* ]]
	[[ "$output" == *'system("touch /tmp/forklore-pwned-code");'* ]]
	[[ "$output" == *'demo ended, exit status 0'* ]]
	# Never run: every execve in the whole tree is forklore's own.
	only_forklore_ran "$log"
	! ls /tmp/forklore-pwned* 2> /dev/null
}

@test "lessons asking for a program, a path or a shell as a demo are refused" {
	d="$BATS_TEST_TMPDIR/lessons"
	mkdir -p "$d"
	n=0
	for run in '/bin/sh' 'sh -c id' '$(id)' '`id`' 'fork-once;id' 'fork-once && id' \
	           '../../bin/true' 'fork-once LD_PRELOAD=/tmp/x.so' 'fork-once PATH=/tmp' \
	           'fork-once linger=$(id)'; do
		n=$((n + 1))
		printf '@lesson h%d\n@title T\n@order %d\n@summary S\n@step One\ntext\n@run %s\n' \
			"$n" "$n" "$run" > "$d/h$n.lesson"
	done
	run "$FORKLORE" --check "$d"/*.lesson
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq "$n" ]
	for line in "${lines[@]}"; do
		[[ "$line" == "$d"/h*.lesson:7:\ * ]]
	done
	# The lesson folder loads without them.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	run strace -f -qq -e trace=execve -o "$BATS_TEST_TMPDIR/strace" \
		"$FORKLORE" --plain --speed 0 --lessons "$d" -c 'lessons'
	[[ "$output" == *"no lessons"* ]] || [[ "$output" == *"h1.lesson:7:"* ]]
	only_forklore_ran "$BATS_TEST_TMPDIR/strace"
}
