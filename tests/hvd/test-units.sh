#!/bin/bash
# The systemd units pass "systemd-analyze verify" (pointed at the build
# tree's binaries, since they are not installed during "make check").
: "${HV_TOP_BUILDDIR:?}"
echo "1..2"
units="hvd.service hvd.socket hvd-ro.socket hv-guests.service"
if ! command -v systemd-analyze > /dev/null; then
	echo "ok 1 # SKIP systemd-analyze is not installed (package systemd)"
	echo "ok 2 # SKIP systemd-analyze is not installed (package systemd)"
	exit 0
fi
T=$(mktemp -d /tmp/hvt-units-XXXXXX)
trap 'rm -rf "$T"' EXIT
sbindir=$(sed -n 's|^ExecStart=\(.*\)/hvd .*|\1|p' "$HV_TOP_BUILDDIR/units/hvd.service")
libexecdir=$(sed -n 's|^ExecStart=\(.*\)/hv-guests start|\1|p' "$HV_TOP_BUILDDIR/units/hv-guests.service")
for u in $units; do
	sed -e "s|$sbindir/hvd |$HV_TOP_BUILDDIR/hvd/hvd |" \
		-e "s|$libexecdir/hv-guests |$HV_TOP_BUILDDIR/units/hv-guests |" \
		"$HV_TOP_BUILDDIR/units/$u" > "$T/$u"
done
# man pages are checked on their own (they are not installed yet either)
if (cd "$T" && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no $units) > "$T/log" 2>&1 &&
	! grep -q . "$T/log"; then
	echo "ok 1 - systemd-analyze verify $units"
else
	echo "not ok 1 - systemd-analyze verify $units"; sed 's/^/# /' "$T/log"
fi
if grep -q '^ListenStream=.*/virthvd-sock$' "$HV_TOP_BUILDDIR/units/hvd.socket" &&
	grep -q '^SocketMode=0666$' "$HV_TOP_BUILDDIR/units/hvd-ro.socket" &&
	grep -q '^Type=notify$' "$HV_TOP_BUILDDIR/units/hvd.service"; then
	echo "ok 2 - units carry the configured socket paths, 0666 read-only socket, Type=notify"
else
	echo "not ok 2 - units carry the configured socket paths"
fi
