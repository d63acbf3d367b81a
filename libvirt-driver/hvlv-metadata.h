/* hvlv-metadata: libvirt's rules for a domain's title, description and
 * namespaced <metadata> elements (virDomainSetMetadata/GetMetadata), on
 * libhv's model, which keeps <metadata>'s children as verbatim XML. */
#pragma once

#include <glib.h>

#include <hv/hv.h>

/* virDomainMetadataType */
enum {
	HVLV_METADATA_DESCRIPTION = 0,
	HVLV_METADATA_TITLE = 1,
	HVLV_METADATA_ELEMENT = 2,
};

/* Sets (METADATA non-empty) or removes metadata of TYPE in DEF. For
 * ELEMENT, the element in namespace URI is replaced by METADATA's root,
 * put in that namespace with prefix KEY. */
gboolean hvlv_metadata_set(HvDomain *def, int type, const char *metadata, const char *key,
                           const char *uri, GError **error);

/* The metadata of TYPE (ELEMENT: the one in namespace URI, as XML), or
 * NULL with VIR_ERR_NO_DOMAIN_METADATA when there is none. */
char *hvlv_metadata_get(const HvDomain *def, int type, const char *uri, GError **error);
