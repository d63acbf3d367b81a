#!/bin/bash
# The README's second command: installs what is needed, builds hv with
# warnings as errors, runs the whole test suite and "make distcheck", and
# ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${HV_BUILDDIR:-$top/build}
jobs=$(nproc)
step() { printf '\n=== %s\n' "$*"; }
die() { echo "run-tests: $*" >&2; exit 1; }

step "installing Debian packages"
bash "$top/build-aux/install-deps.sh" || die "installing packages failed"

step "configuring in $builddir"
(cd "$top" && autoreconf -fi) || die "autoreconf failed"
mkdir -p "$builddir" && cd "$builddir" || die "cannot enter $builddir"
"$top/configure" --enable-werror || die "configure failed"

step "building"
make -j"$jobs" || die "build failed; no tests ran"

step "running the test suite"
rm -f test-suite.log
if ! make -j"$jobs" check && [ -f test-suite.log ]; then
	# what failed, and the end of each failed test's log (test-suite.log
	# holds them), so a CI log shows why right where it failed
	for t in $(sed -n 's/^\(FAIL\|ERROR\|XPASS\): \([^ ]*\).*/\2/p' test-suite.log | sort -u); do
		echo "--- $t: the end of $t.log"
		tail -n 40 "$t.log" 2>/dev/null || true
	done
	grep -E '^(FAIL|ERROR|XPASS): ' test-suite.log || true
fi
[ -f test-suite.log ] && sed -n '/^# TOTAL/,/^# ERROR/p' test-suite.log

step "fuzzing smoke run (clang, libFuzzer, ASan/UBSan)"
fuzzdir=${HV_FUZZ_BUILDDIR:-$top/build-fuzz}
fuzz_logs=()
mkdir -p "$fuzzdir"
if (cd "$fuzzdir" &&
	"$top/configure" -q CC=clang --enable-werror --enable-fuzzing --disable-integration-tests &&
	make -j"$jobs" >/dev/null); then
	rm -f "$fuzzdir/test-suite.log"
	make -C "$fuzzdir" fuzz-smoke
	fuzz_logs=("$fuzzdir/test-suite.log")
else
	echo "run-tests: the fuzzing build failed"
	fuzz_logs=(/nonexistent/fuzz-build-failed)
fi

step "make distcheck"
if make -j"$jobs" distcheck > distcheck.log 2>&1; then
	distcheck=PASS
	grep -A3 'archives ready for distribution' distcheck.log || true
else
	distcheck=FAIL
	tail -n 40 distcheck.log
fi

step "summary"
bash "$top/build-aux/test-summary.sh" "$builddir/test-suite.log" "${fuzz_logs[@]}" \
	"distcheck=$distcheck"
