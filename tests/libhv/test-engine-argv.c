/* Golden files for the engines' command lines: each
 * tests/libhv/enginedata/CASE.json (a domain) gives CASE.args (QEMU's or,
 * for pvh, hv-vmm's argv, one argument a line) or CASE.err (the refusal).
 * HV_REGENERATE=1 rewrites the expected files from what hv does now. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <hv/hv.h>

#include "engine/engine-internal.h"

static gboolean regenerate;
static char *ovmf_dir;

static void
expect_file(const char *path, const char *actual)
{
	g_autofree char *expected = NULL;
	if (regenerate) {
		g_assert_true(g_file_set_contents(path, actual, -1, NULL));
		return;
	}
	if (!g_file_get_contents(path, &expected, NULL, NULL)) {
		g_test_message("%s is missing (HV_REGENERATE=1 writes it); got:\n%s", path, actual);
		g_test_fail();
	} else if (strcmp(expected, actual) != 0) {
		g_test_message("%s differs; expected:\n%s\ngot:\n%s", path, expected, actual);
		g_test_fail();
	}
}

static char *
build(const HvDomain *d, GError **error)
{
	HvEngineArgs a = {
		.binary = d->type == HV_DOMAIN_TYPE_PVH ? "hv-vmm" : "qemu-system-x86_64",
		.qmp_socket = "/run/hv/11111111-2222-3333-4444-555555555555.qmp",
		.run_dir = "/run/hv",
		.console_socket = "/run/hv/11111111-2222-3333-4444-555555555555.console",
		.console_log = "/var/log/hv/guest-console.log",
		.pidfile = "/run/hv/11111111-2222-3333-4444-555555555555.pid",
		.ovmf_dir = ovmf_dir,
		.accel = HV_ACCEL_TCG,
	};
	g_autoptr(GPtrArray) argv = d->type == HV_DOMAIN_TYPE_PVH ? hv__vmm_argv(d, &a, error)
	                                                          : hv__qemu_argv(d, &a, error);
	if (!argv)
		return NULL;
	GString *s = g_string_new(NULL);
	for (guint i = 0; i + 1 < argv->len; i++)
		g_string_append_printf(s, "%s\n", (char *)argv->pdata[i]);
	/* the stand-in firmware directory is temporary */
	g_autofree char *text = g_string_free(s, FALSE);
	g_auto(GStrv) parts = g_strsplit(text, ovmf_dir, -1);
	return g_strjoinv("@OVMF_DIR@", parts);
}

static void
test_case(gconstpointer data)
{
	const char *json_path = data;
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(json_path, &text, NULL, NULL));
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) d = hv_domain_from_json(text, -1, json_path, &error);
	g_assert_no_error(error);
	hv_domain_apply_defaults(d);
	g_autofree char *stem = g_strndup(json_path, strlen(json_path) - strlen(".json"));
	g_autofree char *args = build(d, &error);
	g_autofree char *args_path = g_strconcat(stem, ".args", NULL);
	g_autofree char *err_path = g_strconcat(stem, ".err", NULL);
	if (args) {
		expect_file(args_path, args);
		g_assert_false(g_file_test(err_path, G_FILE_TEST_EXISTS));
	} else {
		g_autofree char *msg = g_strdup_printf("%s\n", error->message);
		expect_file(err_path, msg);
		g_assert_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED);
		g_assert_false(g_file_test(args_path, G_FILE_TEST_EXISTS));
	}
}

/* Commas in values QEMU parses are doubled. */
static void
test_escape(void)
{
	g_autofree char *a = hv__qemu_escape("a,b,,c");
	g_assert_cmpstr(a, ==, "a,,b,,,,c");
	g_autofree char *b = hv__qemu_escape("plain");
	g_assert_cmpstr(b, ==, "plain");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	regenerate = g_getenv("HV_REGENERATE") != NULL;
	/* a stand-in for the OVMF package, so the case does not depend on it */
	ovmf_dir = g_dir_make_tmp("hvt-ovmf-XXXXXX", NULL);
	g_autofree char *code = g_build_filename(ovmf_dir, "OVMF_CODE_4M.fd", NULL);
	g_assert_true(g_file_set_contents(code, "", 0, NULL));
	g_autofree char *dir = g_build_filename(g_getenv("HV_TOP_SRCDIR") ? g_getenv("HV_TOP_SRCDIR") : "..",
	                                        "tests", "libhv", "enginedata", NULL);
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	g_assert_nonnull(d);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(name, ".json"))
			g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	g_test_add_func("/engine-argv/escape", test_escape);
	for (guint i = 0; i < names->len; i++) {
		char *n = names->pdata[i];
		g_autofree char *stem = g_strndup(n, strlen(n) - 5);
		g_autofree char *path = g_strconcat("/engine-argv/", stem, NULL);
		g_test_add_data_func_full(path, g_build_filename(dir, n, NULL), test_case, g_free);
	}
	int rc = g_test_run();
	g_unlink(code);
	g_rmdir(ovmf_dir);
	return rc;
}
