# hvt-guest.sh: sourced (after hvt-daemon.sh, with N set) by the shell
# tests that run the test guest through hvd. Prints the plan; without
# virsh, python3-libvirt, QEMU or the test guest every case is skipped.
# Gives start_hvd (hvd forced to TCG), QEMU processes killed when the test
# ends, v (virsh into $T/out and $T/err), has, the `virsh event` helpers
# and guest_xml NAME (the test guest as libvirt domain XML).
echo "1..$N"
: "${HV_GUEST_DIR:?}"
if ! command -v virsh >/dev/null || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null ||
   ! command -v qemu-system-x86_64 >/dev/null || [ ! -f "$HV_GUEST_DIR/vmlinuz" ]; then
	for i in $(seq $N); do skip "needs virsh, python3-libvirt, QEMU and the test guest"; done
	exit 0
fi
printf '[hypervisor]\naccel = tcg\n' > "$T/tcg.conf"
# Guests outlive hvd: a failed run must not leave QEMU processes behind
# (their pidfiles are <uuid>.pid; hvd stops as cleanup says).
kill_guests() {
	for f in "$T"/run/????????-????-*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
	cleanup
}
trap kill_guests EXIT
start_hvd() { hvd_start --timeout 0 --config "$T/tcg.conf"; }
v() { virsh -q -c "$RW" "$@" > "$T/out" 2> "$T/err"; }
has() { grep -q -- "$1" "$T/$2"; }
events_start() { virsh -q -c "$RW" event --all --loop > "$T/events" 2>&1 & EVENT_PID=$!; sleep 0.3; }
events_stop() { kill "$EVENT_PID" 2>/dev/null; wait "$EVENT_PID" 2>/dev/null; }
# events_are "DOMAIN Event Detail"...: exactly these lifecycle events, in order
events_are() {
	sed -n "s/^event 'lifecycle' for domain '\([^']*\)': /\1 /p" "$T/events" > "$T/ev"
	printf '%s\n' "$@" > "$T/ev.want"
	cmp -s "$T/ev" "$T/ev.want" || { echo "# events:"; diag "$T/ev"; return 1; }
}
guest_xml() {
	cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>$HV_GUEST_DIR/vmlinuz</kernel>
    <initrd>$HV_GUEST_DIR/initramfs.cpio.gz</initrd>
    <cmdline>console=ttyS0</cmdline>
  </os>
  <devices>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
  </devices>
</domain>
XML
}
