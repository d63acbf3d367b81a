/* The hv-vmm integration tests that need a real KVM. They run inside the
 * nested test host (tests/nested/test-nested.sh boots it under QEMU TCG) or
 * directly on a host with a hardware KVM, boot the test guest under hv-vmm
 * and check what a user sees: the ready marker under PVH and bzImage boot,
 * 2 vCPUs, virtio-blk reads and writes (the host checks the written data
 * afterwards), read-only disks, a ping over virtio-net/tap, the virtio
 * console, QMP stop/cont/system_reset/system_powerdown, the guest's own
 * reboot, guest poweroff and panic with their exit statuses. With --bench-runs it also times hv-vmm
 * against QEMU microvm (time to the ready marker, peak RSS). TAP on stdout. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hvt-qemu.h"

#define READY_MARKER "HV-GUEST-READY kernel="
#define BOOT_TIMEOUT_MS 180000
#define CMD_TIMEOUT_MS 60000
#define TAP_NAME "hvtap0"
#define TAP_HOST_IP "10.77.0.1"
#define TAP_GUEST_IP "10.77.0.2"

static struct {
	char *vmm;
	char *disk;     /* read-write disk the host prepared, or NULL */
	char *token;    /* what the host expects the guest to write */
	char *ro_disk;  /* a scratch image attached read-only */
	int bench_runs;
} opt;

typedef struct {
	HvtQemu *vm;
	const char *label;
} Guest;

static Guest pvh_guest = { NULL, "PVH vmlinux, 1 vCPU, disks, tap" };
static Guest smp_guest = { NULL, "bzImage, 2 vCPUs, started paused" };
static Guest panic_guest = { NULL, "PVH vmlinux, rebooting and panicking" };

static void
guest_dump(Guest *g)
{
	const char *con = hvt_qemu_console(g->vm);
	gsize len = strlen(con);
	g_autofree char *err = hvt_qemu_stderr(g->vm);
	g_test_message("%s: console tail:\n%s\nhv-vmm stderr:\n%s", g->label,
	               len > 1500 ? con + len - 1500 : con, err);
}

/* Waits for the (next) ready marker; WHEN says after what. */
static gboolean
guest_wait_ready(Guest *g, const char *when)
{
	if (!hvt_qemu_wait_console(g->vm, READY_MARKER, BOOT_TIMEOUT_MS) ||
	    !hvt_qemu_wait_console(g->vm, "\n", 5000)) {
		guest_dump(g);
		g_test_fail_printf("%s: no ready marker %s within %d s", g->label, when,
		                   BOOT_TIMEOUT_MS / 1000);
		return FALSE;
	}
	g_test_message("%s: ready marker %s, %.2f s after hv-vmm started", g->label, when,
	               hvt_qemu_elapsed(g->vm));
	return TRUE;
}

static gboolean
guest_start(Guest *g, const char *const *args)
{
	g_autoptr(GError) error = NULL;
	g->vm = hvt_vmm_spawn(opt.vmm, args, &error);
	if (!g->vm)
		g_test_fail_printf("%s: hv-vmm did not start: %s", g->label, error->message);
	return g->vm != NULL;
}

static gboolean
guest_boot(Guest *g, const char *const *args)
{
	return guest_start(g, args) && guest_wait_ready(g, "at boot");
}

static gboolean
guest_alive(Guest *g)
{
	if (g->vm)
		return TRUE;
	g_test_fail_printf("%s: the guest is not running (its boot failed)", g->label);
	return FALSE;
}

/* Types CMD and waits for EXPECT on the console. */
static gboolean
guest_run(Guest *g, const char *cmd, const char *expect)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *line = g_strconcat(cmd, "\n", NULL);
	if (!guest_alive(g))
		return FALSE;
	if (!hvt_qemu_type(g->vm, line, &error) ||
	    !hvt_qemu_wait_console(g->vm, expect, CMD_TIMEOUT_MS)) {
		guest_dump(g);
		g_test_fail_printf("%s: '%s' did not print '%s'", g->label, cmd, expect);
		return FALSE;
	}
	return TRUE;
}

static json_object *
guest_qmp(Guest *g, const char *command)
{
	g_autoptr(GError) error = NULL;
	if (!guest_alive(g))
		return NULL;
	json_object *ret = hvt_qmp_execute(g->vm, command, NULL, &error);
	if (!ret)
		g_test_fail_printf("%s: QMP %s: %s", g->label, command, error->message);
	return ret;
}

static const char *
guest_status(Guest *g)
{
	static char status[32];
	g_autoptr(json_object) ret = guest_qmp(g, "query-status");
	json_object *s;
	if (!ret || !json_object_object_get_ex(ret, "status", &s))
		return "";
	g_strlcpy(status, json_object_get_string(s), sizeof status);
	return status;
}

/* Waits for event NAME and checks one string or boolean member of its data. */
static gboolean
guest_event(Guest *g, const char *name, const char *member, const char *value)
{
	g_autoptr(json_object) ev = hvt_qmp_take_event(g->vm, name, CMD_TIMEOUT_MS);
	json_object *data, *v;
	if (!ev) {
		guest_dump(g);
		g_test_fail_printf("%s: no %s event", g->label, name);
		return FALSE;
	}
	if (!member)
		return TRUE;
	if (!json_object_object_get_ex(ev, "data", &data) ||
	    !json_object_object_get_ex(data, member, &v) ||
	    g_strcmp0(json_object_get_string(v), value) != 0) {
		g_test_fail_printf("%s: %s event: %s is not %s: %s", g->label, name, member, value,
		                   json_object_to_json_string(ev));
		return FALSE;
	}
	return TRUE;
}

static void
guest_expect_exit(Guest *g, int expected)
{
	int status = -1;
	if (!hvt_qemu_wait_exit(g->vm, CMD_TIMEOUT_MS, &status)) {
		guest_dump(g);
		g_test_fail_printf("%s: hv-vmm did not exit", g->label);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != expected) {
		guest_dump(g);
		g_test_fail_printf("%s: hv-vmm exit status %d, expected %d", g->label,
		                   WIFEXITED(status) ? WEXITSTATUS(status) : -1, expected);
	}
	g_clear_pointer(&g->vm, hvt_qemu_free);
}

static void
guest_expect_cpus(Guest *g, guint n)
{
	g_autoptr(json_object) cpus = guest_qmp(g, "query-cpus-fast");
	if (!cpus)
		return;
	g_assert_cmpuint(json_object_array_length(cpus), ==, n);
	for (guint i = 0; i < json_object_array_length(cpus); i++) {
		json_object *tid;
		g_assert_true(json_object_object_get_ex(json_object_array_get_idx(cpus, i),
		                                        "thread-id", &tid));
		g_assert_cmpint(json_object_get_int(tid), >, 0);
	}
}

static gboolean
run_host(const char *cmdline)
{
	g_autofree char *out = NULL;
	g_autoptr(GError) error = NULL;
	int status;
	if (!g_spawn_command_line_sync(cmdline, &out, &out, &status, &error) ||
	    !g_spawn_check_wait_status(status, &error)) {
		g_test_message("'%s' failed: %s %s", cmdline, error->message, out ? out : "");
		return FALSE;
	}
	return TRUE;
}

static char *
guest_file(const char *name)
{
	return g_build_filename(g_getenv("HV_GUEST_DIR"), name, NULL);
}

/* --- PVH guest with devices ------------------------------------------- */

static void
test_pvh_boot(void)
{
	g_autofree char *kernel = guest_file("vmlinux");
	g_autofree char *initrd = guest_file("initramfs.cpio.gz");
	g_autofree char *disk_ro = g_strconcat(opt.ro_disk, ",ro", NULL);
	const char *args[] = { "--kernel", kernel, "--initrd", initrd, "--memory", "256",
		               "--disk", opt.disk, "--disk", disk_ro, "--net", "tap=" TAP_NAME,
		               NULL };
	if (!guest_boot(&pvh_guest, args))
		return;
	g_assert_cmpstr(guest_status(&pvh_guest), ==, "running");
	guest_expect_cpus(&pvh_guest, 1);
}

static void
test_pvh_blk_read(void)
{
	g_autofree char *expect = g_strdup_printf("BLK=HV-NESTED-DISK-%s", opt.token);
	guest_run(&pvh_guest, "echo \"BL\"\"K=$(head -c 40 /dev/vda | head -n 1)\"", expect);
}

static void
test_pvh_blk_write(void)
{
	g_autofree char *cmd = g_strdup_printf(
		"echo WRITTEN-BY-L2-%s | dd of=/dev/vda bs=512 seek=8 conv=fsync 2>/dev/null; "
		"echo \"WR\"\"ITE=$?\"", opt.token);
	guest_run(&pvh_guest, cmd, "WRITE=0");
}

static void
test_pvh_blk_readonly(void)
{
	guest_run(&pvh_guest, "echo x | dd of=/dev/vdb conv=fsync 2>/dev/null; echo \"R\"\"O=$?\"",
	          "RO=1");
}

static void
test_pvh_blk_segments(void)
{
	/* seg_max reached the guest: large requests are not split. */
	guest_run(&pvh_guest, "echo \"SE\"\"GS=$(cat /sys/block/vda/queue/max_segments)\"",
	          "SEGS=1024");
}

static void
test_pvh_net_ping(void)
{
	if (!guest_alive(&pvh_guest))
		return;
	g_assert_true(run_host("ip addr add " TAP_HOST_IP "/24 dev " TAP_NAME) &&
	              run_host("ip link set " TAP_NAME " up"));
	guest_run(&pvh_guest,
	          "ip addr add " TAP_GUEST_IP "/24 dev eth0; ip link set eth0 up; "
	          "ping -c 2 -W 20 " TAP_HOST_IP " >/dev/null; echo \"PI\"\"NG=$?\"",
	          "PING=0");
}

static void
test_pvh_virtio_console(void)
{
	guest_run(&pvh_guest, "echo HVC-HELLO-$((6*7)) > /dev/hvc0", "HVC-HELLO-42");
}

static void
test_pvh_stop_cont(void)
{
	g_autoptr(json_object) r1 = guest_qmp(&pvh_guest, "stop");
	if (!r1 || !guest_event(&pvh_guest, "STOP", NULL, NULL))
		return;
	g_assert_cmpstr(guest_status(&pvh_guest), ==, "paused");
	g_autoptr(json_object) r2 = guest_qmp(&pvh_guest, "cont");
	if (!r2 || !guest_event(&pvh_guest, "RESUME", NULL, NULL))
		return;
	g_assert_cmpstr(guest_status(&pvh_guest), ==, "running");
	guest_run(&pvh_guest, "echo \"AL\"\"IVE\"", "ALIVE");
}

static void
test_pvh_reset(void)
{
	g_autoptr(json_object) r = guest_qmp(&pvh_guest, "system_reset");
	if (r && guest_event(&pvh_guest, "RESET", "reason", "host-qmp-system-reset"))
		guest_wait_ready(&pvh_guest, "after system_reset");
}

static void
test_pvh_powerdown(void)
{
	g_autoptr(json_object) r = guest_qmp(&pvh_guest, "system_powerdown");
	if (!r || !guest_event(&pvh_guest, "SHUTDOWN", "reason", "guest-shutdown"))
		return;
	g_assert_nonnull(strstr(hvt_qemu_console(pvh_guest.vm), "hv-guest: shutting down"));
	guest_expect_exit(&pvh_guest, 0);
}

/* --- bzImage, SMP --------------------------------------------------- */

/* Started with --paused, the guest waits in "prelaunch" for cont. */
static void
test_smp_boot(void)
{
	g_autofree char *kernel = guest_file("vmlinuz");
	g_autofree char *initrd = guest_file("initramfs.cpio.gz");
	const char *args[] = { "--kernel", kernel, "--initrd", initrd, "--vcpus", "2", "--paused",
		               NULL };
	if (!guest_start(&smp_guest, args))
		return;
	g_assert_cmpstr(guest_status(&smp_guest), ==, "prelaunch");
	g_autoptr(json_object) r = guest_qmp(&smp_guest, "cont");
	if (r && guest_event(&smp_guest, "RESUME", NULL, NULL))
		guest_wait_ready(&smp_guest, "after cont");
}

static void
test_smp_vcpus(void)
{
	if (!guest_run(&smp_guest, "echo \"CP\"\"US=$(nproc)\"", "CPUS=2"))
		return;
	guest_expect_cpus(&smp_guest, 2);
}

static void
test_smp_poweroff(void)
{
	if (!guest_run(&smp_guest, "poweroff", "hv-guest: shutting down"))
		return;
	if (guest_event(&smp_guest, "SHUTDOWN", "reason", "guest-shutdown"))
		guest_expect_exit(&smp_guest, 0);
}

/* --- panic ------------------------------------------------------------ */

/* The guest's own reboot (ACPI reset register / i8042) restarts it. */
static void
test_guest_reboot(void)
{
	g_autofree char *kernel = guest_file("vmlinux");
	g_autofree char *initrd = guest_file("initramfs.cpio.gz");
	const char *args[] = { "--kernel", kernel, "--initrd", initrd, NULL };
	if (!guest_boot(&panic_guest, args) || !guest_run(&panic_guest, "reboot", "hv-guest: shutting down"))
		return;
	if (guest_event(&panic_guest, "RESET", "reason", "guest-reset"))
		guest_wait_ready(&panic_guest, "after the guest's reboot");
}

static void
test_panic_reported(void)
{
	if (!guest_alive(&panic_guest))
		return;
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_qemu_type(panic_guest.vm, "echo c > /proc/sysrq-trigger\n", &error));
	if (guest_event(&panic_guest, "GUEST_PANICKED", "action", "poweroff"))
		guest_expect_exit(&panic_guest, 2);
}

/* --- benchmark --------------------------------------------------------- */

static long
peak_rss_kib(GPid pid)
{
	g_autofree char *path = g_strdup_printf("/proc/%d/status", pid);
	g_autofree char *status = NULL;
	const char *hwm;
	if (!g_file_get_contents(path, &status, NULL, NULL) || !(hwm = strstr(status, "VmHWM:")))
		return -1;
	return strtol(hwm + 6, NULL, 10);
}

/* One boot to the ready marker: seconds and peak RSS in KiB, or FALSE. */
static gboolean
bench_one(gboolean qemu, double *secs, long *rss)
{
	g_autofree char *kernel = guest_file("vmlinux");
	g_autofree char *initrd = guest_file("initramfs.cpio.gz");
	const char *vmm_args[] = { "--kernel", kernel, "--initrd", initrd, "--memory", "256", NULL };
	const char *qemu_args[] = { "-machine", "microvm", "-enable-kvm", "-cpu", "host", "-m", "256",
		                    "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyS0",
		                    NULL };
	g_autoptr(GError) error = NULL;
	g_autoptr(HvtQemu) vm = qemu ? hvt_qemu_spawn(qemu_args, &error)
	                             : hvt_vmm_spawn(opt.vmm, vmm_args, &error);
	if (!vm || !hvt_qemu_wait_console(vm, READY_MARKER, BOOT_TIMEOUT_MS)) {
		g_test_message("%s did not boot: %s", qemu ? "QEMU" : "hv-vmm",
		               error ? error->message : hvt_qemu_console(vm));
		return FALSE;
	}
	*secs = hvt_qemu_elapsed(vm);
	*rss = peak_rss_kib(hvt_qemu_pid(vm));
	json_object_put(hvt_qmp_execute(vm, "quit", NULL, NULL));
	hvt_qemu_wait_exit(vm, CMD_TIMEOUT_MS, NULL);
	return *rss > 0;
}

static gint
cmp_double(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
median(GArray *a)
{
	g_array_sort(a, cmp_double);
	return a->len ? g_array_index(a, double, a->len / 2) : 0;
}

typedef struct {
	const char *name;
	gboolean qemu;
	GArray *secs;
	GArray *mib;
} BenchEngine;

static gboolean
bench_engine_run(BenchEngine *e, int run)
{
	double secs;
	long rss;
	if (!bench_one(e->qemu, &secs, &rss)) {
		g_test_fail_printf("%s did not reach the ready marker", e->name);
		return FALSE;
	}
	double mib = (double)rss / 1024.0;
	g_array_append_val(e->secs, secs);
	g_array_append_val(e->mib, mib);
	g_test_message("BENCH engine=%s run=%d ready_s=%.2f peak_rss_mib=%.1f", e->name, run + 1,
	               secs, mib);
	return TRUE;
}

static void
test_bench(void)
{
	BenchEngine e[2] = { { "hv-vmm", FALSE, NULL, NULL }, { "qemu-microvm", TRUE, NULL, NULL } };
	for (int i = 0; i < 2; i++) {
		e[i].secs = g_array_new(FALSE, FALSE, sizeof(double));
		e[i].mib = g_array_new(FALSE, FALSE, sizeof(double));
	}
	gboolean ok = TRUE;
	for (int run = 0; ok && run < opt.bench_runs; run++)
		ok = bench_engine_run(&e[0], run) && bench_engine_run(&e[1], run);
	if (ok) {
		double tv = median(e[0].secs), tq = median(e[1].secs);
		double mv = median(e[0].mib), mq = median(e[1].mib);
		g_test_message("BENCH-SUMMARY runs=%d (medians) hv-vmm: %.2f s, %.1f MiB; "
		               "qemu-microvm: %.2f s, %.1f MiB; hv-vmm/qemu: time %.2f, peak RSS %.2f",
		               opt.bench_runs, tv, mv, tq, mq, tv / tq, mv / mq);
	}
	for (int i = 0; i < 2; i++) {
		g_array_unref(e[i].secs);
		g_array_unref(e[i].mib);
	}
}

int
main(int argc, char **argv)
{
	const GOptionEntry entries[] = {
		{ "vmm", 0, 0, G_OPTION_ARG_FILENAME, &opt.vmm, "hv-vmm binary", "PATH" },
		{ "disk", 0, 0, G_OPTION_ARG_FILENAME, &opt.disk, "read-write test disk", "PATH" },
		{ "token", 0, 0, G_OPTION_ARG_STRING, &opt.token, "data token", "STR" },
		{ "bench-runs", 0, 0, G_OPTION_ARG_INT, &opt.bench_runs, "benchmark boots", "N" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	g_test_init(&argc, &argv, NULL);
	g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_autoptr(GError) error = NULL;
	if (!g_option_context_parse(ctx, &argc, &argv, &error) || !opt.vmm || !opt.disk ||
	    !opt.token || !g_getenv("HV_GUEST_DIR")) {
		fprintf(stderr, "usage: hvt-nested-run --vmm PATH --disk PATH --token STR "
		                "[--bench-runs N] (HV_GUEST_DIR set)\n");
		return 2;
	}
	g_test_set_nonfatal_assertions();
	opt.ro_disk = g_build_filename(g_get_tmp_dir(), "hvt-nested-ro.img", NULL);
	g_assert_true(g_file_set_contents(opt.ro_disk, "read-only\n", -1, NULL) &&
	              truncate(opt.ro_disk, 1 << 20) == 0);

	g_test_add_func("/vmm/pvh/boot", test_pvh_boot);
	g_test_add_func("/vmm/pvh/blk-read", test_pvh_blk_read);
	g_test_add_func("/vmm/pvh/blk-write", test_pvh_blk_write);
	g_test_add_func("/vmm/pvh/blk-readonly", test_pvh_blk_readonly);
	g_test_add_func("/vmm/pvh/blk-segments", test_pvh_blk_segments);
	g_test_add_func("/vmm/pvh/net-ping", test_pvh_net_ping);
	g_test_add_func("/vmm/pvh/virtio-console", test_pvh_virtio_console);
	g_test_add_func("/vmm/pvh/stop-cont", test_pvh_stop_cont);
	g_test_add_func("/vmm/pvh/system-reset", test_pvh_reset);
	g_test_add_func("/vmm/pvh/system-powerdown", test_pvh_powerdown);
	g_test_add_func("/vmm/bzimage/paused-then-boot", test_smp_boot);
	g_test_add_func("/vmm/bzimage/two-vcpus", test_smp_vcpus);
	g_test_add_func("/vmm/bzimage/poweroff", test_smp_poweroff);
	g_test_add_func("/vmm/reboot-panic/guest-reboot", test_guest_reboot);
	g_test_add_func("/vmm/reboot-panic/panic-reported", test_panic_reported);
	if (opt.bench_runs > 0)
		g_test_add_func("/bench/ready-and-rss", test_bench);
	int rc = g_test_run();
	unlink(opt.ro_disk);
	return rc;
}
