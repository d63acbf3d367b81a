/* Fuzz target: the JSON loader (state files). Any input must be read or
 * refused without a crash; what is read must write back to the same bytes
 * on the second pass and to xl.cfg that reads back the same. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hv/hv.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = hv_domain_from_json((const char *)data, size, "fuzz.json", &error);
	if (!d) {
		if (!error || error->domain != HV_ERROR)
			abort();
		hv_run_state_free(hv_run_state_from_json((const char *)data, size, "fuzz.json", NULL));
		return 0;
	}
	g_autofree char *json = hv_domain_to_json(d);
	g_autoptr(HvDomain) back = hv_domain_from_json(json, -1, "fuzz.json", &error);
	if (!back || !hv_domain_equal(d, back)) {
		fprintf(stderr, "JSON round trip failed: %s\n%s", error ? error->message : "model differs", json);
		abort();
	}
	g_autofree char *again = hv_domain_to_json(back);
	if (strcmp(json, again) != 0)
		abort();
	g_autofree char *cfg = hv_xlcfg_format(d, HV_XLCFG_HV, NULL);
	if (cfg) {
		g_autoptr(HvDomain) from_cfg = hv_xlcfg_parse(cfg, -1, "fuzz.cfg", HV_XLCFG_HV, NULL, &error);
		if (!from_cfg || !hv_domain_equal(d, from_cfg)) {
			fprintf(stderr, "xl.cfg round trip failed: %s\n%s", error ? error->message : "model differs", cfg);
			abort();
		}
	}
	return 0;
}
