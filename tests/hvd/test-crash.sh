#!/bin/bash
# on_crash through hvd with real QEMU (TCG) and the test guest: the guest
# panics (sysrq c on its console shell; pvpanic tells QEMU), and hv does
# what libvirt's QEMU driver does for each action, with its events:
# restart (crashed/panicked, then the fake reboot's resumed/unpaused and a
# reboot event; the guest boots again), destroy (stopped/crashed, shut off
# (crashed)), preserve (crashed (panicked); resume is allowed). And
# virsh reboot of a guest with <on_reboot>destroy</on_reboot> shuts it down,
# as qemuDomainReboot does.
. "$(dirname "$0")/hvt-daemon.sh"
N=17
. "$(dirname "$0")/hvt-guests.sh"
start_hvd || exit 1
for action in restart destroy preserve; do
	guest_xml "c-$action" "<on_crash>$action</on_crash>" "<panic model='isa'/>" > "$T/c-$action.xml"
done
check "define with <on_crash> and <panic model='isa'/>" bash -c \
	"for a in restart destroy preserve; do virsh -q -c '$RW' define $T/c-\$a.xml >/dev/null || exit 1; done"
events_start
for action in restart destroy preserve; do v start "c-$action"; done
check "all three boot (ready marker in each console log)" bash -c \
	"$(declare -f markers wait_markers); T=$T; for a in restart destroy preserve; do wait_markers c-\$a 1 90 || exit 1; done"
panic() { console "$1" 'Kernel panic' 30 'echo c > /proc/sysrq-trigger'; }
check "restart: the panic is seen on the console" panic c-restart
check "restart: the guest boots again (second ready marker)" wait_markers c-restart 2 120
check "restart: running (crashed)" state_is c-restart "running (crashed)" 10
check "restart: console answers after the restart" console c-restart 'hv-probe-42' 60 'echo hv-probe-$((6*7))'
panic c-destroy
check "destroy: shut off (crashed)" state_is c-destroy "shut off (crashed)" 60
panic c-preserve
check "preserve: crashed (panicked)" state_is c-preserve "crashed (panicked)" 60
check "preserve: virsh resume of the panicked guest: running (unpaused)" bash -c \
	"virsh -q -c '$RW' resume c-preserve >/dev/null && [ \"\$(virsh -q -c '$RW' domstate --reason c-preserve)\" = 'running (unpaused)' ]"
v destroy c-restart; v destroy c-preserve
sleep 0.5; events_stop
check "restart events: started, crashed/panicked, resumed/unpaused (fake reboot), stopped" events_are c-restart \
	"Started Booted" "Crashed Panicked" "Resumed Unpaused" "Stopped Destroyed"
check "restart: the reboot event" grep -q "event 'reboot' for domain 'c-restart'" "$T/events"
check "destroy events: started, crashed/panicked, stopped/crashed" events_are c-destroy \
	"Started Booted" "Crashed Panicked" "Stopped Crashed"
check "preserve events: started, crashed/panicked, resumed/unpaused, stopped" events_are c-preserve \
	"Started Booted" "Crashed Panicked" "Resumed Unpaused" "Stopped Destroyed"

# on_reboot=destroy: virsh reboot becomes a shutdown (no second boot)
guest_xml r-destroy "<on_reboot>destroy</on_reboot>" > "$T/r-destroy.xml"
v define "$T/r-destroy.xml"; v start r-destroy
check "on_reboot=destroy: the guest boots" wait_markers r-destroy 1 90
events_start
v reboot r-destroy
check "on_reboot=destroy: virsh reboot shuts it off (shutdown)" state_is r-destroy "shut off (shutdown)" 60
sleep 0.5; events_stop
check "on_reboot=destroy: no second boot, no reboot event" bash -c \
	"[ \"\$(grep -c HV-GUEST-READY '$T/log/r-destroy-console.log')\" = 1 ] && ! grep -q \"event 'reboot'\" '$T/events'"
check "on_reboot=destroy: events shutdown finished after guest request, stopped/shutdown" events_are r-destroy \
	"Shutdown Finished after guest request" "Stopped Shutdown"
finish
