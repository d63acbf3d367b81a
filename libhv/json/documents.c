/* The JSON documents of hv/json.h: a domain, and a run-state record, each
 * an object led by "schema_version". */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/json.h>

#include "json/json-internal.h"

#define VERSION_KEY "schema_version"

static char *
document_to_text(const HvTypeDesc *desc, const void *obj)
{
	g_autoptr(HvJson) doc = json_object_new_object();
	json_object_object_add(doc, VERSION_KEY, json_object_new_int(HV_JSON_SCHEMA_VERSION));
	g_autoptr(HvJson) body = hv__json_from_obj(desc, obj);
	json_object_object_foreach(body, key, value)
	{
		json_object_object_add(doc, key, json_object_get(value));
	}
	return hv__json_to_text(doc);
}

static gboolean
check_version(json_object *doc, GError **error)
{
	json_object *v = NULL;
	if (!json_object_is_type(doc, json_type_object) ||
	    !json_object_object_get_ex(doc, VERSION_KEY, &v) || !json_object_is_type(v, json_type_int)) {
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE,
		            _("not an hv document: it has no integer \"%s\""), VERSION_KEY);
		return FALSE;
	}
	gint64 version = json_object_get_int64(v);
	if (version > HV_JSON_SCHEMA_VERSION) {
		g_set_error(error, HV_ERROR, HV_ERROR_TOO_NEW,
		            _("written by a newer hv (schema version %" G_GINT64_FORMAT
		              ", this hv reads up to %d)"),
		            version, HV_JSON_SCHEMA_VERSION);
		return FALSE;
	}
	if (version < 1) {
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("invalid schema version %" G_GINT64_FORMAT),
		            version);
		return FALSE;
	}
	return TRUE;
}

/* Reads a document of type DESC into the new object *OBJ_R. */
static gboolean
document_from_text(const HvTypeDesc *desc, const char *text, gssize len, const char *source,
                   void **obj_r, GError **error)
{
	g_autoptr(HvJson) doc = hv__json_parse(text, len, source, error);
	if (!doc)
		return FALSE;
	*obj_r = hv__obj_new(desc);
	if (!check_version(doc, error) || !hv__json_to_obj(desc, doc, *obj_r, "", VERSION_KEY, error)) {
		g_prefix_error(error, "%s: ", source ? source : "JSON");
		return FALSE;
	}
	return TRUE;
}

char *
hv_domain_to_json(const HvDomain *domain)
{
	return document_to_text(&hv__domain_desc, domain);
}

HvDomain *
hv__domain_from_json_unchecked(const char *text, gssize len, const char *source, GError **error)
{
	HvDomain *domain = NULL;
	if (!document_from_text(&hv__domain_desc, text, len, source, (void **)&domain, error)) {
		hv_domain_free(domain);
		return NULL;
	}
	return domain;
}

HvDomain *
hv_domain_from_json(const char *text, gssize len, const char *source, GError **error)
{
	g_autoptr(HvDomain) domain = hv__domain_from_json_unchecked(text, len, source, error);
	if (!domain)
		return NULL;
	if (!hv_domain_validate(domain, error)) {
		g_prefix_error(error, "%s: ", source ? source : "JSON");
		return NULL;
	}
	return g_steal_pointer(&domain);
}

char *
hv_run_state_to_json(const HvRunState *state)
{
	return document_to_text(&hv__run_state_desc, state);
}

HvRunState *
hv_run_state_from_json(const char *text, gssize len, const char *source, GError **error)
{
	g_autoptr(HvRunState) state = NULL;
	if (!document_from_text(&hv__run_state_desc, text, len, source, (void **)&state, error))
		return NULL;
	if (!state->uuid || !state->live) {
		g_set_error(error, HV_ERROR, HV_ERROR_PARSE, _("%s: a run-state record needs %s"),
		            source ? source : "JSON", !state->uuid ? "uuid" : "live");
		return NULL;
	}
	if (!hv_domain_validate(state->live, error)) {
		g_prefix_error(error, "%s: live: ", source ? source : "JSON");
		return NULL;
	}
	return g_steal_pointer(&state);
}
