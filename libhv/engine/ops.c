/* Operations on a running domain that are one or a few QMP commands:
 * shutdown, reboot, suspend, resume, save. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <hv/engine.h>
#include <hv/error.h>

#include "engine/engine-internal.h"

typedef void (*OpDoneFunc)(HvVm *vm);

typedef struct {
	HvVm *vm;
	GTask *task;
	OpDoneFunc done;
} OpCall;

static void
on_op_reply(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	g_autofree OpCall *call = data;
	(void)qmp;
	(void)ret;
	if (error) {
		hv__task_fail(call->task, g_error_copy(error));
		return;
	}
	if (call->done)
		call->done(call->vm);
	g_task_return_boolean(call->task, TRUE);
	g_object_unref(call->task);
}

/* Looks UUID up and sends COMMAND; the task completes with its reply (and
 * DONE, run first, settles the state where the reply implies one). */
static HvVm *
op_command(HvRunner *r, const char *uuid, const char *command, OpDoneFunc done, GTask *task)
{
	GError *error = NULL;
	HvVm *vm = hv__vm_lookup(r, uuid, &error);
	if (!vm) {
		hv__task_fail(task, error);
		return NULL;
	}
	OpCall *call = g_new0(OpCall, 1);
	call->vm = vm;
	call->task = task;
	call->done = done;
	hv__qmp_command(vm->qmp, command, NULL, on_op_reply, call);
	return vm;
}

void
hv_runner_shutdown(HvRunner *r, const char *uuid, GAsyncReadyCallback callback, gpointer user_data)
{
	op_command(r, uuid, "system_powerdown", NULL, hv__task_new(r, callback, user_data));
}

static void
set_fake_reboot(HvVm *vm)
{
	vm->rs->fake_reboot = HV_TRISTATE_YES;
	hv__vm_save(vm);
}

void
hv_runner_reboot(HvRunner *r, const char *uuid, HvRebootFlags flags, GAsyncReadyCallback callback,
                 gpointer user_data)
{
	GTask *task = hv__task_new(r, callback, user_data);
	if (flags & HV_REBOOT_RESET) {
		op_command(r, uuid, "system_reset", NULL, task);
		return;
	}
	/* Marked before the request, so a fast guest's SHUTDOWN finds it. As
	 * libvirt's qemuDomainReboot, on_reboot destroy or preserve makes the
	 * request a plain shutdown (on_poweroff then applies). */
	HvVm *vm = hv__vm_lookup(r, uuid, NULL);
	if (vm && vm->rs->live->on_reboot != HV_ACTION_DESTROY &&
	    vm->rs->live->on_reboot != HV_ACTION_PRESERVE)
		set_fake_reboot(vm);
	op_command(r, uuid, "system_powerdown", NULL, task);
}

/* STOP and RESUME events usually arrive before the reply; where not, the
 * reply settles the state and the event then finds nothing to change. */
static void
suspended(HvVm *vm)
{
	if (hv__vm_state(vm, NULL) != HV_STATE_RUNNING)
		return;
	hv__vm_set_state(vm, HV_STATE_PAUSED, HV_PAUSED_USER);
	hv__vm_emit(vm, HV_EVENT_SUSPENDED, HV_EVENT_SUSPENDED_PAUSED);
}

static void
resumed(HvVm *vm)
{
	if (hv__vm_state(vm, NULL) == HV_STATE_RUNNING)
		return;
	hv__vm_set_state(vm, HV_STATE_RUNNING, HV_RUNNING_UNPAUSED);
	hv__vm_emit(vm, HV_EVENT_RESUMED, HV_EVENT_RESUMED_UNPAUSED);
}

void
hv_runner_suspend(HvRunner *r, const char *uuid, GAsyncReadyCallback callback, gpointer user_data)
{
	HvVm *vm = hv__vm_lookup(r, uuid, NULL);
	if (vm)
		vm->pause_reason = HV_PAUSED_USER;
	op_command(r, uuid, "stop", suspended, hv__task_new(r, callback, user_data));
}

void
hv_runner_resume(HvRunner *r, const char *uuid, GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = hv__task_new(r, callback, user_data);
	HvVm *vm = hv__vm_lookup(r, uuid, NULL);
	HvState state = vm ? hv__vm_state(vm, NULL) : HV_STATE_PAUSED;
	if (state != HV_STATE_PAUSED && state != HV_STATE_CRASHED) { /* crashed: on_crash=preserve */
		hv__task_fail(task, g_error_new(HV_ERROR, HV_ERROR_INVALID_STATE, _("domain is not paused")));
		return;
	}
	op_command(r, uuid, "cont", resumed, task);
}

/* Save: pause, migrate to the file, and end the engine once the stream
 * is complete; a failed migration lets a guest that ran run on. */
static void
on_save_migration(HvVm *vm, const char *status)
{
	int outcome = hv__migration_outcome(vm, status);
	if (!vm->op_task || outcome == 0)
		return;
	if (outcome > 0) {
		hv__vm_kill(vm, HV_SHUTOFF_SAVED, HV_EVENT_STOPPED_SAVED, FALSE);
	} else {
		hv__task_fail(g_steal_pointer(&vm->op_task),
		              g_error_new(HV_ERROR, HV_ERROR_IO, _("saving the state of domain '%s' failed"),
		                          vm->rs->name));
		if (vm->save_resume) { /* as libvirt: running (save canceled) */
			vm->resume_reason = HV_RUNNING_SAVE_CANCELED;
			hv__qmp_command(vm->qmp, "cont", NULL, NULL, NULL);
		}
	}
}

static void
on_save_step(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	HvVm *vm = data;
	(void)qmp;
	(void)ret;
	if (error && vm->op_task) {
		vm->on_migration = NULL;
		hv__task_fail(g_steal_pointer(&vm->op_task), g_error_copy(error));
	}
}

int
hv__migration_outcome(HvVm *vm, const char *status)
{
	int outcome = g_str_equal(status, "completed") ? 1
	              : g_str_equal(status, "failed") || g_str_equal(status, "cancelled") ? -1 : 0;
	if (outcome != 0)
		vm->on_migration = NULL;
	return outcome;
}

json_object *
hv__qmp_events_capability(void)
{
	json_object *cap = json_object_new_object();
	json_object_object_add(cap, "capability", json_object_new_string("events"));
	json_object_object_add(cap, "state", json_object_new_boolean(TRUE));
	json_object *caps = json_object_new_array();
	json_object_array_add(caps, cap);
	json_object *args = json_object_new_object();
	json_object_object_add(args, "capabilities", caps);
	return args;
}

void
hv_runner_save(HvRunner *r, const char *uuid, const char *path, GAsyncReadyCallback callback,
               gpointer user_data)
{
	GTask *task = hv__task_new(r, callback, user_data);
	GError *error = NULL;
	HvVm *vm = hv__vm_lookup(r, uuid, &error);
	if (vm && vm->rs->engine != HV_ENGINE_QEMU)
		error = g_error_new(HV_ERROR, HV_ERROR_UNSUPPORTED, _("saving a pvh domain is not supported yet"));
	else if (vm && vm->op_task)
		error = g_error_new(HV_ERROR, HV_ERROR_BUSY, _("domain '%s' is being saved already"), vm->rs->name);
	if (error) {
		hv__task_fail(task, error);
		return;
	}
	vm->op_task = task;
	vm->on_migration = on_save_migration;
	vm->pause_reason = HV_PAUSED_SAVE;
	vm->save_resume = hv__vm_state(vm, NULL) == HV_STATE_RUNNING;
	hv__qmp_command(vm->qmp, "migrate-set-capabilities", hv__qmp_events_capability(), on_save_step, vm);
	hv__qmp_command(vm->qmp, "stop", NULL, on_save_step, vm);
	/* QEMU's writer may still be flushing when QEMU is gone; it holds a
	 * flock(2) on PATH until it is done, so a caller can wait for it. */
	g_autofree char *quoted = g_shell_quote(path);
	g_autofree char *uri = g_strdup_printf("exec:exec 3>>%s && flock 3 && cat >&3", quoted);
	json_object *args = json_object_new_object();
	json_object_object_add(args, "uri", json_object_new_string(uri));
	hv__qmp_command(vm->qmp, "migrate", args, on_save_step, vm);
}

