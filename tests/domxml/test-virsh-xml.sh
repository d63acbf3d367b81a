#!/bin/bash
# Real virsh against a test hvd: capabilities, domcapabilities and the
# native config conversions, each output checked with virt-xml-validate.
. "$HV_TOP_SRCDIR/tests/hvd/hvt-daemon.sh"
echo "1..10"
if ! command -v virsh >/dev/null || ! command -v virt-xml-validate >/dev/null; then
	for i in $(seq 10); do skip "virsh or virt-xml-validate is not installed (libvirt-clients)"; done
	exit 0
fi
export HV_KVM=no
hvd_start --timeout 0 || exit 1
v() { virsh -q -c "$RW" "$@" > "$T/out" 2> "$T/err"; }
valid() { virt-xml-validate "$T/out" "$1" > "$T/valid" 2>&1 || { diag "$T/valid"; return 1; }; }
data=$HV_TOP_SRCDIR/tests/domxml/data

v capabilities
check "virsh capabilities: qemu domain type, no kvm without a usable KVM" \
	bash -c "grep -q \"<domain type='qemu'/>\" $T/out && ! grep -q \"type='kvm'\" $T/out"
check "virsh capabilities validates (capability.rng)" valid capability
v domcapabilities
check "virsh domcapabilities: TCG default" grep -q "<domain>qemu</domain>" "$T/out"
check "virsh domcapabilities validates (domaincaps.rng)" valid domaincaps
v domcapabilities --virttype kvm
check "virsh domcapabilities --virttype kvm refused without KVM" \
	grep -q "unsupported configuration: KVM is not supported" "$T/err"
v domxml-to-native hv "$data/spice-full.xml"
check "virsh domxml-to-native hv: xl.cfg with hv's settings" \
	bash -c "grep -q '^spice = 1' $T/out && grep -q '^spiceusbredirection = 2' $T/out"
cp "$T/out" "$T/native.cfg"
v domxml-from-native hv "$T/native.cfg"
check "virsh domxml-from-native hv gives the golden XML back" \
	diff -u "$data/spice-full.out.xml" "$T/out"
v domxml-from-native xen-xl "$data/minimal-kvm.xen.cfg"
check "virsh domxml-from-native xen-xl validates (domain.rng)" valid domain
echo 'hv_accel = "kvm"' > "$T/hv-only.cfg"
v domxml-from-native xen-xl "$T/hv-only.cfg"
check "xen-xl refuses hv's own settings, naming them" grep -q "hv_accel" "$T/err"
printf 'name = "p"\ntype = "hvm"\nmemory = 256\nhv_panic = [ "pvpanic" ]\n' > "$T/pvpanic.cfg"
v domxml-from-native hv "$T/pvpanic.cfg"
check "a panic model libvirt 9.0's schema lacks is refused, not written as invalid XML" \
	grep -q "unsupported configuration: <panic model='pvpanic'>" "$T/err"
exit $failed
