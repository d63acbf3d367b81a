#!/bin/bash
# Starts stock libvirtd with its QEMU driver as the peer that hv's benchmarks
# compare against, isolated from the system: session mode as user "nobody",
# every directory under DIR, nothing in /etc or /var touched. Debian 12 ships
# the monolithic libvirtd (packages libvirt-daemon, libvirt-daemon-driver-qemu).
#
#   peer-libvirtd.sh start DIR   start it; prints the URI to use with virsh
#   peer-libvirtd.sh stop DIR    stop it (its guests are destroyed first)
#   peer-libvirtd.sh uri DIR     print the URI
# Files the peer's guests use must be readable by "nobody": put them in DIR.
set -euo pipefail
cmd=${1:?usage: peer-libvirtd.sh start|stop|uri DIR}
dir=$(realpath -m "${2:?usage: peer-libvirtd.sh start|stop|uri DIR}")
user=nobody
uri="qemu+unix:///session?socket=$dir/run/libvirt/libvirt-sock"

running() { [ -f "$dir/run/libvirt/libvirtd.pid" ] && kill -0 "$(cat "$dir/run/libvirt/libvirtd.pid")" 2>/dev/null; }

case "$cmd" in
start)
	command -v libvirtd >/dev/null || { echo "peer-libvirtd: install libvirt-daemon and libvirt-daemon-driver-qemu" >&2; exit 1; }
	mkdir -p "$dir"/{run,config,cache,data,home}
	chmod 755 "$dir"
	chmod 700 "$dir/run"
	chown -R "$user:" "$dir"
	runuser -u "$user" -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$dir/home" \
		XDG_RUNTIME_DIR="$dir/run" XDG_CONFIG_HOME="$dir/config" \
		XDG_CACHE_HOME="$dir/cache" XDG_DATA_HOME="$dir/data" \
		libvirtd --timeout 0 > "$dir/libvirtd.log" 2>&1 &
	for _ in $(seq 1 100); do
		[ -S "$dir/run/libvirt/libvirt-sock" ] && running && { echo "$uri"; exit 0; }
		sleep 0.1
	done
	echo "peer-libvirtd: libvirtd did not come up; see $dir/libvirtd.log" >&2
	exit 1
	;;
stop)
	running || exit 0
	pid=$(cat "$dir/run/libvirt/libvirtd.pid")
	for dom in $(virsh -q -c "$uri" list --name 2>/dev/null); do
		virsh -q -c "$uri" destroy "$dom" >/dev/null 2>&1 || true
	done
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	;;
uri) echo "$uri" ;;
*) echo "usage: peer-libvirtd.sh start|stop|uri DIR" >&2; exit 2 ;;
esac
