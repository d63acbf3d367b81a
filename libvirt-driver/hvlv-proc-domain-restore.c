/* hvlv-proc-domain-restore: bringing a saved state back, from a file
 * (restore 54, 233) or from the managed save image when a domain starts
 * (hvlv_managed_save_start, for create 9 and 196), as libvirt's QEMU
 * driver does: the image's XML is the running config, the guest continues
 * where it was (STARTED/RESTORED), paused if it was saved paused or the
 * caller asks so. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hvlv-domains.h"
#include "hvlv-domxml.h"
#include "hvlv-proc.h"
#include "hvlv-save-image.h"

/* The domain config an image carries. */
static HvDomain *
hvlv_restore_def(const HvlvSaveImage *image, GError **error)
{
	g_autoptr(GError) local = NULL;
	HvDomain *def = hvlv_domxml_parse(image->xml, 0, &local);
	if (!def)
		hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
	return def;
}

/* Starts DEF from IMAGE at PATH; paused when asked or saved paused. */
static gboolean
hvlv_restore_run(HvlvDomains *domains, const HvDomain *def, const HvlvSaveImage *image,
                 const char *path, gboolean paused, GError **error)
{
	paused = paused || !image->running;
	return hvlv_domains_engine_restore(domains, def, path, image->offset,
	                                   paused ? HV_START_PAUSED : 0, error);
}

gboolean
hvlv_managed_save_start(HvlvDomains *domains, const char *name, const guint8 *uuid_bytes,
                        gboolean paused, gboolean force_boot, gboolean *handled_r, GError **error)
{
	*handled_r = FALSE;
	g_autofree char *path = hvlv_managed_save_path(domains, name);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		return TRUE;
	if (force_boot) { /* a fresh boot makes the image stale */
		g_unlink(path);
		return TRUE;
	}
	*handled_r = TRUE;
	g_autoptr(HvlvSaveImage) image = hvlv_save_image_read(path, error);
	g_autoptr(HvDomain) def = image ? hvlv_restore_def(image, error) : NULL;
	if (!def)
		return FALSE;
	char uuid[37];
	hvlv_uuid_format(uuid_bytes, uuid);
	if (g_ascii_strcasecmp(def->uuid ? def->uuid : "", uuid) != 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER,
		               _("managed save image '%s' belongs to another domain"), path);
		return FALSE;
	}
	/* a failed restore keeps the image, as libvirt does: nothing is lost */
	if (!hvlv_restore_run(domains, def, image, path, paused, error))
		return FALSE;
	if (g_unlink(path) < 0)
		g_debug("managed save image %s not removed after restore", path);
	return TRUE;
}

/* The object the image's domain is restored into: the defined one (which
 * must be shut off and have the same name) or a new transient one. */
static HvlvDomainObj *
hvlv_restore_target(HvlvDomains *domains, const HvDomain *def, gboolean *added_r, GError **error)
{
	guint8 uuid[16];
	*added_r = FALSE;
	g_autoptr(HvlvDomainObj) obj = hvlv_uuid_parse(def->uuid, uuid)
	                                       ? hvlv_domains_lookup_by_uuid(domains, uuid, NULL) : NULL;
	if (!obj) {
		*added_r = TRUE;
		return hvlv_domains_add_transient(domains, hv_domain_copy(def), HVLV_DOMAIN_PAUSED,
		                                  HV_PAUSED_STARTING_UP, error);
	}
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	if (g_strcmp0(info->name, def->name) != 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER,
		               _("domain '%s' is already defined with uuid %s"), info->name, def->uuid);
		return NULL;
	}
	if (info->id >= 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DRIVER,
		               _("domain '%s' is already active"), info->name);
		return NULL;
	}
	return g_steal_pointer(&obj);
}

static gboolean
hvlv_restore(HvlvCall *call, const char *from, const char *dxml, guint flags, GError **error)
{
	if (!hvlv_save_check(flags, dxml, call, error))
		return FALSE;
	HvlvDomains *domains = hvlv_call_domains(call, error);
	g_autoptr(HvlvSaveImage) image = domains ? hvlv_save_image_read(from, error) : NULL;
	g_autoptr(HvDomain) def = image ? hvlv_restore_def(image, error) : NULL;
	gboolean added = FALSE;
	g_autoptr(HvlvDomainObj) obj = def ? hvlv_restore_target(domains, def, &added, error) : NULL;
	if (!obj)
		return FALSE;
	gboolean paused = (flags & HVLV_SAVE_PAUSED) != 0;
	if (flags & HVLV_SAVE_RUNNING)
		image->running = TRUE;
	if (!hvlv_restore_run(domains, def, image, from, paused, error)) {
		if (added) /* the transient domain goes again */
			hvlv_domains_set_state(domains, obj, HVLV_DOMAIN_SHUTOFF, HV_SHUTOFF_FAILED, NULL, -1, 0);
		return FALSE;
	}
	return TRUE;
}

gboolean
hvlv_proc_domain_restore(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	return hvlv_restore(call, ((hvlv_domain_restore_args *)args)->from, NULL, 0, error);
}

gboolean
hvlv_proc_domain_restore_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_restore_flags_args *a = args;
	return hvlv_restore(call, a->from, a->dxml ? *a->dxml : NULL, a->flags, error);
}
