#!/bin/sh
# run.sh BUILD SECONDS - fuzz the lesson parser, then the script reader,
# for half of SECONDS each. Seeds: the real lessons and scripts, and the
# inputs kept in tests/fuzz/regress-*/. A crash, a leak or a timeout stops
# the run with a non-zero status and leaves the input in BUILD.
set -eu
build=$1
seconds=$2
half=$(( (seconds + 1) / 2 ))
rm -f "$build"/crash-*
for target in lesson script; do
	corpus="$build/corpus-$target"
	mkdir -p "$corpus"
	if [ "$target" = lesson ]; then
		cp lessons/*.lesson tests/fuzz/regress-lesson/* "$corpus/" 2>/dev/null || true
		max=65536
	else
		cp tests/transcripts/*.script tests/fuzz/regress-script/* "$corpus/" 2>/dev/null || true
		cp lessons/*.script "$corpus/" 2>/dev/null || true
		max=8192
	fi
	echo "fuzz: $target parser for ${half} s"
	"$build/fuzz_$target" -max_total_time="$half" -max_len="$max" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$build/crash-$target-" "$corpus" 2>&1 |
		grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true
	# The pipe hides the fuzzer's status: a kept artifact is the failure.
	if ls "$build"/crash-"$target"-* > /dev/null 2>&1; then
		echo "fuzz: $target: crashing input kept in $build" >&2
		exit 1
	fi
done
echo "fuzz: no crash, no leak"
