/* The engine process of a domain: connecting to it, watching it go, ending
 * it (destroy) and cleaning up after it. */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <hv/engine.h>
#include <hv/error.h>

#include "engine/engine-internal.h"

#define POLL_MS 20

HvVm *
hv__vm_new(HvRunner *r, HvRunState *rs)
{
	HvVm *vm = g_new0(HvVm, 1);
	vm->runner = r;
	vm->rs = rs;
	vm->proc.pid = (int)rs->pid.value;
	vm->proc.start_time = rs->pid_start_time.value;
	vm->exit_waiters = g_ptr_array_new();
	vm->resume_reason = HV_RUNNING_UNPAUSED;
	return vm;
}

static GSource *
vm_timeout(HvVm *vm, guint ms, GSourceFunc func)
{
	GSource *src = g_timeout_source_new(ms);
	g_source_set_callback(src, func, vm, NULL);
	g_source_attach(src, vm->runner->context);
	g_source_unref(src);
	return src;
}

void
hv__vm_free(HvVm *vm)
{
	GMainContext *ctx = vm->runner->context;
	GSource *src;
	while ((src = g_main_context_find_source_by_user_data(ctx, vm)) != NULL)
		g_source_destroy(src);
	hv__qmp_free(vm->qmp);
	g_ptr_array_unref(vm->exit_waiters);
	g_free(vm->restore_path);
	hv_run_state_free(vm->rs);
	g_free(vm);
}

/* Removes what the engine left (sockets, pid file) and the run state. */
void
hv__vm_cleanup_files(HvVm *vm)
{
	const char *files[] = { vm->rs->control_socket, vm->rs->console_path, vm->rs->pidfile };
	for (guint i = 0; i < G_N_ELEMENTS(files); i++)
		if (files[i])
			g_unlink(files[i]);
	g_autoptr(GError) error = NULL;
	if (!hv_store_delete_run_state(vm->runner->store, vm->rs->uuid, &error))
		g_debug("run state of %s not removed: %s", vm->rs->uuid, error->message);
}

/* The process has gone: settle the state, tell the caller, forget it. */
static void
vm_gone(HvVm *vm)
{
	HvRunner *r = vm->runner;
	hv__vm_cleanup_files(vm);
	if (vm->start_task) {
		hv__vm_start_failed(vm, NULL);
		return;
	}
	int reason = vm->stopping ? vm->stop_reason : vm->got_shutdown ? HV_SHUTOFF_SHUTDOWN : HV_SHUTOFF_CRASHED;
	int detail = vm->stopping ? vm->stop_detail
	             : vm->got_shutdown ? HV_EVENT_STOPPED_SHUTDOWN : HV_EVENT_STOPPED_FAILED;
	g_hash_table_insert(r->last_stop, g_strdup(vm->rs->uuid), GINT_TO_POINTER(reason));
	g_hash_table_steal(r->vms, vm->rs->uuid);
	if (vm->active)
		hv__vm_emit(vm, HV_EVENT_STOPPED, detail);
	for (guint i = 0; i < vm->exit_waiters->len; i++) {
		g_task_return_boolean(vm->exit_waiters->pdata[i], TRUE);
		g_object_unref(vm->exit_waiters->pdata[i]);
	}
	g_ptr_array_set_size(vm->exit_waiters, 0);
	if (vm->op_task) {
		g_task_return_boolean(vm->op_task, TRUE);
		g_clear_object(&vm->op_task);
	}
	hv__vm_free(vm);
}

static gboolean
vm_poll_exit(gpointer data)
{
	HvVm *vm = data;
	if (hv__process_alive(&vm->proc))
		return G_SOURCE_CONTINUE;
	/* the exit may be seen before the socket's end: commands still
	 * waiting for an answer fail now, while the domain is still here */
	if (vm->qmp)
		hv__qmp_close(vm->qmp);
	vm->poll_id = 0;
	vm_gone(vm);
	return G_SOURCE_REMOVE;
}

void
hv__vm_watch_exit(HvVm *vm)
{
	if (vm->poll_id)
		return;
	vm->poll_id = g_source_get_id(vm_timeout(vm, POLL_MS, vm_poll_exit));
}

static void
vm_qmp_status(HvQmp *qmp, const GError *error, gpointer data)
{
	HvVm *vm = data;
	(void)qmp;
	if (!error) {
		if (vm->start_task)
			hv__vm_start_handshaked(vm);
		return;
	}
	/* Closed: the engine is ending (or broke the protocol: end it, as
	 * libvirt does). A socket never reached ends nothing. */
	g_debug("domain %s: QMP closed: %s", vm->rs->name, error->message);
	if (vm->connected && hv__process_alive(&vm->proc) && !vm->stopping && !vm->got_shutdown &&
	    !vm->start_task)
		kill(vm->proc.pid, SIGKILL);
	hv__vm_watch_exit(vm);
}

static gboolean
vm_try_connect(gpointer data)
{
	HvVm *vm = data;
	g_autoptr(GError) error = NULL;
	if (hv__qmp_connect(vm->qmp, vm->rs->control_socket, &error)) {
		vm->poll_id = 0;
		vm->connected = TRUE;
		return G_SOURCE_REMOVE;
	}
	if (hv__process_alive(&vm->proc) && g_get_monotonic_time() <= vm->deadline)
		return G_SOURCE_CONTINUE;
	vm->poll_id = 0;
	if (vm->start_task && hv__process_alive(&vm->proc))
		kill(vm->proc.pid, SIGKILL);
	/* a guest taken back whose socket cannot be reached keeps running,
	 * uncontrolled: its commands fail, and its end is still noticed */
	hv__qmp_close(vm->qmp);
	hv__vm_watch_exit(vm);
	return G_SOURCE_REMOVE;
}

/* A start whose engine never answers (no greeting, no reply to cont)
 * fails when its time is up. */
static gboolean
vm_start_timeout(gpointer data)
{
	HvVm *vm = data;
	if (vm->start_task)
		hv__vm_start_failed(vm, g_error_new(HV_ERROR, HV_ERROR_BUSY,
		                                    _("the engine of domain '%s' did not get ready within %u ms"),
		                                    vm->rs->name, vm->runner->start_timeout_ms));
	return G_SOURCE_REMOVE;
}

void
hv__vm_connect_qmp(HvVm *vm)
{
	vm->qmp = hv__qmp_new(vm->runner->context, vm_qmp_status, hv__vm_on_event, vm);
	if (!vm->deadline)
		vm->deadline = g_get_monotonic_time() + (gint64)vm->runner->start_timeout_ms * 1000;
	if (vm->start_task)
		vm_timeout(vm, vm->runner->start_timeout_ms, vm_start_timeout);
	if (vm_try_connect(vm) == G_SOURCE_CONTINUE)
		vm->poll_id = g_source_get_id(vm_timeout(vm, POLL_MS, vm_try_connect));
}

static gboolean
vm_kill_timeout(gpointer data)
{
	HvVm *vm = data;
	vm->kill_id = 0;
	if (!vm->graceful) {
		kill(vm->proc.pid, SIGKILL);
		return G_SOURCE_REMOVE;
	}
	/* Graceful destroy: the guest keeps running; the waiters fail. */
	vm->stopping = FALSE;
	for (guint i = 0; i < vm->exit_waiters->len; i++)
		hv__task_fail(vm->exit_waiters->pdata[i],
		              g_error_new(HV_ERROR, HV_ERROR_BUSY, _("domain '%s' did not stop within %u ms"),
		                          vm->rs->name, vm->runner->destroy_timeout_ms));
	g_ptr_array_set_size(vm->exit_waiters, 0);
	return G_SOURCE_REMOVE;
}

void
hv__vm_kill(HvVm *vm, int shutoff_reason, int stopped_detail, gboolean force)
{
	vm->stopping = TRUE;
	vm->stop_reason = shutoff_reason;
	vm->stop_detail = stopped_detail;
	kill(vm->proc.pid, force ? SIGKILL : SIGTERM);
	if (!force && !vm->kill_id)
		vm->kill_id = g_source_get_id(vm_timeout(vm, vm->runner->destroy_timeout_ms, vm_kill_timeout));
	hv__vm_watch_exit(vm);
}

void
hv_runner_destroy(HvRunner *r, const char *uuid, HvDestroyFlags flags, GAsyncReadyCallback callback,
                  gpointer user_data)
{
	GTask *task = hv__task_new(r, callback, user_data);
	GError *error = NULL;
	HvVm *vm = hv__vm_lookup(r, uuid, &error);
	if (!vm) {
		hv__task_fail(task, error);
		return;
	}
	g_ptr_array_add(vm->exit_waiters, task);
	vm->graceful = (flags & HV_DESTROY_GRACEFUL) != 0;
	hv__vm_kill(vm, HV_SHUTOFF_DESTROYED, HV_EVENT_STOPPED_DESTROYED, (flags & HV_DESTROY_FORCE) != 0);
}
