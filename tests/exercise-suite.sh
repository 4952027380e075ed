#!/bin/sh
# exercise-suite.sh OUT [JOBS]: check every variant of every exercise of
# the course (lessons/exercises/NAME: start, solution, wrong-*) with
# forklore's `check`, JOBS at a time; for each, OUT/NAME.VARIANT.out holds
# the report and OUT/NAME.VARIANT.rc the exit status.
set -eu
out=$1
jobs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/${FORKLORE_BIN:-forklore}"
mkdir -p "$out"
for dir in "$root"/lessons/exercises/*/; do
	[ -f "$dir/exercise" ] || continue
	name=$(basename "$dir")
	for file in "$dir"start.* "$dir"solution.* "$dir"wrong-*; do
		[ -f "$file" ] || continue
		printf '%s %s\n' "$name" "$file"
	done
done | OUT=$out BIN=$bin xargs -P "$jobs" -L 1 sh -c '
	name=$1 file=$2 out=$OUT bin=$BIN
	variant=$(basename "$file")
	variant=${variant%.*}
	ws=$(mktemp -d)
	FORKLORE_WORKSPACE=$ws "$bin" --plain --speed 0 --seed 1 \
		-c "check $name $file" > "$out/$name.$variant.out" 2>&1
	echo $? > "$out/$name.$variant.rc"
	rm -rf "$ws"
' sh
