/* hv-vmm's command line as a user types it: defaults, disks and NICs,
 * every malformed option refused with a message naming it; --help, and
 * refusing to start without a usable KVM (a clear message, exit status 1).
 * Also the KVM usability check and the CPUID a vCPU is given. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "vmm-config.h"
#include "vmm-cpuid.h"
#include "vmm-error.h"
#include "vmm-kvm.h"

static VmmConfig *
parse(const char *cmdline, VmmMode *mode, GError **error)
{
	g_auto(GStrv) argv = NULL;
	int argc = 0;
	g_autofree char *full = g_strconcat("hv-vmm ", cmdline, NULL);
	g_assert_true(g_shell_parse_argv(full, &argc, &argv, NULL));
	/* Option parsing takes entries out of the array it gets; keep ours. */
	g_autofree char **copy = g_new(char *, argc + 1);
	memcpy(copy, argv, sizeof(char *) * (gsize)(argc + 1));
	return vmm_config_parse(argc, copy, mode, error);
}

static void
test_defaults(void)
{
	VmmMode mode;
	g_autoptr(GError) error = NULL;
	g_autoptr(VmmConfig) cfg = parse("--kernel /boot/vmlinux", &mode, &error);
	g_assert_no_error(error);
	g_assert_cmpint(mode, ==, VMM_MODE_RUN);
	g_assert_cmpuint(cfg->memory_mib, ==, 256);
	g_assert_cmpuint(cfg->vcpus, ==, 1);
	g_assert_cmpstr(cfg->cmdline, ==, "console=ttyS0");
	g_assert_cmpuint(cfg->disks->len, ==, 0);
	g_assert_null(cfg->net);
	g_assert_null(cfg->qmp_path);
	g_assert_null(cfg->console_socket);
	g_assert_cmpstr(cfg->kvm_device, ==, "/dev/kvm");
}

static void
test_everything(void)
{
	VmmMode mode;
	g_autoptr(GError) error = NULL;
	g_autoptr(VmmConfig) cfg = parse(
		"-k bz -i rd -c 'console=hvc0 quiet' -m 1024 -n 4 --disk a.img --disk b.img,ro "
		"--net tap=tap7,mac=52:54:00:ab:cd:ef --qmp /run/x.sock --console virtio "
		"--console-socket /run/x.console "
		"--on-panic pause --no-shutdown -S", &mode, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(cfg->kernel, ==, "bz");
	g_assert_cmpstr(cfg->initrd, ==, "rd");
	g_assert_cmpstr(cfg->cmdline, ==, "console=hvc0 quiet");
	g_assert_cmpuint(cfg->memory_mib, ==, 1024);
	g_assert_cmpuint(cfg->vcpus, ==, 4);
	g_assert_cmpuint(cfg->disks->len, ==, 2);
	VmmDiskConfig *b = g_ptr_array_index(cfg->disks, 1);
	g_assert_cmpstr(b->path, ==, "b.img");
	g_assert_true(b->readonly);
	g_assert_false(((VmmDiskConfig *)g_ptr_array_index(cfg->disks, 0))->readonly);
	g_assert_cmpstr(cfg->net->tap, ==, "tap7");
	g_assert_true(cfg->net->has_mac);
	g_assert_cmphex(cfg->net->mac[5], ==, 0xef);
	g_assert_cmpstr(cfg->qmp_path, ==, "/run/x.sock");
	g_assert_cmpstr(cfg->console_socket, ==, "/run/x.console");
	g_assert_cmpint(cfg->console, ==, VMM_CONSOLE_VIRTIO);
	g_assert_cmpint(cfg->on_panic, ==, VMM_PANIC_PAUSE);
	g_assert_true(cfg->no_shutdown);
	g_assert_true(cfg->start_paused);
}

static void
test_refused(void)
{
	static const struct {
		const char *cmdline;
		const char *names;
	} cases[] = {
		{ "", "--kernel" },
		{ "-k k --memory 16", "--memory" },
		{ "-k k --memory 99999999", "--memory" },
		{ "-k k --vcpus 0", "--vcpus" },
		{ "-k k --vcpus 65", "--vcpus" },
		{ "-k k --disk a.img,rw", "--disk" },
		{ "-k k --disk ,ro", "--disk" },
		{ "-k k --net bridge=br0", "--net" },
		{ "-k k --net tap=averyveryverylongname", "--net" },
		{ "-k k --net tap=t0,mac=01:00:5e:00:00:01", "--net" },
		{ "-k k --net tap=t0,mac=52:54:00:zz:00:01", "--net" },
		{ "-k k --net tap=a --net tap=b", "--net" },
		{ "-k k --console vga", "--console" },
		{ "-k k --on-panic reboot", "--on-panic" },
		{ "-k k --memory lots", "lots" },
		{ "-k k --frobnicate", "frobnicate" },
		{ "-k k stray", "stray" },
		{ "-k k -d 1 -d 2 -d 3 -d 4 -d 5 -d 6 -d 7", "disks" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		VmmMode mode;
		g_autoptr(GError) error = NULL;
		g_autoptr(VmmConfig) cfg = parse(cases[i].cmdline, &mode, &error);
		g_assert_null(cfg);
		g_assert_error(error, VMM_ERROR, VMM_ERROR_INVALID);
		if (!strstr(error->message, cases[i].names))
			g_test_message("'%s': %s", cases[i].cmdline, error->message);
		g_assert_nonnull(strstr(error->message, cases[i].names));
	}
}

static void
test_modes(void)
{
	VmmMode mode;
	g_autoptr(VmmConfig) help = parse("--help", &mode, NULL);
	g_assert_nonnull(help);
	g_assert_cmpint(mode, ==, VMM_MODE_HELP);
	g_autoptr(VmmConfig) check = parse("--check-kvm", &mode, NULL);
	g_assert_nonnull(check);
	g_assert_cmpint(mode, ==, VMM_MODE_CHECK_KVM);
	g_autofree char *text = vmm_config_help();
	for (const char *opt = "--kernel\0--initrd\0--cmdline\0--memory\0--vcpus\0--disk\0--net\0--qmp\0"
	                        "--console-socket\0";
	     *opt; opt += strlen(opt) + 1)
		g_assert_nonnull(strstr(text, opt));
}

static void
test_kvm_usable(void)
{
	g_autofree char *dir = g_dir_make_tmp("vmm-kvm-XXXXXX", NULL);
	g_autofree char *dev = g_build_filename(dir, "kvm", NULL);
	g_autofree char *mods = g_build_filename(dir, "module", NULL);
	g_autofree char *amd = g_build_filename(mods, "kvm_amd", NULL);
	g_autoptr(GError) e1 = NULL, e2 = NULL;
	g_assert_false(vmm_kvm_usable(dev, mods, &e1));
	g_assert_error(e1, VMM_ERROR, VMM_ERROR_NO_KVM);
	g_assert_true(g_file_set_contents(dev, "", 0, NULL));
	g_assert_cmpint(g_mkdir_with_parents(mods, 0700), ==, 0);
	/* A /dev/kvm without kvm_intel or kvm_amd (e.g. kvm_pvm) is refused. */
	g_assert_false(vmm_kvm_usable(dev, mods, &e2));
	g_assert_error(e2, VMM_ERROR, VMM_ERROR_NO_KVM);
	g_assert_nonnull(strstr(e2->message, "hardware KVM"));
	g_assert_cmpint(g_mkdir(amd, 0700), ==, 0);
	g_assert_true(vmm_kvm_usable(dev, mods, NULL));
	g_rmdir(amd);
	g_rmdir(mods);
	g_unlink(dev);
	g_rmdir(dir);
}

static char *
run_vmm(const char *args, int *status)
{
	g_autofree char *vmm = g_build_filename(g_getenv("HV_TOP_BUILDDIR"), "hv-vmm", NULL);
	g_autofree char *cmd = g_strdup_printf("%s %s", vmm, args);
	g_autofree char *out = NULL;
	char *err = NULL;
	g_assert_true(g_spawn_command_line_sync(cmd, &out, &err, status, NULL));
	g_autofree char *both = g_strconcat(out, err, NULL);
	g_free(err);
	return g_steal_pointer(&both);
}

static void
test_binary(void)
{
	if (!g_getenv("HV_TOP_BUILDDIR")) {
		g_test_skip("HV_TOP_BUILDDIR is not set (run through make check)");
		return;
	}
	int status;
	g_autofree char *help = run_vmm("--help", &status);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	g_assert_nonnull(strstr(help, "--kernel"));
	g_autofree char *bad = run_vmm("--vcpus 0 --kernel x", &status);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	g_assert_nonnull(strstr(bad, "--vcpus"));
	/* No usable KVM behind the given device: a clear error, status 1. */
	g_autofree char *nokvm = run_vmm("--kernel x --kvm /nonexistent/kvm", &status);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	g_assert_nonnull(strstr(nokvm, "/nonexistent/kvm"));
	g_autofree char *check = run_vmm("--check-kvm --kvm /nonexistent/kvm", &status);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	g_assert_nonnull(strstr(check, "KVM"));
}

static struct kvm_cpuid2 *
fake_supported(const char *vendor)
{
	struct kvm_cpuid2 *c = g_malloc0(sizeof *c + 8 * sizeof c->entries[0]);
	guint n = 0;
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 0, .eax = 0xd };
	memcpy(&c->entries[0].ebx, vendor, 4);
	memcpy(&c->entries[0].edx, vendor + 4, 4);
	memcpy(&c->entries[0].ecx, vendor + 8, 4);
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 1, .ebx = 0xff0800, .ecx = 1u << 5 };
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 0xa, .eax = 0x7300402 };
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 0xb, .index = 1, .ebx = 64 };
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 0x1f, .ebx = 1 };
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 0x80000001, .ecx = 1u << 2 };
	c->entries[n++] = (struct kvm_cpuid_entry2){ .function = 0x80000008, .ecx = 0x3f };
	c->nent = n;
	return c;
}

/* Index of leaf FN/INDEX in C, or -1. */
static int
find_leaf(const struct kvm_cpuid2 *c, uint32_t fn, uint32_t index)
{
	for (guint i = 0; i < c->nent; i++) {
		if (c->entries[i].function == fn && c->entries[i].index == index)
			return (int)i;
	}
	return -1;
}

static gboolean
has_leaf(const struct kvm_cpuid2 *c, uint32_t fn, uint32_t index)
{
	return find_leaf(c, fn, index) >= 0;
}

static struct kvm_cpuid_entry2
leaf(const struct kvm_cpuid2 *c, uint32_t fn, uint32_t index)
{
	int i = find_leaf(c, fn, index);
	g_assert_cmpint(i, >=, 0);
	return c->entries[MAX(i, 0)];
}

static void
test_cpuid(void)
{
	g_autofree struct kvm_cpuid2 *sup = fake_supported("AuthenticAMD");
	g_autofree struct kvm_cpuid2 *c = vmm_cpuid_for_vcpu(sup, 2, 3);
	g_assert_cmpuint(leaf(c, 1, 0).ebx >> 24, ==, 2);            /* APIC ID */
	g_assert_cmpuint((leaf(c, 1, 0).ebx >> 16) & 0xff, ==, 4);   /* IDs per package */
	g_assert_true(leaf(c, 1, 0).ecx & (1u << 31));              /* hypervisor */
	g_assert_false(leaf(c, 1, 0).ecx & (1u << 5));              /* no VMX */
	g_assert_true(leaf(c, 1, 0).edx & (1u << 28));              /* HTT */
	g_assert_cmpuint(leaf(c, 0xa, 0).eax, ==, 0);               /* no PMU */
	g_assert_cmpuint(leaf(c, 0xb, 1).ebx, ==, 3);               /* 3 cores */
	g_assert_cmpuint(leaf(c, 0xb, 1).edx, ==, 2);
	g_assert_false(has_leaf(c, 0x1f, 0));
	g_assert_false(leaf(c, 0x80000001, 0).ecx & (1u << 2));     /* no SVM */
	g_assert_cmpuint(leaf(c, 0x80000008, 0).ecx & 0xff, ==, 2); /* cores - 1 */
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vmm/cli/defaults", test_defaults);
	g_test_add_func("/vmm/cli/all-options", test_everything);
	g_test_add_func("/vmm/cli/refused", test_refused);
	g_test_add_func("/vmm/cli/modes", test_modes);
	g_test_add_func("/vmm/cli/binary", test_binary);
	g_test_add_func("/vmm/kvm/usable", test_kvm_usable);
	g_test_add_func("/vmm/cpuid/topology-and-filter", test_cpuid);
	return g_test_run();
}
