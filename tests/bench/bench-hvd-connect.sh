#!/bin/bash
# Benchmark: hvd's idle memory and the cost of a whole virsh connection
# (handshake, CONNECT_GET_TYPE, CONNECT_GET_VERSION, close) repeated N times,
# next to virsh with libvirt's in-process test driver (the client's own
# cost: no daemon at all) and stock libvirtd when it can be started by hand
# here (it needs the libvirt-qemu user). Prints figures; asserts nothing.
# usage: bench-hvd-connect.sh BUILDDIR [N]
set -uo pipefail
build=$(cd "${1:?usage: $0 BUILDDIR [N]}" && pwd)
n=${2:-1000}
T=$(mktemp -d /tmp/hv-bench-XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"' EXIT

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
wait_socket() { for _ in $(seq 200); do [ -S "$1" ] && return 0; sleep 0.05; done; return 1; }
run_n() { # URI: seconds for N "virsh version" runs
	local start end
	start=$(date +%s.%N)
	for _ in $(seq "$n"); do virsh -q -c "$1" version > /dev/null || return 1; done
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
per_call() { awk -v s="$1" -v n="$n" 'BEGIN { printf "%.2f", s * 1000 / n }'; }

: > "$T/empty.conf"
"$build/hvd/hvd" --config "$T/empty.conf" --state-dir "$T/state" --run-dir "$T/run" \
	--socket-dir "$T/sock" --log-dir "$T/log" --log-level warning &
hvd=$!; pids+=("$hvd")
wait_socket "$T/sock/virthvd-sock" || { echo "hvd did not start"; exit 1; }
uri="hv+unix:///system?socket=$T/sock/virthvd-sock"
virsh -q -c "$uri" version > /dev/null  # QEMU's version is read once
echo "hvd: idle RSS $(rss_kib "$hvd") KiB"
secs=$(run_n "$uri")
echo "hvd: $n x 'virsh version' in $secs s ($(per_call "$secs") ms each)"
echo "hvd: RSS after them $(rss_kib "$hvd") KiB"
base=$(run_n "test:///default")
echo "virsh alone (test:///default, no daemon): $n x 'virsh version' in $base s ($(per_call "$base") ms each)"

if command -v libvirtd > /dev/null && [ "$(id -u)" = 0 ]; then
	mkdir -p "$T/lv"
	cat > "$T/libvirtd.conf" <<CONF
unix_sock_dir = "$T/lv"
auth_unix_rw = "none"
auth_unix_ro = "none"
CONF
	libvirtd --config "$T/libvirtd.conf" > "$T/libvirtd.log" 2>&1 &
	lv=$!; pids+=("$lv")
	if wait_socket "$T/lv/libvirt-sock" && virsh -q -c "qemu+unix:///system?socket=$T/lv/libvirt-sock" version > /dev/null 2>&1; then
		echo "libvirtd: idle RSS $(rss_kib "$lv") KiB"
		lsecs=$(run_n "qemu+unix:///system?socket=$T/lv/libvirt-sock")
		echo "libvirtd: $n x 'virsh version' in $lsecs s ($(per_call "$lsecs") ms each)"
		echo "ratio hvd/libvirtd: $(awk -v a="$secs" -v b="$lsecs" 'BEGIN { printf "%.2f", a / b }')"
	else
		echo "libvirtd: could not be started by hand here (see $T/libvirtd.log); not compared"
		tail -3 "$T/libvirtd.log"
	fi
fi
