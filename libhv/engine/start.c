/* Starting a domain: command line, detached engine, QMP handshake, then
 * (restore) the saved state and (unless paused) cont. */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <hv/engine.h>
#include <hv/error.h>

#include "engine/engine-internal.h"

#define LOG_TAIL_BYTES 2048

typedef struct {
	HvStartFlags flags;
} StartData;

static char *
run_file(HvRunner *r, const char *uuid, const char *suffix)
{
	g_autofree char *name = g_strconcat(uuid, suffix, NULL);
	return g_build_filename(hv_store_get_run_dir(r->store), name, NULL);
}

/* The run-state record of DOMAIN about to start: paths, engine, config. */
static HvRunState *
new_run_state(HvRunner *r, HvDomain *d)
{
	HvRunState *rs = hv_run_state_new();
	gboolean pvh = d->type == HV_DOMAIN_TYPE_PVH;
	g_autofree char *log = g_strconcat(d->name, ".log", NULL);
	rs->uuid = g_strdup(d->uuid);
	rs->name = g_strdup(d->name);
	rs->engine = pvh ? HV_ENGINE_VMM : HV_ENGINE_QEMU;
	rs->control_socket = run_file(r, d->uuid, ".qmp");
	rs->console_path = run_file(r, d->uuid, ".console");
	rs->pidfile = run_file(r, d->uuid, ".pid");
	rs->log_path = g_build_filename(r->log_dir, log, NULL);
	rs->console_log = hv_runner_get_console_log(r, d);
	rs->state = HV_INT(HV_STATE_NOSTATE);
	rs->state_reason = HV_INT(0);
	rs->live = d;
	return rs;
}

static GPtrArray *
build_argv(HvRunner *r, HvRunState *rs, gboolean incoming, GError **error)
{
	HvEngineArgs a = {
		.binary = rs->engine == HV_ENGINE_VMM ? r->vmm : r->qemu,
		.qmp_socket = rs->control_socket,
		.console_socket = rs->console_path,
		.console_log = rs->console_log,
		.pidfile = rs->pidfile,
		.run_dir = hv_store_get_run_dir(r->store),
		.accel = r->accel,
		.incoming = incoming,
	};
	if (rs->engine == HV_ENGINE_VMM)
		return hv__vmm_argv(rs->live, &a, error);
	return hv__qemu_argv(rs->live, &a, error);
}

/* A line in the engine log saying what was started, as libvirt's logs do;
 * returns the log's size after it (where the engine's own words begin). */
static gsize
log_start(const char *path, GPtrArray *argv)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree char *when = g_date_time_format_iso8601(now);
	g_autoptr(GString) line = g_string_new(NULL);
	g_string_append_printf(line, "%s: starting up\n", when);
	for (guint i = 0; i + 1 < argv->len; i++) {
		g_autofree char *q = g_shell_quote(argv->pdata[i]);
		g_string_append_printf(line, "%s%s", i ? " " : "", q);
	}
	g_string_append_c(line, '\n');
	FILE *f = g_fopen(path, "a");
	if (!f)
		return 0;
	fputs(line->str, f);
	long size = ftell(f);
	fclose(f);
	return size > 0 ? (gsize)size : 0;
}

/* The pvh engine needs a hardware KVM; the rest is a valid config. */
static HvDomain *
prepare_domain(HvRunner *r, const HvDomain *domain, GError **error)
{
	g_autoptr(HvDomain) d = hv_domain_copy(domain);
	hv_domain_ensure_uuid(d);
	hv_domain_apply_defaults(d);
	if (!hv_domain_validate(d, error))
		return NULL;
	if (d->type == HV_DOMAIN_TYPE_PVH && r->no_kvm_reason) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("pvh domains need a hardware KVM, and %s"), r->no_kvm_reason);
		return NULL;
	}
	g_autofree char *key = g_ascii_strdown(d->uuid, -1);
	if (g_hash_table_contains(r->vms, key)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID_STATE, _("domain '%s' is already running"), d->name);
		return NULL;
	}
	g_free(d->uuid);
	d->uuid = g_steal_pointer(&key);
	return g_steal_pointer(&d);
}

/* A UEFI guest's variable store starts as a copy of OVMF's template. */
static gboolean
prepare_nvram(const HvDomain *d, GError **error)
{
	const char *nvram = d->os.nvram;
	if (d->os.firmware != HV_FIRMWARE_UEFI || !nvram || g_file_test(nvram, G_FILE_TEST_EXISTS))
		return TRUE;
	const char *tmpl = d->os.nvram_template ? d->os.nvram_template : "/usr/share/OVMF/OVMF_VARS_4M.fd";
	g_autofree char *data = NULL;
	gsize len = 0;
	return g_file_get_contents(tmpl, &data, &len, error) &&
	       hv_file_write_atomic(nvram, data, len, 0600, error);
}

static HvVm *
spawn_vm(HvRunner *r, HvDomain *d, gboolean incoming, GError **error)
{
	HvRunState *rs = new_run_state(r, d);
	g_autoptr(GPtrArray) argv = build_argv(r, rs, incoming, error);
	HvVm *vm = hv__vm_new(r, rs);
	if (!argv || !prepare_nvram(d, error)) {
		hv__vm_free(vm);
		return NULL;
	}
	const char *stale[] = { rs->control_socket, rs->console_path, rs->pidfile };
	for (guint i = 0; i < G_N_ELEMENTS(stale); i++)
		if (stale[i])
			g_unlink(stale[i]);
	vm->log_start = log_start(rs->log_path, argv);
	/* hv-vmm prints the guest console on its stdout */
	const char *out = rs->engine == HV_ENGINE_VMM ? rs->console_log : NULL;
	if (!hv__spawn_detached(argv, rs->log_path, out, &vm->proc, error)) {
		hv__vm_free(vm);
		return NULL;
	}
	rs->pid = HV_INT(vm->proc.pid);
	rs->pid_start_time = HV_INT(MAX(vm->proc.start_time, 0));
	rs->started_at = HV_INT(g_get_real_time());
	return vm;
}

static void
start_common(HvRunner *r, const HvDomain *domain, const char *restore_path, goffset restore_offset,
             HvStartFlags flags, GTask *task)
{
	GError *error = NULL;
	HvDomain *d = prepare_domain(r, domain, &error);
	HvVm *vm = d ? spawn_vm(r, d, restore_path != NULL, &error) : NULL;
	if (!vm) {
		hv__task_fail(task, error);
		return;
	}
	StartData *sd = g_new0(StartData, 1);
	sd->flags = flags;
	g_object_set_data_full(G_OBJECT(task), "hv-start", sd, g_free);
	vm->start_task = task;
	vm->restore_path = g_strdup(restore_path);
	vm->restore_offset = restore_offset;
	g_autofree char *pid = g_strdup_printf("%d\n", vm->proc.pid);
	g_file_set_contents(vm->rs->pidfile, pid, -1, NULL);
	hv__vm_save(vm);
	g_hash_table_insert(r->vms, vm->rs->uuid, vm);
	hv__vm_connect_qmp(vm);
}

void
hv_runner_start(HvRunner *r, const HvDomain *domain, HvStartFlags flags, GAsyncReadyCallback callback,
                gpointer user_data)
{
	start_common(r, domain, NULL, 0, flags, hv__task_new(r, callback, user_data));
}

void
hv_runner_restore(HvRunner *r, const HvDomain *domain, const char *path, goffset offset,
                  HvStartFlags flags, GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = hv__task_new(r, callback, user_data);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		hv__task_fail(task, g_error_new(HV_ERROR, HV_ERROR_IO, _("no saved state at '%s'"), path));
		return;
	}
	start_common(r, domain, path, MAX(offset, 0), flags, task);
}

/* The start is over; the engine is ending (or has ended). ERROR NULL: the
 * engine died by itself, so its log says why. */
void
hv__vm_start_failed(HvVm *vm, GError *error)
{
	if (hv__process_alive(&vm->proc)) {
		/* come back when it has gone (vm_gone calls again) */
		if (error)
			g_object_set_data_full(G_OBJECT(vm->start_task), "hv-error", error,
			                       (GDestroyNotify)g_error_free);
		kill(vm->proc.pid, SIGKILL);
		hv__vm_watch_exit(vm);
		return;
	}
	GError *saved = g_object_steal_data(G_OBJECT(vm->start_task), "hv-error");
	if (!error)
		error = saved;
	else if (saved)
		g_error_free(saved);
	hv__vm_cleanup_files(vm);
	g_autofree char *tail = hv__log_tail(vm->rs->log_path, vm->log_start, LOG_TAIL_BYTES);
	GTask *task = g_steal_pointer(&vm->start_task);
	if (!error)
		error = g_error_new(HV_ERROR, HV_ERROR_INTERNAL, _("the engine of domain '%s' exited while starting"),
		                    vm->rs->name);
	GError *full = g_error_new(error->domain, error->code, _("%s; from the engine log %s:\n%s"), error->message,
	                           vm->rs->log_path, tail);
	g_error_free(error);
	g_hash_table_steal(vm->runner->vms, vm->rs->uuid);
	hv__vm_free(vm);
	hv__task_fail(task, full);
}

static void
start_done(HvVm *vm)
{
	StartData *sd = g_object_get_data(G_OBJECT(vm->start_task), "hv-start");
	gboolean paused = (sd->flags & HV_START_PAUSED) != 0;
	gboolean restored = vm->restore_path != NULL;
	GTask *task = g_steal_pointer(&vm->start_task);
	vm->active = TRUE;
	if (paused)
		hv__vm_set_state(vm, HV_STATE_PAUSED, HV_PAUSED_USER);
	else
		hv__vm_set_state(vm, HV_STATE_RUNNING, restored ? HV_RUNNING_RESTORED : HV_RUNNING_BOOTED);
	hv__vm_emit(vm, HV_EVENT_STARTED, restored ? HV_EVENT_STARTED_RESTORED : HV_EVENT_STARTED_BOOTED);
	if (paused)
		hv__vm_emit(vm, HV_EVENT_SUSPENDED, HV_EVENT_SUSPENDED_PAUSED);
	g_task_return_boolean(task, TRUE);
	g_object_unref(task);
}

static void
on_cont(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	HvVm *vm = data;
	(void)qmp;
	(void)ret;
	if (!vm->start_task)
		return;
	if (error)
		hv__vm_start_failed(vm, g_error_copy(error));
	else
		start_done(vm);
}

static void
start_run(HvVm *vm)
{
	StartData *sd = g_object_get_data(G_OBJECT(vm->start_task), "hv-start");
	if (sd->flags & HV_START_PAUSED)
		start_done(vm);
	else
		hv__qmp_command(vm->qmp, "cont", NULL, on_cont, vm);
}

static void
on_incoming_migration(HvVm *vm, const char *status)
{
	int outcome = hv__migration_outcome(vm, status);
	if (!vm->start_task || outcome == 0)
		return;
	if (outcome > 0)
		start_run(vm);
	else
		hv__vm_start_failed(vm, g_error_new(HV_ERROR, HV_ERROR_IO, _("restoring the saved state from '%s' failed"),
		                                    vm->restore_path));
}

static void
on_command_failed(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	HvVm *vm = data;
	(void)qmp;
	(void)ret;
	if (error && vm->start_task)
		hv__vm_start_failed(vm, g_error_copy(error));
}

/* migrate-incoming from "exec:tail -c +N FILE" (QEMU 7.2 has no file:
 * URI); tail skips the caller's header (N counts from 1). */
static void
start_restore(HvVm *vm)
{
	hv__qmp_command(vm->qmp, "migrate-set-capabilities", hv__qmp_events_capability(), on_command_failed,
	                vm);
	g_autofree char *quoted = g_shell_quote(vm->restore_path);
	g_autofree char *uri = g_strdup_printf("exec:tail -c +%" G_GINT64_FORMAT " %s",
	                                       (gint64)vm->restore_offset + 1, quoted);
	json_object *margs = json_object_new_object();
	json_object_object_add(margs, "uri", json_object_new_string(uri));
	vm->on_migration = on_incoming_migration;
	hv__qmp_command(vm->qmp, "migrate-incoming", margs, on_command_failed, vm);
}

void
hv__vm_start_handshaked(HvVm *vm)
{
	if (vm->restore_path)
		start_restore(vm);
	else
		start_run(vm);
}
