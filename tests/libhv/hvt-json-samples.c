/* Writes JSON documents hv produces into a directory, for the JSON Schema
 * test (test-json-schema.sh): domains with every field set, domains with
 * some, and run-state records.
 * usage: hvt-json-samples DIR COUNT */
#include "config.h"

#include <stdlib.h>

#include <hv/hv.h>

#include "hvt-fill.h"

static void
write_doc(const char *dir, const char *kind, guint i, const char *json)
{
	g_autofree char *name = g_strdup_printf("%s-%03u.json", kind, i);
	g_autofree char *path = g_build_filename(dir, name, NULL);
	g_autoptr(GError) error = NULL;
	if (!g_file_set_contents(path, json, -1, &error))
		g_error("%s", error->message);
}

int
main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	guint count = atoi(argv[2]);
	for (guint i = 0; i < count; i++) {
		g_autoptr(GRand) rand = g_rand_new_with_seed(i + 1);
		g_autoptr(HvDomain) all = hv_domain_new(), some = hv_domain_new();
		g_autoptr(HvRunState) state = hv_run_state_new();
		hvt_fill_domain(all, rand, HVT_FILL_EVERYTHING);
		hvt_fill_domain(some, rand, 0);
		hvt_fill_run_state(state, rand);
		g_autofree char *a = hv_domain_to_json(all), *s = hv_domain_to_json(some);
		g_autofree char *r = hv_run_state_to_json(state);
		write_doc(argv[1], "everything", i, a);
		write_doc(argv[1], "some", i, s);
		write_doc(argv[1], "runstate", i, r);
	}
	return 0;
}
