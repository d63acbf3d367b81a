#!/bin/bash
# "hv config" as a user runs it: exit statuses, what goes to stdout and
# what to stderr, conversions both ways, standard input, usage errors.
# Prints TAP.
set -uo pipefail
top=${HV_TOP_SRCDIR:?}
hv="${HV_TOP_BUILDDIR:?}/hv"
data="$top/tests/libhv/xlcfgdata"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

# check NAME CONDITION...: one TAP line
check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=1
		sed 's/^/# stdout: /' "$work/out" 2>/dev/null | head -n 20
		sed 's/^/# stderr: /' "$work/err" 2>/dev/null | head -n 20
	fi
}

# run ARGS...: runs hv, keeping stdout, stderr and the exit status
run() {
	"$hv" "$@" >"$work/out" 2>"$work/err" </dev/null
	status=$?
}

empty() { [ ! -s "$1" ]; }

echo "1..17"

run config check "$data/xen-example-pvh.cfg"
check "check: a valid config exits 0 and prints nothing" \
	test "$status" = 0 -a ! -s "$work/out" -a ! -s "$work/err"

run config check "$data/xen-xen-only-settings.cfg"
check "check: warnings go to stderr, nothing to stdout, exit 0" \
	bash -c "test $status = 0 && ! test -s '$work/out' && grep -q '^hv: warning: .*xen-only-settings.cfg:7:20: max_grant_frames: has no effect on KVM' '$work/err'"

run config check "$top/tests/libhv/xlcfgdata-invalid/unknown-key-typo.cfg"
check "check: an invalid config exits 1 with file, line, column and key on stderr" \
	bash -c "test $status = 1 && ! test -s '$work/out' && grep -qx 'hv: .*unknown-key-typo.cfg:3:1: memroy: unknown setting (did you mean memory?)' '$work/err'"

run config check "$top/tests/libhv/xlcfgdata-invalid/pygrub.cfg"
check "check: pygrub is refused with what to do instead" \
	bash -c "test $status = 1 && grep -q 'bootloader: hv cannot run a boot loader such as pygrub' '$work/err'"

run config check "$work/no-such-file.cfg"
check "check: a missing file exits 1 naming it" \
	bash -c "test $status = 1 && grep -q 'no-such-file.cfg' '$work/err'"

run config to-json "$data/hv-nova-like.cfg"
check "to-json: prints the JSON of the golden file" \
	bash -c "test $status = 0 && cmp -s '$work/out' '$data/hv-nova-like.json'"
cp "$work/out" "$work/nova.json"

run config to-cfg "$work/nova.json"
check "to-cfg: JSON in, xl.cfg out (hv's dialect)" \
	bash -c "test $status = 0 && cmp -s '$work/out' '$data/hv-nova-like.out.cfg'"
cp "$work/out" "$work/nova.cfg"

run config to-json "$work/nova.cfg"
check "to-json of to-cfg's output gives the same JSON" cmp -s "$work/out" "$work/nova.json"

run config to-cfg --xen "$work/nova.json"
check "to-cfg --xen: refuses what Xen's xl cannot say, naming it" \
	bash -c "test $status = 1 && ! test -s '$work/out' && grep -qx \"hv: accel: Xen's xl.cfg has no setting for this (hv's own xl.cfg dialect writes it as hv_accel)\" '$work/err'"

run config to-json "$data/xen-windows-hvm.cfg"
cp "$work/out" "$work/win.json"
run config to-cfg --xen "$work/win.json"
check "to-cfg --xen: writes a Xen config when it can" \
	bash -c "test $status = 0 && cmp -s '$work/out' '$data/xen-windows-hvm.xen.cfg'"

run config check --xen "$data/hv-pvh-minimal.cfg"
check "check --xen: accepts a config with only Xen's settings" test "$status" = 0
run config check --xen "$data/hv-libvirt-like.cfg"
check "check --xen: refuses hv's own settings" \
	bash -c "test $status = 1 && grep -q \"hv_accel: a setting of hv's xl.cfg dialect, not of Xen's\" '$work/err'"

"$hv" config to-json - <"$data/xen-example-hvm.cfg" >"$work/out" 2>"$work/err"
status=$?
check "to-json -: reads standard input" \
	bash -c "test $status = 0 && cmp -s '$work/out' '$data/xen-example-hvm.json' && grep -q '<stdin>:27:7: sdl' '$work/err'"

printf '{ "schema_version": 1, "name": "x", "type": "hvm", "vcpus": "two" }' >"$work/bad.json"
run config to-cfg "$work/bad.json"
check "to-cfg: bad JSON exits 1 saying where" \
	bash -c "test $status = 1 && grep -qx 'hv: .*bad.json: vcpus: expected an integer' '$work/err'"

run config frobnicate x.cfg
check "an unknown subcommand is a usage error (exit 2)" \
	bash -c "test $status = 2 && grep -q 'Usage: hv config check' '$work/err'"

run config check
check "a missing FILE is a usage error (exit 2)" test "$status" = 2

run --help
check "hv --help lists the config command" \
	bash -c "test $status = 0 && grep -q 'config check|to-json|to-cfg' '$work/out'"

exit $failed
