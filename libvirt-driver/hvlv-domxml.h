/* hvlv-domxml: libvirt domain XML <-> libhv's domain model. */
#pragma once

#include <glib.h>

#include <hv/hv.h>

/* Parses a libvirt <domain> document into hv's model; FLAGS:
 * VIR_DOMAIN_DEFINE_VALIDATE (1) checks it against libvirt's schema first.
 * Errors are libvirt's (HVLV_ERROR: VIR_ERR_XML_ERROR for XML that is not
 * a domain, ...). */
HvDomain *hvlv_domxml_parse(const char *xml, unsigned int flags, GError **error);

/* Formats DOMAIN as libvirt domain XML; FLAGS are virDomainXMLFlags:
 * SECURE 1, INACTIVE 2, UPDATE_CPU 4, MIGRATABLE 8. */
char *hvlv_domxml_format(const HvDomain *domain, unsigned int flags, GError **error);
