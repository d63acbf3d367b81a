#!/bin/bash
# Real virsh and python3-libvirt against an hvd started with temporary
# directories: what a user of "virsh -c hv:///system" sees.
. "$(dirname "$0")/hvt-daemon.sh"
echo "1..23"
if ! command -v virsh >/dev/null; then
	for i in $(seq 23); do skip "virsh is not installed (libvirt-clients)"; done
	exit 0
fi
hvd_start --timeout 0 || exit 1
v() { virsh -q -c "$RW" "$@" > "$T/out" 2> "$T/err"; }
has() { grep -q -- "$1" "$T/$2"; }

v version
check "virsh version: hypervisor type QEMU and its version" has "Running hypervisor: QEMU [0-9]" out
v version --daemon
check "virsh version --daemon: libvirt 9.0.0 protocol" has "Running against daemon: 9.0.0" out
v nodeinfo
cpus=$(getconf _NPROCESSORS_ONLN)
mem=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
check "virsh nodeinfo: this host's CPUs and memory" \
	bash -c "grep -q '^CPU(s): *$cpus\$' $T/out && grep -q '^Memory size: *$mem KiB' $T/out"
v hostname
check "virsh hostname" has "$(hostname)" out
v uri
check "virsh uri" has "hv+unix:///system" out
v sysinfo
check "virsh sysinfo: SMBIOS XML" has "<sysinfo type='smbios'>" out
v maxvcpus
# virsh asks domcapabilities first: the default machine's limit (QEMU's pc: 255)
check "virsh maxvcpus (domcapabilities of the default machine, q35: 288)" has "^288$" out
v nodecpumap
check "virsh nodecpumap" has "CPUs online: *$cpus" out
v nodememstats
check "virsh nodememstats" has "^total *: *$mem KiB" out
v freecell
check "virsh freecell" has "Total: *[0-9]* KiB" out
v freecell 0
check "virsh freecell 0 (NUMA cell 0)" has "^ *0: *[0-9]* KiB" out

echo '<domain type="qemu"><name>t0</name></domain>' > "$T/d.xml"
virsh -q -r -c "$RO" define "$T/d.xml" > "$T/out" 2> "$T/err"
check "read-only socket: define refused (VIR_ERR_OPERATION_DENIED)" \
	has "operation forbidden: read only access prevents virDomainDefineXML" err
virsh -q -r -c "$RO" nodeinfo > "$T/out" 2> "$T/err"
check "read-only socket: reading works" has "CPU(s)" out
v net-list --all
check "unimplemented procedure: 'not supported by the connection driver'" \
	has "this function is not supported by the connection driver" err
virsh -q -c "hv+unix:///session?socket=$T/sock/virthvd-sock" version > "$T/out" 2> "$T/err"
check "wrong URI path refused like libvirt does" has "unexpected hv URI path '/session', try hv:///system" err

if /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
	/usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-client.py" basics "$RW" > "$T/out" 2>&1
	check "python3-libvirt: type, versions, node info" \
		bash -c "grep -q '^type: QEMU' $T/out && grep -q '^libversion: 9000000' $T/out && grep -q '^info: \[.x86_64., $((mem / 1024)), $cpus' $T/out"
	check "python3-libvirt: unimplemented call raises VIR_ERR_NO_SUPPORT (3)" \
		has "listAllNetworks error: 3 this function is not supported" out
else
	skip "python3-libvirt is not installed"; skip "python3-libvirt is not installed"
fi
/usr/bin/python3 - "$T/sock/virthvd-sock" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"\xff\xff\xff\xff")
s.recv(1)  # the server closes the connection
PY
sleep 0.2
check "a 4 GiB length closes that client, with the reason in hvd's log" \
	grep -q "closed: packet 4294967295 bytes received from client" "$T/hvd.log"
check "hvd is still running after all of it" kill -0 "$HVD_PID"
[ $failed = 0 ] || diag "$T/hvd.log"

# One emulator setting ([hypervisor] emulator, an absolute path from PATH at
# start) for the capabilities and the guests.
qemu=$(command -v qemu-system-x86_64 || true)
if [ -n "$qemu" ]; then
	v capabilities
	check "capabilities: <emulator> is the default emulator found on PATH ($qemu)" \
		has "<emulator>$qemu</emulator>" out
	kill "$HVD_PID"; hvd_wait_exit 10
	mkdir -p "$T/bin" && ln -s "$qemu" "$T/bin/qemu-wrapper"
	printf '[hypervisor]\nemulator = %s\n' "$T/bin/qemu-wrapper" > "$T/emulator.conf"
	hvd_start --timeout 0 --config "$T/emulator.conf" || exit 1
	v capabilities
	check "capabilities: <emulator> is hvd.conf's emulator" has "<emulator>$T/bin/qemu-wrapper</emulator>" out
	v domcapabilities
	check "domcapabilities: <path> is hvd.conf's emulator" has "<path>$T/bin/qemu-wrapper</path>" out
	v version
	check "virsh version asks hvd.conf's emulator" has "Running hypervisor: QEMU [0-9]" out
else
	for i in 1 2 3 4; do skip "qemu-system-x86_64 is not installed"; done
fi
[ $failed = 0 ] || diag "$T/hvd.log"
exit $failed
