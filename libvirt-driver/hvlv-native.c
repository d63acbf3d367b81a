/* hvlv-native: xl.cfg <-> domain XML through libhv's model. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-caps.h"
#include "hvlv-domxml.h"
#include "hvlv-error.h"
#include "hvlv-native.h"

/* The xl.cfg dialect FORMAT names. */
static gboolean
hvlv_native_dialect(const char *format, HvXlcfgDialect *dialect_r, GError **error)
{
	if (g_strcmp0(format, "hv") == 0)
		*dialect_r = HV_XLCFG_HV;
	else if (g_strcmp0(format, "xen-xl") == 0)
		*dialect_r = HV_XLCFG_XEN;
	else {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unsupported config type %s"), format ? format : "(null)");
		return FALSE;
	}
	return TRUE;
}

/* A libhv error as the libvirt error a driver gives for it. */
static void
hvlv_native_error(const GError *local, GError **error)
{
	HvlvErrorNumber number = HVLV_ERR_INTERNAL_ERROR;
	if (local->domain == HV_ERROR && local->code == HV_ERROR_PARSE)
		number = HVLV_ERR_CONF_SYNTAX;
	else if (local->domain == HV_ERROR &&
	         (local->code == HV_ERROR_INVALID || local->code == HV_ERROR_UNSUPPORTED))
		number = HVLV_ERR_CONFIG_UNSUPPORTED;
	hvlv_set_error(error, number, HVLV_FROM_DRIVER, "%s", local->message);
}

/* What XML always states and Xen's xl leaves implied: the accelerator and
 * arch (libvirt's domain and os type), hv's default machine, a disk's
 * file source. */
static void
hvlv_native_drop_implied(HvDomain *d)
{
	d->accel = HV_ACCEL_UNSET;
	g_clear_pointer(&d->arch, g_free);
	if (g_strcmp0(d->machine, "q35") == 0)
		g_clear_pointer(&d->machine, g_free);
	for (guint i = 0; i < d->disks->len; i++) {
		HvDisk *k = d->disks->pdata[i];
		if (k->source_type == HV_DISK_SOURCE_FILE)
			k->source_type = HV_DISK_SOURCE_UNSET;
	}
}

char *
hvlv_native_from_xml(const char *format, const char *xml, GError **error)
{
	HvXlcfgDialect dialect;
	if (!hvlv_native_dialect(format, &dialect, error))
		return NULL;
	g_autoptr(HvDomain) d = hvlv_domxml_parse(xml, 0, error);
	if (!d)
		return NULL;
	if (dialect == HV_XLCFG_XEN)
		hvlv_native_drop_implied(d);
	g_autoptr(GError) local = NULL;
	char *text = hv_xlcfg_format(d, dialect, &local);
	if (!text)
		hvlv_native_error(local, error);
	return text;
}

char *
hvlv_xml_from_native(const char *format, const char *native, GError **error)
{
	HvXlcfgDialect dialect;
	if (!hvlv_native_dialect(format, &dialect, error))
		return NULL;
	if (!native) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER, _("no config given"));
		return NULL;
	}
	g_autoptr(GError) local = NULL;
	g_autoptr(HvDomain) d = hv_xlcfg_parse(native, -1, "(native config)", dialect, NULL, &local);
	if (!d) {
		hvlv_native_error(local, error);
		return NULL;
	}
	return hvlv_domxml_format(d, HVLV_DOMAIN_XML_SECURE, error);
}
