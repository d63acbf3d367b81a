/* Per-field checks driven by the descriptors (model/check.c). */
#pragma once

#include "model/desc.h"

/* Checks S against FORMAT (and that it is UTF-8); HV_ERROR_INVALID. */
gboolean hv__check_string(HvStrFormat format, const char *s, GError **error);

/* Checks V against the range of the integer field F. */
gboolean hv__check_int(const HvFieldDesc *f, gint64 v, GError **error);

/* Checks every field of the object at P of type DESC; the message starts
 * with the field's path ("disks[1].boot_order: ..."). *OFFSET_R (may be
 * NULL) gets the offset of the failing field in the object (the field of
 * an embedded struct for those), as hv__domain_validate_at(). */
gboolean hv__obj_check(const HvTypeDesc *desc, const void *p, size_t *offset_r, GError **error);

/* hv_domain_validate(); *OFFSET_R (may be NULL) gets the offset in
 * HvDomain of the field a failure is about, or (size_t)-1. */
gboolean hv__domain_validate_at(const HvDomain *domain, size_t *offset_r, GError **error);

/* The field of DESC (or of one of its embedded structs) at OFFSET. */
const HvFieldDesc *hv__desc_field_at(const HvTypeDesc *desc, size_t offset);

/* A copy of S in the form the model keeps strings of FORMAT in (UUIDs,
 * MACs and PCI addresses in lower case), as every reader stores them. */
char *hv__normalize_string(HvStrFormat format, const char *s);
