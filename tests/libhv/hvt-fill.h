/* hvt-fill: fills the domain model with random values, driven by its field
 * descriptors, for the round-trip tests (libxl's generated random tests,
 * written once for every type). */
#pragma once

#include <glib.h>

#include <hv/model.h>
#include <hv/store.h>

typedef enum {
	HVT_FILL_EVERYTHING = 1 << 0, /* set every field, lists get elements */
	HVT_FILL_XLCFG = 1 << 1,      /* only what xl.cfg can carry: no kept Xen
	                               * settings, consistent character devices */
} HvtFillFlags;

/* Fills DOMAIN (from hv_domain_new) with values from RAND: every field when
 * HVT_FILL_EVERYTHING, else about two in three. Values respect each field's
 * range and format. */
void hvt_fill_domain(HvDomain *domain, GRand *rand, HvtFillFlags flags);

/* Sets only leaf field number INDEX (in descriptor order, one element per
 * list on the way) of DOMAIN, plus what that leaf's containers require.
 * FALSE when there are fewer leaves; *PATH_R names the leaf. */
gboolean hvt_fill_leaf(HvDomain *domain, guint index, GRand *rand, HvtFillFlags flags,
                       char **path_r);

/* The fixed parts every xl.cfg round trip needs (a name and a type). */
void hvt_fill_identity(HvDomain *domain);

/* Fills every field of a run-state record, its live config included. */
void hvt_fill_run_state(HvRunState *state, GRand *rand);
