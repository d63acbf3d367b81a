/* What hv_domain_validate() asks of the xl.cfg module: that the Xen
 * settings a domain keeps are ones xl.cfg has and reads back. */
#pragma once

#include <hv/model.h>

/* Whether KEY = VALUE (xl.cfg text) is a Xen setting hv keeps. */
gboolean hv__xl_check_xen_option(const char *key, const char *value, GError **error);

/* Whether every item kept in a device's xen_options is one of the Xen-only
 * keys of that device's spec. */
gboolean hv__xl_check_device_xen_options(const HvDomain *d, GError **error);

/* hv_xlcfg_parse() without hv_domain_validate(), for the tests' round trips
 * of models filled with arbitrary values. */
#include <hv/xlcfg.h>
HvDomain *hv__xlcfg_parse_unchecked(const char *text, gssize len, const char *source,
                                    HvXlcfgDialect dialect, GPtrArray **warnings_r, GError **error);
