/* The simple kinds of the xl.cfg table: a setting that is one model field
 * of type string, number, MiB, boolean, enum or list of strings. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/map.h"

const HvFieldDesc *
hv__xl_field(size_t offset)
{
	const HvFieldDesc *f = hv__desc_field_at(&hv__domain_desc, offset);
	g_assert(f);
	return f;
}

static gboolean
parse_enum(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	const char *text;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	if (hv_enum_from_string(k->enum_id, text, HV__XL_FIELD(in->dom, k)))
		return TRUE;
	g_autoptr(GString) names = g_string_new(NULL);
	for (int i = 1; i < hv__enum_count(k->enum_id); i++)
		g_string_append_printf(names, "%s\"%s\"", i > 1 ? ", " : "",
		                       hv_enum_to_string(k->enum_id, i));
	return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error, _("\"%s\" is not one of %s"),
	                   text, names->str);
}

static gboolean
parse_number(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	gint64 n;
	if (k->kind == HV__XK_MIB) {
		const char *text;
		if (!hv__xl_get_atom(in, s, s->value, &text, error))
			return FALSE;
		if (!hv__xl_parse_mib(text, in->dialect == HV_XLCFG_HV, &n))
			return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
			                   _("\"%s\" is not a size in MiB"), text);
	} else if (!hv__xl_get_int(in, s, s->value, &n, error)) {
		return FALSE;
	}
	if (!hv__check_int(hv__xl_field(k->offset), n, error))
		return hv__xl_locate(in, s, s->value, error);
	*(HvInt *)HV__XL_FIELD(in->dom, k) = HV_INT(n);
	return TRUE;
}

static gboolean
parse_string(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	const char *text;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	if (!hv__check_string(hv__xl_field(k->offset)->format, text, error))
		return hv__xl_locate(in, s, s->value, error);
	char **field = HV__XL_FIELD(in->dom, k);
	g_free(*field);
	*field = hv__normalize_string(hv__xl_field(k->offset)->format, text);
	return TRUE;
}

static gboolean
parse_strlist(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	GPtrArray *list = NULL;
	if (!hv__xl_get_strings(in, s, FALSE, &list, error))
		return FALSE;
	GPtrArray **field = HV__XL_FIELD(in->dom, k);
	g_ptr_array_unref(*field);
	*field = list;
	return TRUE;
}

gboolean
hv__xl_parse_simple(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	switch (k->kind) {
	case HV__XK_STRING:
		return parse_string(in, k, s, error);
	case HV__XK_INT:
	case HV__XK_MIB:
		return parse_number(in, k, s, error);
	case HV__XK_BOOL:
		return hv__xl_get_bool(in, s, s->value, HV__XL_FIELD(in->dom, k), error);
	case HV__XK_ENUM:
		return parse_enum(in, k, s, error);
	case HV__XK_STRLIST:
		return parse_strlist(in, k, s, error);
	case HV__XK_REJECT:
		return hv__xl_fail(in, s, NULL, HV_ERROR_UNSUPPORTED, error, "%s", _(k->note));
	default:
		g_return_val_if_reached(FALSE);
	}
}

static gboolean
format_mib(HvXlOut *out, const HvXlKey *k, gint64 kib, GError **error)
{
	g_autofree char *text = hv__xl_format_mib(kib, out->dialect == HV_XLCFG_HV);
	if (!text) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("%s: %" G_GINT64_FORMAT " KiB is not a whole number of MiB, which Xen's "
		              "xl.cfg needs"),
		            k->key, kib);
		return FALSE;
	}
	hv__xl_emit(out, k->key, hv__cfg_atom_new(text, kib % 1024 != 0));
	return TRUE;
}

/* Whether field K is set in OUT's domain. */
static gboolean
is_set(HvXlOut *out, const HvXlKey *k)
{
	const void *p = HV__XL_FIELD(out->dom, k);
	switch (k->kind) {
	case HV__XK_STRING:
		return *(char *const *)p != NULL;
	case HV__XK_INT:
	case HV__XK_MIB:
		return ((const HvInt *)p)->set;
	case HV__XK_BOOL:
	case HV__XK_ENUM:
		return *(const int *)p != 0;
	case HV__XK_STRLIST:
		return (*(GPtrArray *const *)p)->len > 0;
	default:
		return FALSE;
	}
}

gboolean
hv__xl_format_simple(HvXlOut *out, const HvXlKey *k, GError **error)
{
	if (!is_set(out, k))
		return TRUE;
	if ((k->flags & HV__XF_HV) && !hv__xl_hv_only(out, hv__xl_what(k), k->key, error))
		return FALSE;
	const void *p = HV__XL_FIELD(out->dom, k);
	switch (k->kind) {
	case HV__XK_STRING:
		hv__xl_emit_string(out, k->key, *(char *const *)p);
		return TRUE;
	case HV__XK_INT:
		hv__xl_emit_int(out, k->key, ((const HvInt *)p)->value);
		return TRUE;
	case HV__XK_MIB:
		return format_mib(out, k, ((const HvInt *)p)->value, error);
	case HV__XK_BOOL:
		hv__xl_emit_int(out, k->key, *(const HvTristate *)p == HV_TRISTATE_YES);
		return TRUE;
	case HV__XK_ENUM:
		hv__xl_emit_string(out, k->key, hv_enum_to_string(k->enum_id, *(const int *)p));
		return TRUE;
	case HV__XK_STRLIST: {
		GPtrArray *list = *(GPtrArray *const *)p;
		hv__xl_emit_strings(out, k->key, g_ptr_array_ref(list));
		return TRUE;
	}
	default:
		return TRUE;
	}
}

const char *
hv__xl_what(const HvXlKey *k)
{
	return g_str_has_prefix(k->key, "hv_") ? k->key + 3 : k->key;
}
