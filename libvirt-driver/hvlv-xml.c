/* hvlv-xml: libvirt XML reading (with a record of what was read) and
 * writing in libvirt's layout. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "hvlv-error.h"
#include "hvlv-xml.h"

#define NAME(node) ((const char *)(node)->name)

/* libxml2's first error of the parse, worded as libvirt's catchXMLError. */
static void
hvlv_xin_syntax_error(const char *docname, GError **error)
{
	const xmlError *e = xmlGetLastError();
	g_autofree char *msg = g_strdup(e && e->message ? e->message : "parse error\n");
	g_strchomp(msg);
	hvlv_set_error(error, HVLV_ERR_XML_DETAIL, HVLV_FROM_DRIVER, "%s:%d: %s", docname,
	               e ? e->line : 0, msg);
}

HvlvXmlIn *
hvlv_xin_new(const char *text, const char *docname, const char *root, GError **error)
{
	if (!text) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER, _("no XML given"));
		return NULL;
	}
	xmlResetLastError();
	int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;
	xmlDoc *doc = xmlReadMemory(text, (int)strlen(text), docname, NULL, opts);
	if (!doc) {
		hvlv_xin_syntax_error(docname, error);
		return NULL;
	}
	xmlNode *top = xmlDocGetRootElement(doc);
	if (!top || strcmp(NAME(top), root) != 0) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("unexpected root element <%s>, expecting <%s>"),
		               top ? NAME(top) : "", root);
		xmlFreeDoc(doc);
		return NULL;
	}
	HvlvXmlIn *in = g_new0(HvlvXmlIn, 1);
	in->doc = doc;
	in->seen = g_hash_table_new(NULL, NULL);
	return in;
}

void
hvlv_xin_free(HvlvXmlIn *in)
{
	if (!in)
		return;
	xmlFreeDoc(in->doc);
	g_hash_table_destroy(in->seen);
	g_free(in);
}

xmlNode *
hvlv_xin_root(HvlvXmlIn *in)
{
	xmlNode *root = xmlDocGetRootElement(in->doc);
	g_hash_table_add(in->seen, root);
	return root;
}

xmlNode *
hvlv_xin_child(HvlvXmlIn *in, xmlNode *parent, const char *name)
{
	if (!parent)
		return NULL;
	for (xmlNode *n = parent->children; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp(NAME(n), name) == 0) {
			g_hash_table_add(in->seen, n);
			return n;
		}
	}
	return NULL;
}

GPtrArray *
hvlv_xin_children(HvlvXmlIn *in, xmlNode *parent, const char *name)
{
	GPtrArray *list = g_ptr_array_new();
	for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp(NAME(n), name) == 0) {
			g_hash_table_add(in->seen, n);
			g_ptr_array_add(list, n);
		}
	}
	return list;
}

void
hvlv_xin_mark_subtree(HvlvXmlIn *in, xmlNode *node)
{
	g_hash_table_add(in->seen, node);
	for (xmlAttr *a = node->properties; a; a = a->next)
		g_hash_table_add(in->seen, a);
	for (xmlNode *n = node->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			hvlv_xin_mark_subtree(in, n);
}

const char *
hvlv_xin_attr(HvlvXmlIn *in, xmlNode *node, const char *name)
{
	if (!node)
		return NULL;
	for (xmlAttr *a = node->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		g_hash_table_add(in->seen, a);
		return a->children && a->children->content ? (const char *)a->children->content : "";
	}
	return NULL;
}

char *
hvlv_xin_text(xmlNode *node)
{
	if (!node)
		return NULL;
	xmlChar *content = xmlNodeGetContent(node);
	char *text = g_strstrip(g_strdup(content ? (const char *)content : ""));
	xmlFree(content);
	return text;
}

/* Parses S as a decimal (or 0x hexadecimal) integer within [MIN, MAX]. */
static gboolean
hvlv_xml_parse_int(const char *s, gint64 min, gint64 max, gint64 *v_r)
{
	char *end = NULL;
	errno = 0;
	while (g_ascii_isspace(*s))
		s++;
	gint64 v = g_ascii_strtoll(s, &end, g_str_has_prefix(s, "0x") ? 16 : 10);
	if (errno || end == s || *end || v < min || v > max)
		return FALSE;
	*v_r = v;
	return TRUE;
}

gboolean
hvlv_xin_int(HvlvXmlIn *in, xmlNode *node, const char *name, gint64 min, gint64 max, HvInt *out,
             GError **error)
{
	const char *s = hvlv_xin_attr(in, node, name);
	if (!s)
		return TRUE;
	gint64 v;
	if (!hvlv_xml_parse_int(s, min, max, &v)) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("invalid value '%s' of attribute '%s' of <%s>"), s, name, NAME(node));
		return FALSE;
	}
	*out = HV_INT(v);
	return TRUE;
}

gboolean
hvlv_xin_text_int(xmlNode *node, gint64 min, gint64 max, HvInt *out, GError **error)
{
	if (!node)
		return TRUE;
	g_autofree char *s = hvlv_xin_text(node);
	gint64 v;
	if (!hvlv_xml_parse_int(s, min, max, &v)) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("invalid value '%s' of <%s>"), s, NAME(node));
		return FALSE;
	}
	*out = HV_INT(v);
	return TRUE;
}

gboolean
hvlv_xin_bool(HvlvXmlIn *in, xmlNode *node, const char *name, HvTristate *out, GError **error)
{
	const char *s = hvlv_xin_attr(in, node, name);
	if (!s)
		return TRUE;
	if (strcmp(s, "yes") == 0 || strcmp(s, "on") == 0)
		*out = HV_TRISTATE_YES;
	else if (strcmp(s, "no") == 0 || strcmp(s, "off") == 0)
		*out = HV_TRISTATE_NO;
	else {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("invalid value '%s' of attribute '%s' of <%s>"), s, name, NAME(node));
		return FALSE;
	}
	return TRUE;
}

gboolean
hvlv_xin_enum(HvlvXmlIn *in, xmlNode *node, const char *name, HvEnumId id,
              const HvlvXmlEnumAlias *aliases, int *out, GError **error)
{
	const char *s = hvlv_xin_attr(in, node, name);
	if (!s)
		return TRUE;
	for (const HvlvXmlEnumAlias *a = aliases; a && a->xml; a++) {
		if (strcmp(a->xml, s) == 0) {
			*out = a->value;
			return TRUE;
		}
	}
	if (hv_enum_from_string(id, s, out) && *out != 0)
		return TRUE;
	hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
	               _("<%s %s='%s'> is not supported by hv"), NAME(node), name, s);
	return FALSE;
}

const char *
hvlv_xml_enum_name(HvEnumId id, const HvlvXmlEnumAlias *aliases, int value)
{
	for (const HvlvXmlEnumAlias *a = aliases; a && a->xml; a++)
		if (a->value == value)
			return a->xml;
	return hv_enum_to_string(id, value);
}

/* Bytes per unit of libvirt's memory units (virScaleInteger). */
static gboolean
hvlv_xml_unit_scale(const char *unit, guint64 *scale_r)
{
	static const struct {
		const char *names;
		guint64 scale;
	} units[] = {
		{ "|b|bytes|", 1 },
		{ "|KB|", 1000ULL }, { "|k|K|KiB|", 1024ULL },
		{ "|MB|", 1000000ULL }, { "|M|MiB|", 1ULL << 20 },
		{ "|GB|", 1000000000ULL }, { "|G|GiB|", 1ULL << 30 },
		{ "|TB|", 1000000000000ULL }, { "|T|TiB|", 1ULL << 40 },
		{ "|PB|", 1000000000000000ULL }, { "|P|PiB|", 1ULL << 50 },
	};
	g_autofree char *key = g_strdup_printf("|%s|", unit ? unit : "KiB");
	for (gsize i = 0; i < G_N_ELEMENTS(units); i++) {
		if (strstr(units[i].names, key)) {
			*scale_r = units[i].scale;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
hvlv_xin_size_kib(HvlvXmlIn *in, xmlNode *node, HvInt *out, GError **error)
{
	if (!node)
		return TRUE;
	const char *unit = hvlv_xin_attr(in, node, "unit");
	guint64 scale;
	if (!hvlv_xml_unit_scale(unit, &scale)) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unknown suffix '%s'"), unit);
		return FALSE;
	}
	HvInt v = { 0, FALSE };
	if (!hvlv_xin_text_int(node, 0, G_MAXINT64 / 1024, &v, error))
		return FALSE;
	if ((guint64)v.value > G_MAXUINT64 / scale / 2) {
		hvlv_set_error(error, HVLV_ERR_OVERFLOW, HVLV_FROM_DRIVER,
		               "%" G_GINT64_FORMAT "%s", v.value, unit ? unit : "");
		return FALSE;
	}
	guint64 bytes = (guint64)v.value * scale;
	*out = HV_INT((gint64)((bytes + 1023) / 1024));
	return TRUE;
}

/* Whether an element's subtree is kept verbatim. */
static gboolean
hvlv_xml_is_verbatim(xmlNode *node)
{
	return strcmp(NAME(node), "metadata") == 0;
}

gboolean
hvlv_xin_check_all(HvlvXmlIn *in, xmlNode *root, GError **error)
{
	for (xmlAttr *a = root->properties; a; a = a->next) {
		if (!g_hash_table_contains(in->seen, a)) {
			hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
			               _("attribute '%s' of <%s> is not supported by hv"),
			               (const char *)a->name, NAME(root));
			return FALSE;
		}
	}
	for (xmlNode *n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!g_hash_table_contains(in->seen, n)) {
			hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
			               _("element <%s> in <%s> is not supported by hv"), NAME(n),
			               NAME(root));
			return FALSE;
		}
		if (!hvlv_xml_is_verbatim(n) && !hvlv_xin_check_all(in, n, error))
			return FALSE;
	}
	return TRUE;
}

/* The writer. */

HvlvXmlOut *
hvlv_xout_new(void)
{
	HvlvXmlOut *out = g_new0(HvlvXmlOut, 1);
	out->text = g_string_new(NULL);
	out->open = g_ptr_array_new_with_free_func(g_free);
	return out;
}

void
hvlv_xout_free(HvlvXmlOut *out)
{
	if (!out)
		return;
	g_string_free(out->text, TRUE);
	g_ptr_array_unref(out->open);
	g_free(out);
}

char *
hvlv_xout_finish(HvlvXmlOut *out)
{
	g_assert(out->open->len == 0);
	char *text = g_string_free(g_steal_pointer(&out->text), FALSE);
	out->text = g_string_new(NULL);
	hvlv_xout_free(out);
	return text;
}

static void
hvlv_xout_indent(HvlvXmlOut *out, guint depth)
{
	for (guint i = 0; i < depth; i++)
		g_string_append(out->text, "  ");
}

/* Ends the pending start tag, before content. */
static void
hvlv_xout_close_start(HvlvXmlOut *out, gboolean newline)
{
	if (!out->in_start)
		return;
	g_string_append(out->text, newline ? ">\n" : ">");
	out->in_start = FALSE;
}

void
hvlv_xout_push(HvlvXmlOut *out, const char *name)
{
	hvlv_xout_close_start(out, TRUE);
	hvlv_xout_indent(out, out->open->len);
	g_string_append_printf(out->text, "<%s", name);
	g_ptr_array_add(out->open, g_strdup(name));
	out->in_start = TRUE;
	out->has_text = FALSE;
}

void
hvlv_xout_pop(HvlvXmlOut *out)
{
	g_autofree char *name = g_ptr_array_steal_index(out->open, out->open->len - 1);
	if (out->in_start)
		g_string_append(out->text, "/>\n");
	else {
		if (!out->has_text)
			hvlv_xout_indent(out, out->open->len);
		g_string_append_printf(out->text, "</%s>\n", name);
	}
	out->in_start = FALSE;
	out->has_text = FALSE;
}

void
hvlv_xout_attr(HvlvXmlOut *out, const char *name, const char *value)
{
	if (!value)
		return;
	g_autofree char *escaped = g_markup_escape_text(value, -1);
	g_string_append_printf(out->text, " %s='%s'", name, escaped);
}

void
hvlv_xout_attr_int(HvlvXmlOut *out, const char *name, HvInt v)
{
	if (v.set)
		g_string_append_printf(out->text, " %s='%" G_GINT64_FORMAT "'", name, v.value);
}

void
hvlv_xout_attr_bool(HvlvXmlOut *out, const char *name, HvTristate t, gboolean on_off)
{
	if (t == HV_TRISTATE_DEFAULT)
		return;
	gboolean yes = t == HV_TRISTATE_YES;
	hvlv_xout_attr(out, name, on_off ? (yes ? "on" : "off") : (yes ? "yes" : "no"));
}

void
hvlv_xout_text(HvlvXmlOut *out, const char *text)
{
	if (!*text)
		return; /* <x/> rather than <x></x> */
	hvlv_xout_close_start(out, FALSE);
	g_autofree char *escaped = g_markup_escape_text(text, -1);
	g_string_append(out->text, escaped);
	out->has_text = TRUE;
}

void
hvlv_xout_element(HvlvXmlOut *out, const char *name, const char *text)
{
	if (!text)
		return;
	hvlv_xout_push(out, name);
	hvlv_xout_text(out, text);
	hvlv_xout_pop(out);
}

void
hvlv_xout_element_int(HvlvXmlOut *out, const char *name, HvInt v)
{
	if (!v.set)
		return;
	g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, v.value);
	hvlv_xout_element(out, name, text);
}

void
hvlv_xout_raw(HvlvXmlOut *out, const char *raw)
{
	hvlv_xout_close_start(out, TRUE);
	hvlv_xout_indent(out, out->open->len);
	g_string_append_printf(out->text, "%s\n", raw);
}

void
hvlv_xout_size_kib(HvlvXmlOut *out, const char *name, HvInt v)
{
	if (!v.set)
		return;
	hvlv_xout_push(out, name);
	hvlv_xout_attr(out, "unit", "KiB");
	g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, v.value);
	hvlv_xout_text(out, text);
	hvlv_xout_pop(out);
}
