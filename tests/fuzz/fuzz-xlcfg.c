/* Fuzz target: the xl.cfg parser. Any input must be read or refused
 * without a crash; what is read must write back in hv's dialect to text
 * that reads back to the same domain. The Xen dialect must write it or
 * refuse it cleanly, and what it writes must read back and write again to
 * the same text (it leaves implicit what Xen's defaults imply, so the
 * domain itself may differ in such fields). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <hv/hv.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_round_trip(const HvDomain *d, HvXlcfgDialect dialect)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *text = hv_xlcfg_format(d, dialect, &error);
	if (!text)
		return; /* refused: a comma in a value, or not expressible in Xen's dialect */
	g_autoptr(HvDomain) back = hv_xlcfg_parse(text, -1, "fuzz.out", dialect, NULL, &error);
	g_autofree char *again = back ? hv_xlcfg_format(back, dialect, NULL) : NULL;
	gboolean same = dialect == HV_XLCFG_HV ? hv_domain_equal(d, back) : g_strcmp0(text, again) == 0;
	if (!back || !same) {
		fprintf(stderr, "round trip failed: %s\n%s", error ? error->message : "it differs", text);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int dialect = HV_XLCFG_HV; dialect <= HV_XLCFG_XEN; dialect++) {
		g_autoptr(GPtrArray) warnings = NULL;
		g_autoptr(GError) error = NULL;
		g_autoptr(HvDomain) d =
			hv_xlcfg_parse((const char *)data, size, "fuzz.cfg", dialect, &warnings, &error);
		if (!d) {
			if (!error || error->domain != HV_ERROR)
				abort();
			continue;
		}
		check_round_trip(d, HV_XLCFG_HV);
		check_round_trip(d, HV_XLCFG_XEN);
		g_autofree char *json = hv_domain_to_json(d);
		g_autoptr(HvDomain) from_json = hv_domain_from_json(json, -1, "fuzz.json", NULL);
		if (!hv_domain_equal(d, from_json))
			abort();
	}
	return 0;
}
