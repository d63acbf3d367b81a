/* xl.cfg settings <-> the domain model. One table (xlcfg/keys.c) lists
 * every setting xl.cfg(5) documents plus hv's own, each with how it maps:
 * onto a model field of a simple kind (string, number, MiB, boolean, enum,
 * list of strings), through a pair of functions (parse and format) for the
 * structured ones, into the domain's xen_options with a warning (Xen
 * settings without meaning on KVM), or refused with a message. The parser
 * walks the table in order, the writer too, so both sides stay symmetric
 * and the output order is the table's. */
#pragma once

#include <hv/model.h>
#include <hv/xlcfg.h>

#include "model/desc.h"
#include "xlcfg/cfg.h"

typedef enum {
	HV__XK_STRING,  /* char * */
	HV__XK_INT,     /* HvInt */
	HV__XK_MIB,     /* HvInt in KiB, MiB in xl.cfg */
	HV__XK_BOOL,    /* HvTristate, 0|1 */
	HV__XK_ENUM,    /* enum with enum_id's strings */
	HV__XK_STRLIST, /* GPtrArray of char *, a list of strings */
	HV__XK_CUSTOM,  /* parse and format functions (either may be NULL when
	                 * another entry handles the setting) */
	HV__XK_SPECLIST, /* GPtrArray of structs, a list of spec strings */
	HV__XK_SPEC,     /* an embedded struct, one spec string */
	HV__XK_SPECNEST, /* GPtrArray of structs, a list of lists (vnuma) */
	HV__XK_XEN,     /* no meaning on KVM: kept in xen_options, warned */
	HV__XK_REJECT,  /* refused with HV_ERROR_UNSUPPORTED and note */
} HvXlKeyKind;

enum {
	HV__XF_HV = 1 << 0,   /* a setting of hv's dialect, refused in HV_XLCFG_XEN */
	HV__XF_FLAG = 1 << 1, /* spec keys of kind XEN: a bare word, not key=value */
	HV__XF_ALWAYS = 1 << 2, /* parse is called even when the setting is absent */
};

typedef struct HvXlIn HvXlIn;
typedef struct HvXlOut HvXlOut;
typedef struct HvXlKey HvXlKey;
struct HvSpecType;

struct HvXlKey {
	const char *key;
	HvXlKeyKind kind;
	size_t offset;   /* into HvDomain */
	HvEnumId enum_id;
	guint flags;
	gboolean (*parse)(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error);
	gboolean (*format)(HvXlOut *out, const HvXlKey *k, GError **error);
	const char *note; /* XEN: why it has no effect; REJECT: why it is refused */
	const struct HvSpecType *spec; /* SPECLIST, SPEC, SPECNEST */
};

/* Parsing: the state of one xl.cfg file being mapped. */
struct HvXlIn {
	HvCfg *cfg;
	HvDomain *dom;
	HvXlcfgDialect dialect;
	GPtrArray *warnings; /* char * */
	gboolean was_pv;     /* a classic PV config, loaded as pvh */
};

/* Writing: the output being built. */
struct HvXlOut {
	const HvDomain *dom;
	HvXlcfgDialect dialect;
	GString *text;
};

/* The table (xlcfg/keys.c). */
extern const HvXlKey hv__xl_keys[];
extern const gsize hv__xl_n_keys;

/* The table entry of KEY, or NULL. */
const HvXlKey *hv__xl_key_find(const char *key);

/* The field of HvDomain at OFFSET (for ranges and formats). */
const HvFieldDesc *hv__xl_field(size_t offset);

/* The address of K's field in DOM. */
#define HV__XL_FIELD(dom, k) ((void *)((char *)(dom) + (k)->offset))

/* Errors and warnings located at a setting or a value: "FILE:LINE:COL:
 * KEY: message". */
gboolean hv__xl_fail(HvXlIn *in, const HvCfgSetting *s, const HvCfgValue *v, int code,
                     GError **error, const char *format, ...) G_GNUC_PRINTF(6, 7);
void hv__xl_warn(HvXlIn *in, const HvCfgSetting *s, const char *format, ...) G_GNUC_PRINTF(3, 4);
/* Prefixes ERROR's message with the location of V in S. */
gboolean hv__xl_locate(HvXlIn *in, const HvCfgSetting *s, const HvCfgValue *v, GError **error);

/* Reading values. */
gboolean hv__xl_get_atom(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, const char **out,
                         GError **error);
gboolean hv__xl_get_int(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, gint64 *out, GError **error);
gboolean hv__xl_get_bool(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, HvTristate *out,
                         GError **error);
/* V as a list of atoms; a single atom when ALLOW_ATOM (xl's serial, usbdevice). */
gboolean hv__xl_get_strings(HvXlIn *in, HvCfgSetting *s, gboolean allow_atom, GPtrArray **out,
                            GError **error);
/* A size in MiB (xl), or with a k/M/G suffix in hv's dialect; KiB out. */
gboolean hv__xl_parse_mib(const char *text, gboolean allow_suffix, gint64 *kib_r);
/* Whether KIB is written as plain MiB; else hv's dialect writes "Nk". */
char *hv__xl_format_mib(gint64 kib, gboolean allow_suffix);

/* Writing settings. */
void hv__xl_emit(HvXlOut *out, const char *key, HvCfgValue *v); /* takes V */
void hv__xl_emit_string(HvXlOut *out, const char *key, const char *s);
void hv__xl_emit_int(HvXlOut *out, const char *key, gint64 v);
void hv__xl_emit_strings(HvXlOut *out, const char *key, GPtrArray *strings); /* takes STRINGS */
/* HV_XLCFG_XEN cannot say WHAT: a clear error naming it and hv's setting. */
gboolean hv__xl_not_in_xen(HvXlOut *out, const char *what, const char *hv_key, GError **error);
/* Whether OUT writes hv's dialect; otherwise fails with hv__xl_not_in_xen. */
gboolean hv__xl_hv_only(HvXlOut *out, const char *what, const char *hv_key, GError **error);

/* The generic kinds, used by the table and by custom functions. */
gboolean hv__xl_parse_simple(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error);
gboolean hv__xl_format_simple(HvXlOut *out, const HvXlKey *k, GError **error);

/* DOM's kept Xen setting KEY, or NULL. */
const HvXenOption *hv__xl_find_xen_option(const HvDomain *dom, const char *key);

/* What K's setting is called in messages: its key without "hv_". */
const char *hv__xl_what(const HvXlKey *k);

/* Keeps setting S verbatim in the domain's xen_options (written back last). */
void hv__xl_keep_setting(HvXlIn *in, const HvCfgSetting *s);
