#!/bin/bash
# Managed save, save and restore through real virsh against an hvd on
# temporary directories, with real QEMU (TCG) and the test guest: the
# guest continues where it was (no second boot, the console shell still
# answers), the state and events libvirt's QEMU driver gives, the image as
# the state across an hvd restart, libvirt's errors and undefine rules, a
# transient domain saved and restored, a truncated image refused cleanly,
# a save that fails half-way (full file system) leaving nothing behind.
. "$(dirname "$0")/hvt-daemon.sh"
N=42
. "$(dirname "$0")/hvt-guests.sh"
start_hvd || exit 1
export T RW HV_TOP_SRCDIR
# alive DOMAIN: the console shell computes an answer (the tty's echo of the
# typed line does not contain it)
alive() { console "$1" "hv-alive-$(($$ + 1))" 30 "echo hv-alive-\$(( $$ + 1 ))"; }
guest_xml g1 > "$T/g1.xml"
guest_xml t1 > "$T/t1.xml"
IMG=$T/state/save/g1.save

# ---- managed save and the start that continues from it
v define "$T/g1.xml"
v managedsave g1
check "managedsave of a shut-off domain: not running" has "Requested operation is not valid: domain is not running" err
events_start
v start g1
check "guest boots once" wait_markers g1 1
check "console answers before the save" alive g1
check "managedsave" v managedsave g1
check "domstate: shut off (saved)" state_is g1 "shut off (saved)"
check "the image is in the state dir, no temporary file left" \
	bash -c "[ -s '$IMG' ] && [ \"\$(ls -A '$T/state/save')\" = g1.save ]"
check "list --all --managed-save: saved" bash -c "virsh -q -c '$RW' list --all --managed-save | grep -Eq '^ *- +g1 +saved *\$'"
check "list --with-managed-save lists g1" bash -c "virsh -q -c '$RW' list --all --with-managed-save --name | grep -qx g1"
check "list --without-managed-save does not" bash -c "! virsh -q -c '$RW' list --all --without-managed-save --name | grep -qx g1"
v dominfo g1
check "dominfo: Managed save: yes" bash -c "grep -Eq '^Managed save: +yes' '$T/out'"
check "start continues from the image" v start g1
check "domstate: running (restored)" state_is g1 "running (restored)"
check "the image is gone after the restore" test ! -e "$IMG"
v dominfo g1
check "dominfo: Managed save: no" bash -c "grep -Eq '^Managed save: +no' '$T/out'"
check "console shell still answers after the restore" alive g1
check "no second boot (one HV-GUEST-READY)" test "$(markers g1)" = 1
sleep 0.5; events_stop
# libvirt's QEMU driver: the save's "stop" is SUSPENDED/PAUSED, then STOPPED/SAVED
check "events: started booted, suspended, stopped saved, started restored" events_are g1 \
	"Started Booted" "Suspended Paused" "Stopped Saved" "Started Restored"

# ---- save to a file and restore from it
v save g1 "$T/g1.xml" --xml "$T/g1.xml"
check "save --xml: argument unsupported" has "argument unsupported" err
v save g1 "$T/nodir/g1.img"
check "save into a missing directory fails, guest runs on" \
	bash -c "grep -q 'No such file or directory' '$T/err' && [ \"\$(virsh -q -c '$RW' domstate g1)\" = running ] && [ ! -e '$T/nodir' ]"
# the engine's write fails half-way (a full file system): no image, the guest runs on
save_enospc() {
	mkdir "$T/small" && mount -t tmpfs -o size=1m tmpfs "$T/small" 2>/dev/null || return 2
	! virsh -q -c "$RW" save g1 "$T/small/g1.img" > /dev/null 2> "$T/err"
	local refused=$? files
	files=$(ls -A "$T/small"); umount "$T/small"
	[ $refused = 0 ] && [ -z "$files" ] && state_is g1 "running (save canceled)" 10 && alive g1 ||
		{ diag "$T/err"; echo "# left: $files"; return 1; }
}
save_enospc; case $? in
0) ok "save onto a full file system fails: no image left, the guest runs on" ;;
2) skip "save onto a full file system (mounting a tmpfs needs root)" ;;
*) not_ok "save onto a full file system fails: no image left, the guest runs on" ;;
esac
events_start
check "save FILE" v save g1 "$T/g1.img"
check "after save: shut off (saved)" state_is g1 "shut off (saved)"
v save g1 "$T/g1-again.img"
check "save of a shut-off domain: not running" has "Requested operation is not valid: domain is not running" err
check "restore FILE" v restore "$T/g1.img"
check "after restore: running (restored)" state_is g1 "running (restored)"
alive_no_reboot() { alive g1 && [ "$(markers g1)" = 1 ]; }
check "console shell answers after restore, no second boot" alive_no_reboot
v restore "$T/g1.img"
check "restore while it runs: already active" has "Requested operation is not valid: domain 'g1' is already active" err
echo "not a save image" > "$T/bogus.img"
v restore "$T/bogus.img"
check "restore of a file that is no image: libvirt's error" has "image magic is incorrect" err
sleep 0.5; events_stop
check "events: suspended, stopped saved, started restored" events_are g1 \
	"Suspended Paused" "Stopped Saved" "Started Restored"

# ---- the image is the state: undefine rules, an hvd restart, force boot
v managedsave --paused g1
# virsh refuses by itself; virDomainUndefine (python3-libvirt) gets hvd's error
undefine_refused() {
	! virsh -q -c "$RW" undefine g1 2> "$T/err" >/dev/null &&
	/usr/bin/python3 - "$RW" > "$T/err" 2>&1 <<'PY' &&
import sys, libvirt
dom = libvirt.open(sys.argv[1]).lookupByName("g1")
try:
    dom.undefine()
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_message())
PY
	grep -qx '55 Requested operation is not valid: Refusing to undefine while domain managed save image exists' "$T/err" &&
	virsh -q -c "$RW" dominfo g1 > /dev/null && [ -s "$IMG" ] || { diag "$T/err"; return 1; }
}
check "undefine (virsh, virDomainUndefine) refused while the image exists" undefine_refused
kill "$HVD_PID"; wait "$HVD_PID" 2>/dev/null; HVD_PID=
start_hvd || exit 1
check "after an hvd restart: shut off (saved)" state_is g1 "shut off (saved)"
v dominfo g1
check "after an hvd restart: Managed save: yes" bash -c "grep -Eq '^Managed save: +yes' '$T/out'"
check "an image saved with --paused starts paused" bash -c "virsh -q -c '$RW' start g1 >/dev/null && [ \"\$(virsh -q -c '$RW' domstate g1)\" = paused ]"
resume_alive() { virsh -q -c "$RW" resume g1 >/dev/null && alive g1; }
check "resume: the shell answers" resume_alive
v managedsave g1
force_boot() { virsh -q -c "$RW" start --force-boot g1 >/dev/null && wait_markers g1 2; }
check "start --force-boot boots fresh" force_boot
check "force boot discarded the image" test ! -e "$IMG"
v managedsave g1
check "managedsave-remove" bash -c "virsh -q -c '$RW' managedsave-remove g1 >/dev/null && [ ! -e '$IMG' ]"
v start g1
v managedsave g1
check "undefine --managed-save removes the domain and its image" \
	bash -c "virsh -q -c '$RW' undefine --managed-save g1 >/dev/null && [ ! -e '$IMG' ] && ! virsh -q -c '$RW' dominfo g1 2>/dev/null"

# ---- a transient domain: no managed save; save/restore brings it back
virsh -q -c "$RW" create "$T/t1.xml" > /dev/null
wait_markers t1 1
v managedsave t1
check "managedsave of a transient domain refused" has "Requested operation is not valid: cannot do managed save for transient domain" err
check "save of a transient domain: it is gone" bash -c "virsh -q -c '$RW' save t1 '$T/t1.img' >/dev/null && ! virsh -q -c '$RW' dominfo t1 2>/dev/null"
check "restore brings the transient domain back, running (restored)" \
	bash -c "virsh -q -c '$RW' restore '$T/t1.img' >/dev/null && [ \"\$(virsh -q -c '$RW' domstate --reason t1)\" = 'running (restored)' ] && [ \"\$(virsh -q -c '$RW' dominfo t1 | sed -n 's/^Persistent: *//p')\" = no ]"
virsh -q -c "$RW" destroy t1 > /dev/null 2>&1
head -c 20000 "$T/t1.img" > "$T/t1-cut.img"
truncated_refused() {
	! virsh -q -c "$RW" restore "$T/t1-cut.img" > /dev/null 2> "$T/err" && [ -s "$T/err" ] &&
	! virsh -q -c "$RW" dominfo t1 2> /dev/null && ! ls "$T/run" | grep -q '^[0-9a-f-]*\.\(json\|pid\|qmp\)$' ||
	{ diag "$T/err"; ls "$T/run" | diag; return 1; }
}
check "restore of a truncated image fails and leaves no domain, no engine" truncated_refused
diag "$T/err"
finish
