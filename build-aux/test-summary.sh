#!/bin/bash
# Prints "N passed, N failed[, N skipped]" from an Automake test-suite.log
# (each TAP test case is one result), plus any extra results given as
# NAME=PASS|FAIL arguments. Exits 1 when anything failed.
set -euo pipefail
log=${1:?usage: test-summary.sh TEST-SUITE-LOG [NAME=PASS|FAIL]...}
shift

count() { sed -n "s/^# $1: *\([0-9]*\)$/\1/p" "$log" | head -n1; }
if [ -f "$log" ]; then
	pass=$(count PASS); xfail=$(count XFAIL); skip=$(count SKIP)
	fail=$(count FAIL); xpass=$(count XPASS); error=$(count ERROR)
else
	echo "test-summary: $log is missing: the test suite did not run" >&2
	pass=0 xfail=0 skip=0 fail=0 xpass=0 error=1
fi
passed=$(( ${pass:-0} + ${xfail:-0} ))
failed=$(( ${fail:-0} + ${xpass:-0} + ${error:-0} ))
skipped=${skip:-0}
for extra in "$@"; do
	case "${extra#*=}" in
	PASS) passed=$((passed + 1)) ;;
	*) failed=$((failed + 1)); echo "FAIL: ${extra%%=*}" ;;
	esac
done
[ -f "$log" ] && grep -E '^(FAIL|ERROR|XPASS): ' "$log" || true
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
