/* Field descriptors of the domain and of its CPU, boot and platform parts.
 * The field order here is the order of the JSON output. */
#include "config.h"

#include "model/desc.h"

#define MAX_U32 G_GINT64_CONSTANT(4294967295)
#define KIB_MAX (G_GINT64_CONSTANT(1) << 50) /* 1 EiB in KiB */
#define MAX_VCPUS 4096

static const HvFieldDesc vcpu_pin_fields[] = {
	HV__F_(HvVcpuPin, vcpu, HV__F_INT, .min = 0, .max = MAX_VCPUS - 1, .required = TRUE),
	HV__F_S_R(HvVcpuPin, cpuset, HV__FMT_CPULIST),
};
const HvTypeDesc hv__vcpu_pin_desc = HV__DESC(HvVcpuPin, vcpu_pin_fields);

static const HvFieldDesc vcpu_sched_fields[] = {
	HV__F_S_R(HvVcpuSched, vcpus, HV__FMT_CPULIST),
	HV__F_I(HvVcpuSched, period, 1, MAX_U32),
	HV__F_I(HvVcpuSched, budget, 1, MAX_U32),
	HV__F_B(HvVcpuSched, extratime),
};
const HvTypeDesc hv__vcpu_sched_desc = HV__DESC(HvVcpuSched, vcpu_sched_fields);

static const HvFieldDesc sched_fields[] = {
	HV__F_I(HvSched, weight, 1, 65535),
	HV__F_I(HvSched, cap, 0, 100 * MAX_VCPUS),
	HV__F_I(HvSched, period, 1, MAX_U32),
	HV__F_I(HvSched, budget, 1, MAX_U32),
	HV__F_B(HvSched, extratime),
	HV__F_I(HvSched, cfs_period, 1000, 1000000),
	HV__F_I(HvSched, cfs_quota, -1, G_GINT64_CONSTANT(17592186044415)),
	HV__F_L(HvSched, vcpus, hv__vcpu_sched_desc),
};
static const HvTypeDesc sched_desc = HV__DESC(HvSched, sched_fields);

static const HvFieldDesc numa_memnode_fields[] = {
	HV__F_(HvNumaMemnode, cellid, HV__F_INT, .min = 0, .max = 255, .required = TRUE),
	HV__F_E(HvNumaMemnode, mode, HV_ENUM_NUMA_MODE),
	HV__F_S(HvNumaMemnode, nodeset, HV__FMT_NODELIST),
};
const HvTypeDesc hv__numa_memnode_desc = HV__DESC(HvNumaMemnode, numa_memnode_fields);

static const HvFieldDesc numatune_fields[] = {
	HV__F_E(HvNumatune, mode, HV_ENUM_NUMA_MODE),
	HV__F_E(HvNumatune, placement, HV_ENUM_PLACEMENT),
	HV__F_S(HvNumatune, nodeset, HV__FMT_NODELIST),
	HV__F_L(HvNumatune, memnodes, hv__numa_memnode_desc),
};
static const HvTypeDesc numatune_desc = HV__DESC(HvNumatune, numatune_fields);

static const HvFieldDesc vnuma_node_fields[] = {
	HV__F_I(HvVnumaNode, pnode, 0, 255),
	HV__F_I(HvVnumaNode, memory_kib, 1024, KIB_MAX),
	HV__F_S(HvVnumaNode, vcpus, HV__FMT_CPULIST),
	HV__F_S(HvVnumaNode, distances, HV__FMT_INTLIST),
};
const HvTypeDesc hv__vnuma_node_desc = HV__DESC(HvVnumaNode, vnuma_node_fields);

static const HvFieldDesc cpu_topology_fields[] = {
	HV__F_I(HvCpuTopology, sockets, 1, MAX_VCPUS),
	HV__F_I(HvCpuTopology, dies, 1, MAX_VCPUS),
	HV__F_I(HvCpuTopology, cores, 1, MAX_VCPUS),
	HV__F_I(HvCpuTopology, threads, 1, MAX_VCPUS),
};
const HvTypeDesc hv__cpu_topology_desc = HV__DESC(HvCpuTopology, cpu_topology_fields);

static const HvFieldDesc cpu_feature_fields[] = {
	HV__F_S_R(HvCpuFeature, name, HV__FMT_WORD),
	HV__F_E_R(HvCpuFeature, policy, HV_ENUM_CPU_POLICY),
};
const HvTypeDesc hv__cpu_feature_desc = HV__DESC(HvCpuFeature, cpu_feature_fields);

static const HvFieldDesc cpu_fields[] = {
	HV__F_E(HvCpu, mode, HV_ENUM_CPU_MODE),
	HV__F_E(HvCpu, match, HV_ENUM_CPU_MATCH),
	HV__F_E(HvCpu, check, HV_ENUM_CPU_CHECK),
	HV__F_B(HvCpu, migratable),
	HV__F_S(HvCpu, model, HV__FMT_WORD),
	HV__F_E(HvCpu, fallback, HV_ENUM_CPU_FALLBACK),
	HV__F_S(HvCpu, vendor, HV__FMT_WORD),
	HV__F_SUB(HvCpu, topology, hv__cpu_topology_desc),
	HV__F_L(HvCpu, features, hv__cpu_feature_desc),
};
static const HvTypeDesc cpu_desc = HV__DESC(HvCpu, cpu_fields);

static const HvFieldDesc smbios_entry_fields[] = {
	HV__F_S_R(HvSmbiosEntry, key, HV__FMT_SMBIOS_KEY),
	HV__F_S_R(HvSmbiosEntry, value, HV__FMT_TEXT),
};
const HvTypeDesc hv__smbios_entry_desc = HV__DESC(HvSmbiosEntry, smbios_entry_fields);

static const HvFieldDesc os_fields[] = {
	HV__F_E(HvOs, firmware, HV_ENUM_FIRMWARE),
	HV__F_S(HvOs, loader, HV__FMT_PATH),
	HV__F_B(HvOs, loader_readonly),
	HV__F_E(HvOs, loader_type, HV_ENUM_LOADER_TYPE),
	HV__F_B(HvOs, loader_secure),
	HV__F_S(HvOs, nvram, HV__FMT_PATH),
	HV__F_S(HvOs, nvram_template, HV__FMT_PATH),
	HV__F_S(HvOs, kernel, HV__FMT_PATH),
	HV__F_S(HvOs, ramdisk, HV__FMT_PATH),
	HV__F_S(HvOs, cmdline, HV__FMT_TEXT),
	HV__F_SV(HvOs, boot, HV__FMT_BOOT_DEVICE),
	HV__F_B(HvOs, bootmenu),
	HV__F_I(HvOs, bootmenu_timeout, 0, 65535),
	HV__F_E(HvOs, smbios_mode, HV_ENUM_SMBIOS_MODE),
	HV__F_L(HvOs, smbios, hv__smbios_entry_desc),
	HV__F_S(HvOs, acpi_firmware, HV__FMT_PATH),
	HV__F_S(HvOs, smbios_firmware, HV__FMT_PATH),
};
static const HvTypeDesc os_desc = HV__DESC(HvOs, os_fields);

static const HvFieldDesc hyperv_feature_fields[] = {
	HV__F_S_R(HvHypervFeature, name, HV__FMT_HYPERV),
	HV__F_B(HvHypervFeature, state),
	HV__F_S(HvHypervFeature, value, HV__FMT_WORD),
};
const HvTypeDesc hv__hyperv_feature_desc = HV__DESC(HvHypervFeature, hyperv_feature_fields);

static const HvFieldDesc features_fields[] = {
	HV__F_B(HvFeatures, acpi),
	HV__F_B(HvFeatures, apic),
	HV__F_B(HvFeatures, pae),
	HV__F_B(HvFeatures, hap),
	HV__F_B(HvFeatures, nx),
	HV__F_B(HvFeatures, nestedhvm),
	HV__F_B(HvFeatures, vpmu),
	HV__F_B(HvFeatures, acpi_laptop_slate),
	HV__F_B(HvFeatures, viridian),
	HV__F_SV(HvFeatures, viridian_groups, HV__FMT_VIRIDIAN_GROUP),
	HV__F_L(HvFeatures, hyperv, hv__hyperv_feature_desc),
	HV__F_B(HvFeatures, vmport),
	HV__F_B(HvFeatures, pvspinlock),
	HV__F_B(HvFeatures, kvm_hidden),
	HV__F_B(HvFeatures, smm),
};
static const HvTypeDesc features_desc = HV__DESC(HvFeatures, features_fields);

static const HvFieldDesc pm_fields[] = {
	HV__F_B(HvPm, suspend_to_mem),
	HV__F_B(HvPm, suspend_to_disk),
};
static const HvTypeDesc pm_desc = HV__DESC(HvPm, pm_fields);

static const HvFieldDesc timer_fields[] = {
	HV__F_E_R(HvTimer, name, HV_ENUM_TIMER_NAME),
	HV__F_B(HvTimer, present),
	HV__F_E(HvTimer, tickpolicy, HV_ENUM_TICK_POLICY),
	HV__F_E(HvTimer, track, HV_ENUM_TIMER_TRACK),
	HV__F_I(HvTimer, frequency, 1, MAX_U32),
	HV__F_E(HvTimer, mode, HV_ENUM_TIMER_MODE),
};
const HvTypeDesc hv__timer_desc = HV__DESC(HvTimer, timer_fields);

static const HvFieldDesc clock_fields[] = {
	HV__F_E(HvClock, offset, HV_ENUM_CLOCK_OFFSET),
	HV__F_E(HvClock, basis, HV_ENUM_CLOCK_BASIS),
	HV__F_I(HvClock, adjustment, G_GINT64_CONSTANT(-3153600000), G_GINT64_CONSTANT(3153600000)),
	HV__F_S(HvClock, timezone, HV__FMT_WORD),
	HV__F_E(HvClock, timer_mode, HV_ENUM_XEN_TIMER_MODE),
	HV__F_L(HvClock, timers, hv__timer_desc),
};
static const HvTypeDesc clock_desc = HV__DESC(HvClock, clock_fields);

static const HvFieldDesc domain_fields[] = {
	HV__F_S_R(HvDomain, name, HV__FMT_NAME),
	HV__F_S(HvDomain, uuid, HV__FMT_UUID),
	HV__F_E_R(HvDomain, type, HV_ENUM_DOMAIN_TYPE),
	HV__F_E(HvDomain, accel, HV_ENUM_ACCEL),
	HV__F_S(HvDomain, title, HV__FMT_TEXT),
	HV__F_S(HvDomain, description, HV__FMT_TEXT),
	HV__F_S(HvDomain, metadata, HV__FMT_TEXT),
	HV__F_B(HvDomain, autostart),
	HV__F_S(HvDomain, machine, HV__FMT_WORD),
	HV__F_S(HvDomain, arch, HV__FMT_WORD),
	HV__F_S(HvDomain, emulator, HV__FMT_PATH),
	HV__F_SV(HvDomain, device_model_args, HV__FMT_TEXT),
	HV__F_I(HvDomain, memory_kib, 1024, KIB_MAX),
	HV__F_I(HvDomain, maxmem_kib, 1024, KIB_MAX),
	HV__F_I(HvDomain, hotplug_memory_kib, 1024, KIB_MAX),
	HV__F_I(HvDomain, memory_slots, 1, 255),
	HV__F_I(HvDomain, mmio_hole_kib, 1024, 4 * 1024 * 1024),
	HV__F_I(HvDomain, vcpus, 1, MAX_VCPUS),
	HV__F_I(HvDomain, maxvcpus, 1, MAX_VCPUS),
	HV__F_E(HvDomain, vcpu_placement, HV_ENUM_PLACEMENT),
	HV__F_S(HvDomain, cpuset, HV__FMT_CPULIST),
	HV__F_S(HvDomain, cpuset_soft, HV__FMT_CPULIST),
	HV__F_L(HvDomain, vcpu_pins, hv__vcpu_pin_desc),
	HV__F_L(HvDomain, vcpu_soft_pins, hv__vcpu_pin_desc),
	HV__F_S(HvDomain, emulator_pin, HV__FMT_CPULIST),
	HV__F_SUB(HvDomain, sched, sched_desc),
	HV__F_SUB(HvDomain, numatune, numatune_desc),
	HV__F_L(HvDomain, vnuma, hv__vnuma_node_desc),
	HV__F_SUB(HvDomain, cpu, cpu_desc),
	HV__F_SUB(HvDomain, os, os_desc),
	HV__F_SUB(HvDomain, features, features_desc),
	HV__F_SUB(HvDomain, pm, pm_desc),
	HV__F_SUB(HvDomain, clock, clock_desc),
	HV__F_E(HvDomain, on_poweroff, HV_ENUM_ACTION),
	HV__F_E(HvDomain, on_reboot, HV_ENUM_ACTION),
	HV__F_E(HvDomain, on_crash, HV_ENUM_ACTION),
	HV__F_E(HvDomain, on_watchdog, HV_ENUM_ACTION),
	HV__F_E(HvDomain, on_soft_reset, HV_ENUM_ACTION),
	HV__F_E(HvDomain, hdtype, HV_ENUM_HDTYPE),
	HV__F_B(HvDomain, usb),
	HV__F_I(HvDomain, usb_version, 1, 3),
	HV__F_S(HvDomain, keymap, HV__FMT_WORD),
	HV__F_SUB(HvDomain, vnc, hv__vnc_desc),
	HV__F_SUB(HvDomain, spice, hv__spice_desc),
	HV__F_SUB(HvDomain, video, hv__video_desc),
	HV__F_L(HvDomain, disks, hv__disk_desc),
	HV__F_L(HvDomain, nics, hv__nic_desc),
	HV__F_L(HvDomain, pci, hv__pci_dev_desc),
	HV__F_L(HvDomain, usbdevs, hv__usb_dev_desc),
	HV__F_L(HvDomain, controllers, hv__controller_desc),
	HV__F_L(HvDomain, serials, hv__serial_desc),
	HV__F_L(HvDomain, consoles, hv__console_desc),
	HV__F_L(HvDomain, channels, hv__channel_desc),
	HV__F_L(HvDomain, inputs, hv__input_desc),
	HV__F_L(HvDomain, sounds, hv__sound_desc),
	HV__F_S(HvDomain, audio_type, HV__FMT_WORD),
	HV__F_I(HvDomain, audio_id, 1, G_MAXINT32),
	HV__F_L(HvDomain, rngs, hv__rng_desc),
	HV__F_L(HvDomain, tpms, hv__tpm_desc),
	HV__F_SUB(HvDomain, watchdog, hv__watchdog_desc),
	HV__F_L(HvDomain, panics, hv__panic_desc),
	HV__F_SUB(HvDomain, memballoon, hv__memballoon_desc),
	HV__F_SUB(HvDomain, genid, hv__genid_desc),
	HV__F_L(HvDomain, xen_options, hv__xen_option_desc),
};
const HvTypeDesc hv__domain_desc = HV__DESC(HvDomain, domain_fields);

static const HvFieldDesc run_state_fields[] = {
	HV__F_S(HvRunState, uuid, HV__FMT_UUID),
	HV__F_S(HvRunState, name, HV__FMT_NAME),
	HV__F_E(HvRunState, engine, HV_ENUM_ENGINE),
	HV__F_I(HvRunState, pid, 1, G_MAXINT32),
	HV__F_I(HvRunState, pid_start_time, 0, G_MAXINT64),
	HV__F_S(HvRunState, control_socket, HV__FMT_PATH),
	HV__F_S(HvRunState, console_path, HV__FMT_PATH),
	HV__F_S(HvRunState, log_path, HV__FMT_PATH),
	HV__F_I(HvRunState, started_at, 0, G_MAXINT64),
	HV__F_O(HvRunState, live, hv__domain_desc),
	HV__F_S(HvRunState, console_log, HV__FMT_PATH),
	HV__F_S(HvRunState, pidfile, HV__FMT_PATH),
	HV__F_I(HvRunState, state, 0, 7),
	HV__F_I(HvRunState, state_reason, 0, 64),
	HV__F_B(HvRunState, fake_reboot),
	HV__F_I(HvRunState, domain_id, 1, G_MAXINT32),
};
const HvTypeDesc hv__run_state_desc = HV__DESC(HvRunState, run_state_fields);
