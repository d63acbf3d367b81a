/* hvlv-proc-node: procedures about the host. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-host.h"
#include "hvlv-proc.h"

gboolean
hvlv_proc_node_get_info(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                        GError **error)
{
	hvlv_node_get_info_ret *r = ret;
	HvlvNodeInfo info;
	if (!hvlv_host_node_info(NULL, NULL, &info, error))
		return FALSE;
	memcpy(r->model, info.model, sizeof(r->model));
	r->memory = info.memory_kib;
	r->cpus = info.cpus;
	r->mhz = info.mhz;
	r->nodes = info.nodes;
	r->sockets = info.sockets;
	r->cores = info.cores;
	r->threads = info.threads;
	return TRUE;
}

gboolean
hvlv_proc_node_get_free_memory(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args,
                               gpointer ret, GError **error)
{
	guint64 kib;
	if (!hvlv_host_meminfo("/proc/meminfo", "MemFree", &kib)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_NONE,
		               _("cannot read free memory from /proc/meminfo"));
		return FALSE;
	}
	((hvlv_node_get_free_memory_ret *)ret)->free_mem = kib * 1024; /* bytes */
	return TRUE;
}

gboolean
hvlv_proc_node_get_cells_free_memory(G_GNUC_UNUSED HvlvCall *call, gpointer args, gpointer ret,
                                     GError **error)
{
	const hvlv_node_get_cells_free_memory_args *a = args;
	hvlv_node_get_cells_free_memory_ret *r = ret;
	gint n_cells = hvlv_host_numa_cells(NULL);
	if (a->start_cell < 0 || a->start_cell >= n_cells || a->max_cells <= 0 ||
	    a->max_cells > HVLV_NODE_MAX_CELLS) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_NONE,
		               _("start cell %d out of range (0-%d)"), a->start_cell, n_cells - 1);
		return FALSE;
	}
	gint n = MIN(a->max_cells, n_cells - a->start_cell);
	r->cells.cells_val = g_new0(guint64, n);
	for (gint i = 0; i < n; i++) {
		guint64 kib;
		if (!hvlv_host_cell_free_kib(NULL, a->start_cell + i, &kib)) {
			hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_NONE,
			               _("cannot read the free memory of NUMA cell %d"), a->start_cell + i);
			return FALSE;
		}
		r->cells.cells_val[r->cells.cells_len++] = kib * 1024; /* bytes */
	}
	return TRUE;
}

gboolean
hvlv_proc_node_get_cpu_map(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_node_get_cpu_map_args *a = args;
	hvlv_node_get_cpu_map_ret *r = ret;
	if (!hvlv_check_flags(a->flags, 0, call, error))
		return FALSE;
	g_autoptr(GByteArray) map = g_byte_array_new();
	guint online, present;
	if (!hvlv_host_cpu_map(NULL, map, &online, &present, error))
		return FALSE;
	if (a->need_map) {
		r->cpumap.cpumap_len = map->len;
		r->cpumap.cpumap_val = g_malloc(map->len);
		memcpy(r->cpumap.cpumap_val, map->data, map->len);
	}
	r->online = a->need_online ? online : 0;
	r->ret = (int)present;
	return TRUE;
}

/* The four statistics libvirt reports for the host or one NUMA cell. */
static const char *const hvlv_memory_stat_fields[][2] = {
	{ "total", "MemTotal" }, { "free", "MemFree" }, { "buffers", "Buffers" }, { "cached", "Cached" },
};

gboolean
hvlv_proc_node_get_memory_stats(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_node_get_memory_stats_args *a = args;
	hvlv_node_get_memory_stats_ret *r = ret;
	if (!hvlv_check_flags(a->flags, 0, call, error))
		return FALSE;
	g_autofree char *path = a->cell_num == -1
		? g_strdup("/proc/meminfo")
		: g_strdup_printf("/sys/devices/system/node/node%d/meminfo", a->cell_num);
	guint64 probe;
	if (a->cell_num < -1 || !hvlv_host_meminfo(path, "MemTotal", &probe)) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_NONE,
		               _("cell number %d is out of range"), a->cell_num);
		return FALSE;
	}
	guint n = G_N_ELEMENTS(hvlv_memory_stat_fields);
	r->nparams = (int)n;
	if (a->nparams <= 0) /* the caller asks how many there are */
		return TRUE;
	r->params.params_val = g_new0(hvlv_node_memory_stat, n);
	for (guint i = 0; i < n && (int)r->params.params_len < a->nparams; i++) {
		guint64 kib;
		if (!hvlv_host_meminfo(path, hvlv_memory_stat_fields[i][1], &kib))
			continue; /* per-cell files lack Buffers on some kernels */
		hvlv_node_memory_stat *s = &r->params.params_val[r->params.params_len++];
		s->field = g_strdup(hvlv_memory_stat_fields[i][0]);
		s->value = kib;
	}
	r->nparams = (int)r->params.params_len;
	return TRUE;
}

gboolean
hvlv_proc_node_get_security_model(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args,
                                  gpointer ret, G_GNUC_UNUSED GError **error)
{
	/* No security driver: an empty model and DOI, each sent with its NUL,
	 * which virsh takes as "no security model" (as with security_driver = "none"). */
	hvlv_node_get_security_model_ret *r = ret;
	r->model.model_len = 1;
	r->model.model_val = g_new0(char, 1);
	r->doi.doi_len = 1;
	r->doi.doi_val = g_new0(char, 1);
	return TRUE;
}
