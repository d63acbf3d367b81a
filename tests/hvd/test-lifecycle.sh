#!/bin/bash
# Running guests through real virsh and python3-libvirt against an hvd on
# temporary directories, with real QEMU (TCG) and the test guest: define,
# start, the console (python3-libvirt stream) shows the ready marker,
# dominfo's CPU time, suspend/resume, shutdown, destroy, start --paused,
# a transient guest (virsh create), libvirt's errors, the lifecycle events
# virsh event sees, and a guest that survives SIGKILL of hvd.
. "$(dirname "$0")/hvt-daemon.sh"
N=30
. "$(dirname "$0")/hvt-guests.sh" # (its console and state_is are redefined below)
start_hvd || exit 1
is() { [ "$(cat "$T/$2")" = "$1" ]; }
console() { timeout 90 /usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-console.py" "$RW" "$@" \
	> "$T/console" 2>&1; }
# state_is STATE [SECONDS]: waits until domstate --reason of g1 prints STATE
state_is() {
	for _ in $(seq $((${2:-1} * 4))); do
		v domstate --reason g1 && is "$1" out && return 0
		sleep 0.25
	done
	echo "# g1 is $(cat "$T/out")"; return 1
}
events_are() {
	sed -n "s/^event 'lifecycle' for domain '\([^']*\)': /\1 /p" "$T/events" > "$T/ev"
	printf '%s\n' "$@" > "$T/ev.want"
	cmp -s "$T/ev" "$T/ev.want" || { echo "# events:"; diag "$T/ev"; return 1; }
}

guest_xml g1 > "$T/g1.xml"
guest_xml t1 > "$T/t1.xml"

check "define" v define "$T/g1.xml"
events_start
check "start" v start g1
check "domstate: running (booted)" state_is "running (booted)"
check "list shows it running with ID 1" bash -c "virsh -q -c '$RW' list | grep -Eq '^ *1 +g1 +running'"
check "console shows HV-GUEST-READY" bash -c "$(declare -f console); T=$T RW='$RW' HV_TOP_SRCDIR=$HV_TOP_SRCDIR console g1 HV-GUEST-READY 60; grep -q '^found' $T/console"
v dominfo g1
check "dominfo: CPU time above 0" bash -c "grep -E '^CPU time: +[0-9.]+s' $T/out | grep -vq ' 0.0s'"
check "suspend: paused (user)" bash -c "virsh -q -c '$RW' suspend g1 >/dev/null && [ \"\$(virsh -q -c '$RW' domstate --reason g1)\" = 'paused (user)' ]"
check "resume: running (unpaused)" bash -c "virsh -q -c '$RW' resume g1 >/dev/null && [ \"\$(virsh -q -c '$RW' domstate --reason g1)\" = 'running (unpaused)' ]"
check "reboot accepted" v reboot g1
check "reboot: the reboot event and the guest boots again" bash -c "for i in \$(seq 120); do grep -q \"event 'reboot' for domain 'g1'\" $T/events && [ \$(grep -c HV-GUEST-READY $T/log/g1-console.log) -ge 2 ] && exit 0; sleep 0.5; done; exit 1"
check "start of a running domain refused" bash -c "! virsh -q -c '$RW' start g1 2>/dev/null"
check "shutdown accepted" v shutdown g1
check "shutdown completes: shut off (shutdown)" state_is "shut off (shutdown)" 60
check "list: no active domain" bash -c "[ -z \"\$(virsh -q -c '$RW' list)\" ]"
sleep 0.5; events_stop
check "events: started, suspended, resumed, resumed (fake reboot), shutdown, stopped" events_are \
	"g1 Started Booted" "g1 Suspended Paused" "g1 Resumed Unpaused" "g1 Resumed Unpaused" \
	"g1 Shutdown Finished after guest request" "g1 Stopped Shutdown"

v destroy g1
check "destroy of a stopped domain: not running" has "Requested operation is not valid: domain is not running" err
v shutdown g1
check "shutdown of a stopped domain: not running" has "Requested operation is not valid: domain is not running" err
v suspend g1
check "suspend of a stopped domain: not running" has "Requested operation is not valid: domain is not running" err

events_start
check "start --paused" v start --paused g1
check "domstate: paused (user)" state_is "paused (user)"
check "destroy" v destroy g1
check "domstate: shut off (destroyed)" state_is "shut off (destroyed)"
sleep 0.5; events_stop
check "events: started, suspended, stopped destroyed" events_are \
	"g1 Started Booted" "g1 Suspended Paused" "g1 Stopped Destroyed"

check "create (transient) runs" bash -c "virsh -q -c '$RW' create $T/t1.xml >/dev/null && virsh -q -c '$RW' list | grep -q ' t1 '"
check "transient gone after destroy" bash -c "virsh -q -c '$RW' destroy t1 >/dev/null && ! virsh -q -c '$RW' dominfo t1 2>/dev/null"

# hvd killed with a running guest: the next hvd finds it and controls it.
v start g1
console g1 HV-GUEST-READY 60
kill -9 "$HVD_PID"; wait "$HVD_PID" 2>/dev/null; HVD_PID=
start_hvd || exit 1
check "after SIGKILL of hvd: still running" state_is "running (booted)"
check "after SIGKILL of hvd: console still works" bash -c "$(declare -f console); T=$T RW='$RW' HV_TOP_SRCDIR=$HV_TOP_SRCDIR console g1 'hv-probe-42' 20 'echo hv-probe-42'; grep -q '^found' $T/console"
v shutdown g1
check "after SIGKILL of hvd: shutdown completes" state_is "shut off (shutdown)" 60

# autostart: the next hvd starts the domain
v autostart g1
kill "$HVD_PID"; wait "$HVD_PID" 2>/dev/null; HVD_PID=
start_hvd || exit 1
check "autostart: hvd started g1" state_is "running (booted)" 30
check "destroy --graceful" bash -c "virsh -q -c '$RW' destroy --graceful g1 >/dev/null && [ \"\$(virsh -q -c '$RW' domstate --reason g1)\" = 'shut off (destroyed)' ]"
[ "$failed" = 0 ] || { echo "# hvd log:"; diag "$T/hvd.log"; }
[ "$n" = "$N" ] || echo "not ok - planned $N cases, ran $n"
