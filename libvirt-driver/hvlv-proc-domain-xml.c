/* hvlv-proc-domain-xml: defining, undefining and describing domains. */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-domxml.h"
#include "hvlv-proc.h"

/* virDomainDefineFlags */
#define DEFINE_VALIDATE (1 << 0)

/* virDomainUndefineFlagsValues */
enum {
	UNDEFINE_MANAGED_SAVE = 1 << 0,
	UNDEFINE_SNAPSHOTS_METADATA = 1 << 1,
	UNDEFINE_NVRAM = 1 << 2,
	UNDEFINE_KEEP_NVRAM = 1 << 3,
	UNDEFINE_CHECKPOINTS_METADATA = 1 << 4,
	UNDEFINE_KEEP_TPM = 1 << 5,
	UNDEFINE_TPM = 1 << 6,
	UNDEFINE_ALL = (1 << 7) - 1,
};

/* virDomainXMLFlags */
enum {
	XML_SECURE = 1 << 0,
	XML_INACTIVE = 1 << 1,
	XML_UPDATE_CPU = 1 << 2,
	XML_MIGRATABLE = 1 << 3,
};

static gboolean
hvlv_define(HvlvCall *call, const char *xml, guint flags, gpointer ret, GError **error)
{
	if (!hvlv_check_flags(flags, DEFINE_VALIDATE, call, error))
		return FALSE;
	HvlvDomains *domains = hvlv_call_domains(call, error);
	g_autoptr(GError) local = NULL;
	HvDomain *def = domains ? hvlv_domxml_parse(xml, flags, &local) : NULL;
	if (local) {
		hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
		return FALSE;
	}
	if (!def)
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = hvlv_domains_define(domains, def, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	hvlv_domain_to_wire(&((hvlv_domain_ret *)ret)->dom, info);
	return TRUE;
}

gboolean
hvlv_proc_domain_define_xml(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	return hvlv_define(call, ((hvlv_domain_define_xml_args *)args)->xml, 0, ret, error);
}

gboolean
hvlv_proc_domain_define_xml_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_define_xml_flags_args *a = args;
	return hvlv_define(call, a->xml, a->flags, ret, error);
}

/* The NVRAM rules of libvirt's QEMU driver: an existing NVRAM file goes
 * with UNDEFINE_NVRAM, stays with KEEP_NVRAM, and blocks undefine else. */
static gboolean
hvlv_undefine_nvram(const HvDomain *def, guint flags, GError **error)
{
	const char *nvram = def->os.nvram;
	if (!nvram || !g_file_test(nvram, G_FILE_TEST_EXISTS) || (flags & UNDEFINE_KEEP_NVRAM))
		return TRUE;
	if (!(flags & UNDEFINE_NVRAM)) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DRIVER,
		               _("cannot undefine domain with nvram"));
		return FALSE;
	}
	if (unlink(nvram) < 0) {
		int err = errno;
		hvlv_set_error(error, HVLV_ERR_SYSTEM_ERROR, HVLV_FROM_DRIVER,
		               _("failed to remove nvram: %s: %s"), nvram, g_strerror(err));
		return FALSE;
	}
	return TRUE;
}

/* hv keeps no snapshot or checkpoint metadata and no TPM state of its
 * own, so those flags have nothing to remove; a managed save image is
 * libvirt's rule (hvlv_managed_save_undefine), checked before NVRAM. */
static gboolean
hvlv_undefine(HvlvCall *call, const hvlv_nonnull_domain *dom, guint flags, GError **error)
{
	if (!hvlv_check_flags(flags, UNDEFINE_ALL, call, error) ||
	    !hvlv_check_exclusive_flags(flags, UNDEFINE_NVRAM, "VIR_DOMAIN_UNDEFINE_NVRAM",
	                          UNDEFINE_KEEP_NVRAM, "VIR_DOMAIN_UNDEFINE_KEEP_NVRAM", error) ||
	    !hvlv_check_exclusive_flags(flags, UNDEFINE_TPM, "VIR_DOMAIN_UNDEFINE_TPM", UNDEFINE_KEEP_TPM,
	                          "VIR_DOMAIN_UNDEFINE_KEEP_TPM", error))
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, dom, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, TRUE);
	if (!info->persistent) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("cannot undefine transient domain"));
		return FALSE;
	}
	HvlvDomains *domains = hvlv_call_domains(call, error);
	return hvlv_managed_save_undefine(domains, info->name, (flags & UNDEFINE_MANAGED_SAVE) != 0,
	                                  error) &&
	       hvlv_undefine_nvram(info->def, flags, error) && hvlv_domains_undefine(domains, obj, error);
}

gboolean
hvlv_proc_domain_undefine(HvlvCall *call, gpointer args, G_GNUC_UNUSED gpointer ret,
                          GError **error)
{
	return hvlv_undefine(call, &((hvlv_domain_args *)args)->dom, 0, error);
}

gboolean
hvlv_proc_domain_undefine_flags(HvlvCall *call, gpointer args, G_GNUC_UNUSED gpointer ret,
                                GError **error)
{
	const hvlv_domain_flags_args *a = args;
	return hvlv_undefine(call, &a->dom, a->flags, error);
}

gboolean
hvlv_proc_domain_get_xml_desc(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, XML_SECURE | XML_INACTIVE | XML_UPDATE_CPU | XML_MIGRATABLE,
	                      call, error))
		return FALSE;
	if ((a->flags & XML_SECURE) && hvlv_client_is_readonly(hvlv_call_client(call))) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_DENIED, HVLV_FROM_DOMAIN,
		               _("virDomainGetXMLDesc with secure flag"));
		return FALSE;
	}
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, &a->dom, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, TRUE);
	/* the running config, unless INACTIVE asks for the next boot's */
	const HvDomain *def = info->live && !(a->flags & XML_INACTIVE) ? info->live : info->def;
	g_autoptr(GError) local = NULL;
	char *xml = hvlv_domxml_format(def, a->flags, &local);
	if (!xml) {
		hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
		return FALSE;
	}
	((hvlv_string_ret *)ret)->str = xml;
	return TRUE;
}
