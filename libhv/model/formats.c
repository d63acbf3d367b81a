/* Syntax of the model's structured strings: names, UUIDs, MACs, PCI
 * addresses, CPU and node lists. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/model.h>

#include "model/formats.h"

gboolean
hv_domain_name_is_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > 64 || name[0] == '-' || name[0] == '.')
		return FALSE;
	for (size_t i = 0; i < n; i++) {
		if (!g_ascii_isalnum(name[i]) && !strchr("_.+:-", name[i]))
			return FALSE;
	}
	return TRUE;
}

static gboolean
hex_run(const char *s, int n)
{
	for (int i = 0; i < n; i++) {
		if (!g_ascii_isxdigit(s[i]))
			return FALSE;
	}
	return TRUE;
}

gboolean
hv__uuid_is_valid(const char *s)
{
	return s && strlen(s) == 36 && hex_run(s, 8) && s[8] == '-' && hex_run(s + 9, 4) &&
	       s[13] == '-' && hex_run(s + 14, 4) && s[18] == '-' && hex_run(s + 19, 4) &&
	       s[23] == '-' && hex_run(s + 24, 12);
}

gboolean
hv__mac_is_valid(const char *s)
{
	if (!s || strlen(s) != 17)
		return FALSE;
	for (int i = 0; i < 6; i++) {
		if (!hex_run(s + 3 * i, 2) || (i < 5 && s[3 * i + 2] != ':'))
			return FALSE;
	}
	return TRUE;
}

gboolean
hv__bdf_is_valid(const char *s)
{
	return s && strlen(s) == 12 && hex_run(s, 4) && s[4] == ':' && hex_run(s + 5, 2) &&
	       s[7] == ':' && hex_run(s + 8, 2) && strtoul(s + 8, NULL, 16) < 32 && s[10] == '.' &&
	       s[11] >= '0' && s[11] <= '7';
}

gboolean
hv__intlist_is_valid(const char *s)
{
	g_auto(GStrv) items = g_strsplit(s ? s : "", ",", -1);
	if (!items[0])
		return FALSE;
	for (int i = 0; items[i]; i++) {
		guint64 v;
		if (!g_ascii_string_to_unsigned(items[i], 10, 0, G_MAXUINT32, &v, NULL))
			return FALSE;
	}
	return TRUE;
}

/* Parses "N" or "N-M" (M >= N) into *LO_R and *HI_R. */
static gboolean
parse_range(const char *s, guint64 *lo_r, guint64 *hi_r)
{
	g_auto(GStrv) ends = g_strsplit(s, "-", 3);
	if (!ends[0] || (ends[1] && ends[2]))
		return FALSE;
	if (!g_ascii_string_to_unsigned(ends[0], 10, 0, G_MAXUINT32, lo_r, NULL))
		return FALSE;
	*hi_r = *lo_r;
	if (ends[1] && !g_ascii_string_to_unsigned(ends[1], 10, *lo_r, G_MAXUINT32, hi_r, NULL))
		return FALSE;
	return TRUE;
}

static gboolean
list_error(const char *list, const char *why, GError **error)
{
	g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("\"%s\" is not a valid CPU list: %s"), list,
	            why);
	return FALSE;
}

/* Applies one item of a CPU list to SET (limit LIMIT); *IS_NODES_R tells
 * whether the item was a "nodes:" one. */
static gboolean
apply_item(const char *list, const char *item, gboolean *set, guint limit, gboolean allow_nodes,
           gboolean *is_nodes_r, GError **error)
{
	gboolean negate = item[0] == '^';
	const char *p = negate ? item + 1 : item;
	*is_nodes_r = g_str_has_prefix(p, "nodes:") || g_str_has_prefix(p, "node:");
	if (*is_nodes_r) {
		if (!allow_nodes)
			return list_error(list, _("node numbers are not allowed here"), error);
		p = strchr(p, ':') + 1;
	}
	guint64 lo = 0, hi = limit ? limit - 1 : 0;
	if (strcmp(p, "all") != 0 && !parse_range(p, &lo, &hi)) {
		g_autofree char *why = g_strdup_printf(_("\"%s\" is not a number or a range N-M"), item);
		return list_error(list, why, error);
	}
	if (hi >= limit) {
		g_autofree char *why = g_strdup_printf(_("%" G_GUINT64_FORMAT " is too large (limit %u)"),
		                                       hi, limit - 1);
		return list_error(list, why, error);
	}
	for (guint64 i = lo; i <= hi; i++)
		set[i] = !negate;
	return TRUE;
}

GArray *
hv_cpulist_parse(const char *list, guint limit, gboolean allow_nodes, gboolean *is_nodes_r,
                 GError **error)
{
	g_auto(GStrv) items = g_strsplit(list ? list : "", ",", -1);
	if (!items[0] || limit == 0) {
		list_error(list ? list : "", _("it is empty"), error);
		return NULL;
	}
	g_autofree gboolean *set = g_new0(gboolean, limit);
	int kinds = 0; /* bit 0: CPU items, bit 1: node items */
	for (int i = 0; items[i]; i++) {
		gboolean is_nodes = FALSE;
		if (!apply_item(list, g_strstrip(items[i]), set, limit, allow_nodes, &is_nodes, error))
			return NULL;
		kinds |= is_nodes ? 2 : 1;
	}
	if (kinds == 3) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("\"%s\": CPU lists that mix CPUs and nodes are not supported"), list);
		return NULL;
	}
	if (is_nodes_r)
		*is_nodes_r = kinds == 2;
	GArray *result = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < limit; i++) {
		if (set[i])
			g_array_append_val(result, i);
	}
	return result;
}

gboolean
hv__cpulist_is_valid(const char *list, gboolean allow_nodes, GError **error)
{
	g_autoptr(GArray) cpus = hv_cpulist_parse(list, HV__CPULIST_LIMIT, allow_nodes, NULL, error);
	return cpus != NULL;
}
