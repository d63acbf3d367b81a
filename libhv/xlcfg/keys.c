/* Every xl.cfg setting hv knows, in the order hv writes them: xl.cfg(5)'s
 * settings for hvm and pvh guests (and PV ones, which load as pvh), hv's
 * own (hv_*), the Xen settings that mean nothing on KVM (kept, warned) and
 * the ones hv refuses. See map.h for the kinds. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "xlcfg/devices.h"
#include "xlcfg/keys.h"

#define F(field) offsetof(HvDomain, field)
#define SIMPLE(key, kind, field, e, fl) { key, kind, F(field), e, fl, NULL, NULL, NULL, NULL }
#define S(key, field) SIMPLE(key, HV__XK_STRING, field, 0, 0)
#define HS(key, field) SIMPLE(key, HV__XK_STRING, field, 0, HV__XF_HV)
#define I(key, field) SIMPLE(key, HV__XK_INT, field, 0, 0)
#define HI(key, field) SIMPLE(key, HV__XK_INT, field, 0, HV__XF_HV)
#define M(key, field) SIMPLE(key, HV__XK_MIB, field, 0, 0)
#define HM(key, field) SIMPLE(key, HV__XK_MIB, field, 0, HV__XF_HV)
#define B(key, field) SIMPLE(key, HV__XK_BOOL, field, 0, 0)
#define HB(key, field) SIMPLE(key, HV__XK_BOOL, field, 0, HV__XF_HV)
#define E(key, field, e) SIMPLE(key, HV__XK_ENUM, field, e, 0)
#define HE(key, field, e) SIMPLE(key, HV__XK_ENUM, field, e, HV__XF_HV)
#define L(key, field) SIMPLE(key, HV__XK_STRLIST, field, 0, 0)
#define NO_FIELD ((size_t)-1)
#define C(key, p, f, fl) { key, HV__XK_CUSTOM, NO_FIELD, 0, fl, p, f, NULL, NULL }
#define CUSTOM(key, name, fl) C(key, hv__xl_parse_##name, hv__xl_format_##name, fl)
/* A custom entry for FIELD: errors about FIELD point at this setting. */
#define CF(key, name, field, fl) \
	{ key, HV__XK_CUSTOM, F(field), 0, fl, hv__xl_parse_##name, hv__xl_format_##name, NULL, NULL }
/* A setting another entry's functions read and write. */
#define ELSEWHERE(key, fl) C(key, NULL, NULL, fl)
#define SPEC(key, kind, field, spec, fl) { key, kind, F(field), 0, fl, NULL, NULL, NULL, &spec }
#define X(key, note) { key, HV__XK_XEN, NO_FIELD, 0, 0, NULL, NULL, note, NULL }
#define R(key, note) { key, HV__XK_REJECT, NO_FIELD, 0, 0, NULL, NULL, note, NULL }

static const char xen_dm[] = N_("hv runs its own QEMU as a sandboxed host process");
static const char xen_stubdom[] = N_("stub domains do not exist on KVM: QEMU runs as a host process");
static const char xen_grant[] = N_("grant tables and event channels are Xen mechanisms");
static const char xen_internal[] = N_("it configures the Xen hypervisor itself");
static const char xen_shim[] = N_("the PV shim runs PV guests inside PVH; hv has no PV guests");
static const char xen_sdl[] = N_("hvd runs as a daemon without a local display; use vnc or spice");
static const char xen_pv_dev[] = N_("it configures Xen paravirtual frontends");
static const char xen_pci[] = N_("a setting of Xen's PCI backend; VFIO has no equivalent");
static const char xen_sedf[] = N_("SEDF parameters, without effect since Xen 4.6");
static const char arm_only[] = N_("this is a setting for Arm guests; hv runs x86_64 guests");
static const char no_raw_hw[] = N_("hv does not pass raw I/O ports, memory or interrupts to guests; "
                                   "pass whole PCI devices with pci = [ ... ] instead");
static const char no_pv_dev[] = N_("this Xen paravirtual device has no equivalent in hv yet");

const HvXlKey hv__xl_keys[] = {
	CF("type", type, type, HV__XF_ALWAYS),
	C("builder", hv__xl_parse_builder, NULL, 0),
	S("name", name),
	S("uuid", uuid),
	HE("hv_accel", accel, HV_ENUM_ACCEL),
	HS("hv_title", title),
	HS("hv_description", description),
	HS("hv_metadata", metadata),
	HB("hv_autostart", autostart),
	HS("hv_machine", machine),
	HS("hv_arch", arch),
	S("device_model_override", emulator),
	L("device_model_args", device_model_args),
	{ "device_model_args_hvm", HV__XK_CUSTOM, F(device_model_args), 0, 0,
	  hv__xl_parse_append_strings, NULL, NULL, NULL },
	X("device_model_args_pv", N_("PV guests' device model does not exist on KVM")),
	X("device_model_version", xen_dm),
	X("device_model_user", xen_dm),
	X("dm_restrict", xen_dm),
	X("device_model_stubdomain_override", xen_stubdom),
	X("device_model_stubdomain_seclabel", xen_stubdom),
	X("stubdomain_kernel", xen_stubdom),
	X("stubdomain_cmdline", xen_stubdom),
	X("stubdomain_ramdisk", xen_stubdom),
	X("stubdomain_memory", xen_stubdom),

	M("memory", memory_kib),
	M("maxmem", maxmem_kib),
	HM("hv_hotplug_memory", hotplug_memory_kib),
	HI("hv_memory_slots", memory_slots),
	M("mmio_hole", mmio_hole_kib),
	X("shadow_memory", N_("KVM manages shadow page tables itself")),
	X("rdm_mem_boundary", xen_pci),

	I("vcpus", vcpus),
	I("maxvcpus", maxvcpus),
	HE("hv_vcpu_placement", vcpu_placement, HV_ENUM_PLACEMENT),
	CF("cpus", cpus, vcpu_pins, HV__XF_ALWAYS),
	ELSEWHERE("hv_vcpu_pins", HV__XF_HV),
	CF("cpus_soft", cpus_soft, vcpu_soft_pins, HV__XF_ALWAYS),
	ELSEWHERE("hv_vcpu_soft_pins", HV__XF_HV),
	HS("hv_emulator_pin", emulator_pin),
	I("cpu_weight", sched.weight),
	I("cap", sched.cap),
	I("period", sched.period),
	HI("hv_budget", sched.budget),
	B("extratime", sched.extratime),
	HI("hv_cfs_period", sched.cfs_period),
	HI("hv_cfs_quota", sched.cfs_quota),
	SPEC("hv_vcpu_sched", HV__XK_SPECNEST, sched.vcpus, hv__vcpu_sched_spec, HV__XF_HV),
	X("slice", xen_sedf),
	X("latency", xen_sedf),
	HE("hv_numa_mode", numatune.mode, HV_ENUM_NUMA_MODE),
	HE("hv_numa_placement", numatune.placement, HV_ENUM_PLACEMENT),
	HS("hv_numa_nodeset", numatune.nodeset),
	SPEC("hv_numa_memnodes", HV__XK_SPECNEST, numatune.memnodes, hv__memnode_spec, HV__XF_HV),
	SPEC("vnuma", HV__XK_SPECNEST, vnuma, hv__vnuma_spec, 0),
	HE("hv_cpu_mode", cpu.mode, HV_ENUM_CPU_MODE),
	HE("hv_cpu_match", cpu.match, HV_ENUM_CPU_MATCH),
	HE("hv_cpu_check", cpu.check, HV_ENUM_CPU_CHECK),
	HB("hv_cpu_migratable", cpu.migratable),
	HS("hv_cpu_model", cpu.model),
	HE("hv_cpu_fallback", cpu.fallback, HV_ENUM_CPU_FALLBACK),
	HS("hv_cpu_vendor", cpu.vendor),
	SPEC("hv_cpu_topology", HV__XK_SPEC, cpu.topology, hv__topology_spec, HV__XF_HV),
	CF("cpuid", cpuid, cpu.features, HV__XF_ALWAYS),
	ELSEWHERE("hv_cpu_features", HV__XF_HV),
	B("nestedhvm", features.nestedhvm),
	B("vpmu", features.vpmu),

	S("kernel", os.kernel),
	S("ramdisk", os.ramdisk),
	CF("cmdline", cmdline, os.cmdline, HV__XF_ALWAYS),
	ELSEWHERE("root", 0),
	ELSEWHERE("extra", 0),
	R("bootloader", N_("hv cannot run a boot loader such as pygrub from the guest's disk. Extract "
	                   "the kernel and initrd from the guest image and give them as kernel and "
	                   "ramdisk (the guest then runs as pvh), or set type = \"hvm\" to boot the "
	                   "disk with its own boot loader through the firmware")),
	X("bootloader_args", N_("it only applies with a bootloader, which hv does not run")),
	X("bootloader_restrict", N_("it only applies with a bootloader, which hv does not run")),
	X("bootloader_user", N_("it only applies with a bootloader, which hv does not run")),
	CF("bios", bios, os.firmware, 0),
	C("firmware", hv__xl_parse_firmware, NULL, 0),
	S("bios_path_override", os.loader),
	X("firmware_override", N_("hvmloader does not exist on KVM")),
	HB("hv_loader_readonly", os.loader_readonly),
	HE("hv_loader_type", os.loader_type, HV_ENUM_LOADER_TYPE),
	HB("hv_loader_secure", os.loader_secure),
	HS("hv_nvram", os.nvram),
	HS("hv_nvram_template", os.nvram_template),
	CF("boot", boot, os.boot, 0),
	HB("hv_bootmenu", os.bootmenu),
	HI("hv_bootmenu_timeout", os.bootmenu_timeout),
	HE("hv_smbios_mode", os.smbios_mode, HV_ENUM_SMBIOS_MODE),
	CF("smbios", smbios, os.smbios, 0),
	S("acpi_firmware", os.acpi_firmware),
	S("smbios_firmware", os.smbios_firmware),

	B("acpi", features.acpi),
	B("apic", features.apic),
	B("pae", features.pae),
	B("hap", features.hap),
	B("nx", features.nx),
	B("acpi_s3", pm.suspend_to_mem),
	B("acpi_s4", pm.suspend_to_disk),
	B("acpi_laptop_slate", features.acpi_laptop_slate),
	CF("viridian", viridian, features.viridian, 0),
	CF("hv_hyperv", hyperv, features.hyperv, HV__XF_HV),
	HB("hv_vmport", features.vmport),
	HB("hv_pvspinlock", features.pvspinlock),
	HB("hv_kvm_hidden", features.kvm_hidden),
	HB("hv_smm", features.smm),
	CF("localtime", clock, clock.offset, HV__XF_ALWAYS),
	ELSEWHERE("rtc_timeoffset", 0),
	ELSEWHERE("hv_clock_offset", HV__XF_HV),
	ELSEWHERE("hv_clock_basis", HV__XF_HV),
	ELSEWHERE("hv_clock_adjustment", HV__XF_HV),
	ELSEWHERE("hv_clock_timezone", HV__XF_HV),
	E("timer_mode", clock.timer_mode, HV_ENUM_XEN_TIMER_MODE),
	CF("hpet", timers, clock.timers, HV__XF_ALWAYS),
	ELSEWHERE("tsc_mode", 0),
	ELSEWHERE("hv_timers", HV__XF_HV),

	E("on_poweroff", on_poweroff, HV_ENUM_ACTION),
	E("on_reboot", on_reboot, HV_ENUM_ACTION),
	E("on_crash", on_crash, HV_ENUM_ACTION),
	E("on_watchdog", on_watchdog, HV_ENUM_ACTION),
	E("on_soft_reset", on_soft_reset, HV_ENUM_ACTION),
	E("hdtype", hdtype, HV_ENUM_HDTYPE),
	B("usb", usb),
	I("usbversion", usb_version),

	S("keymap", keymap),
	B("vnc", vnc.enabled),
	S("vnclisten", vnc.listen),
	I("vncdisplay", vnc.display),
	B("vncunused", vnc.unused),
	S("vncpasswd", vnc.passwd),
	X("vncviewer", N_("hvd starts no viewer; connect one to the VNC port")),
	X("sdl", xen_sdl),
	X("opengl", xen_sdl),
	X("display", xen_sdl),
	X("xauthority", xen_sdl),
	X("nographic", N_("it only changes xl's own console handling")),
	X("vfb", N_("vfb is the framebuffer of Xen PV guests; hvm guests use vnc and spice")),
	X("vkb", xen_pv_dev),
	X("vkb_device", xen_pv_dev),
	B("spice", spice.enabled),
	S("spicehost", spice.host),
	I("spiceport", spice.port),
	I("spicetls_port", spice.tls_port),
	HB("hv_spice_autoport", spice.autoport),
	B("spicedisable_ticketing", spice.disable_ticketing),
	S("spicepasswd", spice.passwd),
	B("spiceagent_mouse", spice.agent_mouse),
	B("spicevdagent", spice.vdagent),
	B("spice_clipboard_sharing", spice.clipboard_sharing),
	I("spiceusbredirection", spice.usbredirection),
	E("spice_image_compression", spice.image_compression, HV_ENUM_SPICE_IMAGE),
	E("spice_streaming_video", spice.streaming_video, HV_ENUM_SPICE_STREAMING),
	HB("hv_spice_file_transfer", spice.file_transfer),
	HB("hv_spice_gl", spice.gl),
	CF("vga", vga, video.model, HV__XF_ALWAYS),
	ELSEWHERE("stdvga", 0),
	M("videoram", video.vram_kib),
	HM("hv_video_ram", video.ram_kib),
	HM("hv_video_vgamem", video.vgamem_kib),
	HI("hv_video_heads", video.heads),
	HB("hv_video_accel3d", video.accel3d),
	HB("hv_video_primary", video.primary),
	HS("hv_audio_type", audio_type),
	HI("hv_audio_id", audio_id),
	CF("hv_video_address", video_address, video.address, HV__XF_HV),

	SPEC("disk", HV__XK_SPECLIST, disks, hv__disk_spec, 0),
	SPEC("vif", HV__XK_SPECLIST, nics, hv__vif_spec, 0),
	CF("pci", pci, pci, HV__XF_ALWAYS),
	ELSEWHERE("pci_seize", 0),
	X("pci_permissive", xen_pci),
	X("pci_msitranslate", xen_pci),
	X("pci_power_mgmt", xen_pci),
	CF("usbctrl", controllers, controllers, HV__XF_ALWAYS),
	ELSEWHERE("hv_controller", HV__XF_HV),
	CF("usbdevice", usbdevice, inputs, HV__XF_ALWAYS),
	ELSEWHERE("hv_input", HV__XF_HV),
	ELSEWHERE("usbdev", 0),
	CF("serial", serial, serials, 0),
	CF("hv_console", console, consoles, HV__XF_HV),
	SPEC("channel", HV__XK_SPECLIST, channels, hv__channel_spec, 0),
	CF("soundhw", soundhw, sounds, 0),
	SPEC("hv_rng", HV__XK_SPECLIST, rngs, hv__rng_spec, HV__XF_HV),
	SPEC("vtpm", HV__XK_SPECLIST, tpms, hv__vtpm_spec, 0),
	SPEC("hv_watchdog", HV__XK_SPEC, watchdog, hv__watchdog_spec, HV__XF_HV),
	CF("hv_panic", panic, panics, HV__XF_HV),
	SPEC("hv_memballoon", HV__XK_SPEC, memballoon, hv__memballoon_spec, HV__XF_HV),
	CF("ms_vm_genid", genid, genid.enabled, HV__XF_ALWAYS),
	ELSEWHERE("hv_genid", HV__XF_HV),

	X("pool", N_("cpupools are a Xen scheduler feature; use cpus or hv_numa_nodeset")),
	X("seclabel", N_("XSM/FLASK labels are Xen's; hv confines QEMU itself")),
	X("init_seclabel", N_("XSM/FLASK labels are Xen's; hv confines QEMU itself")),
	X("max_grant_frames", xen_grant),
	X("max_maptrack_frames", xen_grant),
	X("max_grant_version", xen_grant),
	X("max_event_channels", xen_grant),
	X("nomigrate", N_("it hides Xen's migration CPUID bit")),
	X("driver_domain", N_("driver domains do not exist on KVM")),
	X("xend_suspend_evtchn_compat", xen_grant),
	X("vmtrace_buf_kb", xen_internal),
	X("xenstore_feature_mask", N_("there is no xenstore on KVM")),
	X("xenstore_quota", N_("there is no xenstore on KVM")),
	X("oos", xen_internal),
	X("hvm_pirq", xen_grant),
	X("xen_platform_pci", N_("the Xen platform device only serves Xen PV drivers")),
	X("xen_platform_pci_bar_uc", N_("the Xen platform device only serves Xen PV drivers")),
	X("vpt_align", xen_internal),
	X("altp2m", xen_internal),
	X("altp2mhvm", xen_internal),
	X("altp2m_count", xen_internal),
	X("msr_relaxed", xen_internal),
	X("mca_caps", xen_internal),
	X("e820_host", xen_internal),
	X("pvshim", xen_shim),
	X("pvshim_path", xen_shim),
	X("pvshim_cmdline", xen_shim),
	X("pvshim_extra", xen_shim),
	X("vendor_device", N_("the XenServer vendor device only serves Xen PV drivers")),
	X("rdm", xen_pci),
	X("passthrough", xen_internal),

	R("gfx_passthru", N_("graphics passthrough (IGD) is not supported by hv; pass the GPU as an "
	                     "ordinary PCI device with pci = [ ... ]")),
	R("ioports", no_raw_hw),
	R("iomem", no_raw_hw),
	R("irqs", no_raw_hw),
	R("dtdev", arm_only),
	R("device_tree", arm_only),
	R("gic_version", arm_only),
	R("vuart", arm_only),
	R("sve", arm_only),
	R("nr_spis", arm_only),
	R("trap_unmapped_accesses", arm_only),
	R("arm_sci", arm_only),
	R("tee", arm_only),
	R("llc_colors", arm_only),
	R("vif2", N_("vif2 (netchannel2) was removed from Xen; use vif")),
	R("pvcalls", no_pv_dev),
	R("vdispl", no_pv_dev),
	R("vsnd", no_pv_dev),
	R("p9", no_pv_dev),
	R("virtio", no_pv_dev),
};

const gsize hv__xl_n_keys = G_N_ELEMENTS(hv__xl_keys);

static gpointer
index_keys(gpointer data)
{
	GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
	(void)data;
	for (gsize i = 0; i < hv__xl_n_keys; i++)
		g_hash_table_insert(index, (gpointer)hv__xl_keys[i].key, (gpointer)&hv__xl_keys[i]);
	return index;
}

const HvXlKey *
hv__xl_key_find(const char *key)
{
	static GOnce once = G_ONCE_INIT; /* built once, read by every thread */
	return g_hash_table_lookup(g_once(&once, index_keys, NULL), key);
}
