/* The syntax of xl.cfg, without meaning: a file is a list of settings
 * `key = value` or `key += value`, a value is an atom (a quoted string or
 * a number, which xl treats alike) or a [list] of values. Follows Xen's
 * libxlu_cfg_l.l / libxlu_cfg_y.y: keys are [a-z][._0-9a-z]*, numbers
 * [0-9][0-9a-fx]*, strings '...' or "..." with C escapes, `#` comments,
 * statements end at a newline or `;`, lists may span lines and end in a
 * comma. A key set twice keeps its last value; `+=` appends to a list or
 * a string. */
#pragma once

#include <glib.h>

typedef struct HvCfgValue HvCfgValue;
struct HvCfgValue {
	char *str;        /* an atom's text (NULL for a list) */
	GPtrArray *items; /* a list's values, HvCfgValue (NULL for an atom) */
	gboolean quoted;  /* the atom was a string literal, not a number */
	int line, col;
};

typedef struct {
	char *key;
	HvCfgValue *value;
	int line, col;    /* of the key */
	gboolean used;    /* taken by the mapping */
} HvCfgSetting;

typedef struct {
	char *source;        /* file name for messages */
	GPtrArray *settings; /* HvCfgSetting, one per key, in order of first appearance */
	GPtrArray *warnings; /* char *, e.g. keys set twice */
	GHashTable *index;   /* key -> HvCfgSetting */
} HvCfg;

void hv__cfg_value_free(HvCfgValue *v);
void hv__cfg_free(HvCfg *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvCfg, hv__cfg_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvCfgValue, hv__cfg_value_free)

/* Parses TEXT (LEN bytes) into settings; HV_ERROR_PARSE naming SOURCE,
 * line and column on a syntax error. */
HvCfg *hv__cfg_parse(const char *text, gsize len, const char *source, GError **error);

/* The setting KEY of CFG, or NULL. */
HvCfgSetting *hv__cfg_lookup(HvCfg *cfg, const char *key);

/* Parses TEXT as one value (what follows `key =`); NULL with an error if it
 * is not exactly one. */
HvCfgValue *hv__cfg_parse_value(const char *text, GError **error);

/* Appends V to OUT as xl.cfg text: atoms quoted unless they are numbers,
 * lists on one line when short, else one item per line. */
void hv__cfg_value_write(GString *out, const HvCfgValue *v, int indent);

/* V as xl.cfg text on one line, in one canonical form ("[ 1, \"a\" ]"). */
char *hv__cfg_value_to_text(const HvCfgValue *v);

/* New atoms and lists for building output. */
HvCfgValue *hv__cfg_atom_new(const char *s, gboolean quoted);
HvCfgValue *hv__cfg_list_new(void);
