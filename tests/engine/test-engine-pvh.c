/* libhv's runner with pvh domains, run by hv-vmm on a real KVM: inside the
 * nested test host (tests/nested/l1-init runs it), or directly on a host
 * with a hardware KVM; skipped elsewhere. Each case checks what a libvirt
 * client would see: states with their reasons, lifecycle events in order,
 * the console socket, and that the engine process is gone after a stop. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "hvt-runner.h"

#define EVENT_MS 60000

/* The test guest as a pvh domain (PVH entry of its vmlinux), or NULL when
 * this host cannot run one (the case is then skipped). */
static HvDomain *
pvh_domain(HvtRunner *t, const char *name)
{
	if (!hv_runner_pvh_available(t->runner)) {
		g_test_skip("no hardware KVM here: pvh domains run in the nested test host (tests/nested)");
		return NULL;
	}
	HvDomain *d = hvt_guest_domain(name);
	if (!d)
		return NULL;
	d->type = HV_DOMAIN_TYPE_PVH;
	g_free(d->os.kernel);
	d->os.kernel = g_build_filename(g_getenv("HV_GUEST_DIR"), "vmlinux", NULL);
	return d;
}

/* Starts D, checks it runs as booted and reaches its ready marker; returns
 * hv-vmm's pid. */
static int
boot(HvtRunner *t, const HvDomain *d)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_start(t, d, 0, &error));
	g_assert_no_error(error);
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_BOOTED);
	g_assert_true(hvt_run_state_exists(t, d->uuid));
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 1, HVT_BOOT_MS));
	return hvt_run_state_pid(t->dir, d->uuid);
}

/* Gone: no such process, or a zombie nobody has reaped yet (the engine is
 * no child of ours; in the nested host init reaps it when it gets to it). */
static gboolean
process_gone(int pid)
{
	g_autofree char *path = g_strdup_printf("/proc/%d/stat", pid);
	g_autofree char *stat = NULL;
	if (kill(pid, 0) < 0 || !g_file_get_contents(path, &stat, NULL, NULL))
		return TRUE;
	const char *end = strrchr(stat, ')');
	return end && (end[2] == 'Z' || end[2] == 'X');
}

static void
assert_stopped(HvtRunner *t, const HvDomain *d, int pid, int reason)
{
	hvt_assert_state(t, d->uuid, HV_STATE_SHUTOFF, reason);
	g_assert_false(hvt_run_state_exists(t, d->uuid));
	g_assert_cmpuint(hv_runner_list(t->runner)->len, ==, 0);
	g_assert_true(process_gone(pid));
}

/* Start, the console socket both ways, a kernel panic (sysrq c, reported
 * through hv-vmm's pvpanic device) with on_crash=restart booting the guest
 * again in the same hv-vmm, then the power button (system_powerdown): the
 * guest shuts down and hv-vmm exits. One domain, so the nested host boots
 * the guest as few times as possible. */
static void
test_lifecycle(void)
{
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(HvDomain) d = pvh_domain(t, "pvhlife");
	if (!d)
		return;
	d->on_crash = HV_ACTION_RESTART;
	int pid = boot(t, d);
	hvt_console_type(t, d->uuid, "echo pvh-console-$((40+2))\n");
	g_assert_true(hvt_wait_console(t, d, "pvh-console-42", 1, EVENT_MS));

	hvt_console_type(t, d->uuid, "echo c > /proc/sysrq-trigger\n");
	g_assert_true(hvt_wait_event(t, "pvhlife crashed/panicked", EVENT_MS));
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 2, HVT_BOOT_MS));
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_CRASHED);
	g_assert_cmpint(hvt_run_state_pid(t->dir, d->uuid), ==, pid);

	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_shutdown(t, d->uuid, &error));
	g_assert_no_error(error);
	g_assert_true(hvt_wait_event(t, "pvhlife stopped/shutdown", EVENT_MS));
	hvt_assert_events(t, "pvhlife",
	                  "started/booted crashed/panicked resumed/unpaused shutdown/guest "
	                  "stopped/shutdown");
	g_assert_cmpuint(hvt_count_events(t, "pvhlife reboot"), >=, 1);
	assert_stopped(t, d, pid, HV_SHUTOFF_SHUTDOWN);
}

/* on_crash=destroy: after the panic the domain stops as crashed. */
static void
test_crash_destroy(void)
{
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(HvDomain) d = pvh_domain(t, "pvhcrash");
	if (!d)
		return;
	d->on_crash = HV_ACTION_DESTROY;
	int pid = boot(t, d);
	hvt_console_type(t, d->uuid, "echo c > /proc/sysrq-trigger\n");
	g_assert_true(hvt_wait_event(t, "pvhcrash stopped/crashed", EVENT_MS));
	hvt_assert_events(t, "pvhcrash", "started/booted crashed/panicked stopped/crashed");
	assert_stopped(t, d, pid, HV_SHUTOFF_CRASHED);
}

/* destroy while the guest is still booting (no need to wait for it). */
static void
test_destroy(void)
{
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(HvDomain) d = pvh_domain(t, "pvhdestroy");
	if (!d)
		return;
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_start(t, d, 0, &error));
	g_assert_no_error(error);
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_BOOTED);
	int pid = hvt_run_state_pid(t->dir, d->uuid);
	g_assert_true(hvt_destroy(t, d->uuid, 0, &error));
	g_assert_no_error(error);
	hvt_assert_events(t, "pvhdestroy", "started/booted stopped/destroyed");
	assert_stopped(t, d, pid, HV_SHUTOFF_DESTROYED);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/engine/pvh/lifecycle", test_lifecycle);
	g_test_add_func("/engine/pvh/crash-destroy", test_crash_destroy);
	g_test_add_func("/engine/pvh/destroy", test_destroy);
	return g_test_run();
}
