/* Taking running domains back after a daemon restart. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <hv/engine.h>
#include <hv/error.h>

#include "engine/engine-internal.h"

typedef struct {
	GTask *task;
	guint pending;
} Reconnect;

static void
reconnect_settled(Reconnect *rc)
{
	if (--rc->pending > 0)
		return;
	g_task_return_boolean(rc->task, TRUE);
	g_object_unref(rc->task);
	g_free(rc);
}

typedef struct {
	HvVm *vm;
	Reconnect *rc;
} ReconnectCall;

static void
on_query_status(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	g_autofree ReconnectCall *call = data;
	json_object *status = NULL;
	(void)qmp;
	if (!error && json_object_object_get_ex(ret, "status", &status)) {
		int reason;
		HvState state = hv__state_from_qmp_status(json_object_get_string(status), &reason);
		/* the recorded reason is better than the one QMP's status implies */
		if (state != hv__vm_state(call->vm, NULL))
			hv__vm_set_state(call->vm, state, reason);
	}
	reconnect_settled(call->rc);
}

/* The QMP handshake of a taken-back engine: ask where it stands. */
static void
reconnect_vm(HvRunner *r, HvRunState *rs, Reconnect *rc)
{
	HvVm *vm = hv__vm_new(r, rs);
	vm->active = TRUE;
	g_hash_table_insert(r->vms, vm->rs->uuid, vm);
	hv__vm_connect_qmp(vm);
	ReconnectCall *call = g_new0(ReconnectCall, 1);
	call->vm = vm;
	call->rc = rc;
	rc->pending++;
	hv__qmp_command(vm->qmp, "query-status", NULL, on_query_status, call);
}

/* An engine that died while no daemon watched: it crashed, as far as
 * anybody can tell (libvirt reports such a guest the same way). */
static void
report_dead(HvRunner *r, HvRunState *rs)
{
	HvVm *vm = hv__vm_new(r, rs);
	vm->active = TRUE;
	hv__vm_cleanup_files(vm);
	g_hash_table_insert(r->last_stop, g_strdup(rs->uuid), GINT_TO_POINTER(HV_SHUTOFF_CRASHED));
	hv__vm_emit(vm, HV_EVENT_STOPPED, HV_EVENT_STOPPED_FAILED);
	hv__vm_free(vm);
}

void
hv_runner_reconnect(HvRunner *r, GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = hv__task_new(r, callback, user_data);
	GError *error = NULL;
	g_autoptr(GPtrArray) problems = NULL;
	g_autoptr(GPtrArray) states = hv_store_list_run_states(r->store, &problems, &error);
	if (!states) {
		hv__task_fail(task, error);
		return;
	}
	for (guint i = 0; problems && i < problems->len; i++)
		g_debug("run state: %s", (char *)problems->pdata[i]);
	Reconnect *rc = g_new0(Reconnect, 1);
	rc->task = task;
	rc->pending = 1; /* this loop */
	for (guint i = 0; i < states->len; i++) {
		HvRunState *rs = g_steal_pointer(&states->pdata[i]);
		HvProcess proc = { (int)rs->pid.value, rs->pid_start_time.value };
		if (g_hash_table_contains(r->vms, rs->uuid))
			hv_run_state_free(rs);
		else if (hv__process_alive(&proc))
			reconnect_vm(r, rs, rc);
		else
			report_dead(r, rs);
	}
	reconnect_settled(rc);
}
