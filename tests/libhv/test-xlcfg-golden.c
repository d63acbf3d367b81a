/* Golden files for xl.cfg: each tests/libhv/xlcfgdata/CASE.cfg is read and
 * compared with CASE.json (the model), CASE.warnings (the warnings, when
 * any), CASE.out.cfg (what hv writes back) and CASE.xen.cfg or
 * CASE.xen.err (what the strict Xen dialect writes, or its refusal). What
 * hv writes back must read back to the same model. Each
 * xlcfgdata-invalid/CASE.cfg must fail with the message in CASE.err.
 * HV_REGENERATE=1 rewrites the expected files from what hv does now. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <hv/hv.h>

static gboolean regenerate;

/* Compares ACTUAL with the file PATH (NULL ACTUAL: the file must not exist). */
static void
expect_file(const char *path, const char *actual)
{
	g_autofree char *expected = NULL;
	gboolean exists = g_file_get_contents(path, &expected, NULL, NULL);
	if (regenerate) {
		if (actual)
			g_assert_true(g_file_set_contents(path, actual, -1, NULL));
		else if (exists)
			g_unlink(path);
		return;
	}
	if (!actual && exists) {
		g_test_message("%s exists, but there is nothing to compare with it", path);
		g_test_fail();
	} else if (actual && !exists) {
		g_test_message("%s is missing (HV_REGENERATE=1 writes it); got:\n%s", path, actual);
		g_test_fail();
	} else if (actual && strcmp(expected, actual) != 0) {
		g_test_message("%s differs; expected:\n%s\ngot:\n%s", path, expected, actual);
		g_test_fail();
	}
}

static char *
case_file(const char *cfg_path, const char *suffix)
{
	g_autofree char *stem = g_strndup(cfg_path, strlen(cfg_path) - strlen(".cfg"));
	return g_strconcat(stem, suffix, NULL);
}

static char *
join_lines(GPtrArray *lines)
{
	if (!lines || lines->len == 0)
		return NULL;
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < lines->len; i++)
		g_string_append_printf(s, "%s\n", (char *)g_ptr_array_index(lines, i));
	return g_string_free(s, FALSE);
}

static HvDomain *
load(const char *path, HvXlcfgDialect dialect, GPtrArray **warnings_r, GError **error)
{
	g_autofree char *text = NULL;
	gsize len = 0;
	g_assert_true(g_file_get_contents(path, &text, &len, NULL));
	g_autofree char *name = g_path_get_basename(path);
	return hv_xlcfg_parse(text, len, name, dialect, warnings_r, error);
}

/* The strict Xen form: written, it reads back (strictly) and writes again
 * the same text; for the real Xen configs (xen-*), the same model too. */
static void
check_xen_dialect(const char *path, const HvDomain *d)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *xen = hv_xlcfg_format(d, HV_XLCFG_XEN, &error);
	g_autofree char *xen_path = case_file(path, ".xen.cfg");
	g_autofree char *err_path = case_file(path, ".xen.err");
	g_autofree char *err = error ? g_strconcat(error->message, "\n", NULL) : NULL;
	expect_file(xen_path, xen);
	expect_file(err_path, err);
	if (!xen)
		return;
	g_autoptr(HvDomain) back = hv_xlcfg_parse(xen, -1, "xen.cfg", HV_XLCFG_XEN, NULL, &error);
	g_assert_no_error(error);
	g_autofree char *again = hv_xlcfg_format(back, HV_XLCFG_XEN, &error);
	g_assert_cmpstr(xen, ==, again);
	g_autofree char *name = g_path_get_basename(path);
	if (g_str_has_prefix(name, "xen-"))
		g_assert_true(hv_domain_equal(d, back));
}

static void
test_golden(gconstpointer data)
{
	const char *path = data;
	g_autoptr(GPtrArray) warnings = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = load(path, HV_XLCFG_HV, &warnings, &error);
	g_assert_no_error(error);
	g_autofree char *json = hv_domain_to_json(d);
	g_autofree char *json_path = case_file(path, ".json");
	g_autofree char *warn_path = case_file(path, ".warnings");
	g_autofree char *warn_text = join_lines(warnings);
	expect_file(json_path, json);
	expect_file(warn_path, warn_text);

	g_autofree char *out = hv_xlcfg_format(d, HV_XLCFG_HV, &error);
	g_assert_no_error(error);
	g_autofree char *out_path = case_file(path, ".out.cfg");
	expect_file(out_path, out);
	g_autoptr(HvDomain) back = hv_xlcfg_parse(out, -1, "out.cfg", HV_XLCFG_HV, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(hv_domain_equal(d, back));
	g_autofree char *again = hv_xlcfg_format(back, HV_XLCFG_HV, NULL);
	g_assert_cmpstr(out, ==, again);
	g_autoptr(HvDomain) from_json = hv_domain_from_json(json, -1, json_path, &error);
	g_assert_no_error(error);
	g_assert_true(hv_domain_equal(d, from_json));
	check_xen_dialect(path, d);
}

/* Real Xen configs (xen-*.cfg) read the same in the strict dialect. */
static void
test_golden_strict(gconstpointer data)
{
	const char *path = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) hv = load(path, HV_XLCFG_HV, NULL, &error);
	g_assert_no_error(error);
	g_autoptr(HvDomain) xen = load(path, HV_XLCFG_XEN, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(hv_domain_equal(hv, xen));
}

static void
test_invalid(gconstpointer data)
{
	const char *path = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = load(path, HV_XLCFG_HV, NULL, &error);
	g_assert_null(d);
	g_assert_nonnull(error);
	g_assert_true(error->domain == HV_ERROR);
	g_autofree char *err_path = case_file(path, ".err");
	g_autofree char *err = g_strconcat(error->message, "\n", NULL);
	expect_file(err_path, err);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_cases(const char *dir, const char *prefix, GTestDataFunc func, const char *only_prefix)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	g_assert_nonnull(d);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL) {
		gboolean output = g_str_has_suffix(name, ".out.cfg") || g_str_has_suffix(name, ".xen.cfg");
		if (g_str_has_suffix(name, ".cfg") && !output && g_str_has_prefix(name, only_prefix))
			g_ptr_array_add(names, g_strdup(name));
	}
	g_ptr_array_sort(names, compare_names);
	for (guint i = 0; i < names->len; i++) {
		const char *file = g_ptr_array_index(names, i);
		g_autofree char *stem = g_strndup(file, strlen(file) - strlen(".cfg"));
		g_autofree char *test = g_strconcat(prefix, stem, NULL);
		/* the path lives as long as the test program */
		g_test_add_data_func(test, g_build_filename(dir, file, NULL), func);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	regenerate = g_strcmp0(g_getenv("HV_REGENERATE"), "1") == 0;
	const char *top = g_getenv("HV_TOP_SRCDIR");
	g_autofree char *valid = g_build_filename(top ? top : "..", "tests/libhv/xlcfgdata", NULL);
	g_autofree char *invalid = g_build_filename(top ? top : "..", "tests/libhv/xlcfgdata-invalid", NULL);
	add_cases(valid, "/xlcfg/golden/", test_golden, "");
	add_cases(valid, "/xlcfg/golden-strict/", test_golden_strict, "xen-");
	add_cases(invalid, "/xlcfg/invalid/", test_invalid, "");
	return g_test_run();
}
