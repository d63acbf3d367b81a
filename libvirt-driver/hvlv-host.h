/* hvlv-host: facts about the host, read from /proc and /sys the way
 * libvirt's node functions report them. SYSFS and PROC parameters let the
 * tests point them at a fake tree; pass NULL for the real ones. */
#pragma once

#include <glib.h>

typedef struct {
	char model[32];         /* uname machine, e.g. "x86_64" */
	guint64 memory_kib;
	gint cpus;              /* online CPUs */
	gint mhz;
	gint nodes, sockets, cores, threads; /* sockets per node, cores per socket */
} HvlvNodeInfo;

/* Fills INFO; nodes * sockets * cores * threads == cpus, or libvirt's
 * fallback (1 node, 1 socket, cpus cores, 1 thread) when the topology does
 * not add up. */
gboolean hvlv_host_node_info(const char *sysfs, const char *proc, HvlvNodeInfo *info,
                             GError **error);

/* The number of NUMA cells (1 when the kernel shows none). */
gint hvlv_host_numa_cells(const char *sysfs);

/* The free memory of NUMA cell CELL in KiB (the whole host's when the
 * kernel shows no NUMA cells and CELL is 0). */
gboolean hvlv_host_cell_free_kib(const char *sysfs, gint cell, guint64 *kib_r);

/* A value in KiB from a meminfo file ("MemFree:  123 kB"); FALSE if absent. */
gboolean hvlv_host_meminfo(const char *path, const char *field, guint64 *kib_r);

/* Parses a CPU list such as "0-3,6" into a bitmap of NBITS; FALSE if bad. */
gboolean hvlv_host_parse_cpulist(const char *text, guint8 *map, guint nbits, guint *max_r);

/* The online CPU map (one bit per CPU of the present range), the number of
 * online CPUs and of present CPUs (highest id + 1). */
gboolean hvlv_host_cpu_map(const char *sysfs, GByteArray *map, guint *online_r, guint *present_r,
                           GError **error);

/* The version of the QEMU binary EMULATOR (searched on PATH) as
 * major * 1000000 + minor * 1000 + micro. */
gboolean hvlv_host_qemu_version(const char *emulator, guint64 *version_r, GError **error);

/* Parses "QEMU emulator version 7.2.19 (...)" as above; FALSE if not. */
gboolean hvlv_host_parse_qemu_version(const char *text, guint64 *version_r);

/* The fully qualified host name when it can be found, else the short one. */
char *hvlv_host_hostname(GError **error);

/* The SMBIOS data of /sys/class/dmi/id as libvirt's <sysinfo> XML. */
char *hvlv_host_sysinfo_xml(void);

/* Most vCPUs a guest of TYPE ("qemu", "kvm", NULL for the default) can
 * have; -1 with ERROR set for a type hv does not know. */
gint hvlv_host_max_vcpus(const char *type, GError **error);
