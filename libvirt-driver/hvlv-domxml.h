/* hvlv-domxml: libvirt domain XML <-> libhv's domain model.
 *
 * <domain type='kvm|qemu'> is an hvm domain with that accelerator; a pvh
 * domain (hv-vmm) is <domain type='kvm'> with <type machine='pvh'>hvm</type>.
 * What libvirt accepts and hv cannot honour is refused with
 * VIR_ERR_CONFIG_UNSUPPORTED naming the element or attribute; nothing is
 * dropped silently. Errors are GErrors in HVLV_ERROR (hvlv-error.h). */
#pragma once

#include <glib.h>

#include <hv/hv.h>

/* virDomainDefineFlags: validate against libvirt's domain.rng first. */
#define HVLV_DOMAIN_DEFINE_VALIDATE (1u << 0)

/* virDomainXMLFlags. */
#define HVLV_DOMAIN_XML_SECURE (1u << 0)     /* include passwords */
#define HVLV_DOMAIN_XML_INACTIVE (1u << 1)   /* the persistent config */
#define HVLV_DOMAIN_XML_UPDATE_CPU (1u << 2) /* host-model CPU expanded (no-op in hv) */
#define HVLV_DOMAIN_XML_MIGRATABLE (1u << 3) /* what a migration destination needs */

/* Where libvirt's schemas are; HV_LIBVIRT_SCHEMA_DIR overrides it. */
#define HVLV_LIBVIRT_SCHEMA_DIR "/usr/share/libvirt/schemas"

/* Parses domain XML into a new, validated domain. FLAGS: 0 or
 * HVLV_DOMAIN_DEFINE_VALIDATE. Errors: VIR_ERR_XML_DETAIL (not well-formed,
 * with "(domain_definition):LINE: message" as libvirt words it),
 * VIR_ERR_XML_ERROR (well-formed but wrong: root, missing or bad value),
 * VIR_ERR_XML_INVALID_SCHEMA (validation asked for and failed),
 * VIR_ERR_CONFIG_UNSUPPORTED (valid for libvirt, hv cannot honour it). */
HvDomain *hvlv_domxml_parse(const char *xml, unsigned int flags, GError **error);

/* DOMAIN as libvirt domain XML, hv's defaults filled in as libvirt's
 * dumpxml shows them. FLAGS are HVLV_DOMAIN_XML_*; without SECURE,
 * passwords are left out. A stored config carries no live data (domain
 * id, ports chosen at start); the domain registry adds the id. */
char *hvlv_domxml_format(const HvDomain *domain, unsigned int flags, GError **error);
