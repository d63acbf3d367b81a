# hvt-daemon.sh: sourced by the shell tests. Runs the hvd binary of the
# build tree with temporary directories only (no root-only paths) and
# prints TAP. Needs HV_TOP_BUILDDIR and HV_TOP_SRCDIR (set by make check).
: "${HV_TOP_BUILDDIR:?}" "${HV_TOP_SRCDIR:?}"
HVD=$HV_TOP_BUILDDIR/hvd/hvd
T=$(mktemp -d /tmp/hvt-hvd-XXXXXX)
mkdir -p "$T/sock"
HVD_PID=
n=0
failed=0

cleanup() {
	[ -n "$HVD_PID" ] && kill "$HVD_PID" 2>/dev/null && wait "$HVD_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $*"; }
# check DESCRIPTION COMMAND...: one TAP line from a command's status
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
diag() { sed 's/^/# /' "$@"; }

# hvd_start [OPTIONS...]: starts hvd on $T and waits for its sockets.
hvd_start() {
	: > "$T/empty.conf"
	"$HVD" --config "$T/empty.conf" --state-dir "$T/state" --run-dir "$T/run" \
		--socket-dir "$T/sock" --log-dir "$T/log" "$@" > "$T/hvd.log" 2>&1 &
	HVD_PID=$!
	for _ in $(seq 100); do
		[ -S "$T/sock/virthvd-sock" ] && return 0
		kill -0 "$HVD_PID" 2>/dev/null || break
		sleep 0.05
	done
	echo "# hvd did not start:"; diag "$T/hvd.log"
	return 1
}

# hvd_wait_exit SECONDS: waits for hvd to exit; its status in HVD_STATUS.
hvd_wait_exit() {
	for _ in $(seq $(($1 * 20))); do
		if ! kill -0 "$HVD_PID" 2>/dev/null; then
			wait "$HVD_PID"; HVD_STATUS=$?; HVD_PID=; return 0
		fi
		sleep 0.05
	done
	return 1
}

RW="hv+unix:///system?socket=$T/sock/virthvd-sock"
RO="hv+unix:///system?socket=$T/sock/virthvd-sock-ro"
