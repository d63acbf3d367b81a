/* hv/xlcfg.h: reading and writing xl.cfg by walking the table of keys. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/xlcfg.h>

#include "xlcfg/devices.h"
#include "xlcfg/keys.h"
#include "model/check.h"
#include "xlcfg/xlcheck.h"

/* Levenshtein distance, for "did you mean". */
static guint
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	g_autofree guint *row = g_new(guint, lb + 1);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		guint diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			guint up = row[j];
			row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
			diag = up;
		}
	}
	return row[lb];
}

static const char *
closest_key(const char *key)
{
	const char *best = NULL;
	guint best_d = 3;
	for (gsize i = 0; i < hv__xl_n_keys; i++) {
		guint d = distance(key, hv__xl_keys[i].key);
		if (d < best_d) {
			best_d = d;
			best = hv__xl_keys[i].key;
		}
	}
	return best;
}

/* Every key must be known, and in the Xen dialect one of Xen's. */
static gboolean
check_keys(HvXlIn *in, GError **error)
{
	for (guint i = 0; i < in->cfg->settings->len; i++) {
		HvCfgSetting *s = g_ptr_array_index(in->cfg->settings, i);
		const HvXlKey *k = hv__xl_key_find(s->key);
		const char *near = k ? NULL : closest_key(s->key);
		if (!k && near)
			return hv__xl_fail(in, s, NULL, HV_ERROR_INVALID, error,
			                   _("unknown setting (did you mean %s?)"), near);
		if (!k)
			return hv__xl_fail(in, s, NULL, HV_ERROR_INVALID, error,
			                   _("unknown setting: xl.cfg(5) has no such key"));
		if ((k->flags & HV__XF_HV) && in->dialect == HV_XLCFG_XEN)
			return hv__xl_fail(in, s, NULL, HV_ERROR_UNSUPPORTED, error,
			                   _("a setting of hv's xl.cfg dialect, not of Xen's"));
	}
	return TRUE;
}

static gboolean
parse_spec_kind(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	void *field = HV__XL_FIELD(in->dom, k);
	const HvSpecType *spec = k->spec;
	if (k->kind == HV__XK_SPECLIST)
		return hv__spec_parse_list(in, s, spec, *(GPtrArray **)field, error);
	if (k->kind == HV__XK_SPEC) {
		if (s->value->items)
			return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
			                   _("expected one \"key=value,...\" string"));
		return hv__spec_parse(in, s, s->value, spec, field, error);
	}
	for (guint i = 0; s->value->items && i < s->value->items->len; i++) {
		HvCfgValue *v = g_ptr_array_index(s->value->items, i);
		if (!v->items)
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
			                   _("expected a list of lists, like [ [ \"key=value\", ... ] ]"));
		void *obj = hv__obj_new(spec->desc);
		g_ptr_array_add(*(GPtrArray **)field, obj);
		if (!hv__spec_parse(in, s, v, spec, obj, error))
			return FALSE;
	}
	return s->value->items || hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error, _("expected a list"));
}

/* A Xen setting without meaning on KVM: kept verbatim, with a warning. */
static void
keep_xen_setting(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s)
{
	hv__xl_keep_setting(in, s);
	hv__xl_warn(in, s, _("has no effect on KVM (%s); it is kept"), _(k->note));
}

static gboolean
parse_key(HvXlIn *in, const HvXlKey *k, GError **error)
{
	HvCfgSetting *s = hv__cfg_lookup(in->cfg, k->key);
	if (s && s->used)
		return TRUE;
	if (s)
		s->used = TRUE;
	if (!s && !(k->flags & HV__XF_ALWAYS))
		return TRUE;
	switch (k->kind) {
	case HV__XK_CUSTOM:
		return !k->parse || k->parse(in, k, s, error);
	case HV__XK_SPECLIST:
	case HV__XK_SPEC:
	case HV__XK_SPECNEST:
		return parse_spec_kind(in, k, s, error);
	case HV__XK_XEN:
		return TRUE; /* after the rest, in file order */
	default:
		return hv__xl_parse_simple(in, k, s, error);
	}
}

static gboolean
map_settings(HvXlIn *in, GError **error)
{
	if (!check_keys(in, error))
		return FALSE;
	for (gsize i = 0; i < hv__xl_n_keys; i++) {
		if (!parse_key(in, &hv__xl_keys[i], error))
			return FALSE;
	}
	for (guint i = 0; i < in->cfg->settings->len; i++) {
		HvCfgSetting *s = g_ptr_array_index(in->cfg->settings, i);
		const HvXlKey *k = hv__xl_key_find(s->key);
		if (k->kind == HV__XK_XEN)
			keep_xen_setting(in, k, s);
	}
	return TRUE;
}

/* The setting (or at least the key) a validation error about the field at
 * OFFSET of HvDomain comes from. */
static const HvXlKey *
key_for_field(size_t offset)
{
	for (gsize i = 0; i < hv__xl_n_keys; i++) {
		if (hv__xl_keys[i].offset == offset && hv__xl_keys[i].kind != HV__XK_XEN)
			return &hv__xl_keys[i];
	}
	return NULL;
}

/* Prefixes a validation error with where it comes from in CFG_TEXT. */
static void
locate_validation_error(const char *text, gsize len, const char *source, size_t offset,
                        GError **error)
{
	const HvXlKey *k = key_for_field(offset);
	g_autoptr(HvCfg) cfg = k ? hv__cfg_parse(text, len, source, NULL) : NULL;
	HvCfgSetting *s = cfg ? hv__cfg_lookup(cfg, k->key) : NULL;
	if (s)
		g_prefix_error(error, "%s:%d:%d: %s: ", source, s->value->line, s->value->col, s->key);
	else if (k)
		g_prefix_error(error, "%s: %s: ", source, k->key);
	else
		g_prefix_error(error, "%s: ", source);
}

HvDomain *
hv_xlcfg_parse(const char *text, gssize len, const char *source, HvXlcfgDialect dialect,
               GPtrArray **warnings_r, GError **error)
{
	gsize n = len < 0 ? strlen(text) : (gsize)len;
	g_autoptr(HvDomain) dom = hv__xlcfg_parse_unchecked(text, n, source, dialect, warnings_r, error);
	size_t offset = (size_t)-1;
	if (dom && !hv__domain_validate_at(dom, &offset, error)) {
		locate_validation_error(text, n, source ? source : "xl.cfg", offset, error);
		if (warnings_r)
			g_clear_pointer(warnings_r, g_ptr_array_unref);
		return NULL;
	}
	return g_steal_pointer(&dom);
}

HvDomain *
hv__xlcfg_parse_unchecked(const char *text, gssize len, const char *source, HvXlcfgDialect dialect,
                          GPtrArray **warnings_r, GError **error)
{
	if (!source)
		source = "xl.cfg";
	g_autoptr(HvCfg) cfg = hv__cfg_parse(text, len < 0 ? strlen(text) : (gsize)len, source, error);
	if (!cfg)
		return NULL;
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < cfg->warnings->len; i++)
		g_ptr_array_add(warnings, g_strdup(g_ptr_array_index(cfg->warnings, i)));
	HvXlIn in = { .cfg = cfg, .dom = hv_domain_new(), .dialect = dialect, .warnings = warnings };
	g_autoptr(HvDomain) dom = in.dom;
	if (!map_settings(&in, error))
		return NULL;
	if (warnings_r)
		*warnings_r = g_steal_pointer(&warnings);
	return g_steal_pointer(&dom);
}

HvDomain *
hv_xlcfg_load(const char *path, HvXlcfgDialect dialect, GPtrArray **warnings_r, GError **error)
{
	g_autofree char *text = NULL;
	gsize len = 0;
	GError *local = NULL;
	if (!g_file_get_contents(path, &text, &len, &local)) {
		g_set_error(error, HV_ERROR, HV_ERROR_IO, "%s", local->message);
		g_error_free(local);
		return NULL;
	}
	return hv_xlcfg_parse(text, len, path, dialect, warnings_r, error);
}

static gboolean
format_key(HvXlOut *out, const HvXlKey *k, GError **error)
{
	/* only the kinds with a field may compute its address */
	switch (k->kind) {
	case HV__XK_CUSTOM:
		return !k->format || k->format(out, k, error);
	case HV__XK_SPECLIST:
	case HV__XK_SPECNEST: {
		GPtrArray *list = *(GPtrArray *const *)HV__XL_FIELD(out->dom, k);
		if (list->len && (k->flags & HV__XF_HV) &&
		    !hv__xl_hv_only(out, hv__xl_what(k), k->key, error))
			return FALSE;
		return k->kind == HV__XK_SPECLIST ? hv__spec_format_list(out, k->key, k->spec, list, error)
		                                  : hv__spec_format_nested_list(out, k->key, k->spec, list, error);
	}
	case HV__XK_SPEC: {
		const void *field = HV__XL_FIELD(out->dom, k);
		if (!hv__obj_is_unset(k->spec->desc, field) && (k->flags & HV__XF_HV) &&
		    !hv__xl_hv_only(out, hv__xl_what(k), k->key, error))
			return FALSE;
		return hv__spec_format_into(out, k->key, k->spec, field, error);
	}
	case HV__XK_XEN:
	case HV__XK_REJECT:
		return TRUE;
	default:
		return hv__xl_format_simple(out, k, error);
	}
}

/* The kept Xen settings, last, in the order they came. */
static gboolean
format_xen_options(HvXlOut *out, GError **error)
{
	for (guint i = 0; i < out->dom->xen_options->len; i++) {
		const HvXenOption *o = g_ptr_array_index(out->dom->xen_options, i);
		HvCfgValue *v = hv__cfg_parse_value(o->value, error);
		if (!v) {
			g_prefix_error(error, _("xen_options %s: "), o->key);
			return FALSE;
		}
		hv__xl_emit(out, o->key, v);
	}
	return TRUE;
}

char *
hv_xlcfg_format(const HvDomain *domain, HvXlcfgDialect dialect, GError **error)
{
	g_autoptr(GString) text = g_string_new(NULL);
	HvXlOut out = { .dom = domain, .dialect = dialect, .text = text };
	for (gsize i = 0; i < hv__xl_n_keys; i++) {
		if (!format_key(&out, &hv__xl_keys[i], error))
			return NULL;
	}
	if (!format_xen_options(&out, error))
		return NULL;
	return g_string_free(g_steal_pointer(&text), FALSE);
}

gboolean
hv__xl_check_xen_option(const char *key, const char *value, GError **error)
{
	const HvXlKey *k = hv__xl_key_find(key);
	if (!k || (k->kind != HV__XK_XEN && strcmp(key, "cpuid") != 0)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID,
		            _("\"%s\" is not a Xen setting hv keeps without effect"), key);
		return FALSE;
	}
	g_autoptr(HvCfgValue) v = hv__cfg_parse_value(value, error);
	if (!v)
		return FALSE;
	/* one way to write each value, so that it reads back the same */
	g_autofree char *canonical = hv__cfg_value_to_text(v);
	if (strcmp(canonical, value) != 0) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("%s: write the value as %s"), key, canonical);
		return FALSE;
	}
	return TRUE;
}

static gboolean
check_device_items(const HvSpecType *spec, const GPtrArray *devices, GError **error)
{
	for (guint i = 0; i < devices->len; i++) {
		GPtrArray *items = *(GPtrArray **)((char *)g_ptr_array_index(devices, i) + spec->xen_options);
		for (guint j = 0; j < items->len; j++) {
			if (!hv__spec_is_xen_item(spec, g_ptr_array_index(items, j))) {
				g_set_error(error, HV_ERROR, HV_ERROR_INVALID,
				            _("%s %u: \"%s\" is not a Xen setting of %s specs hv keeps"), spec->what,
				            i, (char *)g_ptr_array_index(items, j), spec->what);
				return FALSE;
			}
		}
	}
	return TRUE;
}

gboolean
hv__xl_check_device_xen_options(const HvDomain *d, GError **error)
{
	return check_device_items(&hv__disk_spec, d->disks, error) &&
	       check_device_items(&hv__vif_spec, d->nics, error) &&
	       check_device_items(&hv__pci_spec, d->pci, error) &&
	       check_device_items(&hv__channel_spec, d->channels, error) &&
	       check_device_items(&hv__vtpm_spec, d->tpms, error);
}
