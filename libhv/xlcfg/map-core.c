/* Helpers of the xl.cfg mapping: located errors and warnings, reading
 * atoms, numbers, booleans and lists, writing settings. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/map.h"

static char *
location(HvXlIn *in, const HvCfgSetting *s, const HvCfgValue *v)
{
	int line = v ? v->line : s ? s->line : 0, col = v ? v->col : s ? s->col : 0;
	if (!s)
		return g_strdup_printf("%s", in->cfg->source);
	return g_strdup_printf("%s:%d:%d: %s", in->cfg->source, line, col, s->key);
}

gboolean
hv__xl_fail(HvXlIn *in, const HvCfgSetting *s, const HvCfgValue *v, int code, GError **error,
            const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_autofree char *where = location(in, s, v);
	g_set_error(error, HV_ERROR, code, "%s: %s", where, msg);
	return FALSE;
}

void
hv__xl_warn(HvXlIn *in, const HvCfgSetting *s, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_autofree char *where = location(in, s, s ? s->value : NULL);
	g_ptr_array_add(in->warnings, g_strdup_printf("%s: %s", where, msg));
}

gboolean
hv__xl_locate(HvXlIn *in, const HvCfgSetting *s, const HvCfgValue *v, GError **error)
{
	g_autofree char *where = location(in, s, v);
	g_prefix_error(error, "%s: ", where);
	return FALSE;
}

gboolean
hv__xl_get_atom(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, const char **out, GError **error)
{
	if (v->items)
		return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
		                   _("expected a single value, not a list"));
	*out = v->str;
	return TRUE;
}

gboolean
hv__xl_get_int(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, gint64 *out, GError **error)
{
	const char *text;
	if (!hv__xl_get_atom(in, s, v, &text, error))
		return FALSE;
	/* strtoll with base 0, as xl: 0x10 is hex, 010 octal */
	char *end = NULL;
	errno = 0;
	long long n = strtoll(text, &end, 0);
	if (errno || end == text || *end || g_ascii_isspace(text[0]))
		return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error, _("\"%s\" is not a number"), text);
	*out = n;
	return TRUE;
}

gboolean
hv__xl_get_bool(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, HvTristate *out, GError **error)
{
	gint64 n;
	if (!hv__xl_get_int(in, s, v, &n, NULL))
		return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
		                   _("expected 0 or 1, not \"%s\""), v->items ? "[...]" : v->str);
	*out = HV_TRISTATE(n != 0);
	return TRUE;
}

gboolean
hv__xl_get_strings(HvXlIn *in, HvCfgSetting *s, gboolean allow_atom, GPtrArray **out,
                   GError **error)
{
	HvCfgValue *v = s->value;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
	if (!v->items) {
		if (!allow_atom)
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
			                   _("expected a list, like [ \"%s\" ]"), v->str);
		g_ptr_array_add(list, g_strdup(v->str));
	}
	for (guint i = 0; v->items && i < v->items->len; i++) {
		HvCfgValue *item = g_ptr_array_index(v->items, i);
		if (item->items)
			return hv__xl_fail(in, s, item, HV_ERROR_INVALID, error,
			                   _("expected a string in this list, not a list"));
		g_ptr_array_add(list, g_strdup(item->str));
	}
	*out = g_steal_pointer(&list);
	return TRUE;
}

gboolean
hv__xl_parse_mib(const char *text, gboolean allow_suffix, gint64 *kib_r)
{
	char *end = NULL;
	if (!g_ascii_isdigit(text[0]))
		return FALSE;
	errno = 0;
	long long n = strtoll(text, &end, allow_suffix && *text != '0' ? 10 : 0);
	gint64 mult = 1024;
	if (allow_suffix && (*end == 'k' || *end == 'K'))
		mult = 1;
	else if (allow_suffix && (*end == 'm' || *end == 'M'))
		mult = 1024;
	else if (allow_suffix && (*end == 'g' || *end == 'G'))
		mult = 1024 * 1024;
	else if (*end)
		return FALSE;
	if (*end && end[1])
		return FALSE;
	if (errno || n > G_MAXINT64 / mult)
		return FALSE;
	*kib_r = n * mult;
	return TRUE;
}

char *
hv__xl_format_mib(gint64 kib, gboolean allow_suffix)
{
	if (kib % 1024 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT, kib / 1024);
	return allow_suffix ? g_strdup_printf("%" G_GINT64_FORMAT "k", kib) : NULL;
}

void
hv__xl_emit(HvXlOut *out, const char *key, HvCfgValue *v)
{
	g_string_append_printf(out->text, "%s = ", key);
	hv__cfg_value_write(out->text, v, 0);
	g_string_append_c(out->text, '\n');
	hv__cfg_value_free(v);
}

void
hv__xl_emit_string(HvXlOut *out, const char *key, const char *s)
{
	hv__xl_emit(out, key, hv__cfg_atom_new(s, TRUE));
}

void
hv__xl_emit_int(HvXlOut *out, const char *key, gint64 v)
{
	g_autofree char *s = g_strdup_printf("%" G_GINT64_FORMAT, v);
	hv__xl_emit(out, key, hv__cfg_atom_new(s, FALSE));
}

void
hv__xl_emit_strings(HvXlOut *out, const char *key, GPtrArray *strings)
{
	HvCfgValue *list = hv__cfg_list_new();
	for (guint i = 0; i < strings->len; i++)
		g_ptr_array_add(list->items, hv__cfg_atom_new(g_ptr_array_index(strings, i), TRUE));
	g_ptr_array_unref(strings);
	hv__xl_emit(out, key, list);
}

gboolean
hv__xl_not_in_xen(HvXlOut *out, const char *what, const char *hv_key, GError **error)
{
	(void)out;
	g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
	            _("%s: Xen's xl.cfg has no setting for this (hv's own xl.cfg dialect writes it as "
	              "%s)"),
	            what, hv_key);
	return FALSE;
}

gboolean
hv__xl_hv_only(HvXlOut *out, const char *what, const char *hv_key, GError **error)
{
	return out->dialect == HV_XLCFG_HV || hv__xl_not_in_xen(out, what, hv_key, error);
}

const HvXenOption *
hv__xl_find_xen_option(const HvDomain *dom, const char *key)
{
	for (guint i = 0; i < dom->xen_options->len; i++) {
		const HvXenOption *o = g_ptr_array_index(dom->xen_options, i);
		if (g_strcmp0(o->key, key) == 0)
			return o;
	}
	return NULL;
}

void
hv__xl_keep_setting(HvXlIn *in, const HvCfgSetting *s)
{
	HvXenOption *o = hv_xen_option_new();
	o->key = g_strdup(s->key);
	o->value = hv__cfg_value_to_text(s->value);
	g_ptr_array_add(in->dom->xen_options, o);
}
