/* hv/json.h: the JSON form of the model, as stored in the state and run
 * directories and printed by "hv config to-json". Its schema is
 * schemas/hv-domain.schema.json. A document is one object: first
 * "schema_version" (HV_JSON_SCHEMA_VERSION), then the fields of the model
 * in their declaration order; unset fields are left out, so
 * JSON -> model -> JSON gives the same bytes. */
#pragma once

#include <glib.h>

#include <hv/model.h>
#include <hv/store.h>

G_BEGIN_DECLS

/* The version of the JSON format this libhv writes (and the newest it reads). */
#define HV_JSON_SCHEMA_VERSION 1

/* DOMAIN as a JSON document (indented, ending in a newline). */
char *hv_domain_to_json(const HvDomain *domain);

/* Reads a domain from the JSON document TEXT of LEN bytes (-1: NUL
 * terminated) and validates it (hv_domain_validate). SOURCE names the
 * document in messages (a file name; may be NULL). HV_ERROR_PARSE for
 * malformed JSON or a field of the wrong name or type, HV_ERROR_TOO_NEW for
 * a newer schema version, or a validation error. */
HvDomain *hv_domain_from_json(const char *text, gssize len, const char *source, GError **error);

/* STATE as a JSON document (the live config nested in "live"). */
char *hv_run_state_to_json(const HvRunState *state);

/* Reads a run-state record; errors as hv_domain_from_json(). */
HvRunState *hv_run_state_from_json(const char *text, gssize len, const char *source,
                                   GError **error);

G_END_DECLS
