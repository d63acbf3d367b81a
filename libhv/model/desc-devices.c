/* Field descriptors of the device types of the model. The field order here
 * is the order of the JSON output. */
#include "config.h"

#include "model/desc.h"

#define MAX_U32 G_GINT64_CONSTANT(4294967295)
#define KIB_MAX (G_GINT64_CONSTANT(1) << 50) /* 1 EiB in KiB */

static const HvFieldDesc address_fields[] = {
	HV__F_E(HvAddress, type, HV_ENUM_ADDRESS_TYPE),
	HV__F_I(HvAddress, domain, 0, 0xffff),
	HV__F_I(HvAddress, bus, 0, 0xff),
	HV__F_I(HvAddress, slot, 0, 0x1f),
	HV__F_I(HvAddress, function, 0, 7),
	HV__F_B(HvAddress, multifunction),
	HV__F_I(HvAddress, controller, 0, 255),
	HV__F_I(HvAddress, target, 0, 255),
	HV__F_I(HvAddress, unit, 0, 255),
	HV__F_S(HvAddress, port, HV__FMT_USB_PORT),
	HV__F_I(HvAddress, iobase, 0, 0xffff),
	HV__F_I(HvAddress, irq, 0, 255),
};
const HvTypeDesc hv__address_desc = HV__DESC(HvAddress, address_fields);

static const HvFieldDesc disk_fields[] = {
	HV__F_S(HvDisk, target, HV__FMT_TARGET),
	HV__F_E(HvDisk, source_type, HV_ENUM_DISK_SOURCE),
	HV__F_E(HvDisk, format, HV_ENUM_DISK_FORMAT),
	HV__F_S_R(HvDisk, vdev, HV__FMT_WORD),
	HV__F_E(HvDisk, bus, HV_ENUM_DISK_BUS),
	HV__F_E(HvDisk, access, HV_ENUM_DISK_ACCESS),
	HV__F_E(HvDisk, devtype, HV_ENUM_DISK_DEVICE),
	HV__F_E(HvDisk, backendtype, HV_ENUM_DISK_BACKEND),
	HV__F_S(HvDisk, script, HV__FMT_WORD),
	HV__F_E(HvDisk, cache, HV_ENUM_DISK_CACHE),
	HV__F_E(HvDisk, io, HV_ENUM_DISK_IO),
	HV__F_B(HvDisk, discard),
	HV__F_S(HvDisk, serial, HV__FMT_WORD),
	HV__F_B(HvDisk, shareable),
	HV__F_I(HvDisk, boot_order, 1, 65535),
	HV__F_SV(HvDisk, xen_options, HV__FMT_WORD),
	HV__F_SUB(HvDisk, address, hv__address_desc),
};
const HvTypeDesc hv__disk_desc = HV__DESC(HvDisk, disk_fields);

static const HvFieldDesc nic_fields[] = {
	HV__F_E(HvNic, type, HV_ENUM_NIC_TYPE),
	HV__F_S(HvNic, mac, HV__FMT_MAC),
	HV__F_S(HvNic, bridge, HV__FMT_WORD),
	HV__F_S(HvNic, network, HV__FMT_WORD),
	HV__F_S(HvNic, model, HV__FMT_WORD),
	HV__F_E(HvNic, vif_type, HV_ENUM_VIF_TYPE),
	HV__F_S(HvNic, script, HV__FMT_WORD),
	HV__F_S(HvNic, ip, HV__FMT_WORD),
	HV__F_S(HvNic, vifname, HV__FMT_WORD),
	HV__F_S(HvNic, rate, HV__FMT_RATE),
	HV__F_I(HvNic, mtu, 68, 65535),
	HV__F_S(HvNic, vlan, HV__FMT_WORD),
	HV__F_I(HvNic, queues, 1, 256),
	HV__F_I(HvNic, boot_order, 1, 65535),
	HV__F_SV(HvNic, xen_options, HV__FMT_WORD),
	HV__F_SUB(HvNic, address, hv__address_desc),
};
const HvTypeDesc hv__nic_desc = HV__DESC(HvNic, nic_fields);

static const HvFieldDesc pci_dev_fields[] = {
	HV__F_S(HvPciDev, bdf, HV__FMT_BDF),
	HV__F_B(HvPciDev, all_functions),
	HV__F_I(HvPciDev, vslot, 0, 31),
	HV__F_B(HvPciDev, seize),
	HV__F_S(HvPciDev, name, HV__FMT_WORD),
	HV__F_I(HvPciDev, boot_order, 1, 65535),
	HV__F_S(HvPciDev, vf_mac, HV__FMT_MAC),
	HV__F_I(HvPciDev, vf_vlan, 0, 4095),
	HV__F_SV(HvPciDev, xen_options, HV__FMT_WORD),
	HV__F_SUB(HvPciDev, address, hv__address_desc),
};
const HvTypeDesc hv__pci_dev_desc = HV__DESC(HvPciDev, pci_dev_fields);

static const HvFieldDesc usb_dev_fields[] = {
	HV__F_I(HvUsbDev, hostbus, 0, 255),
	HV__F_I(HvUsbDev, hostaddr, 0, 255),
	HV__F_I(HvUsbDev, vendor, 0, 65535),
	HV__F_I(HvUsbDev, product, 0, 65535),
	HV__F_I(HvUsbDev, controller, 0, 255),
	HV__F_I(HvUsbDev, port, 1, 255),
};
const HvTypeDesc hv__usb_dev_desc = HV__DESC(HvUsbDev, usb_dev_fields);

static const HvFieldDesc controller_fields[] = {
	HV__F_E_R(HvController, type, HV_ENUM_CONTROLLER_TYPE),
	HV__F_I(HvController, index, 0, 255),
	HV__F_S(HvController, model, HV__FMT_WORD),
	HV__F_I(HvController, ports, 1, 255),
	HV__F_I(HvController, version, 1, 3),
	HV__F_E(HvController, usbctrl_type, HV_ENUM_USBCTRL_TYPE),
	HV__F_S(HvController, model_name, HV__FMT_WORD),
	HV__F_I(HvController, chassis, 0, 255),
	HV__F_I(HvController, port, 0, 255),
	HV__F_SUB(HvController, address, hv__address_desc),
};
const HvTypeDesc hv__controller_desc = HV__DESC(HvController, controller_fields);

static const HvFieldDesc char_dev_fields[] = {
	HV__F_E(HvCharDev, type, HV_ENUM_CHAR_TYPE),
	HV__F_S(HvCharDev, path, HV__FMT_PATH),
	HV__F_S(HvCharDev, host, HV__FMT_HOST),
	HV__F_I(HvCharDev, port, 0, 65535),
	HV__F_B(HvCharDev, server),
	HV__F_B(HvCharDev, wait),
	HV__F_B(HvCharDev, telnet),
	HV__F_S(HvCharDev, log_file, HV__FMT_PATH),
	HV__F_B(HvCharDev, log_append),
};
static const HvTypeDesc char_dev_desc = HV__DESC(HvCharDev, char_dev_fields);

static const HvFieldDesc serial_fields[] = {
	HV__F_SUB(HvSerial, source, char_dev_desc),
	HV__F_I(HvSerial, port, 0, 31),
	HV__F_S(HvSerial, target_type, HV__FMT_WORD),
	HV__F_S(HvSerial, target_model, HV__FMT_WORD),
};
const HvTypeDesc hv__serial_desc = HV__DESC(HvSerial, serial_fields);

static const HvFieldDesc console_fields[] = {
	HV__F_SUB(HvConsole, source, char_dev_desc),
	HV__F_E(HvConsole, target, HV_ENUM_CONSOLE_TARGET),
	HV__F_I(HvConsole, port, 0, 31),
};
const HvTypeDesc hv__console_desc = HV__DESC(HvConsole, console_fields);

static const HvFieldDesc channel_fields[] = {
	HV__F_S_R(HvChannel, name, HV__FMT_WORD),
	HV__F_SUB(HvChannel, source, char_dev_desc),
	HV__F_SV(HvChannel, xen_options, HV__FMT_WORD),
	HV__F_SUB(HvChannel, address, hv__address_desc),
};
const HvTypeDesc hv__channel_desc = HV__DESC(HvChannel, channel_fields);

static const HvFieldDesc input_fields[] = {
	HV__F_E_R(HvInput, type, HV_ENUM_INPUT_TYPE),
	HV__F_E(HvInput, bus, HV_ENUM_INPUT_BUS),
	HV__F_SUB(HvInput, address, hv__address_desc),
};
const HvTypeDesc hv__input_desc = HV__DESC(HvInput, input_fields);

static const HvFieldDesc sound_fields[] = {
	HV__F_E_R(HvSound, model, HV_ENUM_SOUND_MODEL),
};
const HvTypeDesc hv__sound_desc = HV__DESC(HvSound, sound_fields);

static const HvFieldDesc rng_fields[] = {
	HV__F_E(HvRng, model, HV_ENUM_RNG_MODEL),
	HV__F_S(HvRng, backend, HV__FMT_PATH),
	HV__F_I(HvRng, rate_bytes, 1, MAX_U32),
	HV__F_I(HvRng, rate_period, 1, MAX_U32),
	HV__F_SUB(HvRng, address, hv__address_desc),
};
const HvTypeDesc hv__rng_desc = HV__DESC(HvRng, rng_fields);

static const HvFieldDesc tpm_fields[] = {
	HV__F_E(HvTpm, model, HV_ENUM_TPM_MODEL),
	HV__F_E(HvTpm, backend_type, HV_ENUM_TPM_BACKEND),
	HV__F_E(HvTpm, version, HV_ENUM_TPM_VERSION),
	HV__F_S(HvTpm, path, HV__FMT_PATH),
	HV__F_S(HvTpm, uuid, HV__FMT_UUID),
	HV__F_SV(HvTpm, xen_options, HV__FMT_WORD),
};
const HvTypeDesc hv__tpm_desc = HV__DESC(HvTpm, tpm_fields);

static const HvFieldDesc panic_fields[] = {
	HV__F_E_R(HvPanic, model, HV_ENUM_PANIC_MODEL),
};
const HvTypeDesc hv__panic_desc = HV__DESC(HvPanic, panic_fields);

static const HvFieldDesc xen_option_fields[] = {
	HV__F_S_R(HvXenOption, key, HV__FMT_WORD),
	HV__F_S_R(HvXenOption, value, HV__FMT_TEXT),
};
const HvTypeDesc hv__xen_option_desc = HV__DESC(HvXenOption, xen_option_fields);

static const HvFieldDesc vnc_fields[] = {
	HV__F_B(HvVnc, enabled),
	HV__F_S(HvVnc, listen, HV__FMT_HOST),
	HV__F_I(HvVnc, display, 0, 59635),
	HV__F_B(HvVnc, unused),
	HV__F_S(HvVnc, passwd, HV__FMT_WORD),
};
const HvTypeDesc hv__vnc_desc = HV__DESC(HvVnc, vnc_fields);

static const HvFieldDesc spice_fields[] = {
	HV__F_B(HvSpice, enabled),
	HV__F_S(HvSpice, host, HV__FMT_HOST),
	HV__F_I(HvSpice, port, 0, 65535),
	HV__F_I(HvSpice, tls_port, 0, 65535),
	HV__F_B(HvSpice, autoport),
	HV__F_B(HvSpice, disable_ticketing),
	HV__F_S(HvSpice, passwd, HV__FMT_WORD),
	HV__F_B(HvSpice, agent_mouse),
	HV__F_B(HvSpice, vdagent),
	HV__F_B(HvSpice, clipboard_sharing),
	HV__F_I(HvSpice, usbredirection, 0, 16),
	HV__F_E(HvSpice, image_compression, HV_ENUM_SPICE_IMAGE),
	HV__F_E(HvSpice, streaming_video, HV_ENUM_SPICE_STREAMING),
	HV__F_B(HvSpice, file_transfer),
	HV__F_B(HvSpice, gl),
};
const HvTypeDesc hv__spice_desc = HV__DESC(HvSpice, spice_fields);

static const HvFieldDesc video_fields[] = {
	HV__F_E(HvVideo, model, HV_ENUM_VIDEO_MODEL),
	HV__F_I(HvVideo, vram_kib, 0, KIB_MAX),
	HV__F_I(HvVideo, ram_kib, 0, KIB_MAX),
	HV__F_I(HvVideo, vgamem_kib, 0, KIB_MAX),
	HV__F_I(HvVideo, heads, 1, 16),
	HV__F_B(HvVideo, accel3d),
	HV__F_B(HvVideo, primary),
	HV__F_SUB(HvVideo, address, hv__address_desc),
};
const HvTypeDesc hv__video_desc = HV__DESC(HvVideo, video_fields);

static const HvFieldDesc watchdog_fields[] = {
	HV__F_E(HvWatchdog, model, HV_ENUM_WATCHDOG_MODEL),
	HV__F_E(HvWatchdog, action, HV_ENUM_WATCHDOG_ACTION),
	HV__F_SUB(HvWatchdog, address, hv__address_desc),
};
const HvTypeDesc hv__watchdog_desc = HV__DESC(HvWatchdog, watchdog_fields);

static const HvFieldDesc memballoon_fields[] = {
	HV__F_E(HvMemballoon, model, HV_ENUM_MEMBALLOON_MODEL),
	HV__F_I(HvMemballoon, stats_period, 0, 86400),
	HV__F_SUB(HvMemballoon, address, hv__address_desc),
};
const HvTypeDesc hv__memballoon_desc = HV__DESC(HvMemballoon, memballoon_fields);

static const HvFieldDesc genid_fields[] = {
	HV__F_B(HvGenid, enabled),
	HV__F_S(HvGenid, value, HV__FMT_UUID),
};
const HvTypeDesc hv__genid_desc = HV__DESC(HvGenid, genid_fields);
