/* The runner: settings, the table of running domains, their state and
 * events, and the queries. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/engine.h>
#include <hv/error.h>

#include "engine/engine-internal.h"

const char *
hv_default_log_dir(void)
{
	const char *env = g_getenv("HV_LOG_DIR");
	return env && *env ? env : HV_LOG_DIR;
}

gboolean
hv_host_kvm_usable(GError **error)
{
	if (!g_file_test("/dev/kvm", G_FILE_TEST_EXISTS)) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED, _("this host has no /dev/kvm"));
		return FALSE;
	}
	/* A software KVM (kvm_pvm) also offers /dev/kvm but cannot run Linux. */
	if (!g_file_test("/sys/module/kvm_intel", G_FILE_TEST_IS_DIR) &&
	    !g_file_test("/sys/module/kvm_amd", G_FILE_TEST_IS_DIR)) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("this host's /dev/kvm is not backed by a hardware KVM (kvm_intel or kvm_amd)"));
		return FALSE;
	}
	return TRUE;
}

static char *
default_vmm(void)
{
	const char *env = g_getenv("HV_VMM");
	if (env && *env)
		return g_strdup(env);
	g_autofree char *installed = g_build_filename(HV_LIBEXEC_DIR, "hv-vmm", NULL);
	if (g_file_test(installed, G_FILE_TEST_IS_EXECUTABLE))
		return g_steal_pointer(&installed);
	return g_strdup("hv-vmm");
}

static void
vm_table_free(gpointer p)
{
	hv__vm_free(p);
}

HvRunner *
hv_runner_new(HvStore *store, const HvRunnerSettings *settings, GMainContext *context, GError **error)
{
	static const HvRunnerSettings none;
	const HvRunnerSettings *s = settings ? settings : &none;
	g_autoptr(GError) kvm_error = NULL;
	gboolean kvm = hv_host_kvm_usable(&kvm_error);
	if (s->accel == HV_ACCEL_KVM && !kvm) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED, _("KVM was asked for, but %s"), kvm_error->message);
		return NULL;
	}
	HvRunner *r = g_new0(HvRunner, 1);
	r->store = store;
	r->context = context ? g_main_context_ref(context) : g_main_context_ref(g_main_context_default());
	r->qemu = g_strdup(s->qemu ? s->qemu : "qemu-system-x86_64");
	r->vmm = s->vmm ? g_strdup(s->vmm) : default_vmm();
	r->log_dir = g_strdup(s->log_dir ? s->log_dir : hv_default_log_dir());
	r->dump_dir = s->dump_dir ? g_strdup(s->dump_dir) : g_build_filename(r->log_dir, "dump", NULL);
	r->accel = s->accel != HV_ACCEL_UNSET ? s->accel : kvm ? HV_ACCEL_KVM : HV_ACCEL_TCG;
	r->no_kvm_reason = kvm ? NULL : g_strdup(kvm_error->message);
	r->destroy_timeout_ms = s->destroy_timeout_ms ? s->destroy_timeout_ms : 10000;
	r->start_timeout_ms = s->start_timeout_ms ? s->start_timeout_ms : 30000;
	r->vms = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, vm_table_free);
	r->last_stop = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (g_mkdir_with_parents(r->log_dir, 0700) < 0) {
		g_set_error(error, HV_ERROR, HV_ERROR_IO, _("cannot create '%s': %s"), r->log_dir, g_strerror(errno));
		hv_runner_free(r);
		return NULL;
	}
	return r;
}

void
hv_runner_free(HvRunner *r)
{
	if (!r)
		return;
	g_hash_table_unref(r->vms);
	g_hash_table_unref(r->last_stop);
	g_main_context_unref(r->context);
	g_free(r->qemu);
	g_free(r->vmm);
	g_free(r->log_dir);
	g_free(r->dump_dir);
	g_free(r->no_kvm_reason);
	g_free(r);
}

void
hv_runner_set_event_func(HvRunner *r, HvRunnerEventFunc func, gpointer user_data)
{
	r->event_func = func;
	r->event_data = user_data;
}

HvAccel
hv_runner_get_accel(HvRunner *r)
{
	return r->accel;
}

gboolean
hv_runner_pvh_available(HvRunner *r)
{
	return r->no_kvm_reason == NULL;
}

HvVm *
hv__vm_lookup(HvRunner *r, const char *uuid, GError **error)
{
	g_autofree char *key = g_ascii_strdown(uuid, -1);
	HvVm *vm = g_hash_table_lookup(r->vms, key);
	if (!vm || !vm->active) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID_STATE, _("domain is not running"));
		return NULL;
	}
	return vm;
}

void
hv__vm_save(HvVm *vm)
{
	g_autoptr(GError) error = NULL;
	if (!hv_store_save_run_state(vm->runner->store, vm->rs, &error))
		g_debug("run state of %s not saved: %s", vm->rs->uuid, error->message);
}

HvState
hv__vm_state(HvVm *vm, int *reason_r)
{
	if (reason_r)
		*reason_r = (int)vm->rs->state_reason.value;
	return (HvState)vm->rs->state.value;
}

void
hv__vm_set_state(HvVm *vm, HvState state, int reason)
{
	vm->rs->state = HV_INT(state);
	vm->rs->state_reason = HV_INT(reason);
	hv__vm_save(vm);
}

void
hv__vm_emit(HvVm *vm, HvEventType type, int detail)
{
	g_debug("domain %s: event %d detail %d", vm->rs->name, type, detail);
	if (vm->runner->event_func)
		vm->runner->event_func(vm->runner, vm->rs->uuid, type, detail, vm->runner->event_data);
}

GTask *
hv__task_new(HvRunner *r, GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = g_task_new(NULL, NULL, callback, user_data);
	g_task_set_source_tag(task, hv__task_new);
	g_task_set_task_data(task, r, NULL);
	return task;
}

void
hv__task_fail(GTask *task, GError *error)
{
	g_task_return_error(task, error);
	g_object_unref(task);
}

gboolean
hv_runner_finish(HvRunner *r, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), FALSE);
	g_return_val_if_fail(g_task_get_task_data(G_TASK(result)) == r, FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}

GPtrArray *
hv_runner_list(HvRunner *r)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GHashTableIter it;
	gpointer key, value;
	g_hash_table_iter_init(&it, r->vms);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (((HvVm *)value)->active)
			g_ptr_array_add(out, g_strdup(key));
	g_ptr_array_sort(out, (GCompareFunc)g_strcmp0);
	return out;
}

HvState
hv_runner_get_state(HvRunner *r, const char *uuid, int *reason_r)
{
	HvVm *vm = hv__vm_lookup(r, uuid, NULL);
	if (vm)
		return hv__vm_state(vm, reason_r);
	g_autofree char *key = g_ascii_strdown(uuid, -1);
	if (reason_r)
		*reason_r = GPOINTER_TO_INT(g_hash_table_lookup(r->last_stop, key));
	return HV_STATE_SHUTOFF;
}

HvRunState *
hv_runner_get_run_state(HvRunner *r, const char *uuid, GError **error)
{
	HvVm *vm = hv__vm_lookup(r, uuid, error);
	return vm ? hv_run_state_copy(vm->rs) : NULL;
}

gboolean
hv_runner_set_domain_id(HvRunner *r, const char *uuid, gint id, GError **error)
{
	HvVm *vm = hv__vm_lookup(r, uuid, error);
	if (!vm)
		return FALSE;
	if (!vm->rs->domain_id.set || vm->rs->domain_id.value != id) {
		vm->rs->domain_id = HV_INT(id);
		hv__vm_save(vm);
	}
	return TRUE;
}

gboolean
hv_runner_get_cpu_time(HvRunner *r, const char *uuid, guint64 *ns_r, GError **error)
{
	HvVm *vm = hv__vm_lookup(r, uuid, error);
	return vm && hv__process_cpu_time(vm->proc.pid, ns_r, error);
}

char *
hv_runner_get_console_socket(HvRunner *r, const char *uuid, GError **error)
{
	HvVm *vm = hv__vm_lookup(r, uuid, error);
	if (!vm)
		return NULL;
	if (!vm->rs->console_path) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("the domain was started without a console socket; its console is only its log (%s)"), vm->rs->console_log);
		return NULL;
	}
	return g_strdup(vm->rs->console_path);
}

char *
hv_runner_get_console_log(HvRunner *r, const HvDomain *domain)
{
	g_autofree char *name = g_strconcat(domain->name, "-console.log", NULL);
	return g_build_filename(r->log_dir, name, NULL);
}
