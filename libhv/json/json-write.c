/* Model -> JSON by walking the field descriptors. Unset fields are left
 * out; members come in descriptor order, so the output is deterministic. */
#include "config.h"

#include "json/json-internal.h"

static json_object *
list_to_json(const HvFieldDesc *f, const GPtrArray *list)
{
	json_object *array = json_object_new_array_ext(list->len);
	for (guint i = 0; i < list->len; i++) {
		const void *e = g_ptr_array_index(list, i);
		json_object_array_add(array, f->kind == HV__F_LIST ? hv__json_from_obj(f->type, e)
		                                                    : json_object_new_string(e));
	}
	return array;
}

/* The JSON value of field F at FP, or NULL when it is unset. */
static json_object *
field_to_json(const HvFieldDesc *f, const void *fp)
{
	switch (f->kind) {
	case HV__F_STR: {
		const char *s = *(char *const *)fp;
		return s ? json_object_new_string(s) : NULL;
	}
	case HV__F_INT: {
		const HvInt *v = fp;
		return v->set ? json_object_new_int64(v->value) : NULL;
	}
	case HV__F_BOOL: {
		HvTristate t = *(const HvTristate *)fp;
		return t == HV_TRISTATE_DEFAULT ? NULL : json_object_new_boolean(t == HV_TRISTATE_YES);
	}
	case HV__F_ENUM: {
		const char *s = hv_enum_to_string(f->enum_id, *(const int *)fp);
		return s ? json_object_new_string(s) : NULL;
	}
	case HV__F_STRUCT:
		return hv__obj_is_unset(f->type, fp) ? NULL : hv__json_from_obj(f->type, fp);
	case HV__F_OBJ: {
		const void *obj = *(void *const *)fp;
		return obj ? hv__json_from_obj(f->type, obj) : NULL;
	}
	case HV__F_LIST:
	case HV__F_STRV: {
		const GPtrArray *list = *(GPtrArray *const *)fp;
		return list && list->len ? list_to_json(f, list) : NULL;
	}
	}
	return NULL;
}

json_object *
hv__json_from_obj(const HvTypeDesc *desc, const void *p)
{
	json_object *obj = json_object_new_object();
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		json_object *v = field_to_json(f, HV__FIELD_PTR(p, f));
		if (v)
			json_object_object_add(obj, f->name, v);
	}
	return obj;
}

char *
hv__json_to_text(json_object *j)
{
	const char *s = json_object_to_json_string_ext(
		j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	return g_strconcat(s, "\n", NULL);
}
