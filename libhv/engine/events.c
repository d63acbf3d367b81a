/* QMP events of a running engine: the domain's state, its events, and the
 * lifecycle actions (on_poweroff, on_reboot, on_crash), as libvirt's QEMU
 * driver handles them. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/engine.h>
#include <hv/error.h>

#include "engine/engine-internal.h"

HvState
hv__state_from_qmp_status(const char *status, int *reason_r)
{
	static const struct { const char *qmp; HvState state; int reason; } map[] = {
		{ "running", HV_STATE_RUNNING, HV_RUNNING_UNKNOWN },
		{ "paused", HV_STATE_PAUSED, HV_PAUSED_USER },
		{ "prelaunch", HV_STATE_PAUSED, HV_PAUSED_STARTING_UP },
		{ "io-error", HV_STATE_PAUSED, HV_PAUSED_IOERROR },
		{ "save-vm", HV_STATE_PAUSED, HV_PAUSED_SAVE },
		{ "finish-migrate", HV_STATE_PAUSED, HV_PAUSED_SAVE },
		{ "postmigrate", HV_STATE_PAUSED, HV_PAUSED_SAVE },
		{ "shutdown", HV_STATE_SHUTDOWN, HV_SHUTDOWN_UNKNOWN },
		{ "guest-panicked", HV_STATE_CRASHED, HV_CRASHED_PANICKED },
		{ "suspended", HV_STATE_PMSUSPENDED, 0 },
	};
	for (guint i = 0; i < G_N_ELEMENTS(map); i++)
		if (g_strcmp0(status, map[i].qmp) == 0) {
			*reason_r = map[i].reason;
			return map[i].state;
		}
	*reason_r = HV_PAUSED_UNKNOWN;
	return HV_STATE_PAUSED;
}

static void
on_reset_cont(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	HvVm *vm = data;
	(void)qmp;
	(void)ret;
	vm->resetting = FALSE;
	if (error) {
		g_debug("domain %s: restart failed: %s", vm->rs->name, error->message);
		return;
	}
	vm->got_shutdown = FALSE;
	hv__vm_set_state(vm, HV_STATE_RUNNING, vm->resume_reason);
	vm->resume_reason = HV_RUNNING_UNPAUSED;
	hv__vm_emit(vm, HV_EVENT_RESUMED, HV_EVENT_RESUMED_UNPAUSED);
}

/* libvirt's "fake reboot": reset the stopped machine and let it run again,
 * in the same engine process (console and sockets stay). */
void
hv__vm_reset_and_run(HvVm *vm, int running_reason)
{
	vm->resetting = TRUE;
	vm->resume_reason = running_reason;
	hv__qmp_command(vm->qmp, "system_reset", NULL, NULL, NULL);
	hv__qmp_command(vm->qmp, "cont", NULL, on_reset_cont, vm);
}

typedef struct {
	HvVm *vm;
	HvAction then;
	gboolean crashed;
} DumpJob;

static void apply_action(HvVm *vm, HvAction action, gboolean crashed);

static void
on_dumped(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	g_autofree DumpJob *job = data;
	(void)qmp;
	(void)ret;
	if (error)
		g_debug("domain %s: core dump failed: %s", job->vm->rs->name, error->message);
	apply_action(job->vm, job->then, job->crashed);
}

/* coredump-*: the guest's memory as an ELF core in the dump directory. */
static void
dump_then(HvVm *vm, HvAction then, gboolean crashed)
{
	HvRunner *r = vm->runner;
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree char *stamp = g_date_time_format(now, "%Y%m%d-%H%M%S");
	g_autofree char *name = g_strdup_printf("%s-%s.core", vm->rs->name, stamp);
	g_autofree char *path = g_build_filename(r->dump_dir, name, NULL);
	g_autofree char *proto = g_strconcat("file:", path, NULL);
	DumpJob *job = g_new0(DumpJob, 1);
	job->vm = vm;
	job->then = then;
	job->crashed = crashed;
	if (g_mkdir_with_parents(r->dump_dir, 0700) < 0 || vm->rs->engine != HV_ENGINE_QEMU) {
		g_debug("domain %s: no core dump (%s)", vm->rs->name, g_strerror(errno));
		apply_action(vm, then, crashed);
		g_free(job);
		return;
	}
	json_object *args = json_object_new_object();
	json_object_object_add(args, "paging", json_object_new_boolean(FALSE));
	json_object_object_add(args, "protocol", json_object_new_string(proto));
	hv__qmp_command(vm->qmp, "dump-guest-memory", args, on_dumped, job);
}

static void
apply_action(HvVm *vm, HvAction action, gboolean crashed)
{
	switch (action) {
	case HV_ACTION_PRESERVE:
		return;
	case HV_ACTION_RESTART:
	case HV_ACTION_RENAME_RESTART: /* no rename on KVM: the name stays the guest's */
	case HV_ACTION_SOFT_RESET:
		hv__vm_reset_and_run(vm, crashed ? HV_RUNNING_CRASHED : HV_RUNNING_BOOTED);
		return;
	case HV_ACTION_COREDUMP_DESTROY:
		dump_then(vm, HV_ACTION_DESTROY, crashed);
		return;
	case HV_ACTION_COREDUMP_RESTART:
		dump_then(vm, HV_ACTION_RESTART, crashed);
		return;
	case HV_ACTION_UNSET:
	case HV_ACTION_DESTROY:
	default:
		if (crashed)
			hv__vm_kill(vm, HV_SHUTOFF_CRASHED, HV_EVENT_STOPPED_CRASHED, FALSE);
		else
			hv__vm_kill(vm, HV_SHUTOFF_SHUTDOWN, HV_EVENT_STOPPED_SHUTDOWN, FALSE);
	}
}

static gboolean
json_bool_member(json_object *data, const char *name, gboolean *value_r)
{
	json_object *v = NULL;
	if (!data || !json_object_object_get_ex(data, name, &v) || !json_object_is_type(v, json_type_boolean))
		return FALSE;
	*value_r = json_object_get_boolean(v);
	return TRUE;
}

static const char *
json_str_member(json_object *data, const char *name)
{
	json_object *v = NULL;
	if (!data || !json_object_object_get_ex(data, name, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void
on_shutdown(HvVm *vm, json_object *data)
{
	if (vm->stopping || hv__vm_state(vm, NULL) == HV_STATE_SHUTDOWN)
		return;
	vm->got_shutdown = TRUE;
	if (vm->rs->fake_reboot == HV_TRISTATE_YES) {
		vm->rs->fake_reboot = HV_TRISTATE_DEFAULT;
		hv__vm_save(vm);
		hv__vm_reset_and_run(vm, HV_RUNNING_BOOTED);
		return;
	}
	gboolean guest;
	int detail = !json_bool_member(data, "guest", &guest) ? HV_EVENT_SHUTDOWN_FINISHED
	             : guest ? HV_EVENT_SHUTDOWN_GUEST : HV_EVENT_SHUTDOWN_HOST;
	hv__vm_set_state(vm, HV_STATE_SHUTDOWN, HV_SHUTDOWN_UNKNOWN);
	hv__vm_emit(vm, HV_EVENT_SHUTDOWN, detail);
	/* with -no-reboot a guest's reboot arrives as a shutdown (guest-reset) */
	gboolean reboot = g_strcmp0(json_str_member(data, "reason"), "guest-reset") == 0;
	apply_action(vm, reboot ? vm->rs->live->on_reboot : vm->rs->live->on_poweroff, FALSE);
}

static void
on_panic(HvVm *vm)
{
	if (vm->stopping || hv__vm_state(vm, NULL) == HV_STATE_CRASHED)
		return;
	hv__vm_set_state(vm, HV_STATE_CRASHED, HV_CRASHED_PANICKED);
	hv__vm_emit(vm, HV_EVENT_CRASHED, HV_EVENT_CRASHED_PANICKED);
	apply_action(vm, vm->rs->live->on_crash, TRUE);
}

static void
on_stop(HvVm *vm)
{
	HvState state = hv__vm_state(vm, NULL);
	if (vm->got_shutdown || vm->resetting || state != HV_STATE_RUNNING)
		return; /* the stop that follows a shutdown or panic, or already paused */
	hv__vm_set_state(vm, HV_STATE_PAUSED, vm->pause_reason);
	vm->pause_reason = HV_PAUSED_UNKNOWN;
	hv__vm_emit(vm, HV_EVENT_SUSPENDED, HV_EVENT_SUSPENDED_PAUSED);
}

static void
on_resume(HvVm *vm)
{
	if (vm->resetting || hv__vm_state(vm, NULL) == HV_STATE_RUNNING)
		return;
	hv__vm_set_state(vm, HV_STATE_RUNNING, vm->resume_reason);
	vm->resume_reason = HV_RUNNING_UNPAUSED;
	hv__vm_emit(vm, HV_EVENT_RESUMED, HV_EVENT_RESUMED_UNPAUSED);
}

void
hv__vm_on_event(HvQmp *qmp, const char *name, json_object *data, gpointer user_data)
{
	HvVm *vm = user_data;
	(void)qmp;
	g_debug("domain %s: QMP event %s %s", vm->rs->name, name, data ? json_object_to_json_string(data) : "");
	if (g_str_equal(name, "MIGRATION")) {
		const char *status = json_str_member(data, "status");
		if (vm->on_migration && status)
			vm->on_migration(vm, status);
		return;
	}
	if (!vm->active)
		return; /* the start sequence owns the state until it is done */
	if (g_str_equal(name, "SHUTDOWN"))
		on_shutdown(vm, data);
	else if (g_str_equal(name, "RESET"))
		hv__vm_emit(vm, HV_EVENT_REBOOT, 0);
	else if (g_str_equal(name, "GUEST_PANICKED"))
		on_panic(vm);
	else if (g_str_equal(name, "STOP"))
		on_stop(vm);
	else if (g_str_equal(name, "RESUME"))
		on_resume(vm);
}
