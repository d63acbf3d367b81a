/* The device-spec engine (xlcfg/spec.h). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/spec.h"

gboolean
hv__spec_fail(HvSpecIn *in, int code, GError **error, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	int col = in->value->col + (in->value->quoted ? 1 : 0) + in->offset;
	g_set_error(error, HV_ERROR, code, "%s:%d:%d: %s: %s", in->xl->cfg->source, in->value->line,
	            col, in->setting->key, msg);
	return FALSE;
}

void
hv__spec_warn(HvSpecIn *in, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	int col = in->value->col + (in->value->quoted ? 1 : 0) + in->offset;
	g_ptr_array_add(in->xl->warnings, g_strdup_printf("%s:%d:%d: %s: %s", in->xl->cfg->source,
	                                                  in->value->line, col, in->setting->key, msg));
}

static const HvSpecKey *
find_key(const HvSpecType *type, const char *key, gsize len, gboolean flag)
{
	for (gsize i = 0; i < type->n_keys; i++) {
		const HvSpecKey *k = &type->keys[i];
		gboolean is_flag = k->kind == HV__SK_FLAG_ON || k->kind == HV__SK_FLAG_OFF ||
		                   (k->flags & HV__XF_FLAG);
		size_t klen = strlen(k->key);
		gboolean wildcard = klen > 0 && k->key[klen - 1] == '*'; /* "colo_*" */
		gboolean match = wildcard ? len >= klen - 1 && strncmp(k->key, key, klen - 1) == 0
		                          : klen == len && strncmp(k->key, key, len) == 0;
		if (match && is_flag == flag)
			return k;
	}
	return NULL;
}

static const HvFieldDesc *
spec_field(HvSpecIn *in, const HvSpecKey *k)
{
	return hv__desc_field_at(in->type->desc, k->offset);
}

static gboolean
parse_number(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	gint64 n = 0;
	char *end = NULL;
	gboolean ok;
	if (k->kind == HV__SK_MIB) {
		ok = hv__xl_parse_mib(value, in->xl->dialect == HV_XLCFG_HV, &n);
	} else {
		n = strtoll(value, &end, k->kind == HV__SK_HEX ? 16 : 0);
		ok = *value && !g_ascii_isspace(*value) && end && !*end;
	}
	if (!ok)
		return hv__spec_fail(in, HV_ERROR_INVALID, error, _("%s: \"%s\" is not a number"), k->key,
		                     value);
	GError *local = NULL;
	if (!hv__check_int(spec_field(in, k), n, &local)) {
		hv__spec_fail(in, HV_ERROR_INVALID, error, "%s: %s", k->key, local->message);
		g_error_free(local);
		return FALSE;
	}
	*(HvInt *)HV__SPEC_FIELD(in->obj, k) = HV_INT(n);
	return TRUE;
}

static gboolean
parse_string(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	GError *local = NULL;
	if (!hv__check_string(spec_field(in, k)->format, value, &local)) {
		hv__spec_fail(in, local->code, error, "%s: %s", k->key, local->message);
		g_error_free(local);
		return FALSE;
	}
	char **field = HV__SPEC_FIELD(in->obj, k);
	g_free(*field);
	*field = hv__normalize_string(spec_field(in, k)->format, value);
	return TRUE;
}

static gboolean
parse_value(HvSpecIn *in, const HvSpecKey *k, const char *item, const char *value, GError **error)
{
	void *field = HV__SPEC_FIELD(in->obj, k);
	switch (k->kind) {
	case HV__SK_STRING:
		return parse_string(in, k, value, error);
	case HV__SK_INT:
	case HV__SK_HEX:
	case HV__SK_MIB:
		return parse_number(in, k, value, error);
	case HV__SK_BOOL:
		if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
			return hv__spec_fail(in, HV_ERROR_INVALID, error, _("%s: expected 0 or 1, not \"%s\""),
			                     k->key, value);
		*(HvTristate *)field = HV_TRISTATE(value[0] == '1');
		return TRUE;
	case HV__SK_ENUM:
		if (!hv_enum_from_string(k->enum_id, value, field))
			return hv__spec_fail(in, HV_ERROR_INVALID, error, _("%s: \"%s\" is not a valid value"),
			                     k->key, value);
		return TRUE;
	case HV__SK_CUSTOM:
		return k->parse(in, k, value, error);
	case HV__SK_XEN:
		g_ptr_array_add(*(GPtrArray **)((char *)in->obj + in->type->xen_options), g_strdup(item));
		hv__spec_warn(in, _("\"%s\" has no effect on KVM (%s); it is kept"), item, _(k->note));
		return TRUE;
	case HV__SK_REJECT:
		return hv__spec_fail(in, HV_ERROR_UNSUPPORTED, error, "%s: %s", item, _(k->note));
	default:
		return hv__spec_fail(in, HV_ERROR_INVALID, error, _("%s is a flag: it takes no value"),
		                     k->key);
	}
}

static gboolean
parse_item(HvSpecIn *in, const char *item, GError **error)
{
	const char *eq = strchr(item, '=');
	const HvSpecKey *k = find_key(in->type, item, eq ? (gsize)(eq - item) : strlen(item), !eq);
	if (!k && !eq && in->type->positional)
		return in->type->positional(in, item, error);
	if (!k)
		return hv__spec_fail(in, HV_ERROR_INVALID, error, _("unknown parameter \"%s\" in the %s spec"),
		                     item, in->type->what);
	if ((k->flags & HV__XF_HV) && in->xl->dialect == HV_XLCFG_XEN)
		return hv__spec_fail(in, HV_ERROR_UNSUPPORTED, error,
		                     _("\"%s\" is a setting of hv's xl.cfg dialect, not of Xen's"), k->key);
	if (k->kind == HV__SK_FLAG_ON || k->kind == HV__SK_FLAG_OFF) {
		*(HvTristate *)HV__SPEC_FIELD(in->obj, k) =
			k->kind == HV__SK_FLAG_ON ? HV_TRISTATE_YES : HV_TRISTATE_NO;
		return TRUE;
	}
	if (!eq)
		return parse_value(in, k, item, "", error);
	return parse_value(in, k, item, eq + 1, error);
}

/* Splits the spec string at commas; a key that takes the rest of the
 * string (disk's target=) ends the split. */
static gboolean
parse_string_items(HvSpecIn *in, const char *spec, GError **error)
{
	const char *p = spec;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		in->offset = (int)(p - spec);
		gboolean rest = g_str_has_prefix(p, "target=") && in->type->positional;
		const char *end = rest ? p + strlen(p) : strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		g_autofree char *item = g_strndup(p, end - p);
		if (!rest)
			g_strchomp(item);
		if ((*item || in->type->positional) && !parse_item(in, item, error))
			return FALSE;
		p = *end ? end + 1 : end;
	}
	return TRUE;
}

gboolean
hv__spec_parse(HvXlIn *xl, HvCfgSetting *s, HvCfgValue *v, const HvSpecType *type, void *obj,
               GError **error)
{
	HvSpecIn in = { .xl = xl, .setting = s, .value = v, .type = type, .obj = obj };
	if (!v->items)
		return parse_string_items(&in, v->str, error);
	for (guint i = 0; i < v->items->len; i++) {
		HvCfgValue *item = g_ptr_array_index(v->items, i);
		in.value = item;
		if (item->items)
			return hv__spec_fail(&in, HV_ERROR_INVALID, error, _("expected \"key=value\" strings"));
		if (!parse_item(&in, item->str, error))
			return FALSE;
	}
	return TRUE;
}

gboolean
hv__spec_parse_list(HvXlIn *xl, HvCfgSetting *s, const HvSpecType *type, GPtrArray *list,
                    GError **error)
{
	if (!s->value->items)
		return hv__xl_fail(xl, s, s->value, HV_ERROR_INVALID, error,
		                   _("expected a list of %s specs, like [ \"%s\" ]"), type->what, s->value->str);
	for (guint i = 0; i < s->value->items->len; i++) {
		void *obj = hv__obj_new(type->desc);
		g_ptr_array_add(list, obj);
		if (!hv__spec_parse(xl, s, g_ptr_array_index(s->value->items, i), type, obj, error))
			return FALSE;
	}
	return TRUE;
}

gboolean
hv__spec_is_xen_item(const HvSpecType *type, const char *item)
{
	const char *eq = strchr(item, '=');
	size_t n = strlen(item);
	const HvSpecKey *k = find_key(type, item, eq ? (gsize)(eq - item) : n, !eq);
	/* it must read back as itself: no comma, no white space at the ends */
	return k && k->kind == HV__SK_XEN && !strchr(item, ',') && n && !g_ascii_isspace(item[0]) &&
	       !g_ascii_isspace(item[n - 1]);
}

gboolean
hv__spec_parse_address(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	g_autoptr(GError) local = NULL;
	if (hv_address_from_string(value, HV__SPEC_FIELD(in->obj, k), &local))
		return TRUE;
	return hv__spec_fail(in, HV_ERROR_INVALID, error, "address: %s", local->message);
}
