/* test-caps: capabilities and domain capabilities XML, checked with
 * libvirt's own virt-xml-validate and for what clients decide from. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hvlv-caps.h"
#include "hvlv-error.h"

/* Runs virt-xml-validate on TEXT as TYPE; FALSE (and a skip) without it. */
static void
assert_valid(const char *text, const char *type)
{
	g_autofree char *validator = g_find_program_in_path("virt-xml-validate");
	if (!validator) {
		g_test_skip("virt-xml-validate is not installed (libvirt-clients)");
		return;
	}
	g_autofree char *path = NULL;
	int fd = g_file_open_tmp("hvt-caps-XXXXXX.xml", &path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	g_assert_true(g_file_set_contents(path, text, -1, NULL));
	const char *argv[] = { validator, path, type, NULL };
	g_autofree char *out = NULL, *err = NULL;
	int status = 0;
	g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
	                           &status, NULL));
	if (!g_spawn_check_wait_status(status, NULL))
		g_test_message("%s\n%s%s", text, out, err);
	g_unlink(path);
	g_assert_true(g_spawn_check_wait_status(status, NULL));
}

/* The emulator the tests hand to the capabilities (hvd resolves hvd.conf's). */
static const char qemu[] = "/usr/bin/qemu-system-x86_64";

static gboolean
have_qemu(void)
{
	if (g_file_test(qemu, G_FILE_TEST_IS_EXECUTABLE))
		return TRUE;
	g_test_skip("qemu-system-x86_64 is not installed");
	return FALSE;
}

static void
test_machines_parse(void)
{
	const char *help = "Supported machines are:\n"
	                   "microvm              microvm (i386)\n"
	                   "pc                   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)\n"
	                   "pc-i440fx-7.2        Standard PC (i440FX + PIIX, 1996) (default)\n"
	                   "q35                  Standard PC (Q35 + ICH9, 2009) (alias of pc-q35-7.2)\n"
	                   "none                 empty machine\n";
	g_autoptr(GPtrArray) m = hvlv_caps_parse_machines(help);
	g_assert_cmpuint(m->len, ==, 4);
	/* q35 (hv's default) first, then QEMU's own default, then the rest */
	HvlvMachine *q35 = m->pdata[0], *i440fx = m->pdata[1], *pc = m->pdata[3];
	g_assert_cmpstr(q35->name, ==, "q35");
	g_assert_cmpstr(q35->canonical, ==, "pc-q35-7.2");
	g_assert_true(q35->is_default);
	g_assert_cmpstr(i440fx->name, ==, "pc-i440fx-7.2");
	g_assert_false(i440fx->is_default);
	g_assert_cmpstr(pc->canonical, ==, "pc-i440fx-7.2");
}

static void
test_caps_no_kvm(void)
{
	if (!have_qemu())
		return;
	g_setenv("HV_KVM", "no", TRUE);
	g_autoptr(GError) error = NULL;
	g_autofree char *caps = hvlv_caps_format(qemu, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(caps, "<domain type='qemu'/>"));
	g_assert_null(strstr(caps, "type='kvm'"));
	g_assert_null(strstr(caps, ">pvh<"));
	g_assert_nonnull(strstr(caps, "<machine canonical='pc-q35-"));
	assert_valid(caps, "capability");
}

static void
test_caps_kvm(void)
{
	if (!have_qemu())
		return;
	g_setenv("HV_KVM", "yes", TRUE);
	g_autoptr(GError) error = NULL;
	g_autofree char *caps = hvlv_caps_format(qemu, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(caps, "<domain type='kvm'>"));
	g_assert_nonnull(strstr(caps, ">pvh</machine>"));
	assert_valid(caps, "capability");
}

static void
test_domcaps(gconstpointer data)
{
	if (!have_qemu())
		return;
	const char *const *q = data; /* kvm setting, machine, virttype, expected <domain> */
	g_setenv("HV_KVM", q[0], TRUE);
	g_autoptr(GError) error = NULL;
	g_autofree char *caps = hvlv_domcaps_format(qemu, NULL, NULL, q[1], q[2], 0, &error);
	g_assert_no_error(error);
	g_autofree char *domain = g_strdup_printf("<domain>%s</domain>", q[3]);
	g_assert_nonnull(strstr(caps, domain));
	if (q[1] && strcmp(q[1], "pvh") == 0) {
		g_assert_nonnull(strstr(caps, "hv-vmm</path>"));
		g_assert_nonnull(strstr(caps, "<graphics supported='no'/>"));
	} else if (q[1] && strcmp(q[1], "q35") == 0)
		g_assert_nonnull(strstr(caps, "<machine>pc-q35-"));
	assert_valid(caps, "domaincaps");
}

static void
test_domcaps_errors(void)
{
	if (!have_qemu())
		return;
	g_setenv("HV_KVM", "no", TRUE);
	static const struct {
		const char *arch, *machine, *virttype;
		HvlvErrorNumber number;
		const char *message;
	} cases[] = {
		{ NULL, NULL, "kvm", HVLV_ERR_CONFIG_UNSUPPORTED,
		  "unsupported configuration: KVM is not supported by '/usr/bin/qemu-system-x86_64' on this host" },
		{ NULL, NULL, "xen", HVLV_ERR_INVALID_ARG, "invalid argument: unknown virttype: xen" },
		{ "aarch64", NULL, NULL, HVLV_ERR_INVALID_ARG,
		  "invalid argument: unable to find any emulator to serve 'aarch64' architecture" },
		{ NULL, "bogus", NULL, HVLV_ERR_INVALID_ARG,
		  "invalid argument: the machine 'bogus' is not supported by emulator '/usr/bin/qemu-system-x86_64'" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *caps = hvlv_domcaps_format(qemu, NULL, cases[i].arch, cases[i].machine,
		                                            cases[i].virttype, 0, &error);
		g_assert_null(caps);
		g_assert_cmpint(hvlv_error_number(error), ==, cases[i].number);
		g_assert_cmpstr(error->message, ==, cases[i].message);
	}
}

/* Another emulator path (a link to QEMU, as a configured wrapper would be):
 * capabilities' <emulator> and domcapabilities' <path> name it, its machines
 * are probed from it, and a query for another emulator is refused. */
static void
test_emulator_path(void)
{
	if (!have_qemu())
		return;
	g_setenv("HV_KVM", "no", TRUE);
	g_autofree char *dir = g_dir_make_tmp("hvt-caps-XXXXXX", NULL);
	g_autofree char *link = g_build_filename(dir, "qemu-wrapper", NULL);
	g_assert_cmpint(symlink(qemu, link), ==, 0);
	g_autoptr(GError) error = NULL;
	g_autofree char *caps = hvlv_caps_format(link, &error);
	g_assert_no_error(error);
	g_autofree char *emulator = g_strdup_printf("<emulator>%s</emulator>", link);
	g_assert_nonnull(strstr(caps, emulator));
	g_assert_nonnull(strstr(caps, "<machine canonical='pc-q35-"));
	g_autofree char *domcaps = hvlv_domcaps_format(link, NULL, NULL, NULL, NULL, 0, &error);
	g_assert_no_error(error);
	g_autofree char *path = g_strdup_printf("<path>%s</path>", link);
	g_assert_nonnull(strstr(domcaps, path));
	g_assert_null(hvlv_domcaps_format(link, qemu, NULL, NULL, NULL, 0, &error));
	g_assert_cmpint(hvlv_error_number(error), ==, HVLV_ERR_INVALID_ARG);
	g_clear_error(&error);
	/* a missing emulator is an error, not the machines of the last one */
	g_autofree char *missing = g_build_filename(dir, "missing", NULL);
	g_assert_null(hvlv_caps_format(missing, &error));
	g_unlink(link);
	g_rmdir(dir);
	g_assert_cmpint(hvlv_error_number(error), ==, HVLV_ERR_INTERNAL_ERROR);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	static const char *const tcg_default[] = { "no", NULL, NULL, "qemu" };
	static const char *const tcg_q35[] = { "no", "q35", "qemu", "qemu" };
	static const char *const kvm_default[] = { "yes", NULL, NULL, "kvm" };
	static const char *const kvm_pvh[] = { "yes", "pvh", "kvm", "kvm" };
	g_test_add_func("/caps/machines-parse", test_machines_parse);
	g_test_add_func("/caps/no-kvm", test_caps_no_kvm);
	g_test_add_func("/caps/kvm", test_caps_kvm);
	g_test_add_func("/caps/emulator-path", test_emulator_path);
	g_test_add_data_func("/domcaps/tcg-default", tcg_default, test_domcaps);
	g_test_add_data_func("/domcaps/tcg-q35", tcg_q35, test_domcaps);
	g_test_add_data_func("/domcaps/kvm-default", kvm_default, test_domcaps);
	g_test_add_data_func("/domcaps/kvm-pvh", kvm_pvh, test_domcaps);
	g_test_add_func("/domcaps/errors", test_domcaps_errors);
	return g_test_run();
}
