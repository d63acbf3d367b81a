#!/bin/bash
# Benchmark (not a test): starting the test guest through hvd and through
# stock libvirtd with its QEMU driver (tests/bench/peer-libvirtd.sh), in the
# same run, same XML (q35, TCG, the test guest's kernel, initrd and
# console=ttyS0), same QEMU. N starts each (default 5), medians of:
#   - ready: from the start call returning to HV-GUEST-READY on the guest's
#     console (a python3-libvirt console stream opened right after it). The
#     start is virDomainCreate from python3-libvirt, the call `virsh start`
#     makes, so that the client's clock brackets the RPC itself;
#   - start call: virDomainCreate's round trip;
#   - overhead: from the start RPC being sent (client's clock, just before
#     the call; a local socket, so arrival follows within microseconds) to
#     the daemon's execve of QEMU. strace is attached to each running daemon
#     (`strace -f -ttt -b execve -e trace=execve -p PID`: it logs the execve
#     and lets go of the child there, so QEMU itself runs untraced); its
#     timestamps are the same wall clock.
# Each daemon is warmed up first with one start and destroy (libvirtd probes
# QEMU's capabilities on its first use). Prints a table with the ratios
# hvd / libvirtd; asserts nothing.
# usage: bench-start.sh BUILDDIR [N]     (root, for the peer's user switch)
set -uo pipefail
build=$(cd "${1:?usage: $0 BUILDDIR [N]}" && pwd)
n=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
guest_src=${HV_GUEST_DIR:-$build/tests/guest/out}
T=$(mktemp -d /tmp/hv-bench-start-XXXXXX)
chmod 755 "$T"
hvd_pid=
strace_pids=()
cleanup() {
	for p in "${strace_pids[@]}"; do kill "$p" 2>/dev/null; done
	if [ -n "$hvd_pid" ]; then
		virsh -q -c "$HV_URI" destroy bench >/dev/null 2>&1
		kill "$hvd_pid" 2>/dev/null
	fi
	bash "$here/peer-libvirtd.sh" stop "$T/peer" > /dev/null 2>&1
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
HV_URI="hv+unix:///system?socket=$T/hvd/sock/virthvd-sock"
for prog in virsh strace qemu-system-x86_64; do
	command -v "$prog" >/dev/null || { echo "bench-start: $prog is not installed"; exit 1; }
done
[ -f "$guest_src/vmlinuz" ] || { echo "bench-start: no test guest in $guest_src (make guest)"; exit 1; }

# The guest's files where the peer's user (nobody) can read them.
mkdir -p "$T/guest"
cp "$guest_src/vmlinuz" "$guest_src/initramfs.cpio.gz" "$T/guest/"
chmod -R a+rX "$T/guest"
# the test guest's domain XML, as the hvd guest tests write it
. "$here/../hvd/hvt-guest-xml.sh"
HV_GUEST_DIR=$T/guest guest_xml bench > "$T/bench.xml"
chmod a+r "$T/bench.xml"

# N+1 starts (the first a warm-up) through URI; one line per measured start:
# "EPOCH_BEFORE_CALL CALL_SECONDS READY_SECONDS".
starts() { # URI
	/usr/bin/python3 - "$1" "$T/bench.xml" "$n" <<'PY'
import sys, time, libvirt
uri, xml, n = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3])
libvirt.registerErrorHandler(lambda *a: None, None)  # stream.abort() complains
conn = libvirt.open(uri)
dom = conn.defineXML(xml)
for i in range(n + 1):
    before = time.time()
    dom.create()
    returned = time.time()
    stream = conn.newStream(0)
    dom.openConsole(None, stream, 0)
    seen = b""
    while b"HV-GUEST-READY" not in seen:
        data = stream.recv(4096)
        if not data or time.time() - returned > 120:
            sys.exit("no ready marker: " + seen[-300:].decode(errors="replace"))
        seen += data
    ready = time.time()
    try:
        stream.abort()
    except libvirt.libvirtError:
        pass
    dom.destroy()
    while dom.isActive():
        time.sleep(0.05)
    if i > 0:
        print("%.6f %.6f %.6f" % (before, returned - before, ready - returned))
dom.undefine()
PY
}

# Seconds from each start's EPOCH (column 1 of FILE) to the daemon's next
# execve of QEMU for the guest (strace -ttt log STRACE).
overheads() { # FILE STRACE
	grep -E 'execve\("[^"]*qemu-system-x86_64", .*guest=bench' "$2" |
		awk '{ print $2 }' > "$T/execs"
	awk 'NR == FNR { exec[++ne] = $1; next }
	     { for (i = 1; i <= ne; i++) if (exec[i] > $1) { printf "%.6f\n", exec[i] - $1; break } }' \
		"$T/execs" "$1"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; else print "n/a" }'; }

# trace_execs PID FILE: execve calls of PID's children, with wall-clock times
trace_execs() {
	strace -f -ttt -b execve -e trace=execve -o "$2" -p "$1" 2>/dev/null &
	strace_pids+=($!)
	sleep 1 # attached to every thread
}

# hvd: the build tree's, TCG forced
printf '[hypervisor]\naccel = tcg\n' > "$T/hvd.conf"
"$build/hvd/hvd" --config "$T/hvd.conf" --state-dir "$T/hvd/state" --run-dir "$T/hvd/run" \
	--socket-dir "$T/hvd/sock" --log-dir "$T/hvd/log" --log-level warning &
hvd_pid=$!
for _ in $(seq 200); do [ -S "$T/hvd/sock/virthvd-sock" ] && break; sleep 0.05; done
trace_execs "$(cat "$T/hvd/run/hvd.pid")" "$T/hvd.strace"
starts "$HV_URI" > "$T/hvd.runs" || { echo "bench-start: hvd run failed"; exit 1; }
overheads "$T/hvd.runs" "$T/hvd.strace" > "$T/hvd.over"

peer_ok=
if [ "$(id -u)" = 0 ] &&
	peer_uri=$(bash "$here/peer-libvirtd.sh" start "$T/peer"); then
	trace_execs "$(cat "$T/peer/run/libvirt/libvirtd.pid")" "$T/peer.strace"
	starts "$peer_uri" > "$T/peer.runs" && peer_ok=1
	overheads "$T/peer.runs" "$T/peer.strace" > "$T/peer.over"
fi

col() { awk -v c="$2" '{ print $c }' "$1" | median; }
hv=("$(col "$T/hvd.runs" 3)" "$(col "$T/hvd.runs" 2)" "$(median < "$T/hvd.over")")
if [ -n "$peer_ok" ]; then
	peer=("$(col "$T/peer.runs" 3)" "$(col "$T/peer.runs" 2)" "$(median < "$T/peer.over")")
else
	peer=(n/a n/a n/a)
fi
echo "Start benchmark: test guest, q35, TCG, $(qemu-system-x86_64 --version | head -1), N=$n each, $(nproc) CPUs, $(date -u +%F)"
printf '%-44s %10s %14s %10s\n' "median seconds" hvd "libvirtd+QEMU" "hvd/peer"
names=("start returned -> HV-GUEST-READY" "start call (virDomainCreate round trip)" "start RPC sent -> QEMU execve (overhead)")
for i in 0 1 2; do
	ratio=$(awk -v a="${hv[$i]}" -v b="${peer[$i]}" 'BEGIN { if (b + 0 > 0) printf "%.3f", a / b; else print "n/a" }')
	printf '%-44s %10s %14s %10s\n' "${names[$i]}" "${hv[$i]}" "${peer[$i]}" "$ratio"
done
echo "runs (epoch before the call, call s, ready s): hvd"; sed 's/^/  /' "$T/hvd.runs"
[ -n "$peer_ok" ] && { echo "libvirtd:"; sed 's/^/  /' "$T/peer.runs"; }
[ -n "$peer_ok" ] || echo "(no libvirtd peer: needs root and libvirt-daemon-driver-qemu; see peer-libvirtd.sh)"
