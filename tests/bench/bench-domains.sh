#!/bin/bash
# Benchmark (not a test): N defined domains (default 1000) in hvd and in
# stock libvirtd with its QEMU driver (tests/bench/peer-libvirtd.sh), in the
# same run, on the same machine:
#   - defining all N (python3-libvirt, one connection, defineXML each),
#   - dumping all N (one connection, XMLDesc of each),
#   - `virsh list --all` with N domains (a whole virsh process, median of 5),
#   - the daemon's RSS after all of it.
# Each daemon is warmed up first (one define and undefine: libvirtd probes
# QEMU's capabilities on its first define). Prints a table with the ratios
# hvd / libvirtd; asserts nothing.
# usage: bench-domains.sh BUILDDIR [N]     (root, for the peer's user switch)
set -uo pipefail
build=$(cd "${1:?usage: $0 BUILDDIR [N]}" && pwd)
n=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d /tmp/hv-bench-dom-XXXXXX)
chmod 755 "$T"
hvd_pid=
cleanup() {
	[ -n "$hvd_pid" ] && kill "$hvd_pid" 2>/dev/null
	bash "$here/peer-libvirtd.sh" stop "$T/peer" > /dev/null 2>&1
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# The domains: small but complete (memory, vCPUs, os, a disk, a NIC), the
# same XML for both daemons; the peer's files are readable by its user.
mkdir -p "$T/xml"
for i in $(seq -w 1 "$n"); do
	cat > "$T/xml/b$i.xml" <<EOF
<domain type='qemu'>
  <name>bench-$i</name>
  <description>benchmark domain $i</description>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='$T/xml/b$i.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='user'><model type='virtio'/></interface>
  </devices>
</domain>
EOF
done
chmod -R a+rX "$T/xml"

# python3-libvirt: seconds for defining (or dumping) every XML of the list
timed_py() { # URI define|dumpxml
	/usr/bin/python3 - "$1" "$2" "$T/xml" <<'PY'
import glob, sys, time, libvirt
uri, what, xmldir = sys.argv[1:]
conn = libvirt.open(uri)
warm = conn.defineXML("<domain type='qemu'><name>warmup</name><memory>65536</memory>"
                      "<os><type arch='x86_64'>hvm</type></os></domain>")
warm.undefine()
start = time.monotonic()
if what == "define":
    for path in sorted(glob.glob(xmldir + "/*.xml")):
        conn.defineXML(open(path).read())
else:
    for dom in conn.listAllDomains():
        dom.XMLDesc(0)
print("%.3f" % (time.monotonic() - start))
PY
}

timed_list() { # URI: median seconds of 5 "virsh list --all"
	for _ in 1 2 3 4 5; do
		local s e
		s=$(date +%s.%N)
		virsh -q -c "$1" list --all > "$T/list.out" || return 1
		e=$(date +%s.%N)
		awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f\n", b - a }'
	done | sort -n | sed -n 3p
}

measure() { # NAME URI PID: one line "NAME define dump list rss lines"
	local d x l lines
	d=$(timed_py "$2" define) || return 1
	x=$(timed_py "$2" dumpxml) || return 1
	l=$(timed_list "$2") || return 1
	lines=$(grep -c bench- "$T/list.out")
	echo "$1 $d $x $l $(rss_kib "$3") $lines"
}

: > "$T/empty.conf"
"$build/hvd/hvd" --config "$T/empty.conf" --state-dir "$T/hvd/state" --run-dir "$T/hvd/run" \
	--socket-dir "$T/hvd/sock" --log-dir "$T/hvd/log" --log-level warning &
hvd_pid=$!
for _ in $(seq 200); do [ -S "$T/hvd/sock/virthvd-sock" ] && break; sleep 0.05; done
hv_line=$(measure hvd "hv+unix:///system?socket=$T/hvd/sock/virthvd-sock" "$hvd_pid") ||
	{ echo "bench-domains: hvd run failed"; exit 1; }

peer_line=
if [ "$(id -u)" = 0 ] && peer_uri=$(bash "$here/peer-libvirtd.sh" start "$T/peer"); then
	peer_pid=$(cat "$T/peer/run/libvirt/libvirtd.pid")
	peer_line=$(measure libvirtd "$peer_uri" "$peer_pid") || peer_line=
fi

echo "Domains benchmark: $n defined domains, $(nproc) CPUs ($(uname -m)), $(date -u +%F)"
awk -v n="$n" -v hv="$hv_line" -v peer="$peer_line" 'BEGIN {
	split(hv, h, " "); split(peer, p, " ")
	printf "%-34s %14s %14s %16s\n", "", "hvd", "libvirtd+QEMU", "ratio hvd/peer"
	name[2] = "define " n " (s)"; name[3] = "dumpxml " n " (s)"
	name[4] = "virsh list --all, " n " (s)"; name[5] = "daemon RSS after (KiB)"
	for (i = 2; i <= 5; i++) {
		pv = (peer == "") ? "n/a" : p[i]
		ratio = (peer == "" || p[i] == 0) ? "n/a" : sprintf("%.3f", h[i] / p[i])
		printf "%-34s %14s %14s %16s\n", name[i], h[i], pv, ratio
	}
	printf "%-34s %14s %14s\n", "domains in virsh list", h[6], (peer == "") ? "n/a" : p[6]
}'
[ -n "$peer_line" ] || echo "(no libvirtd peer: needs root and libvirt-daemon-driver-qemu; see peer-libvirtd.sh)"
