/* hvlv-domxml: the entry points of domain XML parsing and formatting, and
 * validation against libvirt's own schema. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>

#include "hvlv-caps.h"
#include "hvlv-domxml-private.h"
#include "hvlv-error.h"

/* Collects RelaxNG messages as libvirt's virXMLValidateAgainstSchema does. */
static void
hvlv_schema_error(void *data, const xmlError *e)
{
	g_string_append(data, e->message ? e->message : "");
}

/* The compiled schema, loaded once (NULL with ERROR if it cannot be). */
static xmlRelaxNG *
hvlv_domain_schema(const char **path_r, GError **error)
{
	static GMutex lock;
	static xmlRelaxNG *schema;
	static char *path;
	g_mutex_lock(&lock);
	if (!path) {
		const char *dir = g_getenv("HV_LIBVIRT_SCHEMA_DIR");
		path = g_build_filename(dir ? dir : HVLV_LIBVIRT_SCHEMA_DIR, "domain.rng", NULL);
	}
	if (!schema) {
		xmlRelaxNGParserCtxt *ctxt = xmlRelaxNGNewParserCtxt(path);
		schema = ctxt ? xmlRelaxNGParse(ctxt) : NULL;
		xmlRelaxNGFreeParserCtxt(ctxt);
	}
	*path_r = path;
	g_mutex_unlock(&lock);
	if (!schema)
		hvlv_set_error(error, HVLV_ERR_XML_INVALID_SCHEMA, HVLV_FROM_DRIVER,
		               _("Unable to parse schema file %s"), path);
	return schema;
}

static gboolean
hvlv_domxml_validate(HvlvXmlIn *in, GError **error)
{
	const char *path;
	xmlRelaxNG *schema = hvlv_domain_schema(&path, error);
	if (!schema)
		return FALSE;
	xmlRelaxNGValidCtxt *ctxt = xmlRelaxNGNewValidCtxt(schema);
	GString *messages = g_string_new(NULL);
	xmlRelaxNGSetValidStructuredErrors(ctxt, (xmlStructuredErrorFunc)hvlv_schema_error, messages);
	int rc = xmlRelaxNGValidateDoc(ctxt, in->doc);
	xmlRelaxNGFreeValidCtxt(ctxt);
	if (rc != 0)
		hvlv_set_error(error, HVLV_ERR_XML_INVALID_SCHEMA, HVLV_FROM_DRIVER,
		               _("Unable to validate doc against %s\n%s"), path, messages->str);
	g_string_free(messages, TRUE);
	return rc == 0;
}

/* libhv's verdict on the whole domain, as libvirt error numbers. */
static gboolean
hvlv_domxml_check_model(const HvDomain *d, GError **error)
{
	g_autoptr(GError) local = NULL;
	if (!d->maxmem_kib.set) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("Memory size must be specified via <memory> or in the <numa> "
		                 "configuration"));
		return FALSE;
	}
	if (hv_domain_validate(d, &local))
		return TRUE;
	gboolean unsupported = local->domain == HV_ERROR &&
	                       (local->code == HV_ERROR_INVALID || local->code == HV_ERROR_UNSUPPORTED);
	hvlv_set_error(error, unsupported ? HVLV_ERR_CONFIG_UNSUPPORTED : HVLV_ERR_INTERNAL_ERROR,
	               HVLV_FROM_DRIVER, "%s", local->message);
	return FALSE;
}

HvDomain *
hvlv_domxml_parse(const char *xml, unsigned int flags, GError **error)
{
	if (flags & ~HVLV_DOMAIN_DEFINE_VALIDATE) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unsupported flags (0x%x) in function %s"),
		               flags & ~HVLV_DOMAIN_DEFINE_VALIDATE, "hvlv_domxml_parse");
		return NULL;
	}
	g_autoptr(HvlvXmlIn) in = hvlv_xin_new(xml, "(domain_definition)", "domain", error);
	if (!in || ((flags & HVLV_DOMAIN_DEFINE_VALIDATE) && !hvlv_domxml_validate(in, error)))
		return NULL;
	g_autoptr(HvDomain) d = hv_domain_new();
	xmlNode *root = hvlv_xin_root(in);
	if (!hvlv_domxml_parse_general(in, root, d, error) ||
	    !hvlv_domxml_parse_cpus(in, root, d, error) ||
	    !hvlv_domxml_parse_os(in, root, d, error) ||
	    !hvlv_domxml_parse_guest_cpu(in, root, d, error) ||
	    !hvlv_domxml_parse_platform(in, root, d, error) ||
	    !hvlv_domxml_parse_devices(in, root, d, error) || !hvlv_xin_check_all(in, root, error) ||
	    !hvlv_domxml_check_model(d, error))
		return NULL;
	return g_steal_pointer(&d);
}

static const char *
hvlv_domxml_type(const HvDomain *d)
{
	if (d->type == HV_DOMAIN_TYPE_PVH || d->accel == HV_ACCEL_KVM)
		return "kvm";
	if (d->accel == HV_ACCEL_TCG)
		return "qemu";
	return hvlv_caps_kvm_usable() ? "kvm" : "qemu"; /* what hv would pick at start */
}

static void
hvlv_domxml_format_lifecycle(HvlvXmlOut *out, const HvDomain *d)
{
	hvlv_xout_element(out, "on_poweroff", hv_enum_to_string(HV_ENUM_ACTION, d->on_poweroff));
	hvlv_xout_element(out, "on_reboot", hv_enum_to_string(HV_ENUM_ACTION, d->on_reboot));
	hvlv_xout_element(out, "on_crash", hv_enum_to_string(HV_ENUM_ACTION, d->on_crash));
	if (!d->pm.suspend_to_mem && !d->pm.suspend_to_disk)
		return;
	hvlv_xout_push(out, "pm");
	if (d->pm.suspend_to_mem) {
		hvlv_xout_push(out, "suspend-to-mem");
		hvlv_xout_attr_bool(out, "enabled", d->pm.suspend_to_mem, FALSE);
		hvlv_xout_pop(out);
	}
	if (d->pm.suspend_to_disk) {
		hvlv_xout_push(out, "suspend-to-disk");
		hvlv_xout_attr_bool(out, "enabled", d->pm.suspend_to_disk, FALSE);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}

/* Models xl.cfg can name but the libvirt domain schema installed here
 * (libvirt 9.0) cannot: refused, so hv never emits XML that fails
 * virt-xml-validate. */
static gboolean
check_expressible(const HvDomain *d, GError **error)
{
	const char *what = NULL;
	if (d->watchdog.model == HV_WATCHDOG_MODEL_ITCO)
		what = "<watchdog model='itco'>";
	for (guint i = 0; !what && i < d->panics->len; i++)
		if (((HvPanic *)d->panics->pdata[i])->model == HV_PANIC_MODEL_PVPANIC)
			what = "<panic model='pvpanic'>";
	if (!what)
		return TRUE;
	hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
	               _("%s cannot be written as libvirt domain XML by this libvirt version"), what);
	return FALSE;
}

char *
hvlv_domxml_format(const HvDomain *domain, unsigned int flags, GError **error)
{
	const unsigned int known = HVLV_DOMAIN_XML_SECURE | HVLV_DOMAIN_XML_INACTIVE |
	                           HVLV_DOMAIN_XML_UPDATE_CPU | HVLV_DOMAIN_XML_MIGRATABLE;
	if (flags & ~known) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unsupported flags (0x%x) in function %s"), flags & ~known,
		               "hvlv_domxml_format");
		return NULL;
	}
	if (!check_expressible(domain, error))
		return NULL;
	g_autoptr(HvDomain) d = hv_domain_copy(domain);
	hv_domain_apply_defaults(d);
	HvlvXmlOut *out = hvlv_xout_new();
	hvlv_xout_push(out, "domain");
	hvlv_xout_attr(out, "type", hvlv_domxml_type(d));
	hvlv_domxml_format_general(out, d);
	hvlv_domxml_format_cpus(out, d);
	hvlv_domxml_format_os(out, d);
	hvlv_domxml_format_platform(out, d);
	hvlv_domxml_format_guest_cpu(out, d);
	hvlv_domxml_format_clock(out, d);
	hvlv_domxml_format_lifecycle(out, d);
	hvlv_domxml_format_devices(out, d, flags);
	hvlv_xout_pop(out);
	return hvlv_xout_finish(out);
}
