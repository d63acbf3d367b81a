/* hvlv-domxml-parse-cpu: <cpu>, the guest CPU and its NUMA cells. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domxml-private.h"
#include "hvlv-error.h"

static gboolean
parse_cpu_model(HvlvXmlIn *in, xmlNode *cpu, HvCpu *c, GError **error)
{
	xmlNode *model = hvlv_xin_child(in, cpu, "model");
	int fallback = 0;
	if (!hvlv_xin_enum(in, model, "fallback", HV_ENUM_CPU_FALLBACK, NULL, &fallback, error))
		return FALSE;
	c->fallback = (HvCpuFallback)fallback;
	c->model = hvlv_xin_text(model);
	c->vendor = hvlv_xin_text(hvlv_xin_child(in, cpu, "vendor"));
	xmlNode *topo = hvlv_xin_child(in, cpu, "topology");
	return hvlv_xin_int(in, topo, "sockets", 1, 4096, &c->topology.sockets, error) &&
	       hvlv_xin_int(in, topo, "dies", 1, 4096, &c->topology.dies, error) &&
	       hvlv_xin_int(in, topo, "cores", 1, 4096, &c->topology.cores, error) &&
	       hvlv_xin_int(in, topo, "threads", 1, 4096, &c->topology.threads, error);
}

static gboolean
parse_cpu_features(HvlvXmlIn *in, xmlNode *cpu, HvCpu *c, GError **error)
{
	g_autoptr(GPtrArray) features = hvlv_xin_children(in, cpu, "feature");
	for (guint i = 0; i < features->len; i++) {
		g_autoptr(HvCpuFeature) f = hv_cpu_feature_new();
		int policy = HV_CPU_POLICY_REQUIRE;
		if (!hvlv_xin_enum(in, features->pdata[i], "policy", HV_ENUM_CPU_POLICY, NULL, &policy,
		                   error))
			return FALSE;
		f->policy = (HvCpuPolicy)policy;
		f->name = g_strdup(hvlv_xin_attr(in, features->pdata[i], "name"));
		if (!f->name) {
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("Missing 'name' attribute for CPU feature"));
			return FALSE;
		}
		g_ptr_array_add(c->features, g_steal_pointer(&f));
	}
	return TRUE;
}

/* <distances><sibling id value/>... as "10,20". */
static gboolean
parse_cell_distances(HvlvXmlIn *in, xmlNode *cell, HvVnumaNode *node, GError **error)
{
	xmlNode *dist = hvlv_xin_child(in, cell, "distances");
	if (!dist)
		return TRUE;
	g_autoptr(GPtrArray) siblings = hvlv_xin_children(in, dist, "sibling");
	GString *text = g_string_new(NULL);
	for (guint i = 0; i < siblings->len; i++) {
		HvInt id = { 0, FALSE }, value = { 0, FALSE };
		if (!hvlv_xin_int(in, siblings->pdata[i], "id", 0, 255, &id, error) ||
		    !hvlv_xin_int(in, siblings->pdata[i], "value", 10, 255, &value, error)) {
			g_string_free(text, TRUE);
			return FALSE;
		}
		if (id.value != i) {
			g_string_free(text, TRUE);
			return hvlv_domxml_unsupported(siblings->pdata[i], "id", "(out of order)", error);
		}
		g_string_append_printf(text, "%s%" G_GINT64_FORMAT, i ? "," : "", value.value);
	}
	node->distances = g_string_free(text, FALSE);
	return TRUE;
}

static gboolean
parse_cell(HvlvXmlIn *in, xmlNode *cell, guint index, HvDomain *d, GError **error)
{
	g_autoptr(HvVnumaNode) node = hv_vnuma_node_new();
	HvInt id = { 0, FALSE }, memory = { 0, FALSE };
	if (!hvlv_xin_int(in, cell, "id", 0, 255, &id, error) ||
	    !hvlv_xin_int(in, cell, "memory", 1, G_MAXINT64 / 1024, &memory, error))
		return FALSE;
	if (id.set && id.value != index)
		return hvlv_domxml_unsupported(cell, "id", hvlv_xin_attr(in, cell, "id"), error);
	const char *unit = hvlv_xin_attr(in, cell, "unit");
	if (unit && strcmp(unit, "KiB") != 0 && strcmp(unit, "k") != 0) {
		gint64 mult = strcmp(unit, "MiB") == 0 || strcmp(unit, "M") == 0 ? 1024
		              : strcmp(unit, "GiB") == 0 || strcmp(unit, "G") == 0 ? 1024 * 1024 : 0;
		if (!mult)
			return hvlv_domxml_unsupported(cell, "unit", unit, error);
		memory.value *= mult;
	}
	node->memory_kib = memory;
	node->vcpus = g_strdup(hvlv_xin_attr(in, cell, "cpus"));
	if (!parse_cell_distances(in, cell, node, error))
		return FALSE;
	g_ptr_array_add(d->vnuma, g_steal_pointer(&node));
	return TRUE;
}

static gboolean
parse_cpu_numa(HvlvXmlIn *in, xmlNode *cpu, HvDomain *d, GError **error)
{
	g_autoptr(GPtrArray) cells = hvlv_xin_children(in, hvlv_xin_child(in, cpu, "numa"), "cell");
	gint64 total = 0;
	for (guint i = 0; i < cells->len; i++) {
		if (!parse_cell(in, cells->pdata[i], i, d, error))
			return FALSE;
		total += ((HvVnumaNode *)d->vnuma->pdata[i])->memory_kib.value;
	}
	if (cells->len && !d->maxmem_kib.set) { /* memory comes from the cells */
		d->maxmem_kib = HV_INT(total);
		d->memory_kib = HV_INT(total);
	}
	return TRUE;
}

gboolean
hvlv_domxml_parse_guest_cpu(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *cpu = hvlv_xin_child(in, root, "cpu");
	if (!cpu)
		return TRUE;
	HvCpu *c = &d->cpu;
	int mode = 0, match = 0, check = 0;
	if (!hvlv_xin_enum(in, cpu, "mode", HV_ENUM_CPU_MODE, NULL, &mode, error) ||
	    !hvlv_xin_enum(in, cpu, "match", HV_ENUM_CPU_MATCH, NULL, &match, error) ||
	    !hvlv_xin_enum(in, cpu, "check", HV_ENUM_CPU_CHECK, NULL, &check, error) ||
	    !hvlv_xin_bool(in, cpu, "migratable", &c->migratable, error))
		return FALSE;
	c->mode = (HvCpuMode)mode;
	c->match = (HvCpuMatch)match;
	c->check = (HvCpuCheck)check;
	return parse_cpu_model(in, cpu, c, error) && parse_cpu_features(in, cpu, c, error) &&
	       parse_cpu_numa(in, cpu, d, error);
}
