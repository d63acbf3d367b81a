/* hv's xl.cfg dialect says everything the model holds: model -> xl.cfg ->
 * model gives the same model, for every field on its own and for random
 * domains. Xen's strict dialect either says a field the same way or
 * refuses it with a message naming it. */
#include "config.h"

#include <string.h>

#include <hv/hv.h>

#include "hvt-fill.h"
#include "xlcfg/xlcheck.h"

#define SEEDS 300

/* Formats D in DIALECT and reads it back; TRUE when the model is equal.
 * Formatting errors are returned in ERROR. */
static gboolean
round_trip(const HvDomain *d, HvXlcfgDialect dialect, const char *what, GError **error)
{
	g_autofree char *cfg = hv_xlcfg_format(d, dialect, error);
	if (!cfg)
		return FALSE;
	g_autoptr(GError) local = NULL;
	g_autoptr(HvDomain) back = hv__xlcfg_parse_unchecked(cfg, -1, what, dialect, NULL, &local);
	g_autofree char *json = hv_domain_to_json(d);
	if (!back) {
		g_test_message("%s: reading back failed: %s\n%s", what, local->message, cfg);
		g_test_fail();
		return FALSE;
	}
	g_autofree char *back_json = hv_domain_to_json(back);
	if (!hv_domain_equal(d, back)) {
		g_test_message("%s: model differs after xl.cfg\n%s\nwas:\n%s\nis:\n%s", what, cfg, json, back_json);
		g_test_fail();
		return FALSE;
	}
	g_autofree char *again = hv_xlcfg_format(back, dialect, NULL);
	if (g_strcmp0(cfg, again) != 0) {
		g_test_message("%s: xl.cfg differs on the second pass\n%s\n%s", what, cfg, again);
		g_test_fail();
	}
	return TRUE;
}

/* A domain with only leaf field I set (and a name and type); NULL when
 * there are fewer leaves. */
static HvDomain *
leaf_domain(guint i, char **path_r)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(i + 1);
	g_autoptr(HvDomain) d = hv_domain_new();
	if (!hvt_fill_leaf(d, i, rand, HVT_FILL_XLCFG, path_r))
		return NULL;
	hvt_fill_identity(d);
	return g_steal_pointer(&d);
}

static void
test_each_field_hv(void)
{
	guint i = 0;
	for (;; i++) {
		g_autofree char *path = NULL;
		g_autoptr(HvDomain) d = leaf_domain(i, &path);
		if (!d)
			break;
		g_autoptr(GError) error = NULL;
		if (!round_trip(d, HV_XLCFG_HV, path, &error) && error) {
			g_test_message("%s: %s", path, error->message);
			g_test_fail();
		}
	}
	g_assert_cmpuint(i, >=, 240);
}

/* Strict: a field is said the same way, or refused naming it. */
static void
test_each_field_xen(void)
{
	guint said = 0, refused = 0;
	for (guint i = 0;; i++) {
		g_autofree char *path = NULL;
		g_autoptr(HvDomain) d = leaf_domain(i, &path);
		if (!d)
			break;
		g_autoptr(GError) error = NULL;
		if (round_trip(d, HV_XLCFG_XEN, path, &error)) {
			said++;
			continue;
		}
		if (!error)
			continue; /* round_trip() failed the test already */
		refused++;
		if (g_getenv("HVT_VERBOSE"))
			g_test_message("%s: %s", path, error->message);
		if (!g_error_matches(error, HV_ERROR, HV_ERROR_UNSUPPORTED) ||
		    !strstr(error->message, "Xen's xl.cfg")) {
			g_test_message("%s: unexpected refusal: %s", path, error->message);
			g_test_fail();
		}
	}
	g_test_message("Xen's xl.cfg says %u fields, refuses %u", said, refused);
	g_assert_cmpuint(said, >, 100);
	g_assert_cmpuint(refused, >, 50);
}

static void
test_random_domains(gconstpointer everything)
{
	for (guint seed = 1; seed <= SEEDS; seed++) {
		g_autoptr(GRand) rand = g_rand_new_with_seed(seed * 104729);
		g_autoptr(HvDomain) d = hv_domain_new();
		hvt_fill_domain(d, rand, HVT_FILL_XLCFG | (everything ? HVT_FILL_EVERYTHING : 0));
		g_autofree char *what = g_strdup_printf("seed %u", seed);
		g_autoptr(GError) error = NULL;
		if (!round_trip(d, HV_XLCFG_HV, what, &error) && error) {
			g_test_message("%s: %s", what, error->message);
			g_test_fail();
		}
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/xlcfg/round-trip/each-field", test_each_field_hv);
	g_test_add_func("/xlcfg/round-trip/each-field-xen", test_each_field_xen);
	g_test_add_data_func("/xlcfg/round-trip/random", GINT_TO_POINTER(FALSE), test_random_domains);
	g_test_add_data_func("/xlcfg/round-trip/everything", GINT_TO_POINTER(TRUE), test_random_domains);
	return g_test_run();
}
