/* disk = [ "DISKSPEC", ... ] (xl-disk-configuration(5)): named keys,
 * flags, the positional form "target,format,vdev,access" and the
 * deprecated "phy:/dev/x,xvda,w" form xend used. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/devices.h"
#include "xlcfg/spec.h"

/* in->positionals bits: which positional parameters were given */
enum { SEEN_TARGET = 1, SEEN_FORMAT = 2, SEEN_ACCESS = 4 };

static gboolean
parse_access(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvDisk *d = in->obj;
	(void)k;
	if (strcmp(value, "r") == 0 || strcmp(value, "ro") == 0)
		d->access = HV_DISK_ACCESS_RO;
	else if (strcmp(value, "w") == 0 || strcmp(value, "rw") == 0 || !*value)
		d->access = HV_DISK_ACCESS_RW;
	else
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("access: \"%s\" is not ro, r, rw or w"), value);
	in->positionals |= SEEN_ACCESS;
	return TRUE;
}

static gboolean
parse_devtype(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvDisk *d = in->obj;
	(void)k;
	if (!hv_enum_from_string(HV_ENUM_DISK_DEVICE, value, (int *)&d->devtype))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("devtype: \"%s\" is not disk or cdrom"), value);
	if (d->devtype == HV_DISK_DEVICE_FLOPPY && in->xl->dialect == HV_XLCFG_XEN)
		return hv__spec_fail(in, HV_ERROR_UNSUPPORTED, error,
		                     _("devtype: floppy is hv's, Xen's xl has no floppy disks"));
	return TRUE;
}

static gboolean
format_devtype(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvDisk *d = out->obj;
	(void)k;
	if (d->devtype == HV_DISK_DEVICE_UNSET)
		return TRUE;
	if (d->devtype == HV_DISK_DEVICE_FLOPPY && !hv__xl_hv_only(out->xl, "disk devtype floppy",
	                                                           "devtype=floppy", error))
		return FALSE;
	return hv__spec_add(out, "devtype", hv_enum_to_string(HV_ENUM_DISK_DEVICE, d->devtype), error);
}

static gboolean
parse_format(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvDisk *d = in->obj;
	(void)k;
	in->positionals |= SEEN_FORMAT;
	if (!*value || strcmp(value, "empty") == 0)
		return TRUE;
	if (!hv_enum_from_string(HV_ENUM_DISK_FORMAT, value, (int *)&d->format))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("format: \"%s\" is not raw, qcow, qcow2, vhd or qed"), value);
	return TRUE;
}

static gboolean
parse_backendtype(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvDisk *d = in->obj;
	(void)k;
	if (!hv_enum_from_string(HV_ENUM_DISK_BACKEND, value, (int *)&d->backendtype))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("backendtype: \"%s\" is not phy, qdisk, tap or standalone"), value);
	hv__spec_warn(in, _("backendtype %s has no meaning on KVM (QEMU opens the target itself); it "
	                    "is kept"),
	              value);
	return TRUE;
}

static gboolean
parse_target(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvDisk *d = in->obj;
	(void)k;
	(void)error;
	g_free(d->target);
	/* xl: a target that is not an absolute path names a device in /dev,
	 * unless a block script interprets it */
	if (!*value)
		d->target = NULL;
	else if (value[0] != '/' && !d->script)
		d->target = g_strconcat("/dev/", value, NULL);
	else
		d->target = g_strdup(value);
	in->positionals |= SEEN_TARGET;
	return TRUE;
}

static gboolean
format_target(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvDisk *d = out->obj;
	(void)k;
	return !d->target || hv__spec_add(out, "target", d->target, error);
}

/* "hdc:cdrom", xend's way of giving vdev and device type at once. */
static gboolean
vdev_and_devtype(HvSpecIn *in, const char *item, GError **error)
{
	HvDisk *d = in->obj;
	const char *colon = strrchr(item, ':');
	g_free(d->vdev);
	d->vdev = colon ? g_strndup(item, colon - item) : g_strdup(item);
	if (!colon)
		return TRUE;
	if (strcmp(colon + 1, "cdrom") == 0)
		d->devtype = HV_DISK_DEVICE_CDROM;
	else if (strcmp(colon + 1, "disk") == 0)
		d->devtype = HV_DISK_DEVICE_DISK;
	else
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("\"%s\": \"%s\" is not a device type (cdrom or disk)"), item,
		                     colon + 1);
	return TRUE;
}

/* xend's prefixes on the target: "phy:", "file:", "tap:aio:" are dropped,
 * "raw:", "qcow:", "qcow2:", "vhd:" give the format, "iscsi:" and friends
 * the block script. */
static gboolean
strip_prefixes(HvSpecIn *in, const char **item, GError **error)
{
	static const char *const ignored[] = { "tapdisk", "tap", "tap2", "aio", "ioemu", "file", "phy", NULL };
	static const char *const scripts[] = { "iscsi", "nbd", "enbd", "drbd", NULL };
	HvDisk *d = in->obj;
	const char *colon;
	while ((colon = strchr(*item, ':')) != NULL) {
		g_autofree char *prefix = g_strndup(*item, colon - *item);
		int format;
		if (hv_enum_from_string(HV_ENUM_DISK_FORMAT, prefix, &format) && format != HV_DISK_FORMAT_QED)
			d->format = format;
		else if (g_strv_contains(scripts, prefix))
			d->script = g_strconcat("block-", prefix, NULL);
		else if (!g_strv_contains(ignored, prefix))
			break;
		hv__spec_warn(in, _("the prefix \"%s:\" is deprecated (xend syntax)"), prefix);
		in->flag = TRUE;
		*item = colon + 1;
	}
	return TRUE;
	(void)error;
}

static gboolean
disk_positional(HvSpecIn *in, const char *item, GError **error)
{
	HvDisk *d = in->obj;
	if (strcmp(item, "cdrom") == 0) {
		d->devtype = HV_DISK_DEVICE_CDROM;
		return TRUE;
	}
	if (!(in->positionals & SEEN_TARGET))
		return strip_prefixes(in, &item, error) && parse_target(in, NULL, item, error);
	if (!in->flag && !(in->positionals & SEEN_FORMAT)) {
		if (!d->target && strchr(item, ':')) {
			in->positionals |= SEEN_FORMAT;
			return vdev_and_devtype(in, item, error);
		}
		return parse_format(in, NULL, item, error);
	}
	if (!d->vdev)
		return vdev_and_devtype(in, item, error);
	if (!(in->positionals & SEEN_ACCESS))
		return parse_access(in, NULL, item, error);
	return hv__spec_fail(in, HV_ERROR_INVALID, error,
	                     _("\"%s\": too many positional parameters in the disk spec"), item);
}

#define K(key, kind, field, e, fl, p, f, note) \
	{ key, kind, offsetof(HvDisk, field), e, fl, p, f, note }

static const char no_effect_xen[] = N_("a setting of Xen's block backends");

static const HvSpecKey disk_keys[] = {
	K("format", HV__SK_CUSTOM, format, HV_ENUM_DISK_FORMAT, 0, parse_format, hv__spec_format_enum, NULL),
	K("vdev", HV__SK_STRING, vdev, 0, 0, NULL, NULL, NULL),
	K("access", HV__SK_CUSTOM, access, HV_ENUM_DISK_ACCESS, 0, parse_access, hv__spec_format_enum, NULL),
	K("devtype", HV__SK_CUSTOM, devtype, 0, 0, parse_devtype, format_devtype, NULL),
	K("backendtype", HV__SK_CUSTOM, backendtype, HV_ENUM_DISK_BACKEND, 0, parse_backendtype, hv__spec_format_enum, NULL),
	K("script", HV__SK_STRING, script, 0, 0, NULL, NULL, NULL),
	K("source", HV__SK_ENUM, source_type, HV_ENUM_DISK_SOURCE, HV__XF_HV, NULL, NULL, NULL),
	K("bus", HV__SK_ENUM, bus, HV_ENUM_DISK_BUS, HV__XF_HV, NULL, NULL, NULL),
	K("cache", HV__SK_ENUM, cache, HV_ENUM_DISK_CACHE, HV__XF_HV, NULL, NULL, NULL),
	K("io", HV__SK_ENUM, io, HV_ENUM_DISK_IO, HV__XF_HV, NULL, NULL, NULL),
	K("serial", HV__SK_STRING, serial, 0, HV__XF_HV, NULL, NULL, NULL),
	K("shareable", HV__SK_BOOL, shareable, 0, HV__XF_HV, NULL, NULL, NULL),
	K("boot-order", HV__SK_INT, boot_order, 0, HV__XF_HV, NULL, NULL, NULL),
	K("discard", HV__SK_FLAG_ON, discard, 0, 0, NULL, NULL, NULL),
	K("no-discard", HV__SK_FLAG_OFF, discard, 0, 0, NULL, NULL, NULL),
	K("backend", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, N_("driver domains do not exist on KVM")),
	K("specification", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, no_effect_xen),
	K("grant_usage", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, no_effect_xen),
	K("direct-io-safe", HV__SK_XEN, xen_options, 0, HV__XF_FLAG, NULL, NULL, no_effect_xen),
	K("trusted", HV__SK_XEN, xen_options, 0, HV__XF_FLAG, NULL, NULL, no_effect_xen),
	K("untrusted", HV__SK_XEN, xen_options, 0, HV__XF_FLAG, NULL, NULL, no_effect_xen),
	K("no-colo", HV__SK_XEN, xen_options, 0, HV__XF_FLAG, NULL, NULL, no_effect_xen),
	K("colo", HV__SK_REJECT, xen_options, 0, HV__XF_FLAG, NULL, NULL,
	  N_("COLO replication is not supported by hv")),
	K("colo-host", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, N_("COLO replication is not supported by hv")),
	K("colo-port", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, N_("COLO replication is not supported by hv")),
	K("colo-export", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, N_("COLO replication is not supported by hv")),
	K("active-disk", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, N_("COLO replication is not supported by hv")),
	K("hidden-disk", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, N_("COLO replication is not supported by hv")),
	HV__SPEC_ADDRESS_KEY(HvDisk),
	K("target", HV__SK_CUSTOM, target, 0, 0, parse_target, format_target, NULL),
};

const HvSpecType hv__disk_spec =
	HV__SPEC_TYPE("disk", hv__disk_desc, disk_keys, offsetof(HvDisk, xen_options), disk_positional, ", ");
