#!/bin/bash
# Prints "N passed, N failed[, N skipped]" summed over Automake
# test-suite.log files (each TAP test case is one result), plus extra results
# given as NAME=PASS or NAME=FAIL. A log that is missing counts as one
# failure: that suite did not run. Exits 1 when anything failed.
# usage: test-summary.sh [TEST-SUITE-LOG | NAME=PASS | NAME=FAIL]...
set -euo pipefail

passed=0 failed=0 skipped=0
count() { sed -n "s/^# $1: *\([0-9]*\)$/\1/p" "$2" | head -n1; }
for arg in "$@"; do
	case "$arg" in
	*=PASS) passed=$((passed + 1)) ;;
	*=FAIL) failed=$((failed + 1)); echo "FAIL: ${arg%=FAIL}" ;;
	*)
		if [ ! -f "$arg" ]; then
			echo "FAIL: $arg is missing: that test suite did not run"
			failed=$((failed + 1))
			continue
		fi
		passed=$((passed + $(count PASS "$arg") + $(count XFAIL "$arg")))
		failed=$((failed + $(count FAIL "$arg") + $(count XPASS "$arg") + $(count ERROR "$arg")))
		skipped=$((skipped + $(count SKIP "$arg")))
		grep -E '^(FAIL|ERROR|XPASS): ' "$arg" || true
		;;
	esac
done
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
