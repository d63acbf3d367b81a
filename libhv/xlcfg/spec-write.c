/* Writing device specs (xlcfg/spec.h): one "key=value" item per set field,
 * in table order, then the kept Xen items, then a key that takes the rest
 * of the string (disk's target=). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/spec.h"

/* Whether VALUE reads back as itself from a spec string: no comma, and no
 * white space at either end, which the reader trims. */
static const char *
unwritable(const HvSpecOut *out, const char *key, const char *value)
{
	size_t n = strlen(value);
	if (out->type->nested)
		return NULL;
	if (n && (g_ascii_isspace(value[0]) || g_ascii_isspace(value[n - 1])) && g_strcmp0(key, "target") != 0)
		return _("it starts or ends with white space");
	if (strchr(value, ',') && g_strcmp0(key, "target") != 0)
		return _("it contains a comma");
	return NULL;
}

gboolean
hv__spec_add(HvSpecOut *out, const char *key, const char *value, GError **error)
{
	const char *why = unwritable(out, key, value);
	if (why) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID,
		            _("%s %s \"%s\" cannot be written in xl.cfg: %s"), out->type->what,
		            key ? key : "", value, why);
		return FALSE;
	}
	g_ptr_array_add(out->items, key ? g_strdup_printf("%s=%s", key, value) : g_strdup(value));
	return TRUE;
}

/* The text of field K of OUT's object, or NULL when it is unset. */
static char *
value_text(HvSpecOut *out, const HvSpecKey *k)
{
	const void *p = HV__SPEC_FIELD(out->obj, k);
	switch (k->kind) {
	case HV__SK_STRING:
		return g_strdup(*(char *const *)p);
	case HV__SK_INT:
		return ((const HvInt *)p)->set ? g_strdup_printf("%" G_GINT64_FORMAT, ((const HvInt *)p)->value)
		                               : NULL;
	case HV__SK_HEX:
		return ((const HvInt *)p)->set ? g_strdup_printf("0x%" G_GINT64_MODIFIER "x",
		                                                 ((const HvInt *)p)->value)
		                               : NULL;
	case HV__SK_MIB: /* hv__xl_format_mib may say no: format_key checks */
		return ((const HvInt *)p)->set
		               ? hv__xl_format_mib(((const HvInt *)p)->value, out->xl->dialect == HV_XLCFG_HV)
		               : NULL;
	case HV__SK_BOOL:
		return *(const HvTristate *)p ? g_strdup(*(const HvTristate *)p == HV_TRISTATE_YES ? "1" : "0")
		                              : NULL;
	case HV__SK_ENUM:
		return g_strdup(hv_enum_to_string(k->enum_id, *(const int *)p));
	default:
		return NULL;
	}
}

static gboolean
format_key(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	if (k->kind == HV__SK_CUSTOM) {
		guint before = out->items->len;
		if (k->format && !k->format(out, k, error))
			return FALSE;
		if ((k->flags & HV__XF_HV) && out->items->len > before) {
			g_autofree char *what = g_strdup_printf("%s %s", out->type->what, k->key);
			g_autofree char *hv_key = g_strdup_printf("%s=", k->key);
			return hv__xl_hv_only(out->xl, what, hv_key, error);
		}
		return TRUE;
	}
	if (k->kind == HV__SK_FLAG_ON || k->kind == HV__SK_FLAG_OFF) {
		HvTristate t = *(const HvTristate *)HV__SPEC_FIELD(out->obj, k);
		if (t != (k->kind == HV__SK_FLAG_ON ? HV_TRISTATE_YES : HV_TRISTATE_NO))
			return TRUE;
		if (k->flags & HV__XF_HV) {
			g_autofree char *what = g_strdup_printf("%s %s", out->type->what, k->key);
			if (!hv__xl_hv_only(out->xl, what, k->key, error))
				return FALSE;
		}
		g_ptr_array_add(out->items, g_strdup(k->key));
		return TRUE;
	}
	g_autofree char *text = value_text(out, k);
	if (!text && k->kind == HV__SK_MIB && ((const HvInt *)HV__SPEC_FIELD(out->obj, k))->set) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("%s %s: the size is not a whole number of MiB, which Xen's xl.cfg needs"),
		            out->type->what, k->key);
		return FALSE;
	}
	if (!text)
		return TRUE;
	if (k->flags & HV__XF_HV) {
		g_autofree char *what = g_strdup_printf("%s %s", out->type->what, k->key);
		g_autofree char *hv_key = g_strdup_printf("%s=", k->key);
		if (!hv__xl_hv_only(out->xl, what, hv_key, error))
			return FALSE;
	}
	return hv__spec_add(out, k->key, text, error);
}

static gboolean
is_rest_key(const HvSpecType *type, const HvSpecKey *k)
{
	return type->positional && strcmp(k->key, "target") == 0;
}

GPtrArray *
hv__spec_format_items(HvXlOut *xl, const HvSpecType *type, const void *obj, GError **error)
{
	g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);
	HvSpecOut out = { .xl = xl, .type = type, .obj = obj, .items = items, .what = type->what };
	for (gsize i = 0; i < type->n_keys; i++) {
		if (!is_rest_key(type, &type->keys[i]) && !format_key(&out, &type->keys[i], error))
			return NULL;
	}
	if (type->xen_options >= 0) {
		GPtrArray *xen = *(GPtrArray *const *)((const char *)obj + type->xen_options);
		for (guint i = 0; i < xen->len; i++)
			g_ptr_array_add(items, g_strdup(g_ptr_array_index(xen, i)));
	}
	for (gsize i = 0; i < type->n_keys; i++) {
		if (is_rest_key(type, &type->keys[i]) && !format_key(&out, &type->keys[i], error))
			return NULL;
	}
	return g_steal_pointer(&items);
}

char *
hv__spec_format(HvXlOut *xl, const HvSpecType *type, const void *obj, GError **error)
{
	g_autoptr(GPtrArray) items = hv__spec_format_items(xl, type, obj, error);
	if (!items)
		return NULL;
	g_ptr_array_add(items, NULL);
	return g_strjoinv(type->separator, (char **)items->pdata);
}

gboolean
hv__spec_format_list(HvXlOut *xl, const char *key, const HvSpecType *type, const GPtrArray *list,
                     GError **error)
{
	if (list->len == 0)
		return TRUE;
	g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < list->len; i++) {
		char *spec = hv__spec_format(xl, type, g_ptr_array_index(list, i), error);
		if (!spec)
			return FALSE;
		g_ptr_array_add(specs, spec);
	}
	hv__xl_emit_strings(xl, key, g_steal_pointer(&specs));
	return TRUE;
}

gboolean
hv__spec_format_enum(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const char *s = hv_enum_to_string(k->enum_id, *(const int *)HV__SPEC_FIELD(out->obj, k));
	return !s || hv__spec_add(out, k->key, s, error);
}

gboolean
hv__spec_format_nested_list(HvXlOut *xl, const char *key, const HvSpecType *type,
                            const GPtrArray *list, GError **error)
{
	if (list->len == 0)
		return TRUE;
	HvCfgValue *outer = hv__cfg_list_new();
	for (guint i = 0; i < list->len; i++) {
		g_autoptr(GPtrArray) items = hv__spec_format_items(xl, type, g_ptr_array_index(list, i), error);
		if (!items) {
			hv__cfg_value_free(outer);
			return FALSE;
		}
		HvCfgValue *inner = hv__cfg_list_new();
		for (guint j = 0; j < items->len; j++)
			g_ptr_array_add(inner->items, hv__cfg_atom_new(g_ptr_array_index(items, j), TRUE));
		g_ptr_array_add(outer->items, inner);
	}
	hv__xl_emit(xl, key, outer);
	return TRUE;
}

gboolean
hv__spec_format_into(HvXlOut *xl, const char *key, const HvSpecType *type, const void *obj,
                     GError **error)
{
	if (hv__obj_is_unset(type->desc, obj))
		return TRUE;
	g_autofree char *spec = hv__spec_format(xl, type, obj, error);
	if (!spec)
		return FALSE;
	hv__xl_emit_string(xl, key, spec);
	return TRUE;
}

gboolean
hv__spec_format_string(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const char *s = *(char *const *)HV__SPEC_FIELD(out->obj, k);
	return !s || hv__spec_add(out, k->key, s, error);
}

gboolean
hv__spec_format_address(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	g_autofree char *s = hv_address_to_string(HV__SPEC_FIELD(out->obj, k));
	return !s || hv__spec_add(out, k->key, s, error);
}
