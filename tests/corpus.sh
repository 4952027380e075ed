#!/bin/bash
# corpus.sh OUTDIR - write a corpus of malformed lesson files and scripts,
# made from the real lessons and scripts by one deliberate fault each.
#
#   OUTDIR/lessons/NNNN-kind.lesson   one fault each, for forklore --check
#   OUTDIR/scripts/NNNN-kind.script   one bad line each, for --script
#   OUTDIR/expect                     "FILE LINE" per file: the line the
#                                     error must name ("-": any line)
#
# Every file is malformed by construction: the fault is one that no lesson
# or script may contain, so each must get exactly one FILE:LINE: error.
set -eu
export LC_ALL=C      # lengths and cuts count bytes
out=$1
n=0
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out/lessons" "$out/scripts"
: > "$out/expect"

# new KIND DIR EXT EXPECTED-LINE: the next file's path in $f.
new() {
	n=$((n + 1))
	printf -v f '%s/%s/%04d-%s.%s' "$out" "$2" "$n" "$1" "$3"
	echo "$f $4" >> "$out/expect"
}

# The bad byte sequences: not UTF-8 (a stray continuation byte, a lead
# byte without its continuation, an overlong '/', a surrogate, a code
# point above U+10FFFF, 0xFF), and control characters.
bad_utf8=('\x80' '\xc3(' '\xc0\xaf' '\xed\xa0\x80' '\xf4\x90\x80\x80' '\xff')
controls=('\x01' '\x1b[2J' '\x7f' '\xc2\x9b' '\x0b' '\x08')

# lines FROM TO: lines FROM..TO (1-based, inclusive) of the array text.
lines() {
	local from=$1 to=$2
	[ "$to" -ge "$from" ] || return 0
	printf '%s\n' "${text[@]:from-1:to-from+1}"
}

# insert LINE BYTES: text with BYTES (printf escapes) put into the middle
# of line LINE.
insert() {
	local at=$1 line=${text[$1 - 1]}
	local h=$(( ${#line} / 2 ))
	lines 1 $((at - 1))
	printf '%s' "${line:0:h}"
	printf "$2"
	printf '%s\n' "${line:h}"
	lines $((at + 1)) "$total"
}

for lesson in "$root"/lessons/*.lesson; do
	mapfile -t text < "$lesson"
	total=${#text[@]}
	# Cut inside each code block: the block is never closed.
	while read -r at; do
		for extra in 0 1; do
			new unterminated lessons lesson "$at"
			lines 1 $((at + extra)) > "$f"
		done
	done < <(grep -n '^@code' "$lesson" | cut -d: -f1)
	# Cut in the middle of each directive's name (but @end, which would
	# only leave its block open): no such directive.
	while read -r at; do
		new cut-directive lessons lesson "$at"
		{ lines 1 $((at - 1)); printf '%s\n' "${text[at - 1]:0:3}"; } > "$f"
	done < <(grep -n '^@[a-z]' "$lesson" | grep -v '^[0-9]*:@end' | cut -d: -f1)
	# Bad bytes on every seventh line that has text.
	for ((at = 1; at <= total; at += 11)); do
		line=${text[at - 1]}
		[ ${#line} -ge 2 ] || continue
		i=$(( (at / 11) % ${#bad_utf8[@]} ))
		new bad-utf8 lessons lesson "$at"
		insert "$at" "${bad_utf8[$i]}" > "$f"
		new control lessons lesson "$at"
		insert "$at" "${controls[$i]}" > "$f"
	done
	# NUL bytes: at the start, on a directive line, at the very end.
	new nul lessons lesson 1
	{ printf '\0'; cat "$lesson"; } > "$f"
	new nul lessons lesson 2
	{ sed -n 1p "$lesson"; printf '@ti\0tle x\n'; sed -n '3,$p' "$lesson"; } > "$f"
	new nul lessons lesson $((total + 1))
	{ cat "$lesson"; printf 'end\0'; } > "$f"
	# A line of a million bytes in the text; a file over 1 MiB.
	new long-line lessons lesson 6
	{ head -n 5 "$lesson"; head -c 1000000 /dev/zero | tr '\0' a; echo; sed -n '6,$p' "$lesson"; } > "$f"
	new huge lessons lesson 1
	{ cat "$lesson"; head -c 1100000 /dev/zero | tr '\0' b | fold -w 1000; echo; } > "$f"
	# Each demo run with an unknown demo, or an unknown or bad parameter.
	while IFS=: read -r at runline; do
		read -r _ demo _ <<< "$runline"
		for name in "$demo-x" '$(touch /tmp/forklore-pwned)' '../../bin/sh' 'fork-once;id'; do
			new unknown-demo lessons lesson "$at"
			{ lines 1 $((at - 1)); echo "@run $name"; lines $((at + 1)) "$total"; } > "$f"
		done
		for arg in 'nosuch=1' '=3' 'LD_PRELOAD=/tmp/x.so' 'linger=99999999999999999999' \
		           'linger=-1' 'linger=0x10' 'linger=$(id)'; do
			new bad-param lessons lesson "$at"
			{ lines 1 $((at - 1)); echo "@run $demo $arg"; lines $((at + 1)) "$total"; } > "$f"
		done
	done < <(grep -n '^@run' "$lesson")
	# A block end with no block; a code block in an unknown language.
	new stray-end lessons lesson -
	{ head -n 5 "$lesson"; echo '@end'; sed -n '6,$p' "$lesson"; } > "$f"
	at=$(grep -n '^@code' "$lesson" | head -n 1 | cut -d: -f1)
	new bad-language lessons lesson "$at"
	sed "${at}s|.*|@code cobol|" "$lesson" > "$f"
	at=$(grep -n '^@step' "$lesson" | head -n 1 | cut -d: -f1)
	new bad-source lessons lesson $((at + 1))
	{ head -n "$at" "$lesson"; echo '@source /etc/passwd'; sed -n "$((at + 1)),\$p" "$lesson"; } > "$f"
done

# Headers: each field missing, doubled or wrong.
base="$root/lessons/01-fork.lesson"
for field in lesson title order summary; do
	new missing-$field lessons lesson -
	grep -v "^@$field " "$base" > "$f"
	new double-$field lessons lesson -
	at=$(grep -n "^@$field " "$base" | cut -d: -f1)
	{ head -n "$at" "$base"; sed -n "${at}p" "$base"; sed -n "$((at + 1)),\$p" "$base"; } > "$f"
done
for order in 0 -1 x 99999999999999999999 '1 2'; do
	new bad-order lessons lesson 3
	sed "3s|.*|@order $order|" "$base" > "$f"
done
for id in 'a b' '../x' 'x;y' '$(id)' ''; do
	new bad-id lessons lesson 1
	sed "1s|.*|@lesson $id|" "$base" > "$f"
done
new no-steps lessons lesson -
sed '/^@step/,$d' "$base" > "$f"
# Empty, blanks only, header only, a directory.
new empty lessons lesson 1
: > "$f"
new blank lessons lesson -
printf '\n\n   \n\t\n' > "$f"
new crlf-only lessons lesson -
printf '\r\n\r\n' > "$f"
new directory lessons lesson 1
mkdir -p "$f"

# ---- scripts ------------------------------------------------------------

# A good script to spoil: cheap commands only, nothing that starts a demo.
good=("lessons" "open fork" "next" "show" "code" "prev" "goto 3"
      "params" "help" "demos" "# a comment" "" "set speed 2" "help run")
nbase=${#good[@]}
before() { [ "$1" -le 1 ] || printf '%s\n' "${good[@]:0:$1-1}"; }
after() { printf '%s\n' "${good[@]:$1-1}"; }
million=$(head -c 1000000 /dev/zero | tr '\0' a)
bad_lines=(
	"frobnicate" "nxt" "open nosuch" "open 99" "goto 0" "goto x" "goto 99"
	"code rust" "set speed -1" "set nosuch 1" "set speed" "help nosuch"
	"demo nosuch" "demo fork-once linger=99" "demo fork-once nosuch=1"
	"demo fork-once linger" 'demo $(id)' 'demo `id`' "demo ../../bin/sh"
	"demo fork-once LD_PRELOAD=/tmp/x.so" 'open "fork' "open 'fork"
	"zoom nosuch" "stop" "run nosuch=1" "run linger=-1" "next next"
	"quitt" "set seed -1" "set seed 99999999999999999999"
)
for ((pos = 1; pos <= nbase + 1; pos += 3)); do
	for bad in "${bad_lines[@]}"; do
		new bad-command scripts script "$pos"
		{ before "$pos"; echo "$bad"; after "$pos"; } > "$f"
	done
	for ((i = 0; i < ${#bad_utf8[@]}; i++)); do
		new bad-utf8 scripts script "$pos"
		{ before "$pos"; printf "# note ${bad_utf8[$i]}\n"; after "$pos"; } > "$f"
		new control scripts script "$pos"
		{ before "$pos"; printf "help${controls[$i]}\n"; after "$pos"; } > "$f"
	done
	new nul scripts script "$pos"
	{ before "$pos"; printf 'lessons\0 extra\n'; after "$pos"; } > "$f"
	new long-line scripts script "$pos"
	{ before "$pos"; echo "$million"; after "$pos"; } > "$f"
done
new directory scripts script 1
mkdir -p "$f"
new missing scripts script 1
rm -f "$f"
