#!/bin/bash
# The README's first command: installs what is needed, builds hv and the
# demo guest, boots the guest and shows its serial console until the guest
# is ready. The guest keeps running afterwards.
#
#   demo.sh           set up, boot, show the console up to the ready line
#   demo.sh console   attach to the running guest's console (Ctrl-] leaves)
#   demo.sh stop      press the guest's power button and wait for it to stop
#
# Starting, attaching and stopping go through the three engine_* functions,
# so that moving the demo onto hvd and virsh changes only those.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${HV_BUILDDIR:-$top/build}
rundir=${HV_DEMO_DIR:-/run/hv-demo}
boot_timeout=${HV_DEMO_TIMEOUT:-300}

say() { printf '\n=== %s\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }

# Real KVM only where a hardware module backs /dev/kvm; a software KVM such
# as kvm_pvm cannot run a stock kernel (see ENVIRONMENT.md).
accelerator() {
	if [ -c /dev/kvm ] && [ -w /dev/kvm ] &&
		{ [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then
		echo kvm
	else
		echo tcg
	fi
}

qmp() {
	printf '{"execute":"qmp_capabilities"}\n{"execute":"%s"}\n' "$1" |
		socat -t 2 - "UNIX-CONNECT:$rundir/qmp.sock" >/dev/null
}

engine_running() {
	[ -f "$rundir/qemu.pid" ] && kill -0 "$(cat "$rundir/qemu.pid")" 2>/dev/null
}

engine_start() {
	local guest=$1 accel cpu=()
	accel=$(accelerator)
	[ "$accel" = kvm ] && cpu=(-cpu host)
	echo "accelerator: $accel"
	rm -f "$rundir"/{console.log,console.sock,qmp.sock,qemu.pid}
	qemu-system-x86_64 -name hv-demo -machine q35 -accel "$accel" "${cpu[@]}" \
		-m 256 -smp 1 -nodefaults -no-user-config -display none \
		-kernel "$guest/vmlinuz" -initrd "$guest/initramfs.cpio.gz" \
		-append "console=ttyS0" -device pvpanic \
		-chardev "socket,id=console,path=$rundir/console.sock,server=on,wait=off,logfile=$rundir/console.log" \
		-serial chardev:console \
		-qmp "unix:$rundir/qmp.sock,server=on,wait=off" \
		-pidfile "$rundir/qemu.pid" -daemonize
}

engine_console() {
	echo "Connected to the guest's console; Ctrl-] leaves it."
	socat "STDIO,raw,echo=0,escape=0x1d" "UNIX-CONNECT:$rundir/console.sock"
}

engine_stop() {
	qmp system_powerdown
}

# Prints the console log as it grows until the ready line appears.
follow_console() {
	local marker=$1 deadline=$((SECONDS + boot_timeout))
	tail -n +1 -F "$rundir/console.log" 2>/dev/null &
	local tailpid=$!
	while ! grep -q "$marker" "$rundir/console.log" 2>/dev/null; do
		if ! engine_running; then
			kill "$tailpid"
			die "the guest stopped before it was ready"
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			kill "$tailpid"
			die "no ready line after ${boot_timeout}s"
		fi
		sleep 0.2
	done
	sleep 0.5
	kill "$tailpid" 2>/dev/null || true
	wait "$tailpid" 2>/dev/null || true
}

setup_and_boot() {
	say "installing Debian packages"
	bash "$top/build-aux/install-deps.sh"

	say "building hv in $builddir"
	(cd "$top" && autoreconf -fi)
	mkdir -p "$builddir"
	cd "$builddir"
	[ -f Makefile ] || "$top/configure" -q
	make -j"$(nproc)" >/dev/null

	say "building the demo guest from Debian packages"
	make guest
	local guest="$builddir/tests/guest/out"
	# shellcheck source=/dev/null
	. "$guest/guest.env"

	mkdir -p "$rundir"
	if engine_running; then
		say "the demo guest is already running"
	else
		say "booting the demo guest"
		engine_start "$guest"
		follow_console "$READY_MARKER"
	fi
	say "the demo guest is running"
	echo "console:  bash $top/build-aux/demo.sh console"
	echo "stop it:  bash $top/build-aux/demo.sh stop"
}

case "${1:-}" in
"") setup_and_boot ;;
console)
	engine_running || die "the demo guest is not running"
	engine_console
	;;
stop)
	engine_running || die "the demo guest is not running"
	engine_stop
	for _ in $(seq 1 60); do engine_running || { echo "demo guest stopped"; exit 0; }; sleep 1; done
	die "the guest did not power off within 60s"
	;;
*) die "usage: demo.sh [console|stop]" ;;
esac
