/* Per-field checks driven by the descriptors: integer ranges, string
 * formats, UTF-8, enum values. The cross-field rules are in validate.c. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "model/formats.h"
#include "model/names.h"

static gboolean
format_error(const char *s, const char *what, GError **error)
{
	g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("\"%s\" is not %s"), s, what);
	return FALSE;
}

gboolean
hv__check_string(HvStrFormat format, const char *s, GError **error)
{
	if (!g_utf8_validate(s, -1, NULL)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("the text is not valid UTF-8"));
		return FALSE;
	}
	switch (format) {
	case HV__FMT_UUID:
		return hv__uuid_is_valid(s) || format_error(s, _("a UUID"), error);
	case HV__FMT_MAC:
		return hv__mac_is_valid(s) || format_error(s, _("a MAC address (xx:xx:xx:xx:xx:xx)"), error);
	case HV__FMT_BDF:
		return hv__bdf_is_valid(s) || format_error(s, _("a PCI address (DDDD:BB:SS.F)"), error);
	case HV__FMT_NAME:
		return hv_domain_name_is_valid(s) ||
		       format_error(s, _("a valid domain name (1 to 64 letters, digits and _.+:-, "
		                         "not starting with - or .)"), error);
	case HV__FMT_INTLIST:
		return hv__intlist_is_valid(s) || format_error(s, _("a list of numbers (\"10,20\")"), error);
	case HV__FMT_CPULIST:
		return hv__cpulist_is_valid(s, TRUE, error);
	case HV__FMT_NODELIST:
		return hv__cpulist_is_valid(s, FALSE, error);
	case HV__FMT_PATH:
		return s[0] == '/' || format_error(s, _("an absolute path"), error);
	case HV__FMT_RATE:
		return hv_nic_rate_parse(s, NULL, NULL, error);
	case HV__FMT_SMBIOS_KEY:
		return hv__smbios_key_is_known(s, FALSE) || format_error(s, _("an SMBIOS key hv knows"), error);
	case HV__FMT_BOOT_DEVICE:
		return hv__boot_device_is_known(s) ||
		       format_error(s, _("a boot device (hd, cdrom, network, fd)"), error);
	case HV__FMT_VIRIDIAN_GROUP:
		return hv__viridian_group_is_known(s) || format_error(s, _("a viridian group"), error);
	case HV__FMT_HYPERV:
		return hv__hyperv_name_is_known(s) || format_error(s, _("a Hyper-V enlightenment"), error);
	case HV__FMT_USB_PORT:
		return (*s && strspn(s, "0123456789.") == strlen(s)) ||
		       format_error(s, _("a port number or hub ports (\"1.2\")"), error);
	default:
		return TRUE;
	}
}

gboolean
hv__check_int(const HvFieldDesc *f, gint64 v, GError **error)
{
	if ((f->min || f->max) && (v < f->min || v > f->max)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID,
		            _("%" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
		              ")"),
		            v, f->min, f->max);
		return FALSE;
	}
	return TRUE;
}

/* Errors name the failing field by its path ("disks[0].vdev"), prefixed on
 * the way back up, so that nothing is built while all is well. */
static gboolean check_obj(const HvTypeDesc *desc, const void *p, size_t *offset_r, GError **error);

static gboolean
check_list(const HvFieldDesc *f, const GPtrArray *list, GError **error)
{
	for (guint i = 0; list && i < list->len; i++) {
		const void *e = g_ptr_array_index(list, i);
		gboolean ok = f->kind == HV__F_LIST ? check_obj(f->type, e, NULL, error)
		                                    : hv__check_string(f->format, e, error);
		if (!ok) {
			g_prefix_error(error, f->kind == HV__F_LIST ? "%s[%u]." : "%s[%u]: ", f->name, i);
			return FALSE;
		}
	}
	return TRUE;
}

/* Checks the value of field F at FP; a failure of a container says where
 * inside it, a failure of a value does not yet name the field. */
static gboolean
check_field(const HvFieldDesc *f, const void *fp, size_t *offset_r, GError **error)
{
	switch (f->kind) {
	case HV__F_STR:
		return !*(char *const *)fp || hv__check_string(f->format, *(char *const *)fp, error);
	case HV__F_INT:
		return !((const HvInt *)fp)->set || hv__check_int(f, ((const HvInt *)fp)->value, error);
	case HV__F_BOOL:
		if (*(const guint *)fp <= HV_TRISTATE_YES)
			return TRUE;
		break;
	case HV__F_ENUM:
		if (*(const guint *)fp < (guint)hv__enum_count(f->enum_id))
			return TRUE;
		break;
	case HV__F_STRUCT:
		return check_obj(f->type, fp, offset_r, error);
	case HV__F_OBJ:
		return !*(void *const *)fp || check_obj(f->type, *(void *const *)fp, NULL, error);
	case HV__F_LIST:
	case HV__F_STRV:
		return check_list(f, *(GPtrArray *const *)fp, error);
	}
	g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("invalid value %d"), *(const int *)fp);
	return FALSE;
}

static gboolean
check_required(const HvFieldDesc *f, const void *fp, GError **error)
{
	if (!f->required)
		return TRUE;
	if (hv__field_is_unset(f, fp)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("%s is missing"), f->name);
		return FALSE;
	}
	if (f->kind == HV__F_STR && !**(char *const *)fp) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("%s is empty"), f->name);
		return FALSE;
	}
	return TRUE;
}

static gboolean
check_obj(const HvTypeDesc *desc, const void *p, size_t *offset_r, GError **error)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		const void *fp = HV__FIELD_PTR(p, f);
		size_t inner = 0;
		if (offset_r)
			*offset_r = f->offset;
		if (!check_required(f, fp, error))
			return FALSE;
		if (check_field(f, fp, f->kind == HV__F_STRUCT ? &inner : NULL, error))
			continue;
		if (offset_r)
			*offset_r = f->offset + inner;
		if (f->kind == HV__F_STRUCT || f->kind == HV__F_OBJ)
			g_prefix_error(error, "%s.", f->name);
		else if (f->kind != HV__F_LIST && f->kind != HV__F_STRV)
			g_prefix_error(error, "%s: ", f->name);
		return FALSE;
	}
	return TRUE;
}

gboolean
hv__obj_check(const HvTypeDesc *desc, const void *p, size_t *offset_r, GError **error)
{
	return check_obj(desc, p, offset_r, error);
}

const HvFieldDesc *
hv__desc_field_at(const HvTypeDesc *desc, size_t offset)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		if (f->offset == offset && f->kind != HV__F_STRUCT)
			return f;
		if (f->kind == HV__F_STRUCT && offset >= f->offset && offset < f->offset + f->type->size)
			return hv__desc_field_at(f->type, offset - f->offset);
	}
	return NULL;
}

char *
hv__normalize_string(HvStrFormat format, const char *s)
{
	/* the forms libvirt writes: lower-case hex */
	if (format == HV__FMT_UUID || format == HV__FMT_MAC || format == HV__FMT_BDF)
		return g_ascii_strdown(s, -1);
	return g_strdup(s);
}
