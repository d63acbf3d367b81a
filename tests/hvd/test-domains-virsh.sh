#!/bin/bash
# Defined domains through real virsh and python3-libvirt against an hvd on
# temporary directories: define, list (with filters), dumpxml, dominfo,
# domstate, autostart, desc, metadata, undefine, read-only refusals, the
# errors libvirt gives, events, and state that survives SIGKILL.
. "$(dirname "$0")/hvt-daemon.sh"
N=49
echo "1..$N"
if ! command -v virsh >/dev/null || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
	for i in $(seq $N); do skip "needs virsh (libvirt-clients) and python3-libvirt"; done
	exit 0
fi
hvd_start --timeout 0 || exit 1
v() { virsh -q -c "$RW" "$@" > "$T/out" 2> "$T/err"; }
# without -q, for the messages virsh prints only then ("Domain 'x' defined ...")
vm() { virsh -c "$RW" "$@" > "$T/out" 2> "$T/err"; }
vro() { virsh -q -r -c "$RO" "$@" > "$T/out" 2> "$T/err"; }
has() { grep -q -- "$1" "$T/$2"; }
is() { [ "$(cat "$T/$2")" = "$1" ]; }
py() { /usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-domains.py" "$@"; }

cat > "$T/d1.xml" <<'EOF'
<domain type='kvm'>
  <name>d1</name>
  <uuid>6b0a5b0e-1c6e-4b55-9d0e-0a0b0c0d0e01</uuid>
  <title>First guest</title>
  <description>a guest with &lt;everything&gt;</description>
  <memory unit='MiB'>256</memory>
  <currentMemory unit='MiB'>128</currentMemory>
  <vcpu current='1'>2</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>/var/lib/hv/boot/vmlinuz</kernel>
    <initrd>/var/lib/hv/boot/initrd.img</initrd>
    <cmdline>console=ttyS0 root=/dev/vda</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>preserve</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/hv/images/d1.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='bridge'>
      <mac address='52:54:00:aa:bb:01'/>
      <source bridge='br0'/>
      <model type='virtio'/>
    </interface>
  </devices>
</domain>
EOF
OS="<os><type arch='x86_64'>hvm</type></os>"
echo "<domain type='kvm'><name>d2</name><memory unit='KiB'>65536</memory>$OS</domain>" > "$T/d2.xml"
echo "<domain type='qemu'><name>d3</name><memory unit='GiB'>1</memory><vcpu>4</vcpu>$OS</domain>" > "$T/d3.xml"

virsh -q -c "$RW" event --all --loop > "$T/events" 2>&1 &
event_pid=$!
sleep 0.5

ok_all=1
for d in d1 d2 d3; do vm define "$T/$d.xml" && has "Domain '$d' defined" out || ok_all=0; done
check "virsh define: three domains from XML" [ $ok_all = 1 ]
virsh -c "$RW" list --all > "$T/out" 2>&1
check "virsh list --all: all three, shut off" \
	bash -c "[ \$(grep -c ' -  *d[123]  *shut off' $T/out) = 3 ]"
v list --all --name
check "virsh list --all --name: sorted names" is "$(printf 'd1\nd2\nd3\n')" out
v list --name
check "virsh list (active only): none" is "" out
v list --inactive --name
check "virsh list --inactive: all three" is "$(printf 'd1\nd2\nd3\n')" out
v list --all --transient --name
check "virsh list --all --transient: none" is "" out
v list --all --persistent --name
check "virsh list --all --persistent: all three" is "$(printf 'd1\nd2\nd3\n')" out
v list --all --with-managed-save --name
check "virsh list --all --with-managed-save: none" is "" out
v list --all --state-shutoff --name
check "virsh list --all --state-shutoff: all three" is "$(printf 'd1\nd2\nd3\n')" out

v dumpxml d1
py dumpxml "$T/out" > "$T/fields"
check "virsh dumpxml d1: identity, title and description" bash -c "
	grep -qx 'type: kvm' $T/fields && grep -qx 'name: d1' $T/fields &&
	grep -qx 'uuid: 6b0a5b0e-1c6e-4b55-9d0e-0a0b0c0d0e01' $T/fields &&
	grep -qx 'title: First guest' $T/fields && grep -qx 'description: a guest with <everything>' $T/fields"
check "virsh dumpxml d1: memory, vCPUs, os, lifecycle actions" bash -c "
	grep -qx 'memory: 262144' $T/fields && grep -qx 'memory unit: KiB' $T/fields &&
	grep -qx 'currentMemory: 131072' $T/fields && grep -qx 'vcpu: 2' $T/fields &&
	grep -qx 'vcpu current: 1' $T/fields && grep -qx 'os/type: hvm' $T/fields &&
	grep -qx 'os machine: q35 arch: x86_64' $T/fields &&
	grep -qx 'os/kernel: /var/lib/hv/boot/vmlinuz' $T/fields &&
	grep -qx 'os/initrd: /var/lib/hv/boot/initrd.img' $T/fields &&
	grep -qx 'os/cmdline: console=ttyS0 root=/dev/vda' $T/fields &&
	grep -qx 'on_crash: preserve' $T/fields && grep -qx 'on_reboot: restart' $T/fields"
check "virsh dumpxml d1: disk and interface" bash -c "
	grep -qx 'disk: file disk qcow2 /var/lib/hv/images/d1.qcow2 vda virtio' $T/fields &&
	grep -qx 'interface: bridge 52:54:00:aa:bb:01 br0 virtio' $T/fields"
v dumpxml d3 --inactive
py dumpxml "$T/out" > "$T/fields"
check "virsh dumpxml --inactive d3: type qemu, 1 GiB, 4 vCPUs" bash -c "
	grep -qx 'type: qemu' $T/fields && grep -qx 'memory: 1048576' $T/fields && grep -qx 'vcpu: 4' $T/fields"

v dominfo d1
check "virsh dominfo d1" bash -c "grep -q '^Name: *d1$' $T/out && grep -q '^OS Type: *hvm$' $T/out &&
	grep -q '^State: *shut off$' $T/out && grep -q '^CPU(s): *1$' $T/out &&
	grep -q '^Max memory: *262144 KiB$' $T/out && grep -q '^Used memory: *131072 KiB$' $T/out &&
	grep -q '^Persistent: *yes$' $T/out && grep -q '^Autostart: *disable$' $T/out"
v domstate d1 --reason
check "virsh domstate --reason: shut off (unknown)" is "shut off (unknown)" out
v domstate 6b0a5b0e-1c6e-4b55-9d0e-0a0b0c0d0e01
check "virsh domstate by UUID" is "shut off" out

v autostart d2
v list --all --autostart --name
check "virsh autostart: d2 listed with --autostart" is "d2" out
v autostart d2 --disable
v list --all --autostart --name
check "virsh autostart --disable: none with --autostart" is "" out

v desc d2 --new-desc "second guest"
v desc d2
check "virsh desc: set and read back" is "second guest" out
v desc d2 --title --new-desc "Second"
v list --all --title
check "virsh desc --title: the title in list --title" bash -c "grep -q 'd2 *shut off *Second' $T/out"
v metadata d2 http://hv.example.org/test/ --key hvt --set "<item n='7'>seven</item>"
v metadata d2 http://hv.example.org/test/
/usr/bin/python3 -c "
import sys, xml.etree.ElementTree as ET
e = ET.parse(sys.argv[1]).getroot()
sys.exit(0 if (e.tag, e.get('n'), e.text) == ('{http://hv.example.org/test/}item', '7', 'seven') else 1)" "$T/out"
check "virsh metadata --set: the element comes back in its namespace" [ $? = 0 ]
v dumpxml d2
py dumpxml "$T/out" > "$T/fields"
check "virsh dumpxml: the metadata element is in <metadata>" \
	grep -qx "metadata child: {http://hv.example.org/test/}item 7" "$T/fields"
v metadata d2 http://hv.example.org/test/ --remove
v metadata d2 http://hv.example.org/test/
check "virsh metadata --remove: then 'metadata not found'" \
	has "metadata not found: Requested metadata element is not present" err

vro define "$T/d1.xml"
check "read-only: define refused" has "operation forbidden: read only access prevents virDomainDefineXML" err
vro undefine d1
check "read-only: undefine refused" has "operation forbidden: read only access prevents virDomainUndefineFlags" err
vro autostart d1
check "read-only: autostart refused" has "operation forbidden: read only access prevents virDomainSetAutostart" err
vro desc d1 --new-desc x
check "read-only: desc refused" has "operation forbidden: read only access prevents virDomainSetMetadata" err
vro list --all --name
check "read-only: listing works" is "$(printf 'd1\nd2\nd3\n')" out

v dominfo nosuch
check "unknown domain: virsh says it cannot get it" has "failed to get domain 'nosuch'" err
sed 's/0e01</0e99</' "$T/d1.xml" > "$T/dup.xml"
v define "$T/dup.xml"
check "duplicate name, other UUID: libvirt's error" \
	has "operation failed: domain 'd1' already exists with uuid 6b0a5b0e-1c6e-4b55-9d0e-0a0b0c0d0e01" err
echo "<domain type='kvm'><name>v1</name><memory>65536</memory>$OS<nonsense/></domain>" > "$T/bad.xml"
v define --validate "$T/bad.xml"
check "define --validate: a document libvirt's schema refuses is refused, nothing defined" \
	bash -c "grep -q 'Failed to define domain' $T/err && grep -qi 'valid' $T/err &&
		! virsh -q -c '$RW' list --all --name | grep -qx v1"
virsh -q -c "$RW" dumpxml d3 > "$T/d3-full.xml"
vm define --validate "$T/d3-full.xml"
check "define --validate: hv's own dumpxml validates and redefines d3" has "Domain 'd3' defined" out

py api "$RW" > "$T/api" 2>&1
check "python: listAllDomains with flags, counts, names" bash -c "
	grep -qx 'all: d1 d2 d3' $T/api && grep -qx 'list inactive: d1 d2 d3' $T/api &&
	grep -qx 'list active: ' $T/api && grep -qx 'list transient: ' $T/api &&
	grep -qx 'num defined: 3 num active: 0' $T/api && grep -qx 'defined names: d1 d2 d3' $T/api"
check "python: lookup by UUID, info, state, OS type, memory, vCPUs, flags" bash -c "
	grep -qx 'by uuid: d1 id: -1' $T/api && grep -qx 'info: \[5, 262144, 131072, 1, 0\]' $T/api &&
	grep -qx 'state: \[5, 0\]' $T/api && grep -qx 'ostype: hvm maxmem: 262144' $T/api &&
	grep -qx 'vcpus max: 2 current: 1' $T/api &&
	grep -qx 'active: 0 persistent: 1 updated: 0' $T/api"
check "python: autostart and metadata element round trip" bash -c "
	grep -qx 'autostart after set: 1' $T/api && grep -qx 'autostart after unset: 0' $T/api &&
	grep -qx 'metadata element: {http://hv.example.org/app/}item 1 v' $T/api &&
	grep -qx 'metadata removed: 80 metadata not found: Requested metadata element is not present' $T/api &&
	grep -qx 'metadata live: 55 Requested operation is not valid: domain is not running' $T/api"
# not well-formed: VIR_ERR_XML_DETAIL (35) as libvirt; a wrong document: VIR_ERR_XML_ERROR (27)
check "python: libvirt's error codes and words" bash -c "
	grep -qx \"no name: 42 Domain not found: no domain with matching name 'nosuch'\" $T/api &&
	grep -qx \"no uuid: 42 Domain not found: no domain with matching uuid '00000000-0000-4000-8000-000000000001'\" $T/api &&
	grep -qx 'no id: 42 Domain not found: no domain with matching id 42' $T/api &&
	grep -q '^bad xml: 35 (domain_definition):1: ' $T/api &&
	grep -qx 'not a domain: 27 XML error: unexpected root element <network>, expecting <domain>' $T/api &&
	grep -qx 'bad flags: 8 invalid argument: unsupported flags (0x100000) in function virDomainUndefineFlags' $T/api &&
	grep -qx \"nvram flags: 8 invalid argument: Flags 'VIR_DOMAIN_UNDEFINE_NVRAM' and 'VIR_DOMAIN_UNDEFINE_KEEP_NVRAM' are mutually exclusive\" $T/api"
py events "$RW" "<domain type='kvm'><name>ev</name><memory>65536</memory>$OS</domain>" > "$T/pyev" 2>&1
check "python: lifecycle callbacks for define (0/0) and undefine (1/0)" bash -c "
	grep -qx 'event: ev 0 0' $T/pyev && grep -qx 'event: ev 1 0' $T/pyev"

uuid3=$(virsh -q -c "$RW" domuuid d3)
[ -e "$T/state/$uuid3.json" ] || echo "# no state file for d3 ($uuid3)"
vm undefine d3
check "virsh undefine d3" has "Domain 'd3' has been undefined" out
v list --all --name
check "virsh undefine: d3 gone from the list and its state file deleted" bash -c "
	[ ! -e $T/state/$uuid3.json ] && [ \"\$(cat $T/out)\" = \"\$(printf 'd1\nd2\n')\" ]"

sleep 0.5
kill "$event_pid"; wait "$event_pid" 2>/dev/null
check "virsh event --all --loop: defined, updated, undefined and metadata events" bash -c "
	grep -q \"event 'lifecycle' for domain 'd1': Defined Added\" $T/events &&
	grep -q \"event 'lifecycle' for domain 'd3': Defined Updated\" $T/events &&
	grep -q \"event 'lifecycle' for domain 'd3': Undefined Removed\" $T/events &&
	grep -q \"event 'metadata-change' for domain 'd2': type element, uri http://hv.example.org/test/\" $T/events"

# state survives: SIGKILL, a broken file in the state directory, restart
v autostart d1
echo '{ "name": ' > "$T/state/00000000-0000-4000-8000-0000000000bb.json"
kill -KILL "$HVD_PID"; wait "$HVD_PID" 2>/dev/null; HVD_PID=
rm -f "$T/sock/virthvd-sock" "$T/sock/virthvd-sock-ro" # so hvd_start waits for the new ones
hvd_start --timeout 0
v list --all --name
check "after SIGKILL and restart: d1 and d2 still defined" is "$(printf 'd1\nd2\n')" out
v dominfo d1
check "after restart: d1's autostart and d2's title kept" bash -c "
	grep -q '^Autostart: *enable$' $T/out && virsh -q -c '$RW' desc d2 --title | grep -qx Second"
check "after restart: the unreadable state file is put aside and named in hvd's log" bash -c "
	grep -q 'state directory: .*0000000000bb.json' $T/hvd.log && ls $T/state | grep -q '0000000000bb.json.broken'"
py robust "$RW" "$T/sock/virthvd-sock" > "$T/robust" 2>&1
check "real hvd: truncated header, 4 GiB length, wrong program and version drop only that client" \
	bash -c "grep -qx '4 GiB length closes: True' $T/robust && grep -qx 'wrong program closes: True' $T/robust &&
		grep -qx 'wrong version closes: True' $T/robust"
check "real hvd: garbage XDR and an unknown procedure get error replies" \
	bash -c "grep -qx 'garbage define answered: True' $T/robust && grep -qx 'unknown procedure answered: True' $T/robust"
check "real hvd: 200 python3-libvirt clients at once, each lists the domains" \
	grep -qx "clients served: 200 of 200" "$T/robust"

# hv-guests (hv-guests.service's script) against this hvd
guests() { HV_GUESTS_URI=$RW HV_GUESTS_LIST=$T/guests.list HV_GUESTS_SHUTDOWN_TIMEOUT=2 \
	"$HV_TOP_BUILDDIR/units/hv-guests" "$@" > "$T/out" 2>&1; }
guests stop
check "hv-guests stop: nothing runs, so nothing to shut down and an empty list" \
	bash -c "[ $? = 0 ] && [ -e $T/guests.list ] && [ ! -s $T/guests.list ]"
echo d1 > "$T/guests.list"
guests start
check "hv-guests start: starts each guest of the list (through virsh), then forgets the list" \
	bash -c "grep -qx 'hv-guests: starting d1' $T/out && [ ! -e $T/guests.list ]"
check "hvd is still running" kill -0 "$HVD_PID"
[ $failed = 0 ] || { diag "$T/hvd.log"; diag "$T/events"; diag "$T/api"; }
exit $failed
