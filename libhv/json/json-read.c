/* JSON -> model by walking the field descriptors. Every member must be a
 * field of the model with a value of the field's type: a state file that
 * says something hv does not understand is an error, not silently ignored. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "json/json-internal.h"
#include "model/check.h"

static const HvFieldDesc *
find_field(const HvTypeDesc *desc, const char *name)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		if (strcmp(desc->fields[i].name, name) == 0)
			return &desc->fields[i];
	}
	return NULL;
}

static gboolean
type_error(const char *path, const char *expected, GError **error)
{
	g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s: expected %s"), path, expected);
	return FALSE;
}

static gboolean
read_string(json_object *j, const char *path, HvStrFormat format, char **out, GError **error)
{
	if (!json_object_is_type(j, json_type_string))
		return type_error(path, _("a string"), error);
	const char *s = json_object_get_string(j);
	if ((size_t)json_object_get_string_len(j) != strlen(s)) {
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s: the string contains a NUL character"),
		            path);
		return FALSE;
	}
	*out = hv__normalize_string(format, s);
	return TRUE;
}

static gboolean
read_enum(const HvFieldDesc *f, json_object *j, const char *path, int *out, GError **error)
{
	if (!json_object_is_type(j, json_type_string))
		return type_error(path, _("a string"), error);
	if (hv_enum_from_string(f->enum_id, json_object_get_string(j), out))
		return TRUE;
	g_autoptr(GString) names = g_string_new(NULL);
	for (int i = 1; i < hv__enum_count(f->enum_id); i++)
		g_string_append_printf(names, "%s%s", i > 1 ? ", " : "", hv_enum_to_string(f->enum_id, i));
	g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s: \"%s\" is not one of %s"), path,
	            json_object_get_string(j), names->str);
	return FALSE;
}

static gboolean
read_list(const HvFieldDesc *f, json_object *j, const char *path, GPtrArray *list, GError **error)
{
	if (!json_object_is_type(j, json_type_array))
		return type_error(path, _("a list"), error);
	for (size_t i = 0; i < json_object_array_length(j); i++) {
		json_object *e = json_object_array_get_idx(j, i);
		g_autofree char *epath = g_strdup_printf("%s[%zu]", path, i);
		if (f->kind == HV__F_STRV) {
			char *s = NULL;
			if (!read_string(e, epath, f->format, &s, error))
				return FALSE;
			g_ptr_array_add(list, s);
			continue;
		}
		void *obj = hv__obj_new(f->type);
		g_ptr_array_add(list, obj);
		if (!hv__json_to_obj(f->type, e, obj, epath, NULL, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
read_field(const HvFieldDesc *f, json_object *j, const char *path, void *fp, GError **error)
{
	switch (f->kind) {
	case HV__F_STR:
		return read_string(j, path, f->format, fp, error);
	case HV__F_INT:
		if (!json_object_is_type(j, json_type_int))
			return type_error(path, _("an integer"), error);
		*(HvInt *)fp = HV_INT(json_object_get_int64(j));
		return TRUE;
	case HV__F_BOOL:
		if (!json_object_is_type(j, json_type_boolean))
			return type_error(path, _("true or false"), error);
		*(HvTristate *)fp = HV_TRISTATE(json_object_get_boolean(j));
		return TRUE;
	case HV__F_ENUM:
		return read_enum(f, j, path, fp, error);
	case HV__F_STRUCT:
		return hv__json_to_obj(f->type, j, fp, path, NULL, error);
	case HV__F_OBJ:
		*(void **)fp = hv__obj_new(f->type);
		return hv__json_to_obj(f->type, j, *(void **)fp, path, NULL, error);
	case HV__F_LIST:
	case HV__F_STRV:
		return read_list(f, j, path, *(GPtrArray **)fp, error);
	}
	return FALSE;
}

gboolean
hv__json_to_obj(const HvTypeDesc *desc, json_object *j, void *p, const char *path,
                const char *skip, GError **error)
{
	if (!json_object_is_type(j, json_type_object))
		return type_error(*path ? path : _("the document"), _("an object"), error);
	json_object_object_foreach(j, key, value)
	{
		if (skip && strcmp(key, skip) == 0)
			continue;
		g_autofree char *fpath = *path ? g_strconcat(path, ".", key, NULL) : g_strdup(key);
		const HvFieldDesc *f = find_field(desc, key);
		if (!f) {
			g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s: unknown field"), fpath);
			return FALSE;
		}
		if (json_object_is_type(value, json_type_null))
			continue; /* null: unset, as if left out */
		if (!read_field(f, value, fpath, HV__FIELD_PTR(p, f), error))
			return FALSE;
	}
	return TRUE;
}

/* Line and column (1-based) of byte OFFSET of TEXT. */
static void
text_position(const char *text, size_t offset, int *line_r, int *col_r)
{
	int line = 1, col = 1;
	for (size_t i = 0; i < offset && text[i]; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	*line_r = line;
	*col_r = col;
}

json_object *
hv__json_parse(const char *text, gssize len, const char *source, GError **error)
{
	size_t n = len < 0 ? strlen(text) : (size_t)len;
	if (memchr(text, '\0', n)) {
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s: not a JSON document (NUL byte)"),
		            source ? source : "JSON");
		return NULL;
	}
	json_tokener *tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *j = json_tokener_parse_ex(tok, text, (int)MIN(n, (size_t)G_MAXINT));
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (end < n && g_ascii_isspace(text[end]))
		end++;
	if (jerr == json_tokener_success && end < n)
		jerr = json_tokener_error_parse_unexpected;
	if (jerr == json_tokener_continue)
		jerr = json_tokener_error_parse_eof;
	if (jerr != json_tokener_success || n > G_MAXINT) {
		int line, col;
		text_position(text, end, &line, &col);
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s:%d:%d: invalid JSON: %s"),
		            source ? source : "JSON", line, col, json_tokener_error_desc(jerr));
		json_object_put(j);
		return NULL;
	}
	return j;
}
