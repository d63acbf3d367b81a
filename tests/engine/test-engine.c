/* libhv's runner against real QEMU (TCG) and the test guest: start,
 * console, suspend/resume, reboot, shutdown, destroy, the lifecycle
 * actions, save/restore, a daemon killed while guests run, and failed
 * starts. Each case checks the events a libvirt client would see. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hvt-runner.h"

#define EVENT_MS 60000



/* Starts D and waits for its ready marker. */
static void
boot(HvtRunner *t, const HvDomain *d)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_start(t, d, 0, &error));
	g_assert_no_error(error);
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 1, HVT_BOOT_MS));
}

/* The guest panics (its pvpanic driver tells the engine). */
static void
panic_guest(HvtRunner *t, const HvDomain *d)
{
	hvt_console_type(t, d->uuid, "echo c > /proc/sysrq-trigger\n");
}


/* Start, console, cpu time, suspend/resume, reboot (ACPI, libvirt's fake
 * reboot), then shutdown with the default on_poweroff=destroy. */
static void
test_lifecycle(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("lifecycle");
	if (!d)
		return;
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_start(t, d, 0, &error));
	g_assert_no_error(error);
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_BOOTED);
	g_assert_true(hvt_run_state_exists(t, d->uuid));
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 1, HVT_BOOT_MS));

	guint64 ns = 0;
	g_assert_true(hv_runner_get_cpu_time(t->runner, d->uuid, &ns, &error));
	g_assert_cmpuint(ns, >, 0);

	g_assert_true(hvt_suspend(t, d->uuid, &error));
	hvt_assert_state(t, d->uuid, HV_STATE_PAUSED, HV_PAUSED_USER);
	g_assert_true(hvt_resume(t, d->uuid, &error));
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_UNPAUSED);

	g_assert_true(hvt_reboot(t, d->uuid, &error));
	g_assert_no_error(error);
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 2, HVT_BOOT_MS));
	g_assert_true(hvt_wait_event(t, "lifecycle resumed/unpaused", EVENT_MS));
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_BOOTED);

	g_assert_true(hvt_shutdown(t, d->uuid, &error));
	g_assert_no_error(error);
	g_assert_true(hvt_wait_event(t, "lifecycle stopped/shutdown", EVENT_MS));
	hvt_assert_events(t, "lifecycle",
	              "started/booted suspended/paused resumed/unpaused resumed/unpaused "
	              "shutdown/guest stopped/shutdown");
	g_assert_cmpuint(hvt_count_events(t, "lifecycle reboot"), >=, 1);
	hvt_assert_state(t, d->uuid, HV_STATE_SHUTOFF, HV_SHUTOFF_SHUTDOWN);
	g_assert_false(hvt_run_state_exists(t, d->uuid));
	g_assert_cmpuint(hv_runner_list(t->runner)->len, ==, 0);
}

/* on_poweroff=restart: the guest's own poweroff boots it again; destroy
 * then ends it. Started paused first. */
static void
test_poweroff_restart(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("restart");
	if (!d)
		return;
	d->on_poweroff = HV_ACTION_RESTART;
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_start(t, d, HV_START_PAUSED, &error));
	g_assert_no_error(error);
	hvt_assert_state(t, d->uuid, HV_STATE_PAUSED, HV_PAUSED_USER);
	g_assert_true(hvt_resume(t, d->uuid, &error));
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 1, HVT_BOOT_MS));
	hvt_console_type(t, d->uuid, "poweroff\n");
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 2, HVT_BOOT_MS));
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_BOOTED);
	g_assert_true(hvt_destroy(t, d->uuid, 0, &error));
	g_assert_no_error(error);
	hvt_assert_events(t, "restart",
	              "started/booted suspended/paused resumed/unpaused shutdown/guest "
	              "resumed/unpaused stopped/destroyed");
	g_assert_cmpuint(hvt_count_events(t, "restart reboot"), >=, 1);
	hvt_assert_state(t, d->uuid, HV_STATE_SHUTOFF, HV_SHUTOFF_DESTROYED);
	g_assert_false(hvt_run_state_exists(t, d->uuid));
}

/* on_crash=restart: a kernel panic (sysrq c) reaches hv through pvpanic,
 * and the guest boots again in the same engine. */
static void
test_crash_restart(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("crash");
	if (!d)
		return;
	d->on_crash = HV_ACTION_RESTART;
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(GError) error = NULL;
	boot(t, d);
	panic_guest(t, d);
	g_assert_true(hvt_wait_event(t, "crash crashed/panicked", EVENT_MS));
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 2, HVT_BOOT_MS));
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_CRASHED);
	g_assert_true(hvt_destroy(t, d->uuid, HV_DESTROY_FORCE, &error));
	hvt_assert_events(t, "crash", "started/booted crashed/panicked resumed/unpaused stopped/destroyed");
	g_assert_cmpuint(hvt_count_events(t, "crash reboot"), >=, 1);
}

/* on_crash=coredump-destroy: the guest's memory is dumped to the dump
 * directory, then the domain stops as crashed. */
static void
test_crash_coredump(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("crashdestroy");
	if (!d)
		return;
	d->on_crash = HV_ACTION_COREDUMP_DESTROY;
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	boot(t, d);
	panic_guest(t, d);
	g_assert_true(hvt_wait_event(t, "crashdestroy stopped/crashed", EVENT_MS));
	hvt_assert_events(t, "crashdestroy", "started/booted crashed/panicked stopped/crashed");
	hvt_assert_state(t, d->uuid, HV_STATE_SHUTOFF, HV_SHUTOFF_CRASHED);
	g_autofree char *dumps = g_build_filename(t->dir, "log", "dump", NULL);
	g_autoptr(GDir) dir = g_dir_open(dumps, 0, NULL);
	g_assert_nonnull(dir);
	const char *core = g_dir_read_name(dir);
	g_assert_nonnull(core);
	g_assert_true(g_str_has_prefix(core, "crashdestroy-") && g_str_has_suffix(core, ".core"));
	g_autofree char *core_path = g_build_filename(dumps, core, NULL);
	g_autofree char *head = NULL;
	gsize len = 0;
	g_assert_true(g_file_get_contents(core_path, &head, &len, NULL));
	g_assert_cmpuint(len, >, 256u << 20); /* all of the guest's RAM */
	g_assert_cmpint(memcmp(head, "\177ELF", 4), ==, 0);
}

/* managedsave + restore: the guest continues where it was, and its
 * console still works. */
static void
test_save_restore(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("saved");
	if (!d)
		return;
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(GError) error = NULL;
	g_autofree char *image = g_build_filename(t->dir, "saved.img", NULL);
	boot(t, d);
	hvt_console_type(t, d->uuid, "echo before-$((40+2))\n");
	g_assert_true(hvt_wait_console(t, d, "before-42", 1, EVENT_MS));
	g_assert_true(hvt_save(t, d->uuid, image, &error));
	g_assert_no_error(error);
	hvt_assert_state(t, d->uuid, HV_STATE_SHUTOFF, HV_SHUTOFF_SAVED);
	g_assert_false(hvt_run_state_exists(t, d->uuid));
	g_assert_true(g_file_test(image, G_FILE_TEST_IS_REGULAR));

	g_assert_true(hvt_restore(t, d, image, &error));
	g_assert_no_error(error);
	hvt_assert_state(t, d->uuid, HV_STATE_RUNNING, HV_RUNNING_RESTORED);
	hvt_console_type(t, d->uuid, "echo after-$((40+3))\n");
	g_assert_true(hvt_wait_console(t, d, "after-43", 1, EVENT_MS));
	/* no second boot: the guest went on from the saved state */
	g_assert_true(hvt_wait_console(t, d, HVT_READY, 1, 10));
	g_autofree char *log = hv_runner_get_console_log(t->runner, d);
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(log, &text, NULL, NULL));
	g_assert_null(strstr(strstr(text, HVT_READY) + 1, HVT_READY));
	g_assert_true(hvt_destroy(t, d->uuid, 0, &error));
	hvt_assert_events(t, "saved",
	              "started/booted suspended/paused stopped/saved started/restored stopped/destroyed");
}

/* A failed start: a missing disk image. The error ends with QEMU's own
 * words; nothing is left behind. */
static void
test_start_failure(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("broken");
	if (!d)
		return;
	HvDisk *disk = hv_disk_new();
	disk->target = g_strdup("/nonexistent/hv-test-disk.img");
	disk->vdev = g_strdup("vda");
	disk->format = HV_DISK_FORMAT_RAW;
	g_ptr_array_add(d->disks, disk);
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	g_autoptr(GError) error = NULL;
	g_assert_false(hvt_start(t, d, 0, &error));
	g_assert_nonnull(error);
	g_test_message("error: %s", error->message);
	g_assert_nonnull(strstr(error->message, "/nonexistent/hv-test-disk.img"));
	g_assert_nonnull(strstr(error->message, "No such file or directory"));
	g_assert_false(hvt_run_state_exists(t, d->uuid));
	g_assert_cmpuint(hv_runner_list(t->runner)->len, ==, 0);
	g_autoptr(GDir) run = g_dir_open(hv_store_get_run_dir(t->store), 0, NULL);
	g_assert_null(g_dir_read_name(run)); /* no socket, pid file or record */
	hvt_assert_events(t, "broken", "");
}

/* pvh domains need a hardware KVM: without one, a clear refusal
 * (test-engine-pvh runs them where there is one). */
static void
test_pvh_without_kvm(void)
{
	g_autoptr(HvDomain) d = hvt_guest_domain("pvh");
	if (!d)
		return;
	g_autoptr(HvtRunner) t = hvt_runner_new(NULL);
	if (hv_runner_pvh_available(t->runner)) {
		g_test_skip("this host has a hardware KVM: test-engine-pvh tests pvh domains");
		return;
	}
	d->type = HV_DOMAIN_TYPE_PVH;
	g_autoptr(GError) error = NULL;
	g_assert_false(hvt_start(t, d, 0, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED);
	g_assert_nonnull(strstr(error->message, "hardware KVM"));
	g_assert_false(hvt_run_state_exists(t, d->uuid));
}


/* In a child process (the "daemon"): start both guests, say so on FD,
 * then wait to be killed. */
static void G_GNUC_NORETURN
daemon_child(const char *dir, HvDomain *a, HvDomain *b, int fd)
{
	g_autoptr(HvtRunner) t = hvt_runner_new(dir);
	g_autoptr(GError) error = NULL;
	gboolean ok = hvt_start(t, a, 0, &error) && hvt_start(t, b, 0, &error) &&
	              hvt_wait_console(t, a, HVT_READY, 1, HVT_BOOT_MS) &&
	              hvt_wait_console(t, b, HVT_READY, 1, HVT_BOOT_MS);
	if (write(fd, ok ? "y" : "n", 1) != 1 || !ok)
		_exit(1);
	for (;;)
		pause();
}


/* The daemon is SIGKILLed while two guests run; one guest is killed
 * meanwhile. A new runner finds the live one (and controls it) and
 * reports the other as crashed. */
static void
test_daemon_restart(void)
{
	g_autoptr(HvDomain) a = hvt_guest_domain("survivor");
	g_autoptr(HvDomain) b = hvt_guest_domain("victim");
	if (!a || !b)
		return;
	g_autofree char *dir = g_dir_make_tmp("hvt-engine-XXXXXX", NULL);
	int pipefd[2];
	g_assert_cmpint(pipe(pipefd), ==, 0);
	pid_t child = fork();
	if (child == 0)
		daemon_child(dir, a, b, pipefd[1]);
	close(pipefd[1]);
	char answer = 0;
	g_assert_cmpint(read(pipefd[0], &answer, 1), ==, 1);
	close(pipefd[0]);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	g_assert_cmpint(answer, ==, 'y');

	int victim = hvt_run_state_pid(dir, b->uuid);
	g_assert_cmpint(kill(victim, SIGKILL), ==, 0);
	g_usleep(300000); /* SIGKILL is delivered at once; its socket closes with it */

	g_autoptr(HvtRunner) t = hvt_runner_new(dir);
	g_hash_table_insert(t->names, g_strdup(a->uuid), g_strdup(a->name));
	g_hash_table_insert(t->names, g_strdup(b->uuid), g_strdup(b->name));
	g_autoptr(GError) error = NULL;
	g_assert_true(hvt_reconnect(t, &error));
	g_assert_no_error(error);
	hvt_assert_events(t, "victim", "stopped/failed");
	hvt_assert_state(t, b->uuid, HV_STATE_SHUTOFF, HV_SHUTOFF_CRASHED);
	g_assert_false(hvt_run_state_exists(t, b->uuid));
	g_autoptr(GPtrArray) running = hv_runner_list(t->runner);
	g_assert_cmpuint(running->len, ==, 1);
	g_assert_cmpstr(running->pdata[0], ==, a->uuid);
	hvt_assert_state(t, a->uuid, HV_STATE_RUNNING, HV_RUNNING_BOOTED);

	g_assert_true(hvt_shutdown(t, a->uuid, &error));
	g_assert_true(hvt_wait_event(t, "survivor stopped/shutdown", EVENT_MS));
	hvt_assert_events(t, "survivor", "shutdown/guest stopped/shutdown");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/engine/start-failure", test_start_failure);
	g_test_add_func("/engine/pvh-without-kvm", test_pvh_without_kvm);
	g_test_add_func("/engine/lifecycle", test_lifecycle);
	g_test_add_func("/engine/poweroff-restart", test_poweroff_restart);
	g_test_add_func("/engine/crash-restart", test_crash_restart);
	g_test_add_func("/engine/crash-coredump", test_crash_coredump);
	g_test_add_func("/engine/save-restore", test_save_restore);
	g_test_add_func("/engine/daemon-restart", test_daemon_restart);
	return g_test_run();
}
