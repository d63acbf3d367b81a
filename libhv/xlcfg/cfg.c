/* xl.cfg syntax trees: freeing, lookup, and writing values as text. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/cfg.h"

/* A list longer than this on one line is written one item per line. */
#define ONE_LINE_MAX 72

void
hv__cfg_value_free(HvCfgValue *v)
{
	if (!v)
		return;
	g_free(v->str);
	if (v->items)
		g_ptr_array_unref(v->items);
	g_free(v);
}

static void
setting_free(gpointer p)
{
	HvCfgSetting *s = p;
	g_free(s->key);
	hv__cfg_value_free(s->value);
	g_free(s);
}

void
hv__cfg_free(HvCfg *cfg)
{
	if (!cfg)
		return;
	g_hash_table_unref(cfg->index);
	g_ptr_array_set_free_func(cfg->settings, setting_free);
	g_ptr_array_unref(cfg->settings);
	g_ptr_array_unref(cfg->warnings);
	g_free(cfg->source);
	g_free(cfg);
}

HvCfgSetting *
hv__cfg_lookup(HvCfg *cfg, const char *key)
{
	return g_hash_table_lookup(cfg->index, key);
}

HvCfgValue *
hv__cfg_parse_value(const char *text, GError **error)
{
	g_autofree char *doc = g_strconcat("v = ", text, "\n", NULL);
	g_autoptr(HvCfg) cfg = hv__cfg_parse(doc, strlen(doc), "value", error);
	if (!cfg)
		return NULL;
	if (cfg->settings->len != 1) {
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("\"%s\" is not one xl.cfg value"), text);
		return NULL;
	}
	HvCfgSetting *s = g_ptr_array_index(cfg->settings, 0);
	return g_steal_pointer(&s->value);
}

HvCfgValue *
hv__cfg_atom_new(const char *s, gboolean quoted)
{
	HvCfgValue *v = g_new0(HvCfgValue, 1);
	v->str = g_strdup(s);
	v->quoted = quoted;
	return v;
}

HvCfgValue *
hv__cfg_list_new(void)
{
	HvCfgValue *v = g_new0(HvCfgValue, 1);
	v->items = g_ptr_array_new_with_free_func((GDestroyNotify)hv__cfg_value_free);
	return v;
}

static void
quote(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\')
			g_string_append_printf(out, "\\%c", c);
		else if (c == '\n')
			g_string_append(out, "\\n");
		else if (c == '\t')
			g_string_append(out, "\\t");
		else if (c == '\r')
			g_string_append(out, "\\r");
		else if (c < 0x20 || c == 0x7f)
			g_string_append_printf(out, "\\x%02x", c);
		else
			g_string_append_c(out, (char)c);
	}
	g_string_append_c(out, '"');
}

/* Whether S is written bare: a number xl's lexer reads back as the same
 * atom (xl reads quoted and bare atoms alike; bare keeps numbers tidy). */
static gboolean
is_bare_number(const char *s)
{
	if (!s[0] || !g_ascii_isdigit(s[0]))
		return FALSE;
	for (const char *p = s; *p; p++) {
		if (!g_ascii_isdigit(*p) && !(*p >= 'a' && *p <= 'f') && *p != 'x')
			return FALSE;
	}
	return TRUE;
}

static void
write_atom(GString *out, const HvCfgValue *v)
{
	if (!v->quoted && is_bare_number(v->str))
		g_string_append(out, v->str);
	else
		quote(out, v->str);
}

static void
write_compact(GString *out, const HvCfgValue *v)
{
	if (!v->items) {
		write_atom(out, v);
		return;
	}
	g_string_append(out, "[ ");
	for (guint i = 0; i < v->items->len; i++) {
		write_compact(out, g_ptr_array_index(v->items, i));
		g_string_append(out, i + 1 < v->items->len ? ", " : " ");
	}
	g_string_append_c(out, ']');
}

char *
hv__cfg_value_to_text(const HvCfgValue *v)
{
	GString *out = g_string_new(NULL);
	write_compact(out, v);
	return g_string_free(out, FALSE);
}

static void
write_list(GString *out, const HvCfgValue *v, int indent)
{
	if (v->items->len == 0) {
		g_string_append(out, "[ ]");
		return;
	}
	g_autoptr(GString) line = g_string_new("[ ");
	gboolean nested = FALSE;
	for (guint i = 0; i < v->items->len; i++) {
		const HvCfgValue *item = g_ptr_array_index(v->items, i);
		nested |= item->items != NULL;
		hv__cfg_value_write(line, item, indent + 4);
		g_string_append(line, i + 1 < v->items->len ? ", " : " ]");
	}
	if (!nested && !strchr(line->str, '\n') && indent + line->len <= ONE_LINE_MAX) {
		g_string_append(out, line->str);
		return;
	}
	g_string_append(out, "[\n");
	for (guint i = 0; i < v->items->len; i++) {
		g_string_append_printf(out, "%*s", indent + 4, "");
		hv__cfg_value_write(out, g_ptr_array_index(v->items, i), indent + 4);
		g_string_append(out, ",\n");
	}
	g_string_append_printf(out, "%*s]", indent, "");
}

void
hv__cfg_value_write(GString *out, const HvCfgValue *v, int indent)
{
	if (v->items)
		write_list(out, v, indent);
	else
		write_atom(out, v);
}
