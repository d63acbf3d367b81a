/* hvlv-domxml-private: the section parsers and formatters of domain XML,
 * one pair per part of <domain>, shared by hvlv-domxml*.c. Each parser
 * reads one section of the document into the domain, each formatter writes
 * the same section back. */
#pragma once

#include "hvlv-domxml.h"
#include "hvlv-xml.h"

/* hvlv-domxml-parse.c: everything outside <devices> */
gboolean hvlv_domxml_parse_general(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error);
gboolean hvlv_domxml_parse_cpus(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error);
/* hvlv-domxml-parse-cpu.c */
gboolean hvlv_domxml_parse_guest_cpu(HvlvXmlIn *in, xmlNode *root, HvDomain *d,
                                     GError **error);
/* hvlv-domxml-parse-os.c */
gboolean hvlv_domxml_parse_os(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error);
gboolean hvlv_domxml_parse_platform(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error);
/* hvlv-domxml-parse-dev.c, hvlv-domxml-parse-chr.c */
gboolean hvlv_domxml_parse_devices(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error);
gboolean hvlv_domxml_parse_chardevs(HvlvXmlIn *in, xmlNode *devices, HvDomain *d,
                                    GError **error);
gboolean hvlv_domxml_parse_display(HvlvXmlIn *in, xmlNode *devices, HvDomain *d,
                                   GError **error);

/* hvlv-domxml-format*.c */
void hvlv_domxml_format_general(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_cpus(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_guest_cpu(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_os(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_platform(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_clock(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_devices(HvlvXmlOut *out, const HvDomain *d, unsigned int flags);
void hvlv_domxml_format_chardevs(HvlvXmlOut *out, const HvDomain *d);
void hvlv_domxml_format_display(HvlvXmlOut *out, const HvDomain *d, unsigned int flags);

/* hvlv-domxml-address.c: the <address> child of DEVICE into *A when its
 * type is one of ALLOWED (bits 1 << HvAddressType); another type is
 * VIR_ERR_CONFIG_UNSUPPORTED. No <address>: nothing. */
gboolean hvlv_domxml_parse_address(HvlvXmlIn *in, xmlNode *device, guint allowed, HvAddress *a,
                                   GError **error);
#define HVLV_ADDR(t) (1u << HV_ADDRESS_TYPE_##t)
/* Refuses PCI addresses libvirt refuses: two devices on one function
 * ("Attempted double use of PCI Address"), a bus with no PCI controller,
 * a domain other than 0 (VIR_ERR_XML_ERROR, libvirt's wording). */
gboolean hvlv_domxml_check_pci_addresses(const HvDomain *d, GError **error);
/* Writes A as <address .../> (nothing when its type is unset). */
void hvlv_domxml_format_address(HvlvXmlOut *out, const HvAddress *a);

/* Refuses VALUE of attribute NAME of NODE: VIR_ERR_CONFIG_UNSUPPORTED. */
gboolean hvlv_domxml_unsupported(xmlNode *node, const char *name, const char *value,
                                 GError **error);

/* Disk formats as libvirt names them (vhd is libvirt's vpc). */
extern const HvlvXmlEnumAlias hvlv_domxml_disk_formats[];
/* Sound models: libvirt's ich6 and xl's hda are the same device. */
extern const HvlvXmlEnumAlias hvlv_domxml_no_aliases[];
