/* hvlv-metadata: title, description and <metadata> elements. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "hvlv-error.h"
#include "hvlv-metadata.h"

static xmlDoc *
hvlv_metadata_read(const char *xml, const char *what, GError **error)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), what, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc || !xmlDocGetRootElement(doc)) {
		const xmlError *err = xmlGetLastError();
		g_autofree char *msg = g_strstrip(g_strdup(err && err->message ? err->message : "?"));
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN, "%s:%d: %s", what,
		               err ? err->line : 0, msg);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* DEF's <metadata> as a document of its own. */
static xmlDoc *
hvlv_metadata_doc(const HvDomain *def, GError **error)
{
	g_autofree char *xml = g_strdup_printf("<metadata>%s</metadata>",
	                                       def->metadata ? def->metadata : "");
	return hvlv_metadata_read(xml, "(metadata)", error);
}

/* The first element child of PARENT in namespace URI. */
static xmlNode *
hvlv_metadata_find(xmlNode *parent, const char *uri)
{
	for (xmlNode *n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		    strcmp((const char *)n->ns->href, uri) == 0)
			return n;
	return NULL;
}

static char *
hvlv_metadata_node_string(xmlDoc *doc, xmlNode *node)
{
	xmlBuffer *buf = xmlBufferCreate();
	xmlNodeDump(buf, doc, node, 0, 0);
	char *s = g_strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

/* The children of DOC's root back into DEF's verbatim metadata. */
static void
hvlv_metadata_store(HvDomain *def, xmlDoc *doc)
{
	GString *out = g_string_new(NULL);
	for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		g_autofree char *s = hvlv_metadata_node_string(doc, n);
		g_string_append_printf(out, "%s%s", out->len ? "\n" : "", s);
	}
	g_free(def->metadata);
	def->metadata = out->len ? g_string_free(out, FALSE) : (g_string_free(out, TRUE), NULL);
}

static gboolean
hvlv_metadata_set_element(HvDomain *def, const char *metadata, const char *key, const char *uri,
                          GError **error)
{
	xmlDoc *doc = hvlv_metadata_doc(def, error);
	if (!doc)
		return FALSE;
	xmlDoc *add = metadata && *metadata ? hvlv_metadata_read(metadata, "(metadata_xml)", error)
	                                    : NULL;
	if (metadata && *metadata && !add) {
		xmlFreeDoc(doc);
		return FALSE;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *old; (old = hvlv_metadata_find(root, uri));) {
		xmlUnlinkNode(old);
		xmlFreeNode(old);
	}
	if (add) {
		xmlNode *node = xmlDocCopyNode(xmlDocGetRootElement(add), doc, 1);
		xmlSetNs(node, xmlNewNs(node, (const xmlChar *)uri, (const xmlChar *)key));
		xmlAddChild(root, node);
		xmlFreeDoc(add);
	}
	hvlv_metadata_store(def, doc);
	xmlFreeDoc(doc);
	return TRUE;
}

gboolean
hvlv_metadata_set(HvDomain *def, int type, const char *metadata, const char *key,
                  const char *uri, GError **error)
{
	char **field = type == HVLV_METADATA_TITLE ? &def->title : &def->description;
	switch (type) {
	case HVLV_METADATA_TITLE:
		if (metadata && strchr(metadata, '\n')) {
			hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DOMAIN,
			               _("metadata title can't contain newlines"));
			return FALSE;
		}
		G_GNUC_FALLTHROUGH;
	case HVLV_METADATA_DESCRIPTION:
		g_free(*field);
		*field = metadata && *metadata ? g_strdup(metadata) : NULL;
		return TRUE;
	case HVLV_METADATA_ELEMENT:
		if (!uri || (metadata && !key)) {
			hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DOMAIN,
			               _("metadata element needs a namespace URI and, to set it, a key"));
			return FALSE;
		}
		return hvlv_metadata_set_element(def, metadata, key, uri, error);
	default:
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DOMAIN, _("unknown metadata type"));
		return FALSE;
	}
}

static char *
hvlv_metadata_get_element(const HvDomain *def, const char *uri, GError **error)
{
	if (!uri) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DOMAIN,
		               _("metadata element needs a namespace URI"));
		return NULL;
	}
	if (!def->metadata)
		return NULL;
	xmlDoc *doc = hvlv_metadata_doc(def, error);
	if (!doc)
		return NULL;
	xmlNode *node = hvlv_metadata_find(xmlDocGetRootElement(doc), uri);
	char *s = node ? hvlv_metadata_node_string(doc, node) : NULL;
	xmlFreeDoc(doc);
	return s;
}

char *
hvlv_metadata_get(const HvDomain *def, int type, const char *uri, GError **error)
{
	g_autoptr(GError) local = NULL;
	char *value = NULL;
	if (type == HVLV_METADATA_TITLE)
		value = g_strdup(def->title);
	else if (type == HVLV_METADATA_DESCRIPTION)
		value = g_strdup(def->description);
	else if (type == HVLV_METADATA_ELEMENT)
		value = hvlv_metadata_get_element(def, uri, &local);
	else
		hvlv_set_error(&local, HVLV_ERR_INVALID_ARG, HVLV_FROM_DOMAIN, _("unknown metadata type"));
	if (local)
		g_propagate_error(error, g_steal_pointer(&local));
	else if (!value)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN_METADATA, HVLV_FROM_DOMAIN,
		               _("Requested metadata element is not present"));
	return value;
}
