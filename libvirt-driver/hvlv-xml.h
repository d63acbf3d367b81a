/* hvlv-xml: reading and writing libvirt XML documents.
 *
 * The reader (HvlvXmlIn) remembers every element and attribute a parser
 * looked at; hvlv_xin_check_all() then refuses the first one nobody read,
 * so that what hv cannot honour is never dropped silently
 * (VIR_ERR_CONFIG_UNSUPPORTED naming it). The writer (HvlvXmlOut) builds
 * libvirt-style text: two-space indentation, single-quoted attributes,
 * empty elements closed with "/>". */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include <hv/types.h>

/* An enum value as it reads in XML, when it differs from the model's name. */
typedef struct {
	const char *xml;
	int value;
} HvlvXmlEnumAlias;

typedef struct {
	xmlDoc *doc;
	GHashTable *seen; /* xmlNode * and xmlAttr * that a parser read */
} HvlvXmlIn;

/* Parses TEXT as a document whose root must be ROOT; DOCNAME appears in
 * syntax errors as libvirt's "(domain_definition):LINE: message"
 * (VIR_ERR_XML_DETAIL); a wrong root is VIR_ERR_XML_ERROR. */
HvlvXmlIn *hvlv_xin_new(const char *text, const char *docname, const char *root,
                        GError **error);

/* Frees IN and its document; NULL is fine. */
void hvlv_xin_free(HvlvXmlIn *in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvXmlIn, hvlv_xin_free)

/* The root element, marked as read. */
xmlNode *hvlv_xin_root(HvlvXmlIn *in);

/* The first child element NAME of PARENT (marked read), or NULL. */
xmlNode *hvlv_xin_child(HvlvXmlIn *in, xmlNode *parent, const char *name);

/* Every child element NAME of PARENT, in order (marked read). */
GPtrArray *hvlv_xin_children(HvlvXmlIn *in, xmlNode *parent, const char *name);

/* Marks NODE and everything below it as read (content kept verbatim). */
void hvlv_xin_mark_subtree(HvlvXmlIn *in, xmlNode *node);

/* Attribute NAME of NODE (marked read) or NULL; owned by the document. */
const char *hvlv_xin_attr(HvlvXmlIn *in, xmlNode *node, const char *name);

/* The text content of NODE, trimmed (newly allocated); NULL for no NODE. */
char *hvlv_xin_text(xmlNode *node);

/* Attribute NAME as an integer in [MIN, MAX] into *OUT (unset if absent).
 * A bad value is VIR_ERR_XML_ERROR naming the element and attribute. */
gboolean hvlv_xin_int(HvlvXmlIn *in, xmlNode *node, const char *name, gint64 min, gint64 max,
                      HvInt *out, GError **error);

/* NODE's text as an integer in [MIN, MAX]; errors as hvlv_xin_int(). */
gboolean hvlv_xin_text_int(xmlNode *node, gint64 min, gint64 max, HvInt *out, GError **error);

/* Attribute NAME as yes/no (or on/off) into *OUT. */
gboolean hvlv_xin_bool(HvlvXmlIn *in, xmlNode *node, const char *name, HvTristate *out,
                       GError **error);

/* Attribute NAME as a value of the model's enum ID (ALIASES first, may be
 * NULL) into *OUT. A value libvirt knows that hv does not is
 * VIR_ERR_CONFIG_UNSUPPORTED. */
gboolean hvlv_xin_enum(HvlvXmlIn *in, xmlNode *node, const char *name, HvEnumId id,
                       const HvlvXmlEnumAlias *aliases, int *out, GError **error);

/* A memory size element (text plus unit attribute) in KiB, rounded up as
 * libvirt does. */
gboolean hvlv_xin_size_kib(HvlvXmlIn *in, xmlNode *node, HvInt *out, GError **error);

/* Refuses the first element or attribute below ROOT that no parser read:
 * VIR_ERR_CONFIG_UNSUPPORTED "... is not supported by hv". */
gboolean hvlv_xin_check_all(HvlvXmlIn *in, xmlNode *root, GError **error);

/* The string form of enum value VALUE in XML (ALIASES first). */
const char *hvlv_xml_enum_name(HvEnumId id, const HvlvXmlEnumAlias *aliases, int value);

/* The writer. */
typedef struct {
	GString *text;
	GPtrArray *open;   /* names of the open elements */
	gboolean in_start; /* the innermost start tag is still open for attributes */
	gboolean has_text; /* the innermost element got text content */
} HvlvXmlOut;

/* A new, empty writer. */
HvlvXmlOut *hvlv_xout_new(void);
/* Frees OUT; NULL is fine. */
void hvlv_xout_free(HvlvXmlOut *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvXmlOut, hvlv_xout_free)
/* The text written so far (all elements must be closed); frees OUT. */
char *hvlv_xout_finish(HvlvXmlOut *out);
/* Opens element NAME inside the current one. */
void hvlv_xout_push(HvlvXmlOut *out, const char *name);
/* Closes the current element ("/>" when it has no content). */
void hvlv_xout_pop(HvlvXmlOut *out);
/* Adds attribute NAME=VALUE to the element just opened; nothing for NULL. */
void hvlv_xout_attr(HvlvXmlOut *out, const char *name, const char *value);
/* Adds an integer attribute when V is set. */
void hvlv_xout_attr_int(HvlvXmlOut *out, const char *name, HvInt v);
/* Adds a yes/no attribute (or on/off with ON_OFF) when T is set. */
void hvlv_xout_attr_bool(HvlvXmlOut *out, const char *name, HvTristate t, gboolean on_off);
/* Gives the current element the (escaped) text TEXT. */
void hvlv_xout_text(HvlvXmlOut *out, const char *text);
/* Writes <NAME>TEXT</NAME> when TEXT is not NULL. */
void hvlv_xout_element(HvlvXmlOut *out, const char *name, const char *text);
/* Writes <NAME>V</NAME> when V is set. */
void hvlv_xout_element_int(HvlvXmlOut *out, const char *name, HvInt v);
/* Writes RAW (one well-formed element) as content of the current element,
 * verbatim after the indentation. */
void hvlv_xout_raw(HvlvXmlOut *out, const char *raw);
/* Writes <NAME unit='KiB'>V</NAME> when V is set. */
void hvlv_xout_size_kib(HvlvXmlOut *out, const char *name, HvInt v);
