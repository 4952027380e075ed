#!/bin/bash
# run-all.sh - run every test of forklore, then check that nothing the
# suite started is still alive. Usage: tests/run-all.sh UNIT-TEST-BINARY...
#
# Every process the suite starts inherits FORKLORE_CENSUS=<tag> in its
# environment; the census at the end looks for any process still holding it.
set -u
cd "$(dirname "$0")/.."

FORKLORE_CENSUS="forklore-suite-$$-$(date +%s%N)"
export FORKLORE_CENSUS
export LC_ALL=C.UTF-8
# Keep the suite away from the user's own history and settings.
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME FORKLORE_SUITE_STATE=1
unset NO_COLOR FORKLORE_LESSONS
# The binary under test (make passes the sanitizer build's) and its build.
export FORKLORE_BIN="${FORKLORE_BIN:-forklore}"
export BUILD="${BUILD:-build}"

# A sanitizer build writes every report to a file here, whichever process
# of the suite it comes from (a demo, a process inside tmux); any report
# at all fails the run.
sanlog=""
if [ -n "${SANITIZE:-}" ]; then
	sanlog=$(mktemp -d)
	export FORKLORE_SANITIZED=$SANITIZE
	export ASAN_OPTIONS="log_path=$sanlog/asan:detect_leaks=1:handle_abort=1"
	export UBSAN_OPTIONS="print_stacktrace=1:log_path=$sanlog/ubsan"
	export TSAN_OPTIONS="log_path=$sanlog/tsan:suppressions=$PWD/tests/tsan.supp"
	echo "== sanitizer build ($SANITIZE): $FORKLORE_BIN, reports to $sanlog"
fi

passed=0
failed=0
failed_names=""

# One check that passed, or failed under a name for the closing line.
pass_one() { passed=$((passed + 1)); }
fail_one() { failed=$((failed + 1)); failed_names="$failed_names $1"; }

# A unit test binary (cmocka): count its passed and failed tests.
run_unit() {
	local out rc p f
	out=$("./$1" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	# A binary may run several groups: add up every group's summary.
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' |
		awk '{ n += $1 } END { print n + 0 }')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' |
		awk '{ n += $1 } END { print n + 0 }')
	passed=$((passed + p))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1   # it crashed or failed outside a test
	fi
	failed=$((failed + f))
	[ "$f" -gt 0 ] && failed_names="$failed_names $1"
}

# The bats files, CHECK_JOBS of them at a time (each test has its own tmux
# socket and temporary directory; each file gets its own state directory
# here), the slowest first so that none of them starts last. The files in
# $alone measure what a busy machine would blur (the lost update must show
# in 99 of 100 runs; CPU shares and times, which their own busy loops
# would also take from the others; the exercise suite's own time facts,
# and the timing of everything else beside its checks): they run
# afterwards, by themselves. The TAP output is printed file by file, and
# its ok / not ok lines are counted.
run_bats() {
	# Most of the suite waits on terminals and timers, not on the CPU:
	# four files at a time on two cores (three took 101 s here, four
	# 85 s). A sanitizer build runs several times slower, and its
	# terminal tests then need the machine to themselves: one file at a
	# time.
	local default=4
	[ -n "${SANITIZE:-}" ] && default=1
	local out jobs=${CHECK_JOBS:-$default} f name list slow alone
	out=$(mktemp -d)
	slow="torture classroom cast guard panes build corpus hostile"
	alone="locks multitasking gil exercise-suite"
	list=""
	for name in $slow; do
		[ -f "tests/$name.bats" ] && list="$list tests/$name.bats"
	done
	for f in tests/*.bats; do
		name=$(basename "$f" .bats)
		case " $list $alone " in
		*" $f "* | *" $name "*) ;;
		*) list="$list $f" ;;
		esac
	done
	one_bats() {
		local name start
		name=$(basename "$1" .bats)
		mkdir -p "$2/state-$name"
		start=$(date +%s%N)
		XDG_STATE_HOME="$2/state-$name" bats --tap "$1" > "$2/$name.tap" 2>&1
		echo "$(( ($(date +%s%N) - start) / 1000000 )) $name" >> "$2/times"
	}
	export -f one_bats
	printf '%s\n' $list | xargs -P "$jobs" -I{} bash -c 'one_bats "$1" "$2"' _ {} "$out"
	for name in $alone; do
		one_bats "tests/$name.bats" "$out"
	done
	for f in tests/*.bats; do
		name=$(basename "$f" .bats)
		echo "# $f"
		cat "$out/$name.tap"
		passed=$((passed + $(grep -c '^ok ' "$out/$name.tap")))
		local bad
		bad=$(grep -c '^not ok ' "$out/$name.tap")
		failed=$((failed + bad))
		[ "$bad" -gt 0 ] && failed_names="$failed_names $name.bats"
		grep -q '^1\.\.[0-9]' "$out/$name.tap" || fail_one "$name.bats(no-plan)"
	done
	# Where the time went, slowest first: the files to split or speed
	# up when make check grows past its 90 s.
	echo "== wall time of each bats file (ms)"
	sort -rn "$out/times" | head -n 12 | sed 's/^/  /'
	rm -rf "$out"
}

echo "== unit tests"
for t in "$@"; do
	run_unit "$t"
done

# A fuzz target once over an input list: the regression inputs the fuzzer
# found, and its seeds. One test each.
run_replay() {
	local bin=$1
	shift
	if out=$("./$BUILD/$bin" "$@" 2>&1); then
		echo "ok $bin: $out"
		pass_one
	else
		printf '%s\n' "$out"
		echo "not ok $bin"
		fail_one "$bin"
	fi
}
echo "== fuzz regression inputs"
shopt -s nullglob
run_replay replay_lesson tests/fuzz/regress-lesson/* lessons/*.lesson
run_replay replay_script tests/fuzz/regress-script/* tests/transcripts/*.script lessons/*.script
shopt -u nullglob

echo "== shell-level tests (bats)"
run_bats

echo "== census: is anything the suite started still running?"
census_out=$(mktemp)
tests/census.sh "$FORKLORE_CENSUS" $$ > "$census_out"
left=$(cat "$census_out")
rm -f "$census_out"
if [ -n "$left" ]; then
	echo "census: these processes outlived the suite:"
	for pid in $left; do
		printf '  %s %s\n' "$pid" "$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
		kill -9 "$pid" 2>/dev/null
	done
	fail_one census
else
	echo "census: nothing left running"
	pass_one
fi

if [ -n "$sanlog" ]; then
	echo "== sanitizer reports"
	reports=$(ls "$sanlog")
	if [ -n "$reports" ]; then
		for r in $reports; do
			echo "--- $r"
			head -n 40 "$sanlog/$r"
		done
		fail_one sanitizer
	else
		echo "sanitizers: no report"
		pass_one
	fi
	rm -rf "$sanlog"
fi

rm -rf "$XDG_STATE_HOME"
[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
