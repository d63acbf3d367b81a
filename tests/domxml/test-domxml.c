/* test-domxml: golden files for domain XML <-> libhv's model.
 *
 * tests/domxml/data/CASE.xml is what a client sends; CASE.out.xml is what
 * hv gives back (dumpxml with passwords). Each case checks:
 *   /domxml/golden/CASE     parse + format gives CASE.out.xml
 *   /domxml/stable/CASE     CASE.out.xml parses and formats to itself
 *   /domxml/schema/CASE     CASE.out.xml passes libvirt's virt-xml-validate
 *   /domxml/native/CASE     XML -> model -> hv xl.cfg -> model -> XML is
 *                           CASE.out.xml; and xen-xl gives CASE.xen.cfg
 *                           (or its error, CASE.xen.err), whose text is
 *                           stable after one trip through XML
 * tests/domxml/invalid/CASE.xml must fail with CASE.err ("NUMBER message",
 * libvirt's error number and message); a CASE named validate-* is parsed
 * with VIR_DOMAIN_DEFINE_VALIDATE. HV_REGENERATE=1 rewrites expected files. */
#include "config.h"

#include <string.h>

#include "hvlv-domxml.h"
#include "hvlv-error.h"
#include "hvlv-native.h"

static const char *srcdir;

static char *
data_path(const char *dir, const char *name, const char *ext)
{
	g_autofree char *file = g_strconcat(name, ext, NULL);
	return g_build_filename(srcdir, "tests", "domxml", dir, file, NULL);
}

static char *
read_file(const char *path)
{
	char *text = NULL;
	g_autoptr(GError) error = NULL;
	if (!g_file_get_contents(path, &text, NULL, &error))
		g_test_message("%s", error->message);
	return text;
}

/* Compares ACTUAL with the file PATH, or rewrites it under HV_REGENERATE. */
static void
expect_file(const char *path, const char *actual)
{
	if (g_getenv("HV_REGENERATE")) {
		g_assert_true(g_file_set_contents(path, actual, -1, NULL));
		return;
	}
	g_autofree char *expected = read_file(path);
	g_assert_nonnull(expected);
	g_assert_cmpstr(actual, ==, expected);
}

static char *
format_or_fail(const char *xml)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = hvlv_domxml_parse(xml, 0, &error);
	g_assert_no_error(error);
	if (!d)
		return NULL;
	char *out = hvlv_domxml_format(d, HVLV_DOMAIN_XML_SECURE, &error);
	g_assert_no_error(error);
	return out;
}

static void
test_golden(gconstpointer data)
{
	g_autofree char *in = read_file(data_path("data", data, ".xml"));
	g_assert_nonnull(in);
	g_autofree char *out = format_or_fail(in);
	expect_file(data_path("data", data, ".out.xml"), out);
}

static void
test_stable(gconstpointer data)
{
	g_autofree char *expected = read_file(data_path("data", data, ".out.xml"));
	g_assert_nonnull(expected);
	g_autofree char *again = format_or_fail(expected);
	g_assert_cmpstr(again, ==, expected);
}

static void
test_schema(gconstpointer data)
{
	g_autofree char *validator = g_find_program_in_path("virt-xml-validate");
	if (!validator) {
		g_test_skip("virt-xml-validate is not installed (libvirt-clients)");
		return;
	}
	g_autofree char *path = data_path("data", data, ".out.xml");
	const char *argv[] = { validator, path, "domain", NULL };
	g_autofree char *out = NULL, *err = NULL;
	int status = 0;
	g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
	                           &status, NULL));
	if (!g_spawn_check_wait_status(status, NULL))
		g_test_message("%s%s", out, err);
	g_assert_true(g_spawn_check_wait_status(status, NULL));
}

/* xen-xl: CASE.xen.cfg (stable when read back) or the error CASE.xen.err. */
static void
check_xen_xl(const char *name, const char *xml)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *cfg = hvlv_native_from_xml("xen-xl", xml, &error);
	if (!cfg) {
		g_autofree char *line = g_strdup_printf("%d %s\n", hvlv_error_number(error),
		                                        error->message);
		expect_file(data_path("data", name, ".xen.err"), line);
		return;
	}
	expect_file(data_path("data", name, ".xen.cfg"), cfg);
	g_autofree char *back = hvlv_xml_from_native("xen-xl", cfg, &error);
	g_assert_no_error(error);
	/* the first trip adds hv's defaults; after it the text is stable */
	g_autofree char *cfg2 = hvlv_native_from_xml("xen-xl", back, &error);
	g_assert_no_error(error);
	g_autofree char *back2 = hvlv_xml_from_native("xen-xl", cfg2, &error);
	g_assert_no_error(error);
	g_autofree char *cfg3 = hvlv_native_from_xml("xen-xl", back2, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(cfg3, ==, cfg2);
}

static void
test_native(gconstpointer data)
{
	g_autofree char *in = read_file(data_path("data", data, ".xml"));
	g_autofree char *expected = read_file(data_path("data", data, ".out.xml"));
	g_assert_nonnull(in);
	g_autoptr(GError) error = NULL;
	g_autofree char *cfg = hvlv_native_from_xml("hv", in, &error);
	g_assert_no_error(error);
	g_autofree char *xml = hvlv_xml_from_native("hv", cfg, &error);
	g_assert_no_error(error);
	if (!g_getenv("HV_REGENERATE"))
		g_assert_cmpstr(xml, ==, expected);
	check_xen_xl(data, in);
}

static void
test_invalid(gconstpointer data)
{
	g_autofree char *in = read_file(data_path("invalid", data, ".xml"));
	g_assert_nonnull(in);
	unsigned int flags = g_str_has_prefix(data, "validate-") ? HVLV_DOMAIN_DEFINE_VALIDATE : 0;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = hvlv_domxml_parse(in, flags, &error);
	g_assert_null(d);
	g_assert_nonnull(error);
	g_autofree char *line = g_strdup_printf("%d %s\n", hvlv_error_number(error), error->message);
	expect_file(data_path("invalid", data, ".err"), line);
}

/* The case names of DIR: its *.xml files but not *.out.xml. */
static GPtrArray *
list_cases(const char *dir)
{
	g_autofree char *path = g_build_filename(srcdir, "tests", "domxml", dir, NULL);
	g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
	GPtrArray *names = g_ptr_array_new();
	for (const char *f; d && (f = g_dir_read_name(d));)
		if (g_str_has_suffix(f, ".xml") && !g_str_has_suffix(f, ".out.xml"))
			g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
	return names;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_set_nonfatal_assertions();
	g_setenv("HV_KVM", "no", TRUE); /* native configs without an accelerator: qemu */
	srcdir = g_getenv("HV_TOP_SRCDIR") ? g_getenv("HV_TOP_SRCDIR") : ".";
	g_autoptr(GPtrArray) good = list_cases("data");
	g_autoptr(GPtrArray) bad = list_cases("invalid");
	g_ptr_array_sort(good, compare_names);
	g_ptr_array_sort(bad, compare_names);
	static const struct {
		const char *kind;
		GTestDataFunc func;
	} kinds[] = {
		{ "golden", test_golden }, { "stable", test_stable },
		{ "schema", test_schema }, { "native", test_native },
	};
	for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++)
		for (guint i = 0; i < good->len; i++) {
			g_autofree char *name = g_strdup_printf("/domxml/%s/%s", kinds[k].kind,
			                                        (char *)good->pdata[i]);
			g_test_add_data_func(name, good->pdata[i], kinds[k].func);
		}
	for (guint i = 0; i < bad->len; i++) {
		g_autofree char *name = g_strdup_printf("/domxml/invalid/%s", (char *)bad->pdata[i]);
		g_test_add_data_func(name, bad->pdata[i], test_invalid);
	}
	return g_test_run();
}
