# hvt-guest-xml.sh: sourced by the shell tests that run the test guest
# (HV_GUEST_DIR) through hvd.
# guest_xml NAME [EXTRA-TOP-LEVEL-XML [EXTRA-DEVICE-XML]]
guest_xml() {
	cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>$HV_GUEST_DIR/vmlinuz</kernel>
    <initrd>$HV_GUEST_DIR/initramfs.cpio.gz</initrd>
    <cmdline>console=ttyS0</cmdline>
  </os>
  ${2:-}
  <devices>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    ${3:-}
  </devices>
</domain>
XML
}
