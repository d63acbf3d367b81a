/* The string forms of the model's enums (hv/types.h), in value order;
 * index 0 is the unset value and has no string. */
#include "config.h"

#include <string.h>

#include "model/desc.h"

#define NAMES(...) { NULL, __VA_ARGS__ }

typedef struct {
	const char *const *names;
	int count;
} HvEnumNames;

#define ENUM(id, ...) \
	[id] = { (const char *const[])NAMES(__VA_ARGS__), \
	         G_N_ELEMENTS(((const char *const[])NAMES(__VA_ARGS__))) }

static const HvEnumNames enum_names[HV_ENUM_COUNT_] = {
	ENUM(HV_ENUM_DOMAIN_TYPE, "hvm", "pvh"),
	ENUM(HV_ENUM_ACCEL, "kvm", "tcg"),
	ENUM(HV_ENUM_ACTION, "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
	     "coredump-restart", "soft-reset"),
	ENUM(HV_ENUM_PLACEMENT, "static", "auto"),
	ENUM(HV_ENUM_NUMA_MODE, "strict", "preferred", "interleave", "restrictive"),
	ENUM(HV_ENUM_CPU_MODE, "host-passthrough", "host-model", "custom", "maximum"),
	ENUM(HV_ENUM_CPU_MATCH, "minimum", "exact", "strict"),
	ENUM(HV_ENUM_CPU_CHECK, "none", "partial", "full"),
	ENUM(HV_ENUM_CPU_FALLBACK, "allow", "forbid"),
	ENUM(HV_ENUM_CPU_POLICY, "force", "require", "optional", "disable", "forbid"),
	ENUM(HV_ENUM_FIRMWARE, "bios", "uefi"),
	ENUM(HV_ENUM_LOADER_TYPE, "rom", "pflash"),
	ENUM(HV_ENUM_SMBIOS_MODE, "emulate", "host", "sysinfo"),
	ENUM(HV_ENUM_CLOCK_OFFSET, "utc", "localtime", "timezone", "variable"),
	ENUM(HV_ENUM_CLOCK_BASIS, "utc", "localtime"),
	ENUM(HV_ENUM_TIMER_NAME, "rtc", "pit", "hpet", "kvmclock", "hypervclock", "tsc"),
	ENUM(HV_ENUM_TICK_POLICY, "delay", "catchup", "merge", "discard"),
	ENUM(HV_ENUM_TIMER_TRACK, "boot", "guest", "wall", "realtime"),
	ENUM(HV_ENUM_TIMER_MODE, "auto", "native", "emulate", "paravirt", "smpsafe"),
	ENUM(HV_ENUM_XEN_TIMER_MODE, "delay_for_missed_ticks", "no_delay_for_missed_ticks",
	     "no_missed_ticks_pending", "one_missed_tick_pending"),
	ENUM(HV_ENUM_HDTYPE, "ide", "ahci"),
	ENUM(HV_ENUM_DISK_FORMAT, "raw", "qcow", "qcow2", "vhd", "qed"),
	ENUM(HV_ENUM_DISK_ACCESS, "rw", "ro"),
	ENUM(HV_ENUM_DISK_DEVICE, "disk", "cdrom", "floppy"),
	ENUM(HV_ENUM_DISK_SOURCE, "file", "block"),
	ENUM(HV_ENUM_DISK_BUS, "ide", "sata", "scsi", "virtio", "xen", "usb", "fdc"),
	ENUM(HV_ENUM_DISK_BACKEND, "phy", "qdisk", "tap", "standalone"),
	ENUM(HV_ENUM_DISK_CACHE, "default", "none", "writethrough", "writeback", "directsync",
	     "unsafe"),
	ENUM(HV_ENUM_DISK_IO, "native", "threads", "io_uring"),
	ENUM(HV_ENUM_NIC_TYPE, "bridge", "network", "ethernet", "user"),
	ENUM(HV_ENUM_VIF_TYPE, "ioemu", "vif"),
	ENUM(HV_ENUM_CHAR_TYPE, "pty", "null", "file", "pipe", "unix", "tcp", "udp"),
	ENUM(HV_ENUM_CONSOLE_TARGET, "serial", "virtio"),
	ENUM(HV_ENUM_CONTROLLER_TYPE, "usb", "pci", "virtio-serial", "scsi", "sata", "ide"),
	ENUM(HV_ENUM_USBCTRL_TYPE, "auto", "pv", "qusb", "devicemodel"),
	ENUM(HV_ENUM_INPUT_TYPE, "tablet", "mouse", "keyboard"),
	ENUM(HV_ENUM_INPUT_BUS, "ps2", "usb", "virtio"),
	ENUM(HV_ENUM_VIDEO_MODEL, "vga", "cirrus", "qxl", "virtio", "bochs", "ramfb", "none"),
	ENUM(HV_ENUM_SOUND_MODEL, "ich6", "ich9", "ac97", "sb16", "es1370", "usb"),
	ENUM(HV_ENUM_SPICE_IMAGE, "auto_glz", "auto_lz", "quic", "glz", "lz", "off"),
	ENUM(HV_ENUM_SPICE_STREAMING, "filter", "all", "off"),
	ENUM(HV_ENUM_MEMBALLOON_MODEL, "virtio", "none"),
	ENUM(HV_ENUM_RNG_MODEL, "virtio"),
	ENUM(HV_ENUM_TPM_MODEL, "tpm-tis", "tpm-crb"),
	ENUM(HV_ENUM_TPM_BACKEND, "emulator", "passthrough"),
	ENUM(HV_ENUM_TPM_VERSION, "1.2", "2.0"),
	ENUM(HV_ENUM_WATCHDOG_MODEL, "i6300esb", "ib700", "itco"),
	ENUM(HV_ENUM_WATCHDOG_ACTION, "reset", "shutdown", "poweroff", "pause", "none", "dump",
	     "inject-nmi"),
	ENUM(HV_ENUM_PANIC_MODEL, "isa", "pvpanic", "hyperv"),
	ENUM(HV_ENUM_ADDRESS_TYPE, "pci", "drive", "usb", "virtio-serial", "isa"),
	ENUM(HV_ENUM_ENGINE, "qemu", "hv-vmm"),
};

int
hv__enum_count(HvEnumId id)
{
	g_return_val_if_fail(id < HV_ENUM_COUNT_, 0);
	return enum_names[id].count;
}

const char *
hv_enum_to_string(HvEnumId id, int value)
{
	if (id >= HV_ENUM_COUNT_ || value <= 0 || value >= enum_names[id].count)
		return NULL;
	return enum_names[id].names[value];
}

gboolean
hv_enum_from_string(HvEnumId id, const char *s, int *value_r)
{
	if (id >= HV_ENUM_COUNT_ || !s)
		return FALSE;
	for (int i = 1; i < enum_names[id].count; i++) {
		if (strcmp(enum_names[id].names[i], s) == 0) {
			*value_r = i;
			return TRUE;
		}
	}
	return FALSE;
}
