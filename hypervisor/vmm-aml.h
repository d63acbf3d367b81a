/* vmm-aml: a small AML byte-code builder for the DSDT: names, scopes,
 * devices, methods, packages, operation regions, fields and the handful of
 * expressions the GED's event method needs, plus resource templates.
 * Every constructor returns a new fragment; those taking fragments take
 * ownership of them. */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef GByteArray VmmAml;

/* Region spaces and field flags used here. */
#define VMM_AML_SYSTEM_MEMORY 0x00
#define VMM_AML_SYSTEM_IO     0x01
#define VMM_AML_FIELD_DWORD_WRITE_ZEROS 0x43 /* DWordAcc, NoLock, WriteAsZeros */

/* An empty term list. */
VmmAml *vmm_aml_new(void);

/* Frees a fragment. NULL-safe. */
void vmm_aml_free(VmmAml *aml);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmAml, vmm_aml_free)

/* Appends CHILD to LIST and frees CHILD. */
void vmm_aml_append(VmmAml *list, VmmAml *child);

/* Integer, string and name-reference terms; NAME is a path like "\\_SB_.PWRB". */
VmmAml *vmm_aml_int(uint64_t value);
VmmAml *vmm_aml_str(const char *s);
VmmAml *vmm_aml_path(const char *name);
VmmAml *vmm_aml_local(guint n);

/* Name (NAME, VALUE), Scope (NAME) {BODY}, Device (NAME) {BODY}. */
VmmAml *vmm_aml_name(const char *name, VmmAml *value);
VmmAml *vmm_aml_scope(const char *name, VmmAml *body);
VmmAml *vmm_aml_device(const char *name, VmmAml *body);

/* Method (NAME, NARGS, Serialized or not) {BODY}. */
VmmAml *vmm_aml_method(const char *name, guint nargs, gboolean serialized, VmmAml *body);

/* Package of the N fragments that follow (each taken). */
VmmAml *vmm_aml_package(guint n, ...);

/* OperationRegion (NAME, SPACE, OFFSET, LEN) and a one-entry Field of it. */
VmmAml *vmm_aml_op_region(const char *name, uint8_t space, uint64_t offset, uint64_t len);
VmmAml *vmm_aml_field(const char *region, uint8_t flags, const char *field, guint bits);

/* Expressions: If (PRED) {BODY}, Store (SRC, DST), And (A, B), LEqual (A, B),
 * Notify (OBJ, VALUE). */
VmmAml *vmm_aml_if(VmmAml *pred, VmmAml *body);
VmmAml *vmm_aml_store(VmmAml *src, VmmAml *dst);
VmmAml *vmm_aml_and(VmmAml *a, VmmAml *b);
VmmAml *vmm_aml_lequal(VmmAml *a, VmmAml *b);
VmmAml *vmm_aml_notify(VmmAml *obj, VmmAml *value);

/* Resource descriptors, appended to a descriptor list DESC. */
void vmm_aml_res_memory32(GByteArray *desc, uint32_t base, uint32_t len);
void vmm_aml_res_io(GByteArray *desc, uint16_t port, uint8_t len);
void vmm_aml_res_interrupt(GByteArray *desc, uint32_t gsi, gboolean edge);

/* ResourceTemplate () {DESC}: DESC plus the end tag, as a buffer (DESC taken). */
VmmAml *vmm_aml_resources(GByteArray *desc);
