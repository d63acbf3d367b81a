#!/bin/bash
# hv-vmm against a real KVM, as TAP. On a host with a hardware KVM the tests
# (hvt-nested-run) run directly; elsewhere they run inside the nested test
# host: Linux under QEMU TCG ("-cpu max" has SVM) with the kvm modules loaded
# (build-nested-host makes its initramfs). libhv's runner with pvh domains
# (tests/engine/test-engine-pvh) runs there too, after hvt-nested-run, its
# TAP relayed the same way. Either way the host then checks
# what the guest wrote to the test disk image. Skipped only when the nested
# host cannot be built here (no QEMU, no test guest, no busybox-static).
#
# HV_NESTED_LONG=1 runs the by-hand variant: 5 benchmark boots per engine
# and a longer time limit. CI runs 1 boot per engine within 480 s.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
builddir=${HV_TOP_BUILDDIR:-$(pwd)}
guest=${HV_GUEST_DIR:-$builddir/tests/guest/out}
if [ -n "${HV_NESTED_LONG:-}" ]; then
	bench_runs=5 time_limit=1500
else
	bench_runs=1 time_limit=${HV_NESTED_TIMEOUT:-480}
fi

skip_all() { echo "1..0 # SKIP $*"; exit 0; }
[ -f "$guest/vmlinux" ] && [ -f "$guest/vmlinuz" ] || skip_all "the test guest is not built"
command -v qemu-system-x86_64 >/dev/null || skip_all "qemu-system-x86_64 is not installed"
dpkg -L busybox-static >/dev/null 2>&1 || skip_all "busybox-static is not installed"
for f in "$builddir/hv-vmm" "$builddir/tests/nested/hvt-nested-run" \
	"$builddir/tests/engine/test-engine-pvh"; do
	[ -x "$f" ] || skip_all "$f is not built"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hv-nested-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
token=$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')
disk="$work/disk.img"
truncate -s 16M "$disk"
printf 'HV-NESTED-DISK-%s\n' "$token" | dd of="$disk" conv=notrunc status=none

n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
comment() { sed 's/^/# /'; }

# The tests' own TAP, renumbered so the host's checks can follow.
relay() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*|"not ok "*)
			n=$((n + 1))
			echo "$line" | sed -E "s/^(not )?ok [0-9]+/\1ok $n/" ;;
		"#"*) echo "$line" ;;
		esac
	done
}

run_direct() {
	echo "# hardware KVM here: running the tests directly"
	HV_GUEST_DIR="$guest" "$builddir/tests/nested/hvt-nested-run" --tap \
		--vmm "$builddir/hv-vmm" --disk "$disk" --token "$token" \
		--bench-runs "$bench_runs" > "$work/tap.log" 2>&1
	local rc=$?
	HV_GUEST_DIR="$guest" HV_VMM="$builddir/hv-vmm" "$builddir/tests/engine/test-engine-pvh" \
		--tap >> "$work/tap.log" 2>&1
	echo "HVT-END rc=$((rc | $?))" >> "$work/tap.log"
}

run_nested() {
	local start=$SECONDS
	if ! bash "$here/build-nested-host" "$guest" "$builddir" "$work/l1.cpio" 2> "$work/build.log"; then
		not_ok "the nested test host's initramfs was built"
		comment < "$work/build.log"
		return 1
	fi
	echo "# nested host initramfs ready after $((SECONDS - start)) s; booting it (limit ${time_limit} s)"
	timeout "$time_limit" qemu-system-x86_64 -nodefaults -no-user-config -display none \
		-machine q35 -accel tcg -cpu max -smp 2 -m 2048 \
		-kernel "$guest/vmlinuz" -initrd "$work/l1.cpio" \
		-append "console=ttyS0 loglevel=1 hvt.token=$token hvt.bench=$bench_runs" \
		-drive "file=$disk,format=raw,if=virtio" -serial stdio \
		< /dev/null > "$work/console.log" 2>&1
	echo "# nested host ran for $((SECONDS - start)) s"
	tr -d '\r' < "$work/console.log" | sed -n '/^HVT-BEGIN/,/^HVT-END/p' > "$work/tap.log"
	if ! grep -q '^HVT-BEGIN' "$work/tap.log"; then
		not_ok "the nested test host booted and started the tests"
		tail -n 40 "$work/console.log" | comment
		return 1
	fi
	grep '^HVT-BEGIN' "$work/tap.log" | comment
	grep -q '^HVT-BEGIN kvm=yes' "$work/tap.log" && ok "the nested test host has a KVM" ||
		not_ok "the nested test host has a KVM"
}

if "$builddir/hv-vmm" --check-kvm >/dev/null 2>&1 && [ -w /dev/net/tun ]; then
	run_direct
else
	run_nested
fi

if [ -s "$work/tap.log" ]; then
	relay < "$work/tap.log"
	if grep -q '^HVT-END rc=' "$work/tap.log"; then
		ok "the tests ran to the end ($(grep -o 'HVT-END rc=[0-9]*' "$work/tap.log"))"
	else
		not_ok "the tests ran to the end (time limit ${time_limit} s?)"
		tail -n 30 "$work/console.log" 2>/dev/null | comment
	fi
	# Checked from outside: what the guest wrote through virtio-blk is on the
	# host's image, at the sector it wrote.
	written=$(dd if="$disk" bs=512 skip=8 count=1 status=none | head -n 1 | tr -d '\0')
	if [ "$written" = "WRITTEN-BY-L2-$token" ]; then
		ok "the guest's virtio-blk write is in the disk image on the host"
	else
		not_ok "the guest's virtio-blk write is in the disk image on the host (found '$written')"
	fi
fi
echo "1..$n"
