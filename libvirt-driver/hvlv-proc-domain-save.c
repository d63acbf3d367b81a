/* hvlv-proc-domain-save: managed save (182, 183, 184), save (55, 232) and
 * restore (54, 233), with the rules and wording of libvirt's QEMU driver.
 * A managed save image is <state dir>/save/<name>.save; its existence is
 * the domain's "has managed save" state, so it survives daemon restarts.
 * virDomainCreate restores from it (hvlv_managed_save_start) and undefine
 * refuses to leave it behind (hvlv_managed_save_undefine). */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hvlv-domains.h"
#include "hvlv-domxml.h"
#include "hvlv-proc.h"
#include "hvlv-save-image.h"

/* BYPASS_CACHE is accepted as libvirt does; hv writes through the page
 * cache all the same (QEMU writes the stream through a pipe). */
gboolean
hvlv_save_check(guint flags, const char *dxml, HvlvCall *call, GError **error)
{
	if (!hvlv_check_flags(flags, HVLV_SAVE_BYPASS_CACHE | HVLV_SAVE_RUNNING | HVLV_SAVE_PAUSED, call,
	                      error) ||
	    !hvlv_check_exclusive_flags(flags, HVLV_SAVE_RUNNING, "VIR_DOMAIN_SAVE_RUNNING",
	                                HVLV_SAVE_PAUSED, "VIR_DOMAIN_SAVE_PAUSED", error))
		return FALSE;
	if (dxml) {
		hvlv_set_error(error, HVLV_ERR_ARGUMENT_UNSUPPORTED, HVLV_FROM_DRIVER, "%s",
		               _("an alternative domain XML for a saved state is not supported by hv"));
		return FALSE;
	}
	return TRUE;
}

/* The running domain DOM with the call's job begun on it (*JOB_R: the
 * caller ends it) and its configs; "domain is not running" else. */
static HvlvDomainInfo *
hvlv_save_active_info(HvlvCall *call, const hvlv_nonnull_domain *dom, HvlvDomainObj **job_r,
                      GError **error)
{
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, dom, error);
	if (!obj || !hvlv_call_begin_job(call, obj, error))
		return NULL;
	g_autoptr(HvlvDomainJob) G_GNUC_UNUSED job = obj;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, TRUE);
	if (info->id < 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN, "%s",
		               _("domain is not running"));
		return NULL;
	}
	job = NULL;
	*job_r = g_steal_pointer(&obj);
	return g_steal_pointer(&info);
}

/* Saves the running domain INFO to PATH: header with its live XML, the
 * engine's stream, then the rename that makes the image count. */
static gboolean
hvlv_save_domain(HvlvDomains *domains, const HvlvDomainInfo *info, const char *path, guint flags,
                 GError **error)
{
	gboolean running = (flags & HVLV_SAVE_RUNNING) ||
	                   (!(flags & HVLV_SAVE_PAUSED) && info->state == HVLV_DOMAIN_RUNNING);
	g_autoptr(GError) local = NULL;
	g_autofree char *xml = hvlv_domxml_format(info->live ? info->live : info->def,
	                                          HVLV_DOMAIN_XML_SECURE | HVLV_DOMAIN_XML_MIGRATABLE, &local);
	if (!xml) {
		hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
		return FALSE;
	}
	g_autofree char *temp = hvlv_save_image_begin(path, xml, running, error);
	if (!temp)
		return FALSE;
	char uuid[37];
	hvlv_uuid_format(info->uuid, uuid);
	if (!hvlv_domains_engine_save(domains, uuid, temp, error)) {
		g_unlink(temp); /* the guest runs on; no half image stays */
		return FALSE;
	}
	return hvlv_save_image_commit(temp, path, error);
}

gboolean
hvlv_proc_domain_managed_save(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_save_check(a->flags, NULL, call, error))
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = NULL;
	g_autoptr(HvlvDomainInfo) info = hvlv_save_active_info(call, &a->dom, &obj, error);
	if (!info)
		return FALSE;
	g_autoptr(HvlvDomainJob) G_GNUC_UNUSED job = obj;
	if (!info->persistent) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DRIVER, "%s",
		               _("cannot do managed save for transient domain"));
		return FALSE;
	}
	HvlvDomains *domains = hvlv_call_domains(call, error);
	g_autofree char *path = hvlv_managed_save_path(domains, info->name);
	g_autofree char *dir = g_path_get_dirname(path);
	if (g_mkdir_with_parents(dir, 0700) < 0) {
		int err = errno;
		hvlv_set_error(error, HVLV_ERR_SYSTEM_ERROR, HVLV_FROM_DRIVER,
		               _("cannot create directory '%s': %s"), dir, g_strerror(err));
		return FALSE;
	}
	return hvlv_save_domain(domains, info, path, a->flags, error);
}

/* A snapshot of the domain of a call without flags (183, 184). */
static HvlvDomainInfo *
hvlv_save_call_info(HvlvCall *call, const hvlv_domain_flags_args *a, GError **error)
{
	if (!hvlv_check_flags(a->flags, 0, call, error))
		return NULL;
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, &a->dom, error);
	return obj ? hvlv_domain_obj_info(obj, FALSE) : NULL;
}

gboolean
hvlv_proc_domain_has_managed_save(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	g_autoptr(HvlvDomainInfo) info = hvlv_save_call_info(call, args, error);
	if (!info)
		return FALSE;
	((hvlv_int_ret *)ret)->value = info->managed_save ? 1 : 0;
	return TRUE;
}

/* Removes NAME's managed save image; none is fine. */
static gboolean
hvlv_managed_save_unlink(HvlvDomains *domains, const char *name, HvlvErrorNumber number,
                         const char *message, GError **error)
{
	g_autofree char *path = hvlv_managed_save_path(domains, name);
	if (g_unlink(path) == 0 || errno == ENOENT)
		return TRUE;
	int err = errno;
	if (number == HVLV_ERR_SYSTEM_ERROR)
		hvlv_set_error(error, number, HVLV_FROM_DRIVER, "%s '%s': %s", message, path, g_strerror(err));
	else
		hvlv_set_error(error, number, HVLV_FROM_DRIVER, "%s", message);
	return FALSE;
}

gboolean
hvlv_proc_domain_managed_save_remove(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	g_autoptr(HvlvDomainInfo) info = hvlv_save_call_info(call, args, error);
	return info && hvlv_managed_save_unlink(hvlv_call_domains(call, NULL), info->name,
	                                        HVLV_ERR_SYSTEM_ERROR,
	                                        _("Failed to remove managed save file"), error);
}

gboolean
hvlv_managed_save_undefine(HvlvDomains *domains, const char *name, gboolean remove, GError **error)
{
	if (!hvlv_has_managed_save(domains, name))
		return TRUE;
	if (!remove) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DRIVER, "%s",
		               _("Refusing to undefine while domain managed save image exists"));
		return FALSE;
	}
	return hvlv_managed_save_unlink(domains, name, HVLV_ERR_INTERNAL_ERROR,
	                                _("Failed to remove domain managed save image"), error);
}

static gboolean
hvlv_save(HvlvCall *call, const hvlv_nonnull_domain *dom, const char *to, const char *dxml,
          guint flags, GError **error)
{
	if (!hvlv_save_check(flags, dxml, call, error))
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = NULL;
	g_autoptr(HvlvDomainInfo) info = hvlv_save_active_info(call, dom, &obj, error);
	if (!info)
		return FALSE;
	g_autoptr(HvlvDomainJob) G_GNUC_UNUSED job = obj;
	return hvlv_save_domain(hvlv_call_domains(call, NULL), info, to, flags, error);
}

gboolean
hvlv_proc_domain_save(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_save_args *a = args;
	return hvlv_save(call, &a->dom, a->to, NULL, 0, error);
}

gboolean
hvlv_proc_domain_save_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_save_flags_args *a = args;
	return hvlv_save(call, &a->dom, a->to, a->dxml ? *a->dxml : NULL, a->flags, error);
}
