#!/bin/bash
# The README's first command: installs what is needed, builds hv and the
# demo guest, starts hvd, defines and starts the demo guest through
# `virsh -c hv:///system` and shows its serial console until the guest is
# ready, then `virsh -c hv:///system list`. The guest (and hvd) keep running.
#
#   demo.sh           set up, boot, show the console up to the ready line
#   demo.sh console   virsh console demo (Ctrl-] leaves)
#   demo.sh stop      virsh shutdown demo, and wait until it is shut off
#
# Where systemd is PID 1, hv is installed (make install) and hvd is started
# by its sockets; elsewhere hvd runs from the build tree, started by hand
# as a daemon on the system directories. Either way plain hv:///system
# reaches it: libvirt's client uses /run/libvirt/virthvd-sock when it exists.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${HV_BUILDDIR:-$top/build}
boot_timeout=${HV_DEMO_TIMEOUT:-300}
name=demo
uri=hv:///system
statedir=/var/lib/hv rundir=/run/hv socketdir=/run/libvirt logdir=/var/log/hv
console_log=$logdir/$name-console.log

say() { printf '\n=== %s\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }
v() { virsh -q -c "$uri" "$@"; }
systemd_is_init() { [ -d /run/systemd/system ]; }

hvd_running() {
	[ -S "$socketdir/virthvd-sock" ] && [ -f "$rundir/hvd.pid" ] &&
		kill -0 "$(cat "$rundir/hvd.pid")" 2>/dev/null
}

# Socket activation: installed units, hvd starts on the first connection.
hvd_start_systemd() {
	make install >/dev/null
	systemctl daemon-reload
	systemctl start hvd.socket hvd-ro.socket
}

# No systemd: hvd from the build tree, detached, logging to $logdir/hvd.log.
hvd_start_by_hand() {
	mkdir -p "$logdir"
	setsid "$builddir/hvd/hvd" --state-dir "$statedir" --run-dir "$rundir" \
		--socket-dir "$socketdir" --log-dir "$logdir" \
		< /dev/null >> "$logdir/hvd.log" 2>&1 &
	for _ in $(seq 1 100); do
		hvd_running && return 0
		sleep 0.1
	done
	tail -n 20 "$logdir/hvd.log" >&2
	die "hvd did not start (log: $logdir/hvd.log)"
}

# The libvirt domain type: kvm where hvd offers it, qemu (TCG) otherwise.
domain_type() {
	if v domcapabilities --virttype kvm >/dev/null 2>&1; then echo kvm; else echo qemu; fi
}

# A defined demo keeps its UUID (libvirt refuses the name with another one).
domain_xml() {
	local guest=$1 uuid
	uuid=$(v domuuid "$name" 2>/dev/null || true)
	cat <<XML
<domain type='$(domain_type)'>
  <name>$name</name>
  ${uuid:+<uuid>$uuid</uuid>}
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>$guest/vmlinuz</kernel>
    <initrd>$guest/initramfs.cpio.gz</initrd>
    <cmdline>console=ttyS0</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
  </devices>
</domain>
XML
}

guest_state() { v domstate "$name" 2>/dev/null || echo "undefined"; }

# Prints the console log from byte OFFSET on as it grows, until MARKER.
follow_console() {
	local offset=$1 marker=$2 deadline=$((SECONDS + boot_timeout))
	tail -c +"$((offset + 1))" -F "$console_log" 2>/dev/null &
	local tailpid=$!
	while ! tail -c +"$((offset + 1))" "$console_log" 2>/dev/null | grep -q "$marker"; do
		if [ "$(guest_state)" != running ]; then
			kill "$tailpid"
			die "the guest stopped before it was ready (log: $logdir/$name.log)"
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

boot_guest() {
	local guest=$1 offset=0
	local xml
	xml=$(mktemp)
	domain_xml "$guest" > "$xml"
	v define "$xml" >/dev/null
	rm -f "$xml"
	[ -f "$console_log" ] && offset=$(stat -c %s "$console_log")
	echo "virsh -c $uri start $name"
	v start "$name"
	follow_console "$offset" "$READY_MARKER"
}

setup_and_boot() {
	say "installing Debian packages"
	bash "$top/build-aux/install-deps.sh"

	say "building hv in $builddir"
	(cd "$top" && autoreconf -fi)
	mkdir -p "$builddir"
	cd "$builddir"
	local layout=(--prefix=/usr --sysconfdir=/etc --localstatedir=/var --runstatedir=/run)
	# socket activation needs the installed units on the system layout
	if [ ! -f Makefile ] || { systemd_is_init && ! grep -q '^prefix = /usr$' Makefile; }; then
		"$top/configure" -q "${layout[@]}"
	fi
	make -j"$(nproc)" >/dev/null

	say "building the demo guest from Debian packages"
	make guest
	local guest="$builddir/tests/guest/out"
	# shellcheck source=/dev/null
	. "$guest/guest.env"

	if hvd_running || { systemd_is_init && systemctl -q is-active hvd.socket; }; then
		say "hvd is already running"
	elif systemd_is_init; then
		say "installing hv and starting hvd.socket"
		hvd_start_systemd
	else
		say "starting hvd (no systemd here: by hand, log in $logdir/hvd.log)"
		hvd_start_by_hand
	fi

	local state
	state=$(guest_state)
	if [ "$state" != "shut off" ] && [ "$state" != undefined ]; then
		say "the demo guest is already $state"
	else
		say "booting the demo guest through hvd"
		boot_guest "$guest"
	fi
	say "virsh -c $uri list"
	virsh -c "$uri" list
	echo "console:  bash $top/build-aux/demo.sh console"
	echo "stop it:  bash $top/build-aux/demo.sh stop"
}

case "${1:-}" in
"") setup_and_boot ;;
console)
	[ "$(guest_state)" = running ] || die "the demo guest is not running"
	exec virsh -c "$uri" console "$name"
	;;
stop)
	[ "$(guest_state)" = running ] || die "the demo guest is not running"
	v shutdown "$name"
	for _ in $(seq 1 60); do
		[ "$(guest_state)" = "shut off" ] && { echo "demo guest shut off"; exit 0; }
		sleep 1
	done
	die "the guest did not power off within 60s"
	;;
*) die "usage: demo.sh [console|stop]" ;;
esac
