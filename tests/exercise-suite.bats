#!/usr/bin/env bats
# The rules of the exercises, for every exercise of the course: its files
# pass --check; its starting file fails its check by a fact (not by a
# compile error or a crash), its reference solution passes, and each wrong
# almost-solution fails. Every variant is checked once, a few at a time,
# by tests/exercise-suite.sh; the tests read what it found.

load helpers

setup_file() {
	export SUITE_OUT="$BATS_FILE_TMPDIR/suite"
	"$BATS_TEST_DIRNAME/exercise-suite.sh" "$SUITE_OUT" "${EXERCISE_JOBS:-3}"
}

# Every exercise of the course.
exercises() {
	for d in "$ROOT"/lessons/exercises/*/; do
		[ -f "$d/exercise" ] && basename "$d"
	done
}

# Show a variant's report (for a failing test) and its status.
report() {
	echo "== $1: exit $(cat "$SUITE_OUT/$1.rc")"
	cat "$SUITE_OUT/$1.out"
}

@test "every lesson has an exercise in C, and the lessons with Python one in Python" {
	for l in "$ROOT"/lessons/*.lesson; do
		id=$(sed -n 's/^@lesson //p' "$l")
		c=$(grep -lx "@lesson $id" "$ROOT"/lessons/exercises/*/exercise |
			xargs grep -lx '@language c' | wc -l)
		echo "$id: $c in C"
		[ "$c" -ge 1 ]
		if grep -q '^@code python' "$l"; then
			py=$(grep -lx "@lesson $id" "$ROOT"/lessons/exercises/*/exercise |
				xargs grep -lx '@language python' | wc -l)
			echo "$id: $py in Python"
			[ "$py" -ge 1 ]
		fi
	done
}

@test "every exercise passes --check" {
	run "$FORKLORE" --check "$ROOT"/lessons/exercises/*/
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(grep -c ': ok, exercise ' <<< "$output")" -eq "$(exercises | wc -l)" ]
}

@test "every starting file compiles, runs, and fails its check by a fact" {
	bad=0
	for e in $(exercises); do
		v="$e.start"
		if [ "$(cat "$SUITE_OUT/$v.rc")" != 1 ] ||
		   ! grep -q '^  FAILED ' "$SUITE_OUT/$v.out" ||
		   grep -q 'does not compile' "$SUITE_OUT/$v.out"; then
			report "$v"
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ]
}

@test "every reference solution passes its check" {
	bad=0
	for e in $(exercises); do
		v="$e.solution"
		if [ "$(cat "$SUITE_OUT/$v.rc")" != 0 ] ||
		   ! grep -q "^Every fact holds: $e is solved.$" "$SUITE_OUT/$v.out"; then
			report "$v"
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ]
}

@test "every wrong almost-solution fails its check by a fact" {
	bad=0
	n=0
	for e in $(exercises); do
		for f in "$ROOT"/lessons/exercises/"$e"/wrong-*; do
			v="$e.$(basename "${f%.*}")"
			n=$((n + 1))
			if [ "$(cat "$SUITE_OUT/$v.rc")" != 1 ] ||
			   ! grep -q '^  FAILED ' "$SUITE_OUT/$v.out" ||
			   grep -q 'does not compile' "$SUITE_OUT/$v.out"; then
				report "$v"
				bad=$((bad + 1))
			fi
		done
	done
	echo "$n wrong almost-solutions"
	[ "$n" -ge "$(exercises | wc -l)" ]
	[ "$bad" -eq 0 ]
}

@test "no check of the suite left anything running, and no warning in any solution" {
	! pgrep -f "forklore-exercise-" > /dev/null
	for e in $(exercises); do
		! grep -q 'the compiler gave' "$SUITE_OUT/$e.solution.out"
		! grep -q 'the compiler gave' "$SUITE_OUT/$e.start.out"
	done
}
