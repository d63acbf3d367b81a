# hvt-guests.sh: sourced by the shell tests that run the test guest through
# hvd (after hvt-daemon.sh): skips without the tools, starts hvd with TCG,
# kills leftover QEMU processes at exit, and has the helpers they share.
# Set N (planned cases) first.
: "${HV_GUEST_DIR:?}"
echo "1..$N"
if ! command -v virsh >/dev/null || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null ||
   ! command -v qemu-system-x86_64 >/dev/null || [ ! -f "$HV_GUEST_DIR/vmlinuz" ]; then
	for i in $(seq $N); do skip "needs virsh, python3-libvirt, QEMU and the test guest"; done
	exit 0
fi
printf '[hypervisor]\naccel = tcg\n' > "$T/tcg.conf"
# Guests outlive hvd: a failed run must not leave QEMU processes behind.
kill_guests() {
	for f in "$T"/run/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
	for p in $EXTRA_PIDS; do kill -CONT "$p" 2>/dev/null; kill -9 "$p" 2>/dev/null; done
	cleanup
}
trap kill_guests EXIT
# start_hvd: also after a SIGKILL, whose socket file stays until hvd replaces it
start_hvd() {
	hvd_start --timeout 0 --config "$T/tcg.conf" || return 1
	for _ in $(seq 100); do virsh -q -c "$RW" version >/dev/null 2>&1 && return 0; sleep 0.1; done
	echo "# hvd does not answer:"; diag "$T/hvd.log"; return 1
}
v() { virsh -q -c "$RW" "$@" > "$T/out" 2> "$T/err"; }
has() { grep -q -- "$1" "$T/$2"; }
# console DOMAIN TEXT [SECONDS [LINE]]: python3-libvirt console until TEXT
console() { timeout $((${3:-60} + 10)) /usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-console.py" "$RW" "$@" \
	> "$T/console" 2>&1; grep -q '^found' "$T/console"; }
# state_is DOMAIN STATE [SECONDS]: waits until domstate --reason prints STATE
state_is() {
	for _ in $(seq $((${3:-1} * 4))); do
		[ "$(virsh -q -c "$RW" domstate --reason "$1" 2>/dev/null)" = "$2" ] && return 0
		sleep 0.25
	done
	echo "# $1 is $(virsh -q -c "$RW" domstate --reason "$1" 2>&1)"; return 1
}
# markers DOMAIN: how many ready markers its console log holds
markers() { local c; c=$(grep -c HV-GUEST-READY "$T/log/$1-console.log" 2>/dev/null); echo "${c:-0}"; }
# wait_markers DOMAIN COUNT [SECONDS]
wait_markers() {
	for _ in $(seq $((${3:-90} * 4))); do [ "$(markers "$1")" -ge "$2" ] && return 0; sleep 0.25; done
	return 1
}
events_start() { virsh -q -c "$RW" event --all --loop > "$T/events" 2>&1 & EVENT_PID=$!; sleep 0.3; }
events_stop() { kill "$EVENT_PID" 2>/dev/null; wait "$EVENT_PID" 2>/dev/null; }
# events_are DOMAIN EVENT...: the lifecycle events virsh event saw for DOMAIN
events_are() {
	local dom=$1; shift
	sed -n "s/^event 'lifecycle' for domain '$dom': //p" "$T/events" > "$T/ev"
	printf '%s\n' "$@" > "$T/ev.want"
	cmp -s "$T/ev" "$T/ev.want" || { echo "# events of $dom:"; diag "$T/ev"; return 1; }
}
. "$(dirname "${BASH_SOURCE[0]}")/hvt-guest-xml.sh"
# finish: the plan's count and hvd's log when something failed
finish() {
	[ "$failed" = 0 ] || { echo "# hvd log:"; tail -n 40 "$T/hvd.log" | diag; }
	[ "$n" = "$N" ] || echo "not ok - planned $N cases, ran $n"
}
