#!/bin/bash
# A guest's whole life through python3-libvirt (Debian's, under
# /usr/bin/python3) against an hvd on temporary directories, with real
# QEMU (TCG) and the test guest; python-lifecycle.py prints the TAP cases.
. "$(dirname "$0")/hvt-daemon.sh"
N=31
. "$(dirname "$0")/hvt-guests.sh"
start_hvd || exit 1
guest_xml p1 > "$T/p1.xml"
timeout 300 /usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-lifecycle.py" "$RW" "$T/p1.xml" \
	> "$T/tap" 2> "$T/stderr"
status=$?
cat "$T/tap"
n=$(grep -cE '^(not )?ok ' "$T/tap")
grep -q '^not ok' "$T/tap" && failed=1
if [ "$status" != 0 ]; then
	echo "# python-lifecycle.py exited with $status:"; diag "$T/stderr"
fi
for i in $(seq $((n + 1)) $N); do not_ok "not reached"; done
finish
