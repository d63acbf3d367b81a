/* JSON <-> model, driven by the field descriptors (json/json-write.c,
 * json/json-read.c). */
#pragma once

#include <json-c/json.h>

#include "model/desc.h"

/* A json_object that g_autoptr can release (json-c has no cleanup macro). */
typedef json_object HvJson;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvJson, json_object_put)

/* The object at P of type DESC as a JSON object, unset fields left out. */
json_object *hv__json_from_obj(const HvTypeDesc *desc, const void *p);

/* Fills the object at P (initialised, of type DESC) from the JSON object J.
 * PATH is where J is in the document ("" at the top), for messages; a
 * member named SKIP (may be NULL) is ignored. Checks names, types and enum
 * values only; ranges and formats are hv_domain_validate()'s business. */
gboolean hv__json_to_obj(const HvTypeDesc *desc, json_object *j, void *p, const char *path,
                         const char *skip, GError **error);

/* Parses TEXT (LEN bytes, -1: NUL-terminated) into a JSON object, with
 * errors naming SOURCE, line and column. */
json_object *hv__json_parse(const char *text, gssize len, const char *source, GError **error);

/* J as indented text ending in a newline. */
char *hv__json_to_text(json_object *j);

/* hv_domain_from_json() without hv_domain_validate(): for the tests'
 * round trips of models filled with arbitrary values. */
HvDomain *hv__domain_from_json_unchecked(const char *text, gssize len, const char *source,
                                         GError **error);
