/* The smaller spec types: USB controllers and devices, hv's controllers,
 * vtpm, rng, memballoon, watchdog, CPU topology, timers, NUMA memory
 * nodes, per-vCPU scheduling and vnuma nodes. Each is a table of keys
 * onto its struct; the generic engine (spec.c) does the rest. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/devices.h"

#define KEY(T, key, kind, field, e, fl) { key, kind, offsetof(T, field), e, fl, NULL, NULL, NULL }

static const HvSpecKey usbctrl_keys[] = {
	KEY(HvController, "type", HV__SK_ENUM, usbctrl_type, HV_ENUM_USBCTRL_TYPE, 0),
	KEY(HvController, "version", HV__SK_INT, version, 0, 0),
	KEY(HvController, "ports", HV__SK_INT, ports, 0, 0),
	HV__SPEC_ADDRESS_KEY(HvController),
};
const HvSpecType hv__usbctrl_spec = HV__SPEC_TYPE("usbctrl", hv__controller_desc, usbctrl_keys, -1, NULL, ",");

static const HvSpecKey controller_keys[] = {
	KEY(HvController, "type", HV__SK_ENUM, type, HV_ENUM_CONTROLLER_TYPE, 0),
	KEY(HvController, "index", HV__SK_INT, index, 0, 0),
	KEY(HvController, "model", HV__SK_STRING, model, 0, 0),
	KEY(HvController, "ports", HV__SK_INT, ports, 0, 0),
	KEY(HvController, "version", HV__SK_INT, version, 0, 0),
	KEY(HvController, "usbctrl-type", HV__SK_ENUM, usbctrl_type, HV_ENUM_USBCTRL_TYPE, 0),
	KEY(HvController, "model-name", HV__SK_STRING, model_name, 0, 0),
	KEY(HvController, "chassis", HV__SK_INT, chassis, 0, 0),
	KEY(HvController, "port", HV__SK_INT, port, 0, 0),
	HV__SPEC_ADDRESS_KEY(HvController),
};
const HvSpecType hv__controller_spec = HV__SPEC_TYPE("controller", hv__controller_desc, controller_keys, -1, NULL, ",");

/* usbdev's type= has one value, hostdev, and is the default. */
static gboolean
parse_usbdev_type(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	(void)k;
	if (strcmp(value, "hostdev") != 0)
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("type: \"%s\" is not a USB device type (hostdev)"), value);
	return TRUE;
}

static const HvSpecKey usbdev_keys[] = {
	{ "type", HV__SK_CUSTOM, 0, 0, 0, parse_usbdev_type, NULL, NULL },
	KEY(HvUsbDev, "hostbus", HV__SK_INT, hostbus, 0, 0),
	KEY(HvUsbDev, "hostaddr", HV__SK_INT, hostaddr, 0, 0),
	KEY(HvUsbDev, "vendor", HV__SK_HEX, vendor, 0, HV__XF_HV),
	KEY(HvUsbDev, "product", HV__SK_HEX, product, 0, HV__XF_HV),
	KEY(HvUsbDev, "controller", HV__SK_INT, controller, 0, 0),
	KEY(HvUsbDev, "port", HV__SK_INT, port, 0, 0),
};
const HvSpecType hv__usbdev_spec = HV__SPEC_TYPE("usbdev", hv__usb_dev_desc, usbdev_keys, -1, NULL, ",");

static const HvSpecKey vtpm_keys[] = {
	KEY(HvTpm, "uuid", HV__SK_STRING, uuid, 0, 0),
	KEY(HvTpm, "model", HV__SK_ENUM, model, HV_ENUM_TPM_MODEL, HV__XF_HV),
	KEY(HvTpm, "type", HV__SK_ENUM, backend_type, HV_ENUM_TPM_BACKEND, HV__XF_HV),
	KEY(HvTpm, "version", HV__SK_ENUM, version, HV_ENUM_TPM_VERSION, HV__XF_HV),
	KEY(HvTpm, "path", HV__SK_STRING, path, 0, HV__XF_HV),
	{ "backend", HV__SK_XEN, 0, 0, 0, NULL, NULL,
	  N_("the vTPM is emulated by swtpm on the host, not by a Xen vTPM domain") },
};
const HvSpecType hv__vtpm_spec = HV__SPEC_TYPE("vtpm", hv__tpm_desc, vtpm_keys, offsetof(HvTpm, xen_options), NULL, ",");

static const HvSpecKey rng_keys[] = {
	KEY(HvRng, "model", HV__SK_ENUM, model, HV_ENUM_RNG_MODEL, 0),
	KEY(HvRng, "backend", HV__SK_STRING, backend, 0, 0),
	KEY(HvRng, "rate_bytes", HV__SK_INT, rate_bytes, 0, 0),
	KEY(HvRng, "rate_period", HV__SK_INT, rate_period, 0, 0),
	HV__SPEC_ADDRESS_KEY(HvRng),
};
const HvSpecType hv__rng_spec = HV__SPEC_TYPE("rng", hv__rng_desc, rng_keys, -1, NULL, ",");

static const HvSpecKey memballoon_keys[] = {
	KEY(HvMemballoon, "model", HV__SK_ENUM, model, HV_ENUM_MEMBALLOON_MODEL, 0),
	KEY(HvMemballoon, "stats_period", HV__SK_INT, stats_period, 0, 0),
	HV__SPEC_ADDRESS_KEY(HvMemballoon),
};
const HvSpecType hv__memballoon_spec = HV__SPEC_TYPE("memballoon", hv__memballoon_desc, memballoon_keys, -1, NULL, ",");

static const HvSpecKey watchdog_keys[] = {
	KEY(HvWatchdog, "model", HV__SK_ENUM, model, HV_ENUM_WATCHDOG_MODEL, 0),
	KEY(HvWatchdog, "action", HV__SK_ENUM, action, HV_ENUM_WATCHDOG_ACTION, 0),
	HV__SPEC_ADDRESS_KEY(HvWatchdog),
};
const HvSpecType hv__watchdog_spec = HV__SPEC_TYPE("watchdog", hv__watchdog_desc, watchdog_keys, -1, NULL, ",");

static const HvSpecKey topology_keys[] = {
	KEY(HvCpuTopology, "sockets", HV__SK_INT, sockets, 0, 0),
	KEY(HvCpuTopology, "dies", HV__SK_INT, dies, 0, 0),
	KEY(HvCpuTopology, "cores", HV__SK_INT, cores, 0, 0),
	KEY(HvCpuTopology, "threads", HV__SK_INT, threads, 0, 0),
};
const HvSpecType hv__topology_spec = HV__SPEC_TYPE("cpu_topology", hv__cpu_topology_desc, topology_keys, -1, NULL, ",");

static const HvSpecKey timer_keys[] = {
	KEY(HvTimer, "name", HV__SK_ENUM, name, HV_ENUM_TIMER_NAME, 0),
	KEY(HvTimer, "present", HV__SK_BOOL, present, 0, 0),
	KEY(HvTimer, "tickpolicy", HV__SK_ENUM, tickpolicy, HV_ENUM_TICK_POLICY, 0),
	KEY(HvTimer, "track", HV__SK_ENUM, track, HV_ENUM_TIMER_TRACK, 0),
	KEY(HvTimer, "frequency", HV__SK_INT, frequency, 0, 0),
	KEY(HvTimer, "mode", HV__SK_ENUM, mode, HV_ENUM_TIMER_MODE, 0),
};
const HvSpecType hv__timer_spec = HV__SPEC_TYPE("timer", hv__timer_desc, timer_keys, -1, NULL, ",");

/* The list-of-lists ones: values may hold commas ("0-1,3"). */
static const HvSpecKey memnode_keys[] = {
	KEY(HvNumaMemnode, "cellid", HV__SK_INT, cellid, 0, 0),
	KEY(HvNumaMemnode, "mode", HV__SK_ENUM, mode, HV_ENUM_NUMA_MODE, 0),
	KEY(HvNumaMemnode, "nodeset", HV__SK_STRING, nodeset, 0, 0),
};
const HvSpecType hv__memnode_spec = HV__SPEC_NESTED_TYPE("numa_memnodes", hv__numa_memnode_desc, memnode_keys);

static const HvSpecKey vcpu_sched_keys[] = {
	KEY(HvVcpuSched, "vcpus", HV__SK_STRING, vcpus, 0, 0),
	KEY(HvVcpuSched, "period", HV__SK_INT, period, 0, 0),
	KEY(HvVcpuSched, "budget", HV__SK_INT, budget, 0, 0),
	KEY(HvVcpuSched, "extratime", HV__SK_BOOL, extratime, 0, 0),
};
const HvSpecType hv__vcpu_sched_spec = HV__SPEC_NESTED_TYPE("vcpu_sched", hv__vcpu_sched_desc, vcpu_sched_keys);

/* xl.cfg's vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20" ] ] */
static const HvSpecKey vnuma_keys[] = {
	KEY(HvVnumaNode, "pnode", HV__SK_INT, pnode, 0, 0),
	KEY(HvVnumaNode, "size", HV__SK_MIB, memory_kib, 0, 0),
	KEY(HvVnumaNode, "vcpus", HV__SK_STRING, vcpus, 0, 0),
	KEY(HvVnumaNode, "vdistances", HV__SK_STRING, distances, 0, 0),
};
const HvSpecType hv__vnuma_spec = HV__SPEC_NESTED_TYPE("vnuma", hv__vnuma_node_desc, vnuma_keys);
