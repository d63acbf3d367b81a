/* hvlv-proc-domain-metadata: virDomainSetMetadata / virDomainGetMetadata,
 * with the metadata-change event libvirt's QEMU driver sends. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-metadata.h"
#include "hvlv-proc.h"

static gboolean
hvlv_edit_metadata(HvDomain *def, gpointer data, GError **error)
{
	const hvlv_domain_set_metadata_args *a = data;
	return hvlv_metadata_set(def, a->type, a->metadata ? *a->metadata : NULL,
	                         a->key ? *a->key : NULL, a->uri ? *a->uri : NULL, error);
}

gboolean
hvlv_proc_domain_set_metadata(HvlvCall *call, gpointer args, G_GNUC_UNUSED gpointer ret,
                              GError **error)
{
	const hvlv_domain_set_metadata_args *a = args;
	if (!hvlv_check_flags(a->flags, HVLV_AFFECT_LIVE | HVLV_AFFECT_CONFIG, call, error))
		return FALSE;
	HvlvDomains *domains = hvlv_call_domains(call, error);
	g_autoptr(HvlvDomainObj) obj = domains ? hvlv_call_domain_obj(call, &a->dom, error) : NULL;
	if (!obj || !hvlv_domain_obj_edit(obj, a->flags, hvlv_edit_metadata, args, error))
		return FALSE;
	hvlv_domains_emit_metadata_change(domains, obj, a->type,
	                                  a->type == HVLV_METADATA_ELEMENT && a->uri ? *a->uri : NULL);
	return TRUE;
}

gboolean
hvlv_proc_domain_get_metadata(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_get_metadata_args *a = args;
	if (!hvlv_check_flags(a->flags, HVLV_AFFECT_LIVE | HVLV_AFFECT_CONFIG, call, error))
		return FALSE;
	if (!HVLV_CHECK_AFFECT_EXCLUSIVE(a->flags, error))
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, &a->dom, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, TRUE);
	gboolean active = info->id >= 0;
	if ((a->flags & HVLV_AFFECT_LIVE) && !active) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("domain is not running"));
		return FALSE;
	}
	gboolean live = active && !(a->flags & HVLV_AFFECT_CONFIG);
	char *value = hvlv_metadata_get(live ? info->live : info->def, a->type, a->uri ? *a->uri : NULL,
	                                error);
	((hvlv_string_ret *)ret)->str = value;
	return value != NULL;
}
