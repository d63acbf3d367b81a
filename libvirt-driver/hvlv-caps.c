/* hvlv-caps: libvirt's capabilities XML for this host. */
#include "config.h"

#include <string.h>
#include <sys/utsname.h>

#include "hvlv-caps.h"
#include "hvlv-host.h"
#include "hvlv-xml.h"

/* A number from a sysfs file, -1 when absent. */
static gint64
read_sysfs_int(const char *path)
{
	g_autofree char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return -1;
	return g_ascii_strtoll(text, NULL, 10);
}

static void
format_host_cpu(HvlvXmlOut *out, const HvlvNodeInfo *info)
{
	hvlv_xout_push(out, "cpu");
	hvlv_xout_element(out, "arch", info->model);
	hvlv_xout_push(out, "topology");
	hvlv_xout_attr_int(out, "sockets", HV_INT(info->sockets));
	hvlv_xout_attr_int(out, "dies", HV_INT(1));
	hvlv_xout_attr_int(out, "cores", HV_INT(info->cores));
	hvlv_xout_attr_int(out, "threads", HV_INT(info->threads));
	hvlv_xout_pop(out);
	hvlv_xout_push(out, "pages");
	hvlv_xout_attr(out, "unit", "KiB");
	hvlv_xout_attr_int(out, "size", HV_INT(4));
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_topology_cpu(HvlvXmlOut *out, guint cpu)
{
	g_autofree char *dir = g_strdup_printf("/sys/devices/system/cpu/cpu%u/topology", cpu);
	g_autofree char *socket = g_build_filename(dir, "physical_package_id", NULL);
	g_autofree char *die = g_build_filename(dir, "die_id", NULL);
	g_autofree char *core = g_build_filename(dir, "core_id", NULL);
	g_autofree char *siblings_path = g_build_filename(dir, "thread_siblings_list", NULL);
	g_autofree char *siblings = NULL;
	hvlv_xout_push(out, "cpu");
	hvlv_xout_attr_int(out, "id", HV_INT(cpu));
	hvlv_xout_attr_int(out, "socket_id", HV_INT(MAX(0, read_sysfs_int(socket))));
	hvlv_xout_attr_int(out, "die_id", HV_INT(MAX(0, read_sysfs_int(die))));
	hvlv_xout_attr_int(out, "core_id", HV_INT(MAX(0, read_sysfs_int(core))));
	if (!g_file_get_contents(siblings_path, &siblings, NULL, NULL))
		siblings = g_strdup_printf("%u", cpu);
	hvlv_xout_attr(out, "siblings", g_strstrip(siblings));
	hvlv_xout_pop(out);
}

/* One NUMA cell: its memory and CPUs (the whole host when there are no nodes). */
static void
format_cell(HvlvXmlOut *out, gint cell, gint cells, const HvlvNodeInfo *info)
{
	g_autofree char *list_path =
		g_strdup_printf("/sys/devices/system/node/node%d/cpulist", cell);
	g_autofree char *list = NULL;
	guint8 map[512] = { 0 };
	guint max = 0;
	if (cells < 2 || !g_file_get_contents(list_path, &list, NULL, NULL))
		list = g_strdup_printf("0-%d", info->cpus - 1);
	hvlv_host_parse_cpulist(g_strstrip(list), map, sizeof(map) * 8, &max);
	guint64 kib = info->memory_kib;
	if (cells >= 2)
		hvlv_host_cell_free_kib(NULL, cell, &kib);
	hvlv_xout_push(out, "cell");
	hvlv_xout_attr_int(out, "id", HV_INT(cell));
	hvlv_xout_size_kib(out, "memory", HV_INT((gint64)kib));
	guint n = 0;
	for (guint i = 0; i < sizeof(map) * 8; i++)
		n += (map[i / 8] >> (i % 8)) & 1;
	hvlv_xout_push(out, "cpus");
	hvlv_xout_attr_int(out, "num", HV_INT(n));
	for (guint i = 0; i < sizeof(map) * 8; i++)
		if ((map[i / 8] >> (i % 8)) & 1)
			format_topology_cpu(out, i);
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_host(HvlvXmlOut *out, const HvlvNodeInfo *info)
{
	hvlv_xout_push(out, "host");
	format_host_cpu(out, info);
	hvlv_xout_push(out, "iommu");
	hvlv_xout_attr(out, "support",
	               g_file_test("/sys/kernel/iommu_groups/0", G_FILE_TEST_EXISTS) ? "yes" : "no");
	hvlv_xout_pop(out);
	hvlv_xout_push(out, "topology");
	hvlv_xout_push(out, "cells");
	gint cells = hvlv_host_numa_cells(NULL);
	hvlv_xout_attr_int(out, "num", HV_INT(cells));
	for (gint i = 0; i < cells; i++)
		format_cell(out, i, cells, info);
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
	hvlv_xout_push(out, "secmodel");
	hvlv_xout_element(out, "model", "none");
	hvlv_xout_element(out, "doi", "0");
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_machines(HvlvXmlOut *out, const GPtrArray *machines, gboolean with_pvh)
{
	for (guint i = 0; i < machines->len; i++) {
		const HvlvMachine *m = machines->pdata[i];
		hvlv_xout_push(out, "machine");
		hvlv_xout_attr(out, "canonical", m->canonical);
		hvlv_xout_attr_int(out, "maxCpus", HV_INT(m->max_cpus));
		hvlv_xout_text(out, m->name);
		hvlv_xout_pop(out);
	}
	if (!with_pvh)
		return;
	hvlv_xout_push(out, "machine");
	hvlv_xout_attr_int(out, "maxCpus", HV_INT(hvlv_caps_pvh_max_vcpus()));
	hvlv_xout_text(out, "pvh");
	hvlv_xout_pop(out);
}

static void
format_guest(HvlvXmlOut *out, const char *qemu, const GPtrArray *machines)
{
	hvlv_xout_push(out, "guest");
	hvlv_xout_element(out, "os_type", "hvm");
	hvlv_xout_push(out, "arch");
	hvlv_xout_attr(out, "name", "x86_64");
	hvlv_xout_element(out, "wordsize", "64");
	hvlv_xout_element(out, "emulator", qemu);
	format_machines(out, machines, FALSE);
	hvlv_xout_push(out, "domain");
	hvlv_xout_attr(out, "type", "qemu");
	hvlv_xout_pop(out);
	if (hvlv_caps_kvm_usable()) { /* its machines: QEMU's and hv-vmm's pvh */
		hvlv_xout_push(out, "domain");
		hvlv_xout_attr(out, "type", "kvm");
		format_machines(out, machines, TRUE);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
	hvlv_xout_push(out, "features");
	static const char *const toggles[][3] = {
		{ "acpi", "on", "yes" }, { "apic", "on", "no" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(toggles); i++) {
		hvlv_xout_push(out, toggles[i][0]);
		hvlv_xout_attr(out, "default", toggles[i][1]);
		hvlv_xout_attr(out, "toggle", toggles[i][2]);
		hvlv_xout_pop(out);
	}
	hvlv_xout_element(out, "cpuselection", "");
	hvlv_xout_element(out, "deviceboot", "");
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

char *
hvlv_caps_format(const char *qemu, GError **error)
{
	HvlvNodeInfo info;
	const GPtrArray *machines = hvlv_caps_machines(qemu, error);
	if (!machines || !hvlv_host_node_info(NULL, NULL, &info, error))
		return NULL;
	HvlvXmlOut *out = hvlv_xout_new();
	hvlv_xout_push(out, "capabilities");
	format_host(out, &info);
	format_guest(out, qemu, machines);
	hvlv_xout_pop(out);
	return hvlv_xout_finish(out);
}
