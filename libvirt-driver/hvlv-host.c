/* hvlv-host: node information from /proc and /sys. */
#include "config.h"

#include <fcntl.h>
#include <linux/kvm.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-host.h"

/* libvirt's QEMU driver answers 16 for TCG guests (qemuConnectGetMaxVcpus). */
#define HVLV_TCG_MAX_VCPUS 16

gboolean
hvlv_host_meminfo(const char *path, const char *field, guint64 *kib_r)
{
	g_autofree char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return FALSE;
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		/* per-node files prefix "Node N " */
		const char *p = g_str_has_prefix(*l, "Node ") ? strchr(*l + 5, ' ') : *l;
		if (!p)
			continue;
		p += *p == ' ';
		gsize n = strlen(field);
		if (strncmp(p, field, n) == 0 && p[n] == ':') {
			*kib_r = g_ascii_strtoull(p + n + 1, NULL, 10);
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
hvlv_host_parse_cpulist(const char *text, guint8 *map, guint nbits, guint *max_r)
{
	g_autofree char *copy = g_strstrip(g_strdup(text));
	g_auto(GStrv) parts = g_strsplit(copy, ",", -1);
	guint max = 0;
	gboolean any = FALSE;
	for (char **p = parts; *p && **p; p++) {
		char *end;
		guint64 lo = g_ascii_strtoull(*p, &end, 10), hi = lo;
		if (end == *p)
			return FALSE;
		if (*end == '-')
			hi = g_ascii_strtoull(end + 1, &end, 10);
		if (*end || hi < lo || hi >= nbits)
			return FALSE;
		for (guint64 c = lo; c <= hi; c++)
			if (map)
				map[c / 8] |= (guint8)(1u << (c % 8));
		max = MAX(max, (guint)hi);
		any = TRUE;
	}
	*max_r = max;
	return any;
}

static char *
hvlv_host_read(const char *root, const char *rel)
{
	g_autofree char *path = g_build_filename(root, rel, NULL);
	char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return NULL;
	return g_strstrip(text);
}

static gint
hvlv_host_read_int(const char *root, const char *rel, gint fallback)
{
	g_autofree char *text = hvlv_host_read(root, rel);
	return text ? (gint)g_ascii_strtoll(text, NULL, 10) : fallback;
}

/* Counts online CPUs, distinct sockets and distinct cores. */
static void
hvlv_host_topology(const char *sysfs, const guint8 *online, guint max, HvlvNodeInfo *info,
                   gint *n_sockets, gint *n_cores)
{
	g_autoptr(GHashTable) sockets = g_hash_table_new(NULL, NULL);
	g_autoptr(GHashTable) cores = g_hash_table_new(NULL, NULL);
	for (guint c = 0; c <= max; c++) {
		if (!(online[c / 8] & (1u << (c % 8))))
			continue;
		info->cpus++;
		g_autofree char *pkg = g_strdup_printf("devices/system/cpu/cpu%u/topology/physical_package_id", c);
		g_autofree char *core = g_strdup_printf("devices/system/cpu/cpu%u/topology/core_id", c);
		gint p = hvlv_host_read_int(sysfs, pkg, 0), k = hvlv_host_read_int(sysfs, core, (gint)c);
		g_hash_table_add(sockets, GINT_TO_POINTER(p + 1));
		g_hash_table_add(cores, GINT_TO_POINTER(((p + 1) << 16) | (k + 1)));
	}
	*n_sockets = (gint)g_hash_table_size(sockets);
	*n_cores = (gint)g_hash_table_size(cores);
}

gint
hvlv_host_numa_cells(const char *sysfs)
{
	sysfs = sysfs ? sysfs : "/sys";
	g_autofree char *online = hvlv_host_read(sysfs, "devices/system/node/online");
	guint max;
	if (!online || !hvlv_host_parse_cpulist(online, NULL, 65536, &max))
		return 1;
	guint8 map[8192] = { 0 };
	hvlv_host_parse_cpulist(online, map, 65536, &max);
	gint n = 0;
	for (guint i = 0; i <= max; i++)
		n += (map[i / 8] >> (i % 8)) & 1;
	return MAX(n, 1);
}

static gint
hvlv_host_mhz(const char *sysfs, const char *proc)
{
	gint khz = hvlv_host_read_int(sysfs, "devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", 0);
	if (khz > 0)
		return khz / 1000;
	g_autofree char *cpuinfo = hvlv_host_read(proc, "cpuinfo");
	const char *p = cpuinfo ? strstr(cpuinfo, "cpu MHz") : NULL;
	p = p ? strchr(p, ':') : NULL;
	return p ? (gint)g_ascii_strtod(p + 1, NULL) : 0;
}

gboolean
hvlv_host_node_info(const char *sysfs, const char *proc, HvlvNodeInfo *info, GError **error)
{
	sysfs = sysfs ? sysfs : "/sys";
	proc = proc ? proc : "/proc";
	memset(info, 0, sizeof(*info));
	struct utsname uts;
	uname(&uts);
	g_strlcpy(info->model, uts.machine, sizeof(info->model));
	g_autofree char *meminfo = g_build_filename(proc, "meminfo", NULL);
	g_autofree char *online_text = hvlv_host_read(sysfs, "devices/system/cpu/online");
	guint8 online[1024] = { 0 };
	guint max;
	if (!hvlv_host_meminfo(meminfo, "MemTotal", &info->memory_kib) || !online_text ||
	    !hvlv_host_parse_cpulist(online_text, online, sizeof(online) * 8, &max)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_NONE,
		               _("cannot read the host's memory and CPU information"));
		return FALSE;
	}
	gint n_sockets, n_cores;
	hvlv_host_topology(sysfs, online, max, info, &n_sockets, &n_cores);
	info->mhz = hvlv_host_mhz(sysfs, proc);
	info->nodes = hvlv_host_numa_cells(sysfs);
	info->sockets = n_sockets % info->nodes == 0 ? n_sockets / info->nodes : 0;
	info->cores = n_sockets > 0 && n_cores % n_sockets == 0 ? n_cores / n_sockets : 0;
	info->threads = n_cores > 0 && info->cpus % n_cores == 0 ? info->cpus / n_cores : 0;
	if (info->nodes * info->sockets * info->cores * info->threads != info->cpus) {
		info->nodes = info->sockets = info->threads = 1;
		info->cores = info->cpus;
	}
	return TRUE;
}

gboolean
hvlv_host_cell_free_kib(const char *sysfs, gint cell, guint64 *kib_r)
{
	sysfs = sysfs ? sysfs : "/sys";
	g_autofree char *rel = g_strdup_printf("devices/system/node/node%d/meminfo", cell);
	g_autofree char *path = g_build_filename(sysfs, rel, NULL);
	if (hvlv_host_meminfo(path, "MemFree", kib_r))
		return TRUE;
	return cell == 0 && hvlv_host_numa_cells(sysfs) == 1 &&
	       hvlv_host_meminfo("/proc/meminfo", "MemFree", kib_r);
}

gboolean
hvlv_host_cpu_map(const char *sysfs, GByteArray *map, guint *online_r, guint *present_r,
                  GError **error)
{
	sysfs = sysfs ? sysfs : "/sys";
	g_autofree char *present = hvlv_host_read(sysfs, "devices/system/cpu/present");
	g_autofree char *online = hvlv_host_read(sysfs, "devices/system/cpu/online");
	guint max_present, max_online, nbits = 2048 * 8;
	g_byte_array_set_size(map, 2048);
	memset(map->data, 0, map->len);
	if (!present || !online || !hvlv_host_parse_cpulist(present, NULL, nbits, &max_present) ||
	    !hvlv_host_parse_cpulist(online, map->data, nbits, &max_online)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_NONE,
		               _("cannot read the host's CPU lists"));
		return FALSE;
	}
	*present_r = max_present + 1;
	g_byte_array_set_size(map, (*present_r + 7) / 8);
	*online_r = 0;
	for (guint i = 0; i < *present_r; i++)
		*online_r += (map->data[i / 8] >> (i % 8)) & 1;
	return TRUE;
}

gboolean
hvlv_host_parse_qemu_version(const char *text, guint64 *version_r)
{
	const char *p = text ? strstr(text, "version ") : NULL;
	guint64 major, minor = 0, micro = 0;
	char *end;
	if (!p)
		return FALSE;
	major = g_ascii_strtoull(p + 8, &end, 10);
	if (end == p + 8)
		return FALSE;
	if (*end == '.')
		minor = g_ascii_strtoull(end + 1, &end, 10);
	if (*end == '.')
		micro = g_ascii_strtoull(end + 1, &end, 10);
	*version_r = major * 1000000 + minor * 1000 + micro;
	return TRUE;
}

gboolean
hvlv_host_qemu_version(const char *emulator, guint64 *version_r, GError **error)
{
	g_autofree char *path = g_find_program_in_path(emulator);
	g_autofree char *out = NULL;
	const char *argv[] = { path, "--version", NULL };
	if (!path || !g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
	                           &out, NULL, NULL, NULL) ||
	    !hvlv_host_parse_qemu_version(out, version_r)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("Cannot find the version of QEMU binary %s"), emulator);
		return FALSE;
	}
	return TRUE;
}

char *
hvlv_host_hostname(GError **error)
{
	char name[256] = "";
	if (gethostname(name, sizeof(name) - 1) < 0) {
		hvlv_set_error(error, HVLV_ERR_SYSTEM_ERROR, HVLV_FROM_NONE,
		               _("failed to determine host name"));
		return NULL;
	}
	/* libvirt prefers the canonical name when the short one is not qualified */
	if (strchr(name, '.') || strcmp(name, "localhost") == 0)
		return g_strdup(name);
	struct addrinfo hints = { .ai_flags = AI_CANONNAME, .ai_family = AF_UNSPEC };
	struct addrinfo *info = NULL;
	char *result = NULL;
	if (getaddrinfo(name, NULL, &hints, &info) == 0 && info && info->ai_canonname &&
	    !g_str_has_prefix(info->ai_canonname, "localhost"))
		result = g_strdup(info->ai_canonname);
	if (info)
		freeaddrinfo(info);
	return result ? result : g_strdup(name);
}

static void
hvlv_host_sysinfo_section(GString *xml, const char *section, const char *const *pairs)
{
	GString *entries = g_string_new(NULL);
	for (; *pairs; pairs += 2) {
		g_autofree char *value = hvlv_host_read("/sys/class/dmi/id", pairs[1]);
		if (!value || !*value)
			continue;
		g_autofree char *escaped = g_markup_escape_text(value, -1);
		g_string_append_printf(entries, "    <entry name='%s'>%s</entry>\n", pairs[0], escaped);
	}
	if (entries->len)
		g_string_append_printf(xml, "  <%s>\n%s  </%s>\n", section, entries->str, section);
	g_string_free(entries, TRUE);
}

char *
hvlv_host_sysinfo_xml(void)
{
	static const char *const bios[] = { "vendor", "bios_vendor", "version", "bios_version",
	                                    "date", "bios_date", "release", "bios_release", NULL };
	static const char *const sys[] = { "manufacturer", "sys_vendor", "product", "product_name",
	                                   "version", "product_version", "serial", "product_serial",
	                                   "uuid", "product_uuid", "family", "product_family", NULL };
	GString *xml = g_string_new("<sysinfo type='smbios'>\n");
	hvlv_host_sysinfo_section(xml, "bios", bios);
	hvlv_host_sysinfo_section(xml, "system", sys);
	g_string_append(xml, "</sysinfo>\n");
	return g_string_free(xml, FALSE);
}

static gint
hvlv_host_kvm_max_vcpus(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int n = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	if (n <= 0)
		n = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
	close(fd);
	return n > 0 ? n : -1;
}

gint
hvlv_host_max_vcpus(const char *type, GError **error)
{
	if (!type || g_ascii_strcasecmp(type, "qemu") == 0)
		return HVLV_TCG_MAX_VCPUS;
	if (g_ascii_strcasecmp(type, "kvm") == 0) {
		gint n = hvlv_host_kvm_max_vcpus();
		if (n > 0)
			return n;
		hvlv_set_error(error, HVLV_ERR_SYSTEM_ERROR, HVLV_FROM_DRIVER,
		               _("Unable to get the maximum vCPUs from /dev/kvm"));
		return -1;
	}
	hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER, _("unknown type '%s'"), type);
	return -1;
}
