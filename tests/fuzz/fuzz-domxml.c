/* Fuzz target: the domain XML parser. Any input must be read or refused
 * with a libvirt error number, without a crash; what is read must format
 * to XML that reads back and formats to the same text. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "hvlv-domxml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree char *xml = g_strndup((const char *)data, size);
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = hvlv_domxml_parse(xml, 0, &error);
	if (!d)
		return 0;
	g_autofree char *out = hvlv_domxml_format(d, HVLV_DOMAIN_XML_SECURE, &error);
	g_autoptr(HvDomain) back = out ? hvlv_domxml_parse(out, 0, &error) : NULL;
	g_autofree char *again = back ? hvlv_domxml_format(back, HVLV_DOMAIN_XML_SECURE, NULL) : NULL;
	if (!back || g_strcmp0(out, again) != 0) {
		fprintf(stderr, "round trip failed: %s\n%s\n---\n%s", error ? error->message : "differs",
		        out ? out : "", again ? again : "");
		abort();
	}
	return 0;
}
