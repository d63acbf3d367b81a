/* The test guest boots under real QEMU (TCG) on both machine types hv uses,
 * reaches its ready marker and powers off cleanly, from its own console and
 * from an ACPI power-button press; a kernel panic reaches the host through
 * pvpanic. Boot times are printed as TAP comments. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "hvt-qemu.h"

#define READY_MARKER "HV-GUEST-READY kernel="
#define BOOT_TIMEOUT_MS 120000
#define SHUTDOWN_TIMEOUT_MS 60000

typedef enum { STOP_BY_POWEROFF, STOP_BY_POWER_BUTTON } StopHow;

typedef struct {
	const char *machine; /* -machine value */
	const char *kernel;  /* file in the guest directory */
	const char *label;
	gboolean tell_tsc;   /* pass the TSC rate on the kernel command line */
} BootCase;

static const BootCase q35_bzimage = { "q35", "vmlinuz", "q35 + bzImage (SeaBIOS)", FALSE };
static const BootCase microvm_pvh = { "microvm,acpi=on", "vmlinux", "microvm + PVH vmlinux",
	                              TRUE };

/* microvm has no HPET or ACPI PM timer, so the kernel calibrates its TSC
 * against the PIT alone; under TCG on a busy host that calibration fails and
 * the boot hangs. TCG's guest TSC runs at the host's rate, so tell the guest
 * that rate (tsc_early_khz) instead. */
static char *
kernel_cmdline(const BootCase *bc)
{
	g_autofree char *cpuinfo = NULL;
	const char *mhz;
	if (!bc->tell_tsc || !g_file_get_contents("/proc/cpuinfo", &cpuinfo, NULL, NULL) ||
	    !(mhz = strstr(cpuinfo, "cpu MHz")) || !(mhz = strchr(mhz, ':')))
		return g_strdup("console=ttyS0");
	double khz = g_ascii_strtod(mhz + 1, NULL) * 1000.0;
	return g_strdup_printf("console=ttyS0 tsc_early_khz=%.0f", khz);
}

static HvtQemu *
boot_guest(const BootCase *bc, const char *extra_device)
{
	if (!hvt_require_program("qemu-system-x86_64"))
		return NULL;
	g_autofree char *kernel = hvt_guest_file(bc->kernel);
	g_autofree char *initrd = hvt_guest_file("initramfs.cpio.gz");
	if (!kernel || !initrd)
		return NULL;
	g_autofree char *cmdline = kernel_cmdline(bc);

	const char *args[] = { "-machine", bc->machine, "-accel", "tcg", "-m", "256",
		               "-kernel", kernel, "-initrd", initrd, "-append",
		               cmdline, extra_device ? "-device" : NULL, extra_device,
		               NULL };
	g_autoptr(GError) error = NULL;
	HvtQemu *q = hvt_qemu_spawn(args, &error);
	g_assert_no_error(error);

	if (!hvt_qemu_wait_console(q, READY_MARKER, BOOT_TIMEOUT_MS)) {
		g_autofree char *err = hvt_qemu_stderr(q);
		g_test_message("console:\n%s\nqemu stderr:\n%s", hvt_qemu_console(q), err);
		g_test_fail_printf("%s: no ready marker within %d s", bc->label,
		                   BOOT_TIMEOUT_MS / 1000);
		hvt_qemu_free(q);
		return NULL;
	}
	/* The marker line ends with the kernel version; wait for the newline so
	 * acpid (started just before it) is up. */
	g_assert_true(hvt_qemu_wait_console(q, "\n", 5000));
	g_test_message("%s: ready marker after %.2f s", bc->label, hvt_qemu_elapsed(q));
	return q;
}

static void
test_boot_and_stop(gconstpointer data, StopHow how)
{
	const BootCase *bc = data;
	g_autoptr(HvtQemu) q = boot_guest(bc, NULL);
	if (!q)
		return;
	double ready = hvt_qemu_elapsed(q);
	g_autoptr(GError) error = NULL;

	if (how == STOP_BY_POWEROFF) {
		hvt_qemu_type(q, "poweroff\n", &error);
		g_assert_no_error(error);
	} else {
		g_autoptr(json_object) ret = hvt_qmp_execute(q, "system_powerdown", NULL, &error);
		g_assert_no_error(error);
		g_assert_nonnull(ret);
	}
	/* QEMU reports the guest's own ACPI poweroff as a guest shutdown. */
	g_assert_true(hvt_qmp_wait_event(q, "SHUTDOWN", SHUTDOWN_TIMEOUT_MS));
	int status = -1;
	g_assert_true(hvt_qemu_wait_exit(q, SHUTDOWN_TIMEOUT_MS, &status));
	g_assert_true(WIFEXITED(status));
	g_assert_cmpint(WEXITSTATUS(status), ==, 0);
	g_assert_nonnull(strstr(hvt_qemu_console(q), "hv-guest: shutting down"));
	g_test_message("%s: %s; QEMU exited 0 after %.2f s (%.2f s after ready)", bc->label,
	               how == STOP_BY_POWEROFF ? "poweroff typed" : "system_powerdown",
	               hvt_qemu_elapsed(q), hvt_qemu_elapsed(q) - ready);
}

static void
test_poweroff(gconstpointer data)
{
	test_boot_and_stop(data, STOP_BY_POWEROFF);
}

static void
test_power_button(gconstpointer data)
{
	test_boot_and_stop(data, STOP_BY_POWER_BUTTON);
}

/* The guest's pvpanic driver tells QEMU about a kernel panic. */
static void
test_panic_reported(gconstpointer data)
{
	g_autoptr(HvtQemu) q = boot_guest(data, "pvpanic");
	if (!q)
		return;
	g_autoptr(GError) error = NULL;
	hvt_qemu_type(q, "echo c > /proc/sysrq-trigger\n", &error);
	g_assert_no_error(error);
	g_assert_true(hvt_qmp_wait_event(q, "GUEST_PANICKED", SHUTDOWN_TIMEOUT_MS));
	g_test_message("guest panic reported through pvpanic after %.2f s", hvt_qemu_elapsed(q));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_data_func("/guest/q35-bzimage/poweroff", &q35_bzimage, test_poweroff);
	g_test_add_data_func("/guest/q35-bzimage/power-button", &q35_bzimage, test_power_button);
	g_test_add_data_func("/guest/q35-bzimage/panic", &q35_bzimage, test_panic_reported);
	g_test_add_data_func("/guest/microvm-pvh/poweroff", &microvm_pvh, test_poweroff);
	g_test_add_data_func("/guest/microvm-pvh/power-button", &microvm_pvh, test_power_button);
	return g_test_run();
}
