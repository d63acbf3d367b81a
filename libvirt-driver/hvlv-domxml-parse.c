/* hvlv-domxml-parse: <domain>'s identity, memory, lifecycle and CPUs. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "hvlv-domxml-private.h"
#include "hvlv-error.h"

const HvlvXmlEnumAlias hvlv_domxml_no_aliases[] = { { NULL, 0 } };

gboolean
hvlv_domxml_unsupported(xmlNode *node, const char *name, const char *value, GError **error)
{
	hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
	               _("<%s %s='%s'> is not supported by hv"), (const char *)node->name, name,
	               value);
	return FALSE;
}

static gboolean
parse_domain_type(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	const char *type = hvlv_xin_attr(in, root, "type");
	if (!type) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("missing domain type attribute"));
		return FALSE;
	}
	if (strcmp(type, "kvm") == 0)
		d->accel = HV_ACCEL_KVM;
	else if (strcmp(type, "qemu") == 0)
		d->accel = HV_ACCEL_TCG;
	else
		return hvlv_domxml_unsupported(root, "type", type, error);
	d->type = HV_DOMAIN_TYPE_HVM;
	return TRUE;
}

/* libvirt accepts a UUID with or without dashes, in either case. */
static gboolean
parse_uuid(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	g_autofree char *text = hvlv_xin_text(hvlv_xin_child(in, root, "uuid"));
	if (!text)
		return TRUE;
	GString *hex = g_string_new(NULL);
	for (const char *p = text; *p; p++)
		if (*p != '-')
			g_string_append_c(hex, g_ascii_tolower(*p));
	g_autofree char *plain = g_string_free(hex, FALSE);
	if (strlen(plain) == 32)
		d->uuid = g_strdup_printf("%.8s-%.4s-%.4s-%.4s-%.12s", plain, plain + 8, plain + 12,
		                          plain + 16, plain + 20);
	if (!d->uuid || !g_uuid_string_is_valid(d->uuid)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("malformed uuid element"));
		return FALSE;
	}
	return TRUE;
}

/* <metadata>: each child element as XML text, namespaces declared on it,
 * children separated by newlines. */
static void
parse_metadata(HvlvXmlIn *in, xmlNode *root, HvDomain *d)
{
	xmlNode *meta = hvlv_xin_child(in, root, "metadata");
	if (!meta)
		return;
	GString *text = g_string_new(NULL);
	for (xmlNode *n = meta->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
		xmlNode *copy = xmlDocCopyNode(n, doc, 1);
		xmlDocSetRootElement(doc, copy);
		xmlReconciliateNs(doc, copy);
		xmlBuffer *buf = xmlBufferCreate();
		xmlNodeDump(buf, doc, copy, 0, 0);
		g_string_append_printf(text, "%s%s", text->len ? "\n" : "",
		                       (const char *)xmlBufferContent(buf));
		xmlBufferFree(buf);
		xmlFreeDoc(doc);
	}
	hvlv_xin_mark_subtree(in, meta);
	if (text->len)
		d->metadata = g_string_free(text, FALSE);
	else
		g_string_free(text, TRUE);
}

static gboolean
parse_genid(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *genid = hvlv_xin_child(in, root, "genid");
	if (!genid)
		return TRUE;
	d->genid.enabled = HV_TRISTATE_YES;
	g_autofree char *value = hvlv_xin_text(genid);
	if (!*value)
		return TRUE;
	if (!g_uuid_string_is_valid(value)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("malformed genid element"));
		return FALSE;
	}
	d->genid.value = g_ascii_strdown(value, -1);
	return TRUE;
}

static gboolean
parse_identity(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	d->name = hvlv_xin_text(hvlv_xin_child(in, root, "name"));
	if (!d->name || !*d->name) {
		hvlv_set_error(error, HVLV_ERR_NO_NAME, HVLV_FROM_DRIVER, _("missing name information"));
		return FALSE;
	}
	d->title = hvlv_xin_text(hvlv_xin_child(in, root, "title"));
	xmlNode *desc = hvlv_xin_child(in, root, "description");
	if (desc) { /* verbatim, as libvirt keeps it */
		xmlChar *content = xmlNodeGetContent(desc);
		d->description = g_strdup((const char *)content);
		xmlFree(content);
	}
	parse_metadata(in, root, d);
	return parse_uuid(in, root, d, error) && parse_genid(in, root, d, error);
}

static gboolean
parse_memory(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *memory = hvlv_xin_child(in, root, "memory");
	xmlNode *max = hvlv_xin_child(in, root, "maxMemory");
	if (!hvlv_xin_size_kib(in, memory, &d->maxmem_kib, error) ||
	    !hvlv_xin_size_kib(in, hvlv_xin_child(in, root, "currentMemory"), &d->memory_kib, error) ||
	    !hvlv_xin_size_kib(in, max, &d->hotplug_memory_kib, error) ||
	    !hvlv_xin_int(in, max, "slots", 1, 255, &d->memory_slots, error))
		return FALSE;
	if (memory && hvlv_xin_attr(in, memory, "dumpCore"))
		return hvlv_domxml_unsupported(memory, "dumpCore",
		                               hvlv_xin_attr(in, memory, "dumpCore"), error);
	if (!d->maxmem_kib.set && !d->memory_kib.set)
		return TRUE; /* the <numa> cells may give it */
	if (!d->memory_kib.set)
		d->memory_kib = d->maxmem_kib;
	if (!d->maxmem_kib.set)
		d->maxmem_kib = d->memory_kib;
	if (d->memory_kib.value > d->maxmem_kib.value)
		d->memory_kib = d->maxmem_kib; /* libvirt lowers currentMemory too */
	return TRUE;
}

static gboolean
parse_action(HvlvXmlIn *in, xmlNode *root, const char *name, HvAction *action, GError **error)
{
	g_autofree char *text = hvlv_xin_text(hvlv_xin_child(in, root, name));
	int v;
	if (!text)
		return TRUE;
	if (!hv_enum_from_string(HV_ENUM_ACTION, text, &v) || v == HV_ACTION_SOFT_RESET) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("<%s>%s</%s> is not supported by hv"), name, text, name);
		return FALSE;
	}
	*action = (HvAction)v;
	return TRUE;
}

static gboolean
parse_pm(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *pm = hvlv_xin_child(in, root, "pm");
	return hvlv_xin_bool(in, hvlv_xin_child(in, pm, "suspend-to-mem"), "enabled",
	                     &d->pm.suspend_to_mem, error) &&
	       hvlv_xin_bool(in, hvlv_xin_child(in, pm, "suspend-to-disk"), "enabled",
	                     &d->pm.suspend_to_disk, error);
}

gboolean
hvlv_domxml_parse_general(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	return parse_domain_type(in, root, d, error) && parse_identity(in, root, d, error) &&
	       parse_memory(in, root, d, error) &&
	       parse_action(in, root, "on_poweroff", &d->on_poweroff, error) &&
	       parse_action(in, root, "on_reboot", &d->on_reboot, error) &&
	       parse_action(in, root, "on_crash", &d->on_crash, error) && parse_pm(in, root, d, error);
}

/* <vcpu>N</vcpu> is N online vCPUs; current='M' makes N the maximum. */
static gboolean
parse_vcpu(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *vcpu = hvlv_xin_child(in, root, "vcpu");
	HvInt n = { 0, FALSE }, current = { 0, FALSE };
	int placement = 0;
	if (!hvlv_xin_text_int(vcpu, 1, 4096, &n, error) ||
	    !hvlv_xin_int(in, vcpu, "current", 1, 4096, &current, error) ||
	    !hvlv_xin_enum(in, vcpu, "placement", HV_ENUM_PLACEMENT, NULL, &placement, error))
		return FALSE;
	d->vcpu_placement = (HvPlacement)placement;
	d->cpuset = g_strdup(hvlv_xin_attr(in, vcpu, "cpuset"));
	if (current.set && current.value > n.value) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("Maximum CPUs greater than current CPUs"));
		return FALSE;
	}
	d->vcpus = current.set ? current : n;
	if (current.set)
		d->maxvcpus = n;
	return TRUE;
}

static gboolean
parse_cputune(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *tune = hvlv_xin_child(in, root, "cputune");
	if (!tune)
		return TRUE;
	if (!hvlv_xin_text_int(hvlv_xin_child(in, tune, "shares"), 2, 262144, &d->sched.weight, error) ||
	    !hvlv_xin_text_int(hvlv_xin_child(in, tune, "period"), 1000, 1000000, &d->sched.cfs_period,
	                       error) ||
	    !hvlv_xin_text_int(hvlv_xin_child(in, tune, "quota"), -1, 17592186044415LL,
	                       &d->sched.cfs_quota, error))
		return FALSE;
	g_autoptr(GPtrArray) pins = hvlv_xin_children(in, tune, "vcpupin");
	for (guint i = 0; i < pins->len; i++) {
		g_autoptr(HvVcpuPin) pin = hv_vcpu_pin_new();
		if (!hvlv_xin_int(in, pins->pdata[i], "vcpu", 0, 4095, &pin->vcpu, error))
			return FALSE;
		pin->cpuset = g_strdup(hvlv_xin_attr(in, pins->pdata[i], "cpuset"));
		g_ptr_array_add(d->vcpu_pins, g_steal_pointer(&pin));
	}
	d->emulator_pin = g_strdup(hvlv_xin_attr(in, hvlv_xin_child(in, tune, "emulatorpin"), "cpuset"));
	return TRUE;
}

static gboolean
parse_numatune(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *tune = hvlv_xin_child(in, root, "numatune");
	xmlNode *mem = hvlv_xin_child(in, tune, "memory");
	int mode = 0, placement = 0;
	if (!hvlv_xin_enum(in, mem, "mode", HV_ENUM_NUMA_MODE, NULL, &mode, error) ||
	    !hvlv_xin_enum(in, mem, "placement", HV_ENUM_PLACEMENT, NULL, &placement, error))
		return FALSE;
	d->numatune.mode = (HvNumaMode)mode;
	d->numatune.placement = (HvPlacement)placement;
	d->numatune.nodeset = g_strdup(hvlv_xin_attr(in, mem, "nodeset"));
	g_autoptr(GPtrArray) nodes = hvlv_xin_children(in, tune, "memnode");
	for (guint i = 0; i < nodes->len; i++) {
		g_autoptr(HvNumaMemnode) node = hv_numa_memnode_new();
		mode = 0;
		if (!hvlv_xin_int(in, nodes->pdata[i], "cellid", 0, 255, &node->cellid, error) ||
		    !hvlv_xin_enum(in, nodes->pdata[i], "mode", HV_ENUM_NUMA_MODE, NULL, &mode, error))
			return FALSE;
		node->mode = (HvNumaMode)mode;
		node->nodeset = g_strdup(hvlv_xin_attr(in, nodes->pdata[i], "nodeset"));
		g_ptr_array_add(d->numatune.memnodes, g_steal_pointer(&node));
	}
	return TRUE;
}

gboolean
hvlv_domxml_parse_cpus(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	return parse_vcpu(in, root, d, error) && parse_cputune(in, root, d, error) &&
	       parse_numatune(in, root, d, error);
}
