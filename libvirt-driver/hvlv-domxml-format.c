/* hvlv-domxml-format: <domain>'s identity, memory and CPUs, mirroring
 * hvlv-domxml-parse.c and hvlv-domxml-parse-cpu.c. */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>

#include "hvlv-domxml-private.h"

/* The stored <metadata> children, each written on its own. */
static void
format_metadata(HvlvXmlOut *out, const char *metadata)
{
	if (!metadata)
		return;
	g_autofree char *wrapped = g_strdup_printf("<metadata>%s</metadata>", metadata);
	xmlDoc *doc = xmlReadMemory(wrapped, (int)strlen(wrapped), NULL, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return; /* the parser stored it, so it is well-formed */
	hvlv_xout_push(out, "metadata");
	for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlBuffer *buf = xmlBufferCreate();
		xmlNodeDump(buf, doc, n, 0, 0);
		hvlv_xout_raw(out, (const char *)xmlBufferContent(buf));
		xmlBufferFree(buf);
	}
	hvlv_xout_pop(out);
	xmlFreeDoc(doc);
}

void
hvlv_domxml_format_general(HvlvXmlOut *out, const HvDomain *d)
{
	hvlv_xout_element(out, "name", d->name);
	hvlv_xout_element(out, "uuid", d->uuid);
	if (d->genid.enabled == HV_TRISTATE_YES)
		hvlv_xout_element(out, "genid", d->genid.value ? d->genid.value : "");
	hvlv_xout_element(out, "title", d->title);
	hvlv_xout_element(out, "description", d->description);
	format_metadata(out, d->metadata);
	if (d->hotplug_memory_kib.set) {
		hvlv_xout_push(out, "maxMemory");
		hvlv_xout_attr_int(out, "slots", d->memory_slots);
		hvlv_xout_attr(out, "unit", "KiB");
		g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, d->hotplug_memory_kib.value);
		hvlv_xout_text(out, text);
		hvlv_xout_pop(out);
	}
	hvlv_xout_size_kib(out, "memory", d->maxmem_kib);
	hvlv_xout_size_kib(out, "currentMemory", d->memory_kib);
}

static void
format_vcpu(HvlvXmlOut *out, const HvDomain *d)
{
	gboolean has_max = d->maxvcpus.set && d->maxvcpus.value != d->vcpus.value;
	hvlv_xout_push(out, "vcpu");
	hvlv_xout_attr(out, "placement", hv_enum_to_string(HV_ENUM_PLACEMENT, d->vcpu_placement));
	hvlv_xout_attr(out, "cpuset", d->cpuset);
	if (has_max)
		hvlv_xout_attr_int(out, "current", d->vcpus);
	g_autofree char *n = g_strdup_printf("%" G_GINT64_FORMAT,
	                                     has_max ? d->maxvcpus.value : d->vcpus.value);
	hvlv_xout_text(out, n);
	hvlv_xout_pop(out);
}

static void
format_cputune(HvlvXmlOut *out, const HvDomain *d)
{
	const HvSched *s = &d->sched;
	if (!s->weight.set && !s->cfs_period.set && !s->cfs_quota.set && !d->vcpu_pins->len &&
	    !d->emulator_pin)
		return;
	hvlv_xout_push(out, "cputune");
	hvlv_xout_element_int(out, "shares", s->weight);
	hvlv_xout_element_int(out, "period", s->cfs_period);
	hvlv_xout_element_int(out, "quota", s->cfs_quota);
	for (guint i = 0; i < d->vcpu_pins->len; i++) {
		const HvVcpuPin *pin = d->vcpu_pins->pdata[i];
		hvlv_xout_push(out, "vcpupin");
		hvlv_xout_attr_int(out, "vcpu", pin->vcpu);
		hvlv_xout_attr(out, "cpuset", pin->cpuset);
		hvlv_xout_pop(out);
	}
	if (d->emulator_pin) {
		hvlv_xout_push(out, "emulatorpin");
		hvlv_xout_attr(out, "cpuset", d->emulator_pin);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}

static void
format_numatune(HvlvXmlOut *out, const HvNumatune *t)
{
	if (!t->mode && !t->placement && !t->nodeset && !t->memnodes->len)
		return;
	hvlv_xout_push(out, "numatune");
	if (t->mode || t->placement || t->nodeset) {
		hvlv_xout_push(out, "memory");
		hvlv_xout_attr(out, "mode", hv_enum_to_string(HV_ENUM_NUMA_MODE, t->mode));
		hvlv_xout_attr(out, "nodeset", t->nodeset);
		hvlv_xout_attr(out, "placement", hv_enum_to_string(HV_ENUM_PLACEMENT, t->placement));
		hvlv_xout_pop(out);
	}
	for (guint i = 0; i < t->memnodes->len; i++) {
		const HvNumaMemnode *m = t->memnodes->pdata[i];
		hvlv_xout_push(out, "memnode");
		hvlv_xout_attr_int(out, "cellid", m->cellid);
		hvlv_xout_attr(out, "mode", hv_enum_to_string(HV_ENUM_NUMA_MODE, m->mode));
		hvlv_xout_attr(out, "nodeset", m->nodeset);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}

void
hvlv_domxml_format_cpus(HvlvXmlOut *out, const HvDomain *d)
{
	format_vcpu(out, d);
	format_cputune(out, d);
	format_numatune(out, &d->numatune);
}

static void
format_cell(HvlvXmlOut *out, guint id, const HvVnumaNode *node)
{
	hvlv_xout_push(out, "cell");
	hvlv_xout_attr_int(out, "id", HV_INT(id));
	hvlv_xout_attr(out, "cpus", node->vcpus);
	hvlv_xout_attr_int(out, "memory", node->memory_kib);
	hvlv_xout_attr(out, "unit", "KiB");
	if (node->distances) {
		g_auto(GStrv) values = g_strsplit(node->distances, ",", -1);
		hvlv_xout_push(out, "distances");
		for (guint i = 0; values[i]; i++) {
			hvlv_xout_push(out, "sibling");
			hvlv_xout_attr_int(out, "id", HV_INT(i));
			hvlv_xout_attr(out, "value", values[i]);
			hvlv_xout_pop(out);
		}
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}

static void
format_cpu_model(HvlvXmlOut *out, const HvCpu *c)
{
	if (c->model) {
		hvlv_xout_push(out, "model");
		hvlv_xout_attr(out, "fallback", hv_enum_to_string(HV_ENUM_CPU_FALLBACK, c->fallback));
		hvlv_xout_text(out, c->model);
		hvlv_xout_pop(out);
	}
	hvlv_xout_element(out, "vendor", c->vendor);
	const HvCpuTopology *t = &c->topology;
	if (t->sockets.set || t->dies.set || t->cores.set || t->threads.set) {
		hvlv_xout_push(out, "topology");
		hvlv_xout_attr_int(out, "sockets", t->sockets);
		hvlv_xout_attr_int(out, "dies", t->dies);
		hvlv_xout_attr_int(out, "cores", t->cores);
		hvlv_xout_attr_int(out, "threads", t->threads);
		hvlv_xout_pop(out);
	}
	for (guint i = 0; i < c->features->len; i++) {
		const HvCpuFeature *f = c->features->pdata[i];
		hvlv_xout_push(out, "feature");
		hvlv_xout_attr(out, "policy", hv_enum_to_string(HV_ENUM_CPU_POLICY, f->policy));
		hvlv_xout_attr(out, "name", f->name);
		hvlv_xout_pop(out);
	}
}

void
hvlv_domxml_format_guest_cpu(HvlvXmlOut *out, const HvDomain *d)
{
	const HvCpu *c = &d->cpu;
	const HvCpuTopology *t = &c->topology;
	if (!c->mode && !c->match && !c->check && !c->migratable && !c->model && !c->vendor &&
	    !t->sockets.set && !t->dies.set && !t->cores.set && !t->threads.set &&
	    !c->features->len && !d->vnuma->len)
		return;
	hvlv_xout_push(out, "cpu");
	hvlv_xout_attr(out, "mode", hv_enum_to_string(HV_ENUM_CPU_MODE, c->mode));
	hvlv_xout_attr(out, "match", hv_enum_to_string(HV_ENUM_CPU_MATCH, c->match));
	hvlv_xout_attr(out, "check", hv_enum_to_string(HV_ENUM_CPU_CHECK, c->check));
	hvlv_xout_attr_bool(out, "migratable", c->migratable, TRUE);
	format_cpu_model(out, c);
	if (d->vnuma->len) {
		hvlv_xout_push(out, "numa");
		for (guint i = 0; i < d->vnuma->len; i++)
			format_cell(out, i, d->vnuma->pdata[i]);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}
