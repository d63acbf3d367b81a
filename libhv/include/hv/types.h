/* hv/types.h: the building blocks of the domain model, and its enums.
 *
 * Every model field can be "unset", which is not the same as any value:
 * unset fields take hv's default (see hv_domain_apply_defaults()) and are
 * left out of the JSON and the xl.cfg output, so what the user did not say
 * stays unsaid and round trips are exact.
 *   - strings:   NULL is unset;
 *   - integers:  HvInt, with a `set` flag (0 is a valid value);
 *   - booleans:  HvTristate, HV_TRISTATE_DEFAULT is unset;
 *   - enums:     value 0 (HV_<ENUM>_UNSET) is unset;
 *   - lists:     GPtrArray, never NULL in objects made by libhv; empty is
 *                unset. Lists of strings hold char *, lists of structs
 *                hold pointers to the struct (freed with the list).
 * Sizes of memory are in KiB, times in the unit named by the field. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An optional integer: `value` means something only when `set`. */
typedef struct {
	gint64 value;
	gboolean set;
} HvInt;

/* A set HvInt holding V. */
#define HV_INT(v) ((HvInt){ .value = (v), .set = TRUE })

/* V's value, or DEFAULT_VALUE when V is unset. */
static inline gint64
hv_int_or(HvInt v, gint64 default_value)
{
	return v.set ? v.value : default_value;
}

/* A boolean that can be left unset. */
typedef enum {
	HV_TRISTATE_DEFAULT = 0,
	HV_TRISTATE_NO,
	HV_TRISTATE_YES,
} HvTristate;

/* HV_TRISTATE_YES or HV_TRISTATE_NO for B. */
#define HV_TRISTATE(b) ((b) ? HV_TRISTATE_YES : HV_TRISTATE_NO)

/* T as a gboolean, DEFAULT_VALUE when T is unset. */
static inline gboolean
hv_tristate_or(HvTristate t, gboolean default_value)
{
	return t == HV_TRISTATE_DEFAULT ? default_value : t == HV_TRISTATE_YES;
}

/* The enums of the model. Their string forms (used in JSON and, where xl.cfg
 * has the setting, in xl.cfg) are given after each value; every enum's
 * value 0 is "unset". Convert with hv_enum_to_string()/hv_enum_from_string(). */
typedef enum {
	HV_ENUM_DOMAIN_TYPE,
	HV_ENUM_ACCEL,
	HV_ENUM_ACTION,
	HV_ENUM_PLACEMENT,
	HV_ENUM_NUMA_MODE,
	HV_ENUM_CPU_MODE,
	HV_ENUM_CPU_MATCH,
	HV_ENUM_CPU_CHECK,
	HV_ENUM_CPU_FALLBACK,
	HV_ENUM_CPU_POLICY,
	HV_ENUM_FIRMWARE,
	HV_ENUM_LOADER_TYPE,
	HV_ENUM_SMBIOS_MODE,
	HV_ENUM_CLOCK_OFFSET,
	HV_ENUM_CLOCK_BASIS,
	HV_ENUM_TIMER_NAME,
	HV_ENUM_TICK_POLICY,
	HV_ENUM_TIMER_TRACK,
	HV_ENUM_TIMER_MODE,
	HV_ENUM_XEN_TIMER_MODE,
	HV_ENUM_HDTYPE,
	HV_ENUM_DISK_FORMAT,
	HV_ENUM_DISK_ACCESS,
	HV_ENUM_DISK_DEVICE,
	HV_ENUM_DISK_SOURCE,
	HV_ENUM_DISK_BUS,
	HV_ENUM_DISK_BACKEND,
	HV_ENUM_DISK_CACHE,
	HV_ENUM_DISK_IO,
	HV_ENUM_NIC_TYPE,
	HV_ENUM_VIF_TYPE,
	HV_ENUM_CHAR_TYPE,
	HV_ENUM_CONSOLE_TARGET,
	HV_ENUM_CONTROLLER_TYPE,
	HV_ENUM_USBCTRL_TYPE,
	HV_ENUM_INPUT_TYPE,
	HV_ENUM_INPUT_BUS,
	HV_ENUM_VIDEO_MODEL,
	HV_ENUM_SOUND_MODEL,
	HV_ENUM_SPICE_IMAGE,
	HV_ENUM_SPICE_STREAMING,
	HV_ENUM_MEMBALLOON_MODEL,
	HV_ENUM_RNG_MODEL,
	HV_ENUM_TPM_MODEL,
	HV_ENUM_TPM_BACKEND,
	HV_ENUM_TPM_VERSION,
	HV_ENUM_WATCHDOG_MODEL,
	HV_ENUM_WATCHDOG_ACTION,
	HV_ENUM_PANIC_MODEL,
	HV_ENUM_ENGINE,
	HV_ENUM_ADDRESS_TYPE,
	HV_ENUM_COUNT_
} HvEnumId;

/* The string form of VALUE of enum ID; NULL for unset or out of range. */
const char *hv_enum_to_string(HvEnumId id, int value);

/* Parses S as a value of enum ID into *VALUE_R; FALSE if S is not one. */
gboolean hv_enum_from_string(HvEnumId id, const char *s, int *value_r);

typedef enum { HV_DOMAIN_TYPE_UNSET, HV_DOMAIN_TYPE_HVM /* hvm */, HV_DOMAIN_TYPE_PVH /* pvh */ } HvDomainType;
/* Accelerator of an hvm domain: libvirt's <domain type='kvm'> / 'qemu'. */
typedef enum { HV_ACCEL_UNSET, HV_ACCEL_KVM /* kvm */, HV_ACCEL_TCG /* tcg */ } HvAccel;
/* Xen's lifecycle actions (on_poweroff, on_reboot, on_crash, ...). */
typedef enum {
	HV_ACTION_UNSET,
	HV_ACTION_DESTROY,          /* destroy */
	HV_ACTION_RESTART,          /* restart */
	HV_ACTION_RENAME_RESTART,   /* rename-restart */
	HV_ACTION_PRESERVE,         /* preserve */
	HV_ACTION_COREDUMP_DESTROY, /* coredump-destroy */
	HV_ACTION_COREDUMP_RESTART, /* coredump-restart */
	HV_ACTION_SOFT_RESET,       /* soft-reset */
} HvAction;
typedef enum { HV_PLACEMENT_UNSET, HV_PLACEMENT_STATIC /* static */, HV_PLACEMENT_AUTO /* auto */ } HvPlacement;
typedef enum {
	HV_NUMA_MODE_UNSET, HV_NUMA_MODE_STRICT /* strict */, HV_NUMA_MODE_PREFERRED /* preferred */,
	HV_NUMA_MODE_INTERLEAVE /* interleave */, HV_NUMA_MODE_RESTRICTIVE /* restrictive */,
} HvNumaMode;
typedef enum {
	HV_CPU_MODE_UNSET, HV_CPU_MODE_HOST_PASSTHROUGH /* host-passthrough */,
	HV_CPU_MODE_HOST_MODEL /* host-model */, HV_CPU_MODE_CUSTOM /* custom */,
	HV_CPU_MODE_MAXIMUM /* maximum */,
} HvCpuMode;
typedef enum { HV_CPU_MATCH_UNSET, HV_CPU_MATCH_MINIMUM /* minimum */, HV_CPU_MATCH_EXACT /* exact */, HV_CPU_MATCH_STRICT /* strict */ } HvCpuMatch;
typedef enum { HV_CPU_CHECK_UNSET, HV_CPU_CHECK_NONE /* none */, HV_CPU_CHECK_PARTIAL /* partial */, HV_CPU_CHECK_FULL /* full */ } HvCpuCheck;
typedef enum { HV_CPU_FALLBACK_UNSET, HV_CPU_FALLBACK_ALLOW /* allow */, HV_CPU_FALLBACK_FORBID /* forbid */ } HvCpuFallback;
typedef enum {
	HV_CPU_POLICY_UNSET, HV_CPU_POLICY_FORCE /* force */, HV_CPU_POLICY_REQUIRE /* require */,
	HV_CPU_POLICY_OPTIONAL /* optional */, HV_CPU_POLICY_DISABLE /* disable */, HV_CPU_POLICY_FORBID /* forbid */,
} HvCpuPolicy;
typedef enum { HV_FIRMWARE_UNSET, HV_FIRMWARE_BIOS /* bios: SeaBIOS */, HV_FIRMWARE_UEFI /* uefi: OVMF */ } HvFirmware;
typedef enum { HV_LOADER_TYPE_UNSET, HV_LOADER_TYPE_ROM /* rom */, HV_LOADER_TYPE_PFLASH /* pflash */ } HvLoaderType;
typedef enum { HV_SMBIOS_MODE_UNSET, HV_SMBIOS_MODE_EMULATE /* emulate */, HV_SMBIOS_MODE_HOST /* host */, HV_SMBIOS_MODE_SYSINFO /* sysinfo */ } HvSmbiosMode;
typedef enum {
	HV_CLOCK_OFFSET_UNSET, HV_CLOCK_OFFSET_UTC /* utc */, HV_CLOCK_OFFSET_LOCALTIME /* localtime */,
	HV_CLOCK_OFFSET_TIMEZONE /* timezone */, HV_CLOCK_OFFSET_VARIABLE /* variable */,
} HvClockOffset;
typedef enum { HV_CLOCK_BASIS_UNSET, HV_CLOCK_BASIS_UTC /* utc */, HV_CLOCK_BASIS_LOCALTIME /* localtime */ } HvClockBasis;
typedef enum {
	HV_TIMER_NAME_UNSET, HV_TIMER_NAME_RTC /* rtc */, HV_TIMER_NAME_PIT /* pit */, HV_TIMER_NAME_HPET /* hpet */,
	HV_TIMER_NAME_KVMCLOCK /* kvmclock */, HV_TIMER_NAME_HYPERVCLOCK /* hypervclock */, HV_TIMER_NAME_TSC /* tsc */,
} HvTimerName;
typedef enum {
	HV_TICK_POLICY_UNSET, HV_TICK_POLICY_DELAY /* delay */, HV_TICK_POLICY_CATCHUP /* catchup */,
	HV_TICK_POLICY_MERGE /* merge */, HV_TICK_POLICY_DISCARD /* discard */,
} HvTickPolicy;
typedef enum {
	HV_TIMER_TRACK_UNSET, HV_TIMER_TRACK_BOOT /* boot */, HV_TIMER_TRACK_GUEST /* guest */,
	HV_TIMER_TRACK_WALL /* wall */, HV_TIMER_TRACK_REALTIME /* realtime */,
} HvTimerTrack;
typedef enum {
	HV_TIMER_MODE_UNSET, HV_TIMER_MODE_AUTO /* auto */, HV_TIMER_MODE_NATIVE /* native */,
	HV_TIMER_MODE_EMULATE /* emulate */, HV_TIMER_MODE_PARAVIRT /* paravirt */, HV_TIMER_MODE_SMPSAFE /* smpsafe */,
} HvTimerMode;
/* xl.cfg's timer_mode: how missed virtual-timer ticks are delivered. */
typedef enum {
	HV_XEN_TIMER_MODE_UNSET,
	HV_XEN_TIMER_MODE_DELAY_FOR_MISSED_TICKS,    /* delay_for_missed_ticks */
	HV_XEN_TIMER_MODE_NO_DELAY_FOR_MISSED_TICKS, /* no_delay_for_missed_ticks */
	HV_XEN_TIMER_MODE_NO_MISSED_TICKS_PENDING,   /* no_missed_ticks_pending */
	HV_XEN_TIMER_MODE_ONE_MISSED_TICK_PENDING,   /* one_missed_tick_pending */
} HvXenTimerMode;
/* xl.cfg's hdtype: what hd* disks are emulated as. */
typedef enum { HV_HDTYPE_UNSET, HV_HDTYPE_IDE /* ide */, HV_HDTYPE_AHCI /* ahci */ } HvHdType;
typedef enum {
	HV_DISK_FORMAT_UNSET, HV_DISK_FORMAT_RAW /* raw */, HV_DISK_FORMAT_QCOW /* qcow */,
	HV_DISK_FORMAT_QCOW2 /* qcow2 */, HV_DISK_FORMAT_VHD /* vhd */, HV_DISK_FORMAT_QED /* qed */,
} HvDiskFormat;
typedef enum { HV_DISK_ACCESS_UNSET, HV_DISK_ACCESS_RW /* rw */, HV_DISK_ACCESS_RO /* ro */ } HvDiskAccess;
typedef enum { HV_DISK_DEVICE_UNSET, HV_DISK_DEVICE_DISK /* disk */, HV_DISK_DEVICE_CDROM /* cdrom */, HV_DISK_DEVICE_FLOPPY /* floppy */ } HvDiskDevice;
/* What the disk's target is on the host: libvirt's <disk type='file|block'>. */
typedef enum { HV_DISK_SOURCE_UNSET, HV_DISK_SOURCE_FILE /* file */, HV_DISK_SOURCE_BLOCK /* block */ } HvDiskSource;
typedef enum {
	HV_DISK_BUS_UNSET, HV_DISK_BUS_IDE /* ide */, HV_DISK_BUS_SATA /* sata */, HV_DISK_BUS_SCSI /* scsi */,
	HV_DISK_BUS_VIRTIO /* virtio */, HV_DISK_BUS_XEN /* xen */, HV_DISK_BUS_USB /* usb */, HV_DISK_BUS_FDC /* fdc */,
} HvDiskBus;
typedef enum {
	HV_DISK_BACKEND_UNSET, HV_DISK_BACKEND_PHY /* phy */, HV_DISK_BACKEND_QDISK /* qdisk */,
	HV_DISK_BACKEND_TAP /* tap */, HV_DISK_BACKEND_STANDALONE /* standalone */,
} HvDiskBackend;
typedef enum {
	HV_DISK_CACHE_UNSET, HV_DISK_CACHE_DEFAULT /* default */, HV_DISK_CACHE_NONE /* none */,
	HV_DISK_CACHE_WRITETHROUGH /* writethrough */, HV_DISK_CACHE_WRITEBACK /* writeback */,
	HV_DISK_CACHE_DIRECTSYNC /* directsync */, HV_DISK_CACHE_UNSAFE /* unsafe */,
} HvDiskCache;
typedef enum { HV_DISK_IO_UNSET, HV_DISK_IO_NATIVE /* native */, HV_DISK_IO_THREADS /* threads */, HV_DISK_IO_IO_URING /* io_uring */ } HvDiskIo;
/* How a network interface reaches the host: libvirt's <interface type=...>. */
typedef enum {
	HV_NIC_TYPE_UNSET, HV_NIC_TYPE_BRIDGE /* bridge */, HV_NIC_TYPE_NETWORK /* network */,
	HV_NIC_TYPE_ETHERNET /* ethernet */, HV_NIC_TYPE_USER /* user */,
} HvNicType;
/* xl.cfg's vif type: emulated plus paravirtual, or paravirtual only. */
typedef enum { HV_VIF_TYPE_UNSET, HV_VIF_TYPE_IOEMU /* ioemu */, HV_VIF_TYPE_VIF /* vif */ } HvVifType;
typedef enum {
	HV_CHAR_TYPE_UNSET, HV_CHAR_TYPE_PTY /* pty */, HV_CHAR_TYPE_NULL /* null */, HV_CHAR_TYPE_FILE /* file */,
	HV_CHAR_TYPE_PIPE /* pipe */, HV_CHAR_TYPE_UNIX /* unix */, HV_CHAR_TYPE_TCP /* tcp */, HV_CHAR_TYPE_UDP /* udp */,
} HvCharType;
typedef enum { HV_CONSOLE_TARGET_UNSET, HV_CONSOLE_TARGET_SERIAL /* serial */, HV_CONSOLE_TARGET_VIRTIO /* virtio */ } HvConsoleTarget;
typedef enum {
	HV_CONTROLLER_TYPE_UNSET, HV_CONTROLLER_TYPE_USB /* usb */, HV_CONTROLLER_TYPE_PCI /* pci */,
	HV_CONTROLLER_TYPE_VIRTIO_SERIAL /* virtio-serial */, HV_CONTROLLER_TYPE_SCSI /* scsi */,
	HV_CONTROLLER_TYPE_SATA /* sata */, HV_CONTROLLER_TYPE_IDE /* ide */,
} HvControllerType;
/* xl.cfg's usbctrl type. */
typedef enum {
	HV_USBCTRL_TYPE_UNSET, HV_USBCTRL_TYPE_AUTO /* auto */, HV_USBCTRL_TYPE_PV /* pv */,
	HV_USBCTRL_TYPE_QUSB /* qusb */, HV_USBCTRL_TYPE_DEVICEMODEL /* devicemodel */,
} HvUsbctrlType;
typedef enum { HV_INPUT_TYPE_UNSET, HV_INPUT_TYPE_TABLET /* tablet */, HV_INPUT_TYPE_MOUSE /* mouse */, HV_INPUT_TYPE_KEYBOARD /* keyboard */ } HvInputType;
typedef enum { HV_INPUT_BUS_UNSET, HV_INPUT_BUS_PS2 /* ps2 */, HV_INPUT_BUS_USB /* usb */, HV_INPUT_BUS_VIRTIO /* virtio */ } HvInputBus;
typedef enum {
	HV_VIDEO_MODEL_UNSET, HV_VIDEO_MODEL_VGA /* vga: xl's stdvga */, HV_VIDEO_MODEL_CIRRUS /* cirrus */,
	HV_VIDEO_MODEL_QXL /* qxl */, HV_VIDEO_MODEL_VIRTIO /* virtio */, HV_VIDEO_MODEL_BOCHS /* bochs */,
	HV_VIDEO_MODEL_RAMFB /* ramfb */, HV_VIDEO_MODEL_NONE /* none */,
} HvVideoModel;
typedef enum {
	HV_SOUND_MODEL_UNSET, HV_SOUND_MODEL_ICH6 /* ich6: xl's hda */, HV_SOUND_MODEL_ICH9 /* ich9 */,
	HV_SOUND_MODEL_AC97 /* ac97 */, HV_SOUND_MODEL_SB16 /* sb16 */, HV_SOUND_MODEL_ES1370 /* es1370 */,
	HV_SOUND_MODEL_USB /* usb */,
} HvSoundModel;
typedef enum {
	HV_SPICE_IMAGE_UNSET, HV_SPICE_IMAGE_AUTO_GLZ /* auto_glz */, HV_SPICE_IMAGE_AUTO_LZ /* auto_lz */,
	HV_SPICE_IMAGE_QUIC /* quic */, HV_SPICE_IMAGE_GLZ /* glz */, HV_SPICE_IMAGE_LZ /* lz */, HV_SPICE_IMAGE_OFF /* off */,
} HvSpiceImage;
typedef enum { HV_SPICE_STREAMING_UNSET, HV_SPICE_STREAMING_FILTER /* filter */, HV_SPICE_STREAMING_ALL /* all */, HV_SPICE_STREAMING_OFF /* off */ } HvSpiceStreaming;
typedef enum { HV_MEMBALLOON_MODEL_UNSET, HV_MEMBALLOON_MODEL_VIRTIO /* virtio */, HV_MEMBALLOON_MODEL_NONE /* none */ } HvMemballoonModel;
typedef enum { HV_RNG_MODEL_UNSET, HV_RNG_MODEL_VIRTIO /* virtio */ } HvRngModel;
typedef enum { HV_TPM_MODEL_UNSET, HV_TPM_MODEL_TIS /* tpm-tis */, HV_TPM_MODEL_CRB /* tpm-crb */ } HvTpmModel;
typedef enum { HV_TPM_BACKEND_UNSET, HV_TPM_BACKEND_EMULATOR /* emulator: swtpm */, HV_TPM_BACKEND_PASSTHROUGH /* passthrough */ } HvTpmBackend;
typedef enum { HV_TPM_VERSION_UNSET, HV_TPM_VERSION_1_2 /* 1.2 */, HV_TPM_VERSION_2_0 /* 2.0 */ } HvTpmVersion;
typedef enum { HV_WATCHDOG_MODEL_UNSET, HV_WATCHDOG_MODEL_I6300ESB /* i6300esb */, HV_WATCHDOG_MODEL_IB700 /* ib700 */, HV_WATCHDOG_MODEL_ITCO /* itco */ } HvWatchdogModel;
typedef enum {
	HV_WATCHDOG_ACTION_UNSET, HV_WATCHDOG_ACTION_RESET /* reset */, HV_WATCHDOG_ACTION_SHUTDOWN /* shutdown */,
	HV_WATCHDOG_ACTION_POWEROFF /* poweroff */, HV_WATCHDOG_ACTION_PAUSE /* pause */, HV_WATCHDOG_ACTION_NONE /* none */,
	HV_WATCHDOG_ACTION_DUMP /* dump */, HV_WATCHDOG_ACTION_INJECT_NMI /* inject-nmi */,
} HvWatchdogAction;
/* The bus a guest device address is on (libvirt's <address type>). */
typedef enum {
	HV_ADDRESS_TYPE_UNSET,
	HV_ADDRESS_TYPE_PCI,           /* pci */
	HV_ADDRESS_TYPE_DRIVE,         /* drive */
	HV_ADDRESS_TYPE_USB,           /* usb */
	HV_ADDRESS_TYPE_VIRTIO_SERIAL, /* virtio-serial */
	HV_ADDRESS_TYPE_ISA,           /* isa */
} HvAddressType;
typedef enum { HV_PANIC_MODEL_UNSET, HV_PANIC_MODEL_ISA /* isa */, HV_PANIC_MODEL_PVPANIC /* pvpanic */, HV_PANIC_MODEL_HYPERV /* hyperv */ } HvPanicModel;
/* The process that runs a domain: QEMU for hvm, hv-vmm for pvh. */
typedef enum { HV_ENGINE_UNSET, HV_ENGINE_QEMU /* qemu */, HV_ENGINE_VMM /* hv-vmm */ } HvEngine;

G_END_DECLS
