#!/bin/bash
# Runs one libFuzzer target (from a --enable-fuzzing build) for
# HV_FUZZ_SECONDS on a copy of its seed corpus and reports in TAP. Crashing
# inputs are kept in tests/fuzz/artifacts/ of the build tree.
# A unit counts as hung after 30 s, not libFuzzer's usual 10: on a loaded
# 2-core machine ASan alone has stalled a unit for 11-15 s.
# usage: fuzz-run.sh TARGET
set -uo pipefail
target=$1
name=$(basename "$target")
seconds=${HV_FUZZ_SECONDS:-20}
seed="${HV_TOP_SRCDIR:?}/tests/fuzz/corpus/$name"
artifacts="${HV_TOP_BUILDDIR:-.}/tests/fuzz/artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$artifacts"
if [ -d "$seed" ]; then
	cp -r "$seed/." "$work/corpus/"
	# Binary seeds live in git as commented hex text (see fuzz-replay.c).
	for hex in "$work"/corpus/*.hex; do
		[ -e "$hex" ] || continue
		sed 's/#.*//' "$hex" | xxd -r -p > "${hex%.hex}.seed"
		rm "$hex"
	done
fi

echo "1..1"
if "$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$work/corpus" \
	> "$work/log" 2>&1; then
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	echo "ok 1 - $name: ${execs:-?} inputs in ${seconds}s, no crash"
else
	echo "not ok 1 - $name found a crash (inputs in $artifacts)"
	tail -n 60 "$work/log" | sed 's/^/# /'
	exit 1
fi
