/* The xl.cfg parser: the grammar of Xen's libxlu_cfg_y.y, by recursive
 * descent, stopping at the first error (with its line and column). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/cfg.h"
#include "xlcfg/lexer.h"

/* Lists nest (vnuma); deeper than this is an attack, not a config. */
#define MAX_DEPTH 8

typedef struct {
	HvLexer lx;
	HvToken tok;
	HvCfg *cfg;
} HvParser;

static const char *
describe(const HvToken *t)
{
	switch (t->type) {
	case HV_TOK_EOF:
		return _("the end of the file");
	case '\n':
		return _("the end of the line");
	case HV_TOK_IDENT:
		return _("a name");
	case HV_TOK_NUMBER:
		return _("a number");
	case HV_TOK_STRING:
		return _("a quoted string");
	case HV_TOK_ADD:
		return "'+='";
	case ',':
		return "','";
	case '[':
		return "'['";
	case ']':
		return "']'";
	case '=':
		return "'='";
	default:
		return "';'";
	}
}

static gboolean
next(HvParser *p, GError **error)
{
	return hv__lexer_next(&p->lx, &p->tok, error);
}

static gboolean
unexpected(HvParser *p, const char *expected, GError **error)
{
	return hv__lexer_error(&p->lx, p->tok.line, p->tok.col, error, _("expected %s, found %s"),
	                       expected, describe(&p->tok));
}

static gboolean
skip_newlines(HvParser *p, GError **error)
{
	while (p->tok.type == '\n') {
		if (!next(p, error))
			return FALSE;
	}
	return TRUE;
}

static HvCfgValue *parse_value(HvParser *p, int depth, GError **error);

/* After '[': values separated by commas, newlines allowed, a trailing
 * comma allowed, up to ']'. */
static gboolean
parse_list_items(HvParser *p, HvCfgValue *list, int depth, GError **error)
{
	if (!skip_newlines(p, error))
		return FALSE;
	while (p->tok.type != ']') {
		HvCfgValue *item = parse_value(p, depth + 1, error);
		if (!item)
			return FALSE;
		g_ptr_array_add(list->items, item);
		if (!skip_newlines(p, error))
			return FALSE;
		if (p->tok.type == ']')
			break;
		if (p->tok.type != ',')
			return unexpected(p, _("',' or ']' in the list"), error);
		if (!next(p, error) || !skip_newlines(p, error))
			return FALSE;
	}
	return next(p, error);
}

static HvCfgValue *
parse_value(HvParser *p, int depth, GError **error)
{
	g_autoptr(HvCfgValue) v = g_new0(HvCfgValue, 1);
	v->line = p->tok.line;
	v->col = p->tok.col;
	if (p->tok.type == HV_TOK_STRING || p->tok.type == HV_TOK_NUMBER) {
		v->quoted = p->tok.type == HV_TOK_STRING;
		v->str = g_steal_pointer(&p->tok.text);
		return next(p, error) ? g_steal_pointer(&v) : NULL;
	}
	if (p->tok.type != '[') {
		unexpected(p, _("a value (a quoted string, a number or a [list])"), error);
		return NULL;
	}
	if (depth >= MAX_DEPTH) {
		hv__lexer_error(&p->lx, v->line, v->col, error, _("lists are nested too deeply"));
		return NULL;
	}
	v->items = g_ptr_array_new_with_free_func((GDestroyNotify)hv__cfg_value_free);
	if (!next(p, error) || !parse_list_items(p, v, depth, error))
		return NULL;
	return g_steal_pointer(&v);
}

/* `+=`: a string gets the new text appended, a list the new items. */
static gboolean
append_value(HvParser *p, HvCfgSetting *s, HvCfgValue *v, GError **error)
{
	if (!s->value->items != !v->items)
		return hv__lexer_error(&p->lx, v->line, v->col, error,
		                       _("%s: cannot add a list to a string or a string to a list"), s->key);
	if (v->items) {
		for (guint i = 0; i < v->items->len; i++)
			g_ptr_array_add(s->value->items, g_ptr_array_steal_index(v->items, i--));
	} else {
		g_autofree char *old = s->value->str;
		s->value->str = g_strconcat(old, v->str, NULL);
	}
	hv__cfg_value_free(v);
	return TRUE;
}

static gboolean
store(HvParser *p, char *key, int line, int col, gboolean add, HvCfgValue *v, GError **error)
{
	HvCfgSetting *s = g_hash_table_lookup(p->cfg->index, key);
	if (s && add) {
		g_free(key);
		if (append_value(p, s, v, error))
			return TRUE;
		hv__cfg_value_free(v);
		return FALSE;
	}
	if (s) {
		g_ptr_array_add(p->cfg->warnings,
		                g_strdup_printf(_("%s:%d:%d: %s is set again; this value replaces the one "
		                                  "on line %d"),
		                                p->cfg->source, line, col, key, s->line));
		hv__cfg_value_free(s->value);
		s->value = v;
		s->line = line;
		s->col = col;
		g_free(key);
		return TRUE;
	}
	s = g_new0(HvCfgSetting, 1);
	s->key = key;
	s->value = v;
	s->line = line;
	s->col = col;
	g_ptr_array_add(p->cfg->settings, s);
	g_hash_table_insert(p->cfg->index, s->key, s);
	return TRUE;
}

static gboolean
parse_assignment(HvParser *p, GError **error)
{
	g_autofree char *key = g_steal_pointer(&p->tok.text);
	int line = p->tok.line, col = p->tok.col;
	if (!next(p, error))
		return FALSE;
	gboolean add = p->tok.type == HV_TOK_ADD;
	if (p->tok.type != '=' && !add) {
		g_autofree char *what = g_strdup_printf(_("'=' after %s"), key);
		return unexpected(p, what, error);
	}
	if (!next(p, error))
		return FALSE;
	HvCfgValue *v = parse_value(p, 0, error);
	if (!v)
		return FALSE;
	if (!store(p, g_steal_pointer(&key), line, col, add, v, error))
		return FALSE;
	if (p->tok.type != '\n' && p->tok.type != ';' && p->tok.type != HV_TOK_EOF)
		return unexpected(p, _("the end of the line after the value"), error);
	return TRUE;
}

static void
parser_clear(HvParser *p)
{
	g_free(p->tok.text);
	hv__cfg_free(p->cfg);
}

HvCfg *
hv__cfg_parse(const char *text, gsize len, const char *source, GError **error)
{
	HvParser p = { 0 };
	hv__lexer_init(&p.lx, text, len, source);
	p.cfg = g_new0(HvCfg, 1);
	p.cfg->source = g_strdup(source);
	p.cfg->settings = g_ptr_array_new();
	p.cfg->warnings = g_ptr_array_new_with_free_func(g_free);
	p.cfg->index = g_hash_table_new(g_str_hash, g_str_equal);
	if (memchr(text, '\0', len)) {
		hv__lexer_error(&p.lx, 1, 1, error, _("the file contains a NUL byte: not an xl.cfg file"));
		parser_clear(&p);
		return NULL;
	}
	gboolean ok = next(&p, error);
	while (ok && p.tok.type != HV_TOK_EOF) {
		if (p.tok.type == HV_TOK_IDENT)
			ok = parse_assignment(&p, error);
		else if (p.tok.type != '\n' && p.tok.type != ';')
			ok = unexpected(&p, _("a setting (name = value)"), error);
		ok = ok && (p.tok.type == HV_TOK_EOF || next(&p, error));
	}
	HvCfg *cfg = ok ? g_steal_pointer(&p.cfg) : NULL;
	parser_clear(&p);
	return cfg;
}
