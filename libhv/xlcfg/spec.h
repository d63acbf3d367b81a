/* Device specs: the "key=value,flag,..." strings inside xl.cfg lists (disk,
 * vif, pci, vtpm, channel, usbctrl, usbdev, and hv's own), mapped onto a
 * model struct by a table of keys, like the top-level table (map.h). The
 * same tables read the list-of-lists form of vnuma, where each key=value
 * is its own string. */
#pragma once

#include "xlcfg/map.h"

typedef enum {
	HV__SK_STRING,
	HV__SK_INT,      /* strtoll base 0 */
	HV__SK_HEX,      /* hexadecimal, written 0x%x */
	HV__SK_MIB,      /* HvInt KiB, MiB in the spec */
	HV__SK_BOOL,     /* key=0|1 */
	HV__SK_FLAG_ON,  /* a bare word setting a tristate to yes */
	HV__SK_FLAG_OFF, /* a bare word setting a tristate to no */
	HV__SK_ENUM,
	HV__SK_CUSTOM,
	HV__SK_XEN,      /* kept verbatim in the struct's xen_options, warned */
	HV__SK_REJECT,
} HvSpecKind;

typedef struct HvSpecKey HvSpecKey;
typedef struct HvSpecIn HvSpecIn;
typedef struct HvSpecOut HvSpecOut;

struct HvSpecKey {
	const char *key;
	HvSpecKind kind;
	size_t offset; /* into the struct */
	HvEnumId enum_id;
	guint flags;   /* HV__XF_HV */
	gboolean (*parse)(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error);
	gboolean (*format)(HvSpecOut *out, const HvSpecKey *k, GError **error);
	const char *note;
};

typedef struct HvSpecType {
	const char *what;       /* "disk", "vif", ... in messages */
	const HvTypeDesc *desc; /* the struct */
	const HvSpecKey *keys;
	gsize n_keys;
	gssize xen_options;     /* offset of the struct's xen_options, or -1 */
	/* A bare word that is no flag (disk's positional parameters); NULL:
	 * an error. */
	gboolean (*positional)(HvSpecIn *in, const char *item, GError **error);
	const char *separator;  /* between items when written: "," or ", " */
	gboolean nested;        /* written as a list of "key=value" strings, whose
	                         * values may hold commas (vnuma) */
} HvSpecType;

struct HvSpecIn {
	HvXlIn *xl;
	HvCfgSetting *setting;
	HvCfgValue *value; /* the spec string (or list) */
	const HvSpecType *type;
	void *obj;
	int offset;        /* of the current item in the spec string, for columns */
	int positionals;   /* disk: positional parameters seen */
	gboolean flag;     /* disk: a deprecated prefix was stripped */
};

struct HvSpecOut {
	HvXlOut *xl;
	const HvSpecType *type;
	const void *obj;
	GPtrArray *items; /* char *, "key=value" */
	const char *what;
};

#define HV__SPEC_TYPE(w, T, keys_array, xen_off, pos, sep) \
	{ w, &T, keys_array, G_N_ELEMENTS(keys_array), xen_off, pos, sep, FALSE }
#define HV__SPEC_NESTED_TYPE(w, T, keys_array) \
	{ w, &T, keys_array, G_N_ELEMENTS(keys_array), -1, NULL, ",", TRUE }
#define HV__SPEC_FIELD(obj, k) ((void *)((char *)(obj) + (k)->offset))

/* Errors at the current item of a spec. */
gboolean hv__spec_fail(HvSpecIn *in, int code, GError **error, const char *format, ...)
	G_GNUC_PRINTF(4, 5);

/* A warning at the current item of a spec. */
void hv__spec_warn(HvSpecIn *in, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Reads the spec string V of setting S into OBJ (a new struct of TYPE). */
gboolean hv__spec_parse(HvXlIn *xl, HvCfgSetting *s, HvCfgValue *v, const HvSpecType *type,
                        void *obj, GError **error);

/* Reads every spec string of the list setting S into new structs appended
 * to LIST. */
gboolean hv__spec_parse_list(HvXlIn *xl, HvCfgSetting *s, const HvSpecType *type, GPtrArray *list,
                             GError **error);

/* The items of OBJ, "key=value" or flags, in table order. */
GPtrArray *hv__spec_format_items(HvXlOut *xl, const HvSpecType *type, const void *obj,
                                 GError **error);

/* OBJ as one spec string; NULL on error. */
char *hv__spec_format(HvXlOut *xl, const HvSpecType *type, const void *obj, GError **error);

/* Writes `KEY = [ spec, ... ]` for the structs of LIST (nothing when empty). */
gboolean hv__spec_format_list(HvXlOut *xl, const char *key, const HvSpecType *type,
                              const GPtrArray *list, GError **error);

/* Adds "KEY=VALUE" to OUT's items, refusing commas in VALUE. */
gboolean hv__spec_add(HvSpecOut *out, const char *key, const char *value, GError **error);

/* Writes an enum field of kind HV__SK_CUSTOM as "key=value" (for custom
 * keys whose parsing is special but whose writing is not). */
gboolean hv__spec_format_enum(HvSpecOut *out, const HvSpecKey *k, GError **error);

/* Writes `KEY = [ [ "key=value", ... ], ... ]`, the list-of-lists form of
 * vnuma, for the structs of LIST (nothing when empty). */
gboolean hv__spec_format_nested_list(HvXlOut *xl, const char *key, const HvSpecType *type,
                                     const GPtrArray *list, GError **error);

/* Writes `KEY = "spec"` for the struct at OBJ (nothing when all unset). */
gboolean hv__spec_format_into(HvXlOut *xl, const char *key, const HvSpecType *type, const void *obj,
                              GError **error);

/* Writes a string field of kind HV__SK_CUSTOM as "key=value". */
gboolean hv__spec_format_string(HvSpecOut *out, const HvSpecKey *k, GError **error);

/* The address= key (an HvAddress field, hv_address_from_string's form). */
gboolean hv__spec_parse_address(HvSpecIn *in, const HvSpecKey *k, const char *value,
                                GError **error);
gboolean hv__spec_format_address(HvSpecOut *out, const HvSpecKey *k, GError **error);
#define HV__SPEC_ADDRESS_KEY(T) \
	{ "address", HV__SK_CUSTOM, offsetof(T, address), 0, HV__XF_HV, hv__spec_parse_address, \
	  hv__spec_format_address, NULL }

/* Whether ITEM ("backend=x", "trusted") is a Xen-only item of TYPE. */
gboolean hv__spec_is_xen_item(const HvSpecType *type, const char *item);
