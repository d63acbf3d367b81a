/* hvlv-native: virsh domxml-to-native / domxml-from-native. The native
 * formats are xl.cfg: "hv" (hv's dialect, everything the model holds) and
 * "xen-xl" (only what Xen's xl accepts), converted through libhv's model. */
#pragma once

#include <glib.h>

/* Domain XML as FORMAT's native text. VIR_ERR_INVALID_ARG for an unknown
 * format; the XML's own errors as hvlv_domxml_parse(); what xen-xl cannot
 * say is VIR_ERR_CONFIG_UNSUPPORTED naming it. */
char *hvlv_native_from_xml(const char *format, const char *xml, GError **error);

/* FORMAT's native text as domain XML. Syntax errors are VIR_ERR_CONF_SYNTAX
 * ("FILE:LINE:COL: KEY: message"), settings hv refuses
 * VIR_ERR_CONFIG_UNSUPPORTED. */
char *hvlv_xml_from_native(const char *format, const char *native, GError **error);
