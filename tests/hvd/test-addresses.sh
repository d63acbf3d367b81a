#!/bin/bash
# Device addresses through hvd with real QEMU (TCG) and the test guest: a
# virtio NIC defined at PCI 0000:00:07.0 keeps its <address> in dumpxml and
# the guest finds the device there (sysfs on its console shell).
. "$(dirname "$0")/hvt-daemon.sh"
N=4
. "$(dirname "$0")/hvt-guests.sh"
start_hvd || exit 1
NIC="<interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></interface>"
guest_xml a1 "" "$NIC" > "$T/a1.xml"
v define "$T/a1.xml"
v dumpxml a1
check "dumpxml keeps the NIC's PCI address" \
	has "<address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>" out
v start a1
check "the guest boots" wait_markers a1 1 90
check "the guest sees a virtio device (vendor 0x1af4) at 0000:00:07.0" \
	console a1 '0x1af4' 60 'cat /sys/bus/pci/devices/0000:00:07.0/vendor'
v destroy a1
check "destroy" state_is a1 "shut off (destroyed)"
finish
