/* hv/model.h: the domain model, one C description of a domain that every
 * part of hv uses (the libvirt driver, the engines, the state store).
 *
 * Rules (see hv/types.h): every field may be unset; lists are GPtrArrays
 * that objects made by libhv always have (maybe empty); memory sizes are in
 * KiB. The comments give, for each field, the xl.cfg setting ("xl:") and
 * the libvirt domain XML ("xml:") it corresponds to; "hv xl:" marks a
 * setting of hv's own xl.cfg dialect (see libhv/README.md), which the
 * strict Xen format (HV_XLCFG_XEN) refuses. The JSON field names are the
 * C field names. */
#pragma once

#include <glib.h>

#include <hv/types.h>

G_BEGIN_DECLS

/* xl: cpus = [ "2", "3" ] (entry i pins vCPU i); xml: <cputune><vcpupin>. */
typedef struct {
	HvInt vcpu;
	char *cpuset;   /* host CPUs, xl syntax: "0-3,^2", "nodes:0", "all" */
} HvVcpuPin;

/* RTDS-style parameters of a group of vCPUs (hv xl: vcpu_sched). */
typedef struct {
	char *vcpus;    /* vCPU list, "0-1,3" */
	HvInt period;   /* µs */
	HvInt budget;   /* µs */
	HvTristate extratime;
} HvVcpuSched;

/* Scheduling. xl: cpu_weight, cap, period, extratime; hv xl: budget,
 * cfs_period, cfs_quota, vcpu_sched. xml: <cputune><shares> is weight,
 * <period>/<quota> are cfs_period/cfs_quota. */
typedef struct {
	HvInt weight;      /* relative CPU share (credit weight, cgroup shares) */
	HvInt cap;         /* % of one host CPU the domain may use at most */
	HvInt period;      /* RTDS period of every vCPU, µs */
	HvInt budget;      /* RTDS budget of every vCPU, µs */
	HvTristate extratime;
	HvInt cfs_period;  /* CFS bandwidth period, µs */
	HvInt cfs_quota;   /* CFS bandwidth quota, µs; -1 for none */
	GPtrArray *vcpus;  /* HvVcpuSched: per-vCPU RTDS parameters */
} HvSched;

/* xml: <numatune><memnode cellid mode nodeset>. */
typedef struct {
	HvInt cellid;
	HvNumaMode mode;
	char *nodeset;
} HvNumaMemnode;

/* Host NUMA policy of guest memory. hv xl: numatune; xml: <numatune>. */
typedef struct {
	HvNumaMode mode;
	HvPlacement placement;
	char *nodeset;
	GPtrArray *memnodes; /* HvNumaMemnode */
} HvNumatune;

/* A guest NUMA node. xl: vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1",
 * "vdistances=10,20" ], ... ]; xml: <cpu><numa><cell> (cell id = index). */
typedef struct {
	HvInt pnode;        /* host node backing it */
	HvInt memory_kib;   /* xl size= (MiB) */
	char *vcpus;        /* vCPU list */
	char *distances;    /* "10,20": distance to node 0, 1, ... */
} HvVnumaNode;

/* xml: <cpu><topology>; hv xl: cpu_topology = "sockets=1,dies=1,cores=2,threads=2". */
typedef struct {
	HvInt sockets;
	HvInt dies;
	HvInt cores;
	HvInt threads;
} HvCpuTopology;

/* xml: <cpu><feature policy name>; xl: cpuid = "host,NAME=1|0" (require|disable). */
typedef struct {
	char *name;
	HvCpuPolicy policy;
} HvCpuFeature;

/* The guest CPU. xml: <cpu mode match check migratable><model fallback>
 * <vendor>; hv xl: cpu_mode, cpu_model, ... */
typedef struct {
	HvCpuMode mode;
	HvCpuMatch match;
	HvCpuCheck check;
	HvTristate migratable;
	char *model;
	HvCpuFallback fallback;
	char *vendor;
	HvCpuTopology topology;
	GPtrArray *features; /* HvCpuFeature */
} HvCpu;

/* An SMBIOS string. xl: smbios = [ "KEY=VALUE" ]; xml: <sysinfo type='smbios'>.
 * Keys are xl's (bios_vendor, system_manufacturer, ..., oem) plus hv's
 * system_uuid, system_sku, system_family, chassis_manufacturer,
 * chassis_version, chassis_serial_number, chassis_asset_tag, bios_date,
 * bios_release. */
typedef struct {
	char *key;
	char *value;
} HvSmbiosEntry;

/* Boot. */
typedef struct {
	HvFirmware firmware;     /* xl: bios / firmware; xml: <os firmware> */
	char *loader;            /* xl: bios_path_override / firmware=PATH; xml: <loader> */
	HvTristate loader_readonly;
	HvLoaderType loader_type;
	HvTristate loader_secure;
	char *nvram;             /* xml: <nvram> */
	char *nvram_template;
	char *kernel;            /* xl: kernel */
	char *ramdisk;           /* xl: ramdisk; xml: <initrd> */
	char *cmdline;           /* xl: cmdline, or root= + extra= */
	GPtrArray *boot;         /* char *: "hd", "cdrom", "network", "fd"; xl: boot = "cdn" */
	HvTristate bootmenu;     /* xml: <bootmenu enable> */
	HvInt bootmenu_timeout;  /* ms */
	HvSmbiosMode smbios_mode; /* xml: <smbios mode> */
	GPtrArray *smbios;       /* HvSmbiosEntry */
	char *acpi_firmware;     /* xl: acpi_firmware: extra ACPI tables file */
	char *smbios_firmware;   /* xl: smbios_firmware: extra SMBIOS tables file */
} HvOs;

/* A Hyper-V enlightenment as libvirt names it (relaxed, vapic, spinlocks,
 * vpindex, runtime, synic, stimer, reset, vendor_id, frequencies,
 * reenlightenment, tlbflush, ipi, evmcs); VALUE is spinlocks' retries or
 * vendor_id's string. hv xl: hyperv = [ "relaxed", "!vapic", "spinlocks:8191" ]. */
typedef struct {
	char *name;
	HvTristate state;
	char *value;
} HvHypervFeature;

/* xml: <features>. */
typedef struct {
	HvTristate acpi;              /* xl: acpi */
	HvTristate apic;              /* xl: apic */
	HvTristate pae;               /* xl: pae */
	HvTristate hap;               /* xl: hap (on KVM: EPT/NPT) */
	HvTristate nx;                /* xl: nx */
	HvTristate nestedhvm;         /* xl: nestedhvm; xml: cpu feature vmx/svm */
	HvTristate vpmu;              /* xl: vpmu; xml: <pmu state> */
	HvTristate acpi_laptop_slate; /* xl: acpi_laptop_slate */
	HvTristate viridian;          /* xl: viridian = 0|1 */
	GPtrArray *viridian_groups;   /* char *; xl: viridian = [ "base", "!freq" ] */
	GPtrArray *hyperv;            /* HvHypervFeature; xml: <hyperv> */
	HvTristate vmport;            /* xml: <vmport state> */
	HvTristate pvspinlock;        /* xml: <pvspinlock state> */
	HvTristate kvm_hidden;        /* xml: <kvm><hidden state> */
	HvTristate smm;               /* xml: <smm state> */
} HvFeatures;

/* xml: <pm>; xl: acpi_s3, acpi_s4. */
typedef struct {
	HvTristate suspend_to_mem;
	HvTristate suspend_to_disk;
} HvPm;

/* xml: <clock><timer>; xl: hpet (timer hpet present), tsc_mode (timer tsc mode). */
typedef struct {
	HvTimerName name;
	HvTristate present;
	HvTickPolicy tickpolicy;
	HvTimerTrack track;
	HvInt frequency;  /* Hz */
	HvTimerMode mode;
} HvTimer;

/* xml: <clock offset adjustment basis timezone>; xl: localtime,
 * rtc_timeoffset (offset variable + adjustment), timer_mode. */
typedef struct {
	HvClockOffset offset;
	HvClockBasis basis;
	HvInt adjustment;    /* seconds */
	char *timezone;
	HvXenTimerMode timer_mode;
	GPtrArray *timers;   /* HvTimer */
} HvClock;

/* Where a device sits on the guest's buses. xml: <address type ...> inside
 * the device; hv xl: the device spec key address=TYPE:F1:F2:... with the
 * fields of its type in the order below, empty when unset
 * (hv_address_to_string). pci: domain, bus, slot, function, multifunction;
 * drive: controller, bus, target, unit; usb: bus, port ("1.2");
 * virtio-serial: controller, bus, port; isa: iobase, irq. */
typedef struct {
	HvAddressType type;
	HvInt domain;
	HvInt bus;
	HvInt slot;
	HvInt function;
	HvTristate multifunction;
	HvInt controller;
	HvInt target;
	HvInt unit;
	char *port;           /* usb: hub ports "1.2"; virtio-serial: a number */
	HvInt iobase;
	HvInt irq;
} HvAddress;

/* A disk. xl: disk = [ "DISKSPEC" ] (xl-disk-configuration(5));
 * xml: <disk type device><driver><source><target dev bus>... */
typedef struct {
	char *target;            /* image or device path; NULL: empty cdrom */
	HvDiskSource source_type; /* hv xl: source=file|block */
	HvDiskFormat format;
	char *vdev;              /* guest name: xvda, hda, sda, vda */
	HvDiskBus bus;           /* hv xl: bus=; unset: from vdev (hv_disk_get_bus) */
	HvDiskAccess access;     /* xml: <readonly/> is ro */
	HvDiskDevice devtype;    /* xl: devtype=cdrom / cdrom */
	HvDiskBackend backendtype; /* xl: backendtype (no meaning on KVM) */
	char *script;            /* xl: script= (block script) */
	HvDiskCache cache;       /* hv xl: cache= */
	HvDiskIo io;             /* hv xl: io= */
	HvTristate discard;      /* xl: discard / no-discard; xml: discard='unmap|ignore' */
	char *serial;            /* hv xl: serial= */
	HvTristate shareable;    /* hv xl: shareable */
	HvInt boot_order;        /* hv xl: boot-order=; xml: <boot order> */
	GPtrArray *xen_options;  /* char *: Xen-only items kept verbatim (warned) */
	HvAddress address;       /* hv xl: address= */
} HvDisk;

/* A network interface. xl: vif = [ "NETSPEC" ] (xl-network-configuration(5));
 * xml: <interface type><mac><source><model><target><driver><mtu>. */
typedef struct {
	HvNicType type;       /* hv xl: nettype= (Xen's xl: a bridge, when bridge= is given) */
	char *mac;            /* "00:16:3e:12:34:56" */
	char *bridge;
	char *network;        /* hv xl: network=: a libvirt network name */
	char *model;          /* e1000, rtl8139, virtio, e1000e, ... */
	HvVifType vif_type;   /* xl: type=ioemu|vif */
	char *script;         /* xl: script; xml: <script path> */
	char *ip;             /* xl: ip */
	char *vifname;        /* xl: vifname; xml: <target dev> */
	char *rate;           /* xl: rate, "10Mb/s@20ms" (hv_nic_rate_parse) */
	HvInt mtu;            /* xl: mtu */
	char *vlan;           /* xl: vlan, "10p/20" */
	HvInt queues;         /* hv xl: queues=; xml: <driver queues> */
	HvInt boot_order;     /* hv xl: boot-order= */
	GPtrArray *xen_options; /* char *: Xen-only items kept verbatim (warned) */
	HvAddress address;    /* hv xl: address= */
} HvNic;

/* A host PCI device passed through (VFIO). xl: pci = [ "PCI_SPEC" ]
 * (xl-pci-configuration(5)); xml: <hostdev mode='subsystem' type='pci'>, or
 * <interface type='hostdev'> for an SR-IOV VF when vf_mac is set. */
typedef struct {
	char *bdf;              /* host address "DDDD:BB:SS.F" */
	HvTristate all_functions; /* xl: BB:SS.* */
	HvInt vslot;            /* guest slot */
	HvTristate seize;       /* xl: seize; xml: managed='yes' */
	char *name;             /* xl: name= (an assignable-device name) */
	HvInt boot_order;       /* hv xl: boot-order= */
	char *vf_mac;           /* hv xl: vf-mac=: MAC given to an SR-IOV VF */
	HvInt vf_vlan;          /* hv xl: vf-vlan= */
	GPtrArray *xen_options; /* char *: permissive, msitranslate, ... (warned) */
	HvAddress address;      /* hv xl: address=: the guest side */
} HvPciDev;

/* A host USB device. xl: usbdev = [ "hostbus=1,hostaddr=3" ] or
 * usbdevice = [ "host:VVVV:PPPP" ]; xml: <hostdev type='usb'>. */
typedef struct {
	HvInt hostbus;
	HvInt hostaddr;
	HvInt vendor;
	HvInt product;
	HvInt controller;
	HvInt port;
} HvUsbDev;

/* xl: usbctrl = [ "type=auto,version=2,ports=4" ] (usb only); hv xl:
 * controller = [ "type=pci,index=1,model=pcie-root-port" ]; xml: <controller>. */
typedef struct {
	HvControllerType type;
	HvInt index;
	char *model;          /* qemu-xhci, ich9-ehci1, pcie-root, virtio-scsi, ... */
	HvInt ports;
	HvInt version;        /* USB version 1, 2, 3 (xl version=) */
	HvUsbctrlType usbctrl_type; /* xl usbctrl type= */
	char *model_name;     /* xml: <model name>: the QEMU device (pcie-root-port) */
	HvInt chassis;        /* pci: xml <target chassis>; unset: the index */
	HvInt port;           /* pci: xml <target port>; unset: slot << 3 | function */
	HvAddress address;    /* hv xl: address= */
} HvController;

/* The host side of a character device. In xl.cfg written QEMU-style:
 * "pty", "null", "file:PATH", "pipe:PATH", "unix:PATH[,server][,nowait]",
 * "tcp:HOST:PORT[,server][,nowait][,telnet]", "udp:HOST:PORT". */
typedef struct {
	HvCharType type;
	char *path;
	char *host;
	HvInt port;
	HvTristate server;   /* listen (xml mode='bind') */
	HvTristate wait;     /* server waits for a client before starting */
	HvTristate telnet;
	char *log_file;      /* xml: <log file> */
	HvTristate log_append;
} HvCharDev;

/* xl: serial = [ "pty" ]; xml: <serial> (port = index when unset). */
typedef struct {
	HvCharDev source;
	HvInt port;
	char *target_type;   /* xml: <target type> (isa-serial); hv xl: target-type= */
	char *target_model;  /* xml: <target><model name>; hv xl: target-model= */
} HvSerial;

/* hv xl: console = [ "target=virtio,pty" ]; xml: <console>. The guest's
 * primary console (serial port 0 of an hvm guest, hvc0 of pvh) exists
 * without one. */
typedef struct {
	HvCharDev source;
	HvConsoleTarget target;
	HvInt port;
} HvConsole;

/* A virtio-serial channel. xl: channel = [ "name=org.qemu.guest_agent.0,
 * connection=socket,path=/run/x.sock" ]; xml: <channel type='unix|pty'>.
 * SPICE's agent channel (spicevmc) is HvSpice.vdagent instead. */
typedef struct {
	char *name;
	HvCharDev source;
	GPtrArray *xen_options;
	HvAddress address;   /* hv xl: address= (virtio-serial) */
} HvChannel;

/* xl: vnc, vnclisten, vncdisplay, vncunused, vncpasswd (also inside vfb);
 * xml: <graphics type='vnc'>. */
typedef struct {
	HvTristate enabled;
	char *listen;        /* address, xl allows "ADDR:DISPLAY" */
	HvInt display;       /* port is 5900 + display */
	HvTristate unused;   /* find an unused port; xml autoport='yes' */
	char *passwd;
} HvVnc;

/* xl: spice* settings; xml: <graphics type='spice'> with <listen>, <image>,
 * <streaming>, <clipboard>, <mouse>, <filetransfer>, <gl>; vdagent is
 * xml's <channel type='spicevmc'>, usbredirection the number of
 * <redirdev bus='usb' type='spicevmc'>. */
typedef struct {
	HvTristate enabled;
	char *host;
	HvInt port;
	HvInt tls_port;
	HvTristate autoport;         /* hv xl: spice_autoport */
	HvTristate disable_ticketing;
	char *passwd;
	HvTristate agent_mouse;      /* xml: <mouse mode='client'> */
	HvTristate vdagent;
	HvTristate clipboard_sharing;
	HvInt usbredirection;        /* number of USB redirection channels */
	HvSpiceImage image_compression;
	HvSpiceStreaming streaming_video;
	HvTristate file_transfer;    /* hv xl: spice_file_transfer */
	HvTristate gl;               /* hv xl: spice_gl */
} HvSpice;

/* xl: vga = "stdvga|cirrus|qxl|none", stdvga, videoram (MiB); hv xl adds
 * vga = "virtio|bochs|ramfb" and video_ram, video_vgamem, video_heads,
 * video_accel3d; xml: <video><model type vram ram vgamem heads>. */
typedef struct {
	HvVideoModel model;
	HvInt vram_kib;
	HvInt ram_kib;
	HvInt vgamem_kib;
	HvInt heads;
	HvTristate accel3d;
	HvTristate primary;  /* xml: <model primary='yes'>; hv xl: hv_video_primary */
	HvAddress address;   /* hv xl: hv_video_address = "pci:..." */
} HvVideo;

/* xl: soundhw = "hda,ac97"; xml: <sound model>. */
typedef struct {
	HvSoundModel model;
} HvSound;

/* xl: usbdevice = [ "tablet", "mouse", "keyboard" ] (usb bus); hv xl:
 * input = [ "mouse:ps2" ]; xml: <input type bus>. */
typedef struct {
	HvInputType type;
	HvInputBus bus;
	HvAddress address;   /* hv xl: hv_input "TYPE:BUS,address=ADDRESS" */
} HvInput;

/* hv xl: memballoon = "virtio,stats_period=10"; xml: <memballoon>. */
typedef struct {
	HvMemballoonModel model;
	HvInt stats_period;  /* seconds */
	HvAddress address;   /* hv xl: address= */
} HvMemballoon;

/* hv xl: rng = [ "backend=/dev/urandom,rate_bytes=1024,rate_period=1000" ];
 * xml: <rng model='virtio'><backend model='random'><rate>. */
typedef struct {
	HvRngModel model;
	char *backend;       /* host entropy source */
	HvInt rate_bytes;
	HvInt rate_period;   /* ms */
	HvAddress address;   /* hv xl: address= */
} HvRng;

/* A virtual TPM. xl: vtpm = [ "backend=DOMAIN,uuid=UUID" ] (the Xen backend
 * domain is kept in xen_options); hv xl adds model=, type=, version=, path=;
 * xml: <tpm model><backend type version><device path>. */
typedef struct {
	HvTpmModel model;
	HvTpmBackend backend_type;
	HvTpmVersion version;
	char *path;          /* host TPM device for passthrough */
	char *uuid;
	GPtrArray *xen_options;
} HvTpm;

/* hv xl: watchdog = "i6300esb,action=reset"; xml: <watchdog model action>.
 * (xl's on_watchdog is HvDomain.on_watchdog.) */
typedef struct {
	HvWatchdogModel model;
	HvWatchdogAction action;
	HvAddress address;   /* hv xl: address= */
} HvWatchdog;

/* hv xl: panic = [ "pvpanic" ]; xml: <panic model>. */
typedef struct {
	HvPanicModel model;
} HvPanic;

/* VM Generation ID. xl: ms_vm_genid = "generate|none"; hv xl: genid = UUID;
 * xml: <genid> (empty: generate). */
typedef struct {
	HvTristate enabled;
	char *value;
} HvGenid;

/* An xl.cfg setting with no meaning on KVM (max_grant_frames, pool, ...),
 * kept verbatim so that nothing is dropped; VALUE is its xl.cfg text. */
typedef struct {
	char *key;
	char *value;
} HvXenOption;

/* A domain. */
typedef struct {
	char *name;           /* xl: name; [A-Za-z0-9_.+-:], 1-64 characters */
	char *uuid;           /* xl: uuid; lower-case canonical form */
	HvDomainType type;    /* xl: type (pv/builder load as pvh, warned) */
	HvAccel accel;        /* hv xl: accel; xml: <domain type='kvm|qemu'> */
	char *title;          /* hv xl: title */
	char *description;    /* hv xl: description */
	char *metadata;       /* hv xl: metadata; xml: <metadata> content, verbatim XML */
	HvTristate autostart; /* hv xl: autostart; libvirt's autostart flag */
	char *machine;        /* hv xl: machine; xml: <type machine> (q35, pc, pvh) */
	char *arch;           /* hv xl: arch; xml: <type arch> */
	char *emulator;       /* xl: device_model_override; xml: <emulator> */
	GPtrArray *device_model_args; /* char *; xl: device_model_args(_hvm) */

	HvInt memory_kib;     /* xl: memory (MiB); xml: <currentMemory> */
	HvInt maxmem_kib;     /* xl: maxmem (MiB); xml: <memory> */
	HvInt hotplug_memory_kib; /* hv xl: hotplug_memory; xml: <maxMemory> */
	HvInt memory_slots;   /* hv xl: memory_slots; xml: <maxMemory slots> */
	HvInt mmio_hole_kib;  /* xl: mmio_hole (MiB) */

	HvInt vcpus;          /* xl: vcpus; xml: <vcpu current> */
	HvInt maxvcpus;       /* xl: maxvcpus; xml: <vcpu> */
	HvPlacement vcpu_placement; /* hv xl: vcpu_placement; xml: <vcpu placement> */
	char *cpuset;         /* xl: cpus = "..."; xml: <vcpu cpuset> */
	char *cpuset_soft;    /* xl: cpus_soft = "..." */
	GPtrArray *vcpu_pins; /* HvVcpuPin; xl: cpus = [ ... ] */
	GPtrArray *vcpu_soft_pins; /* HvVcpuPin; xl: cpus_soft = [ ... ] */
	char *emulator_pin;   /* hv xl: emulator_pin; xml: <emulatorpin cpuset> */
	HvSched sched;
	HvNumatune numatune;
	GPtrArray *vnuma;     /* HvVnumaNode */
	HvCpu cpu;

	HvOs os;
	HvFeatures features;
	HvPm pm;
	HvClock clock;

	HvAction on_poweroff; /* xl and xml: on_poweroff */
	HvAction on_reboot;
	HvAction on_crash;
	HvAction on_watchdog;
	HvAction on_soft_reset;

	HvHdType hdtype;      /* xl: hdtype */
	HvTristate usb;       /* xl: usb: an emulated USB controller */
	HvInt usb_version;    /* xl: usbversion */
	char *keymap;         /* xl: keymap (all displays) */
	HvVnc vnc;
	HvSpice spice;
	HvVideo video;

	GPtrArray *disks;     /* HvDisk */
	GPtrArray *nics;      /* HvNic */
	GPtrArray *pci;       /* HvPciDev */
	GPtrArray *usbdevs;   /* HvUsbDev */
	GPtrArray *controllers; /* HvController */
	GPtrArray *serials;   /* HvSerial */
	GPtrArray *consoles;  /* HvConsole */
	GPtrArray *channels;  /* HvChannel */
	GPtrArray *inputs;    /* HvInput */
	GPtrArray *sounds;    /* HvSound */
	char *audio_type;     /* xml: <audio type>: none or spice; hv xl: hv_audio_type */
	HvInt audio_id;       /* xml: <audio id>; hv xl: hv_audio_id */
	GPtrArray *rngs;      /* HvRng */
	GPtrArray *tpms;      /* HvTpm; xl: vtpm */
	HvWatchdog watchdog;  /* present when model is set */
	GPtrArray *panics;    /* HvPanic */
	HvMemballoon memballoon;
	HvGenid genid;

	GPtrArray *xen_options; /* HvXenOption, see above */
} HvDomain;

/* For each model type T with prefix p (HvDomain hv_domain, HvDisk hv_disk,
 * HvNic hv_nic, HvPciDev hv_pci_dev, ...):
 *   T *p_new(void)                  a new object, every field unset, lists empty;
 *   void p_free(T *obj)             frees it and all it holds; NULL is fine;
 *   T *p_copy(const T *obj)         a deep copy (NULL for NULL);
 *   gboolean p_equal(const T *a, const T *b)
 *                                   same fields set to the same values (an
 *                                   empty list equals a missing one);
 * and g_autoptr(T) frees with p_free. */
#define HV_DECLARE_MODEL_TYPE(T, p)                     \
	T *p##_new(void);                               \
	void p##_free(T *obj);                          \
	T *p##_copy(const T *obj);                      \
	gboolean p##_equal(const T *a, const T *b);     \
	G_DEFINE_AUTOPTR_CLEANUP_FUNC(T, p##_free)

HV_DECLARE_MODEL_TYPE(HvDomain, hv_domain)
HV_DECLARE_MODEL_TYPE(HvVcpuPin, hv_vcpu_pin)
HV_DECLARE_MODEL_TYPE(HvVcpuSched, hv_vcpu_sched)
HV_DECLARE_MODEL_TYPE(HvNumaMemnode, hv_numa_memnode)
HV_DECLARE_MODEL_TYPE(HvVnumaNode, hv_vnuma_node)
HV_DECLARE_MODEL_TYPE(HvCpuFeature, hv_cpu_feature)
HV_DECLARE_MODEL_TYPE(HvSmbiosEntry, hv_smbios_entry)
HV_DECLARE_MODEL_TYPE(HvHypervFeature, hv_hyperv_feature)
HV_DECLARE_MODEL_TYPE(HvTimer, hv_timer)
HV_DECLARE_MODEL_TYPE(HvDisk, hv_disk)
HV_DECLARE_MODEL_TYPE(HvNic, hv_nic)
HV_DECLARE_MODEL_TYPE(HvPciDev, hv_pci_dev)
HV_DECLARE_MODEL_TYPE(HvUsbDev, hv_usb_dev)
HV_DECLARE_MODEL_TYPE(HvController, hv_controller)
HV_DECLARE_MODEL_TYPE(HvSerial, hv_serial)
HV_DECLARE_MODEL_TYPE(HvConsole, hv_console)
HV_DECLARE_MODEL_TYPE(HvChannel, hv_channel)
HV_DECLARE_MODEL_TYPE(HvInput, hv_input)
HV_DECLARE_MODEL_TYPE(HvSound, hv_sound)
HV_DECLARE_MODEL_TYPE(HvRng, hv_rng)
HV_DECLARE_MODEL_TYPE(HvTpm, hv_tpm)
HV_DECLARE_MODEL_TYPE(HvPanic, hv_panic)
HV_DECLARE_MODEL_TYPE(HvXenOption, hv_xen_option)

/* Checks what the model itself cannot express: a valid name and UUID,
 * sizes and counts in range, settings that agree with each other, and what
 * the domain's type allows. HV_ERROR_INVALID or HV_ERROR_UNSUPPORTED. */
gboolean hv_domain_validate(const HvDomain *domain, GError **error);

/* Fills the fields an engine needs with hv's defaults where they are unset
 * (type hvm, 1 vCPU, 512 MiB, maxmem = memory, the lifecycle actions of xl,
 * firmware bios for hvm). Used on a copy: the stored config keeps what the
 * user said. */
void hv_domain_apply_defaults(HvDomain *domain);

/* Gives DOMAIN a new random UUID if it has none. */
void hv_domain_ensure_uuid(HvDomain *domain);

/* The bus a disk is attached to: its bus if set, else derived from its vdev
 * (hd: ide, or sata when HDTYPE is ahci; sd: scsi; fd: fdc; xvd, vd and
 * anything else: virtio). */
HvDiskBus hv_disk_get_bus(const HvDisk *disk, HvHdType hdtype);

/* Parses an xl vif rate ("10Mb/s", "1MB/s@20ms") into bytes per second and
 * the replenish interval in µs (50 ms when not given). */
gboolean hv_nic_rate_parse(const char *rate, guint64 *bytes_per_sec_r, guint64 *interval_us_r,
                           GError **error);

/* Parses an xl CPU list ("0-3,^2", "all", "nodes:0-1" when ALLOW_NODES)
 * into sorted CPU numbers below LIMIT. "nodes:" is kept for the caller,
 * which knows the host topology: the result then holds node numbers and
 * *IS_NODES_R is TRUE. */
GArray *hv_cpulist_parse(const char *list, guint limit, gboolean allow_nodes, gboolean *is_nodes_r,
                         GError **error);

/* ADDRESS in hv's xl.cfg form "TYPE:F1:F2:..." (see HvAddress); NULL
 * when its type is unset. */
char *hv_address_to_string(const HvAddress *address);

/* Parses the xl.cfg form of an address into *ADDRESS_R (cleared first);
 * HV_ERROR_INVALID naming what is wrong. */
gboolean hv_address_from_string(const char *s, HvAddress *address_r, GError **error);

/* Whether NAME is a valid domain name. */
gboolean hv_domain_name_is_valid(const char *name);

G_END_DECLS
