#!/bin/bash
# The hvd binary as a daemon: options, SIGTERM, the idle timeout, one
# daemon per run directory, socket activation, sd_notify and the watchdog,
# keepalive with a real idle client, SIGHUP.
. "$(dirname "$0")/hvt-daemon.sh"
echo "1..17"
has() { grep -q -- "$1" "$2"; }

"$HVD" --help > "$T/out" 2>&1
check "hvd --help lists the options" \
	bash -c "grep -q -- --socket-dir $T/out && grep -q -- --timeout $T/out && grep -q -- --state-dir $T/out"
"$HVD" --version > "$T/out" 2>&1
check "hvd --version" has "hvd (hv) " "$T/out"
printf '[rpc]\nmax_workers = lots\n' > "$T/bad.conf"
"$HVD" --config "$T/bad.conf" > "$T/out" 2>&1
check "a bad config value is named, exit status 2" \
	bash -c "[ $? = 2 ] && grep -q 'max_workers' $T/out"

# SIGTERM: clean exit, sockets and pid file gone
hvd_start
check "socket modes: rw 0600, ro 0666" \
	bash -c "[ \$(stat -c %a $T/sock/virthvd-sock) = 600 ] && [ \$(stat -c %a $T/sock/virthvd-sock-ro) = 666 ]"
"$HVD" --config "$T/empty.conf" --run-dir "$T/run" --socket-dir "$T/sock2" --state-dir "$T/state" \
	--log-dir "$T/log" > "$T/out" 2>&1
check "a second hvd on the same run directory refuses to start" has "another hvd is running" "$T/out"
kill -TERM "$HVD_PID"
hvd_wait_exit 10
check "SIGTERM: exit status 0, sockets and pid file removed" \
	bash -c "[ $HVD_STATUS = 0 ] && [ ! -e $T/sock/virthvd-sock ] && [ ! -e $T/sock/virthvd-sock-ro ] && [ ! -e $T/run/hvd.pid ]"

# --timeout: exits when idle, not while a client is connected
hvd_start --timeout 2
started=$(date +%s)
/usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-client.py" idle "$RW" 3 > "$T/idle" 2>&1 &
py=$!
sleep 1
check "--timeout: still running while a client is connected" kill -0 "$HVD_PID"
wait $py
hvd_wait_exit 10
elapsed=$(($(date +%s) - started))
check "--timeout 2: exits 2 s after the last client left (took ${elapsed}s)" \
	bash -c "[ $HVD_STATUS = 0 ] && [ $elapsed -ge 5 ] && [ $elapsed -le 9 ]"

# keepalive: an idle client that answers PINGs stays connected
printf '[rpc]\nkeepalive_interval = 1\nkeepalive_count = 1\n' > "$T/ka.conf"
"$HVD" --config "$T/ka.conf" --state-dir "$T/state" --run-dir "$T/run" --socket-dir "$T/sock" \
	--log-dir "$T/log" -v > "$T/hvd.log" 2>&1 &
HVD_PID=$!
for _ in $(seq 100); do [ -S "$T/sock/virthvd-sock" ] && break; sleep 0.05; done
/usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-client.py" idle "$RW" 4 > "$T/idle" 2>&1
check "keepalive: a python client idle 4 s (interval 1 s, count 1) is still connected" \
	has "alive: 1 hostname:" "$T/idle"
check "keepalive: no client was dropped" bash -c "! grep -q 'No response' $T/hvd.log"

# SIGHUP re-reads the config file
printf '[daemon]\nlog_level = info\n' > "$T/ka.conf"
kill -HUP "$HVD_PID"
sleep 0.3
virsh -q -c "$RW" hostname > /dev/null 2>&1
sleep 0.2
check "SIGHUP: the config file is read again and its log level applies" \
	bash -c "sed -n '/reloaded/,\$p' $T/hvd.log | grep -q reloaded && ! sed -n '/reloaded/,\$p' $T/hvd.log | grep -q debug:"
kill -TERM "$HVD_PID"; hvd_wait_exit 10

# session mode as an ordinary user: libvirt's client starts "virthvd"
# itself (found through VIRTD_PATH; the client picks the per-driver daemon
# when its config says remote_mode = "direct" or the socket exists)
S=$T/session
mkdir -p "$S/.config/libvirt" "$S/bin"
echo 'remote_mode = "direct"' > "$S/.config/libvirt/libvirt.conf"
ln -s "$HVD" "$S/bin/virthvd"
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups env -i HOME="$S" XDG_RUNTIME_DIR="$S" \
		PATH=/usr/bin:/bin VIRTD_PATH="$S/bin" "$@"
}
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null && id nobody > /dev/null 2>&1 &&
	chown -R nobody "$T" && chmod 755 "$T" && as_nobody test -x "$HVD"; then
	as_nobody virsh -q -c hv:///session uri > "$T/out" 2>&1
	check "hv:///session as a user: virsh starts virthvd, which serves the session URI" \
		bash -c "grep -q '^hv:///session$' $T/out && [ -S $S/libvirt/virthvd-sock ]"
	pid=$(cat "$S/hv/hvd.pid" 2>/dev/null)
	check "the auto-started daemon keeps its state under the user's XDG directories" \
		bash -c "[ -n '$pid' ] && grep -q -- --timeout=120 /proc/$pid/cmdline && [ -d $S/.local/share/hv ]"
	[ -n "$pid" ] && kill "$pid"
else
	skip "session mode needs root to switch to user nobody"; skip "session mode needs root"
fi

# socket activation: both sockets passed by systemd-socket-activate,
# sd_notify READY/STATUS/STOPPING and watchdog pings to a NOTIFY_SOCKET
if ! command -v systemd-socket-activate > /dev/null; then
	for i in 1 2 3 4; do skip "systemd-socket-activate is not installed (package systemd)"; done
	exit $failed
fi
mkdir -p "$T/act"
/usr/bin/python3 - "$T/notify" "$T/notify.log" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "w", buffering=1) as log:
    while True:
        log.write(s.recv(4096).decode() + "\n")
PY
listener=$!
for _ in $(seq 100); do [ -S "$T/notify" ] && break; sleep 0.05; done
NOTIFY_SOCKET=$T/notify WATCHDOG_USEC=200000 systemd-socket-activate \
	-l "$T/act/virthvd-sock" -l "$T/act/virthvd-sock-ro" --fdname=rw:ro \
	-E NOTIFY_SOCKET -E WATCHDOG_USEC -- \
	"$HVD" --config "$T/empty.conf" --state-dir "$T/state" --run-dir "$T/run" \
	--socket-dir "$T/notused" --log-dir "$T/log" > "$T/act.log" 2>&1 &
HVD_PID=$!
for _ in $(seq 100); do [ -S "$T/act/virthvd-sock-ro" ] && break; sleep 0.05; done
virsh -q -c "hv+unix:///system?socket=$T/act/virthvd-sock" nodeinfo > "$T/out" 2>&1
virsh -q -r -c "hv+unix:///system?socket=$T/act/virthvd-sock-ro" define /dev/null > "$T/ro" 2>&1
echo '<domain/>' > "$T/d.xml"
virsh -q -r -c "hv+unix:///system?socket=$T/act/virthvd-sock-ro" define "$T/d.xml" > "$T/ro" 2>&1
check "socket activation: the read-write socket serves virsh" has "CPU(s)" "$T/out"
check "socket activation: the socket named ro is read-only" has "read only access prevents" "$T/ro"
check "socket activation: hvd bound no sockets of its own" test ! -e "$T/notused"
sleep 0.5
kill -TERM "$HVD_PID"; hvd_wait_exit 10
sleep 0.2
kill "$listener" 2>/dev/null
check "sd_notify: READY=1, STATUS=, WATCHDOG=1 and STOPPING=1" \
	bash -c "grep -q READY=1 $T/notify.log && grep -q STATUS=Serving $T/notify.log && grep -q WATCHDOG=1 $T/notify.log && grep -q STOPPING=1 $T/notify.log"
[ $failed = 0 ] || { diag "$T/hvd.log"; diag "$T/act.log"; }
exit $failed
