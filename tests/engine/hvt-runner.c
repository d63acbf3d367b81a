/* Test support for libhv's runner. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hvt-qemu.h"
#include "hvt-runner.h"

/* libvirt's names of the events and details (virsh event prints these). */
static const char *
event_name(HvEventType type, int detail, char **buf)
{
	static const char *const types[] = { "defined", "undefined", "started", "suspended", "resumed",
		                             "stopped", "shutdown", "pmsuspended", "crashed" };
	static const char *const started[] = { "booted", "migrated", "restored" };
	static const char *const suspended[] = { "paused", "migrated", "ioerror", "watchdog", "restored",
		                                 "snapshot", "api-error" };
	static const char *const stopped[] = { "shutdown", "destroyed", "crashed", "migrated", "saved",
		                               "failed" };
	static const char *const shutdown[] = { "finished", "guest", "host" };
	const char *const *details = NULL;
	guint n = 0;
	if (type == HV_EVENT_REBOOT)
		return "reboot";
#define D(a) (details = a, n = G_N_ELEMENTS(a))
	switch (type) {
	case HV_EVENT_STARTED: D(started); break;
	case HV_EVENT_SUSPENDED: D(suspended); break;
	case HV_EVENT_STOPPED: D(stopped); break;
	case HV_EVENT_SHUTDOWN: D(shutdown); break;
	default: break;
	}
#undef D
	const char *t = (guint)type < G_N_ELEMENTS(types) ? types[type] : "?";
	const char *d = details && (guint)detail < n ? details[detail]
	                : type == HV_EVENT_RESUMED && detail == 0 ? "unpaused"
	                : type == HV_EVENT_CRASHED && detail == 0 ? "panicked" : "?";
	*buf = g_strdup_printf("%s/%s", t, d);
	return *buf;
}

static void
on_event(HvRunner *runner, const char *uuid, HvEventType type, int detail, gpointer data)
{
	HvtRunner *t = data;
	(void)runner;
	g_autofree char *buf = NULL;
	const char *name = g_hash_table_lookup(t->names, uuid);
	g_ptr_array_add(t->events, g_strdup_printf("%s %s", name ? name : uuid, event_name(type, detail, &buf)));
	g_test_message("event: %s", (char *)t->events->pdata[t->events->len - 1]);
}

static void
open_runner(HvtRunner *t)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *state = g_build_filename(t->dir, "state", NULL);
	g_autofree char *run = g_build_filename(t->dir, "run", NULL);
	g_autofree char *log = g_build_filename(t->dir, "log", NULL);
	t->store = hv_store_open(state, run, &error);
	g_assert_no_error(error);
	HvRunnerSettings settings = { .log_dir = log, .accel = HV_ACCEL_TCG, .start_timeout_ms = 60000,
		                      .destroy_timeout_ms = 5000 };
	g_autofree char *vmm = g_build_filename(g_getenv("HV_TOP_BUILDDIR") ? g_getenv("HV_TOP_BUILDDIR") : ".",
	                                        "hv-vmm", NULL);
	settings.vmm = g_getenv("HV_VMM") ? NULL : vmm; /* NULL: the runner takes $HV_VMM */
	t->runner = hv_runner_new(t->store, &settings, NULL, &error);
	g_assert_no_error(error);
	hv_runner_set_event_func(t->runner, on_event, t);
}

HvtRunner *
hvt_runner_new(const char *dir)
{
	HvtRunner *t = g_new0(HvtRunner, 1);
	t->dir = dir ? g_strdup(dir) : g_dir_make_tmp("hvt-engine-XXXXXX", NULL);
	t->events = g_ptr_array_new_with_free_func(g_free);
	t->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	open_runner(t);
	return t;
}

static void
remove_tree(const char *path)
{
	g_autofree char *quoted = g_shell_quote(path);
	g_autofree char *cmd = g_strdup_printf("rm -rf %s", quoted);
	if (system(cmd) != 0)
		g_test_message("could not remove %s", path);
}

void
hvt_runner_free(HvtRunner *t)
{
	if (!t)
		return;
	/* stop what a failed test left running */
	if (t->runner) {
		g_autoptr(GPtrArray) uuids = hv_runner_list(t->runner);
		for (guint i = 0; i < uuids->len; i++)
			hvt_destroy(t, uuids->pdata[i], HV_DESTROY_FORCE, NULL);
	}
	hv_runner_free(t->runner);
	hv_store_close(t->store);
	if (!g_getenv("HVT_KEEP"))
		remove_tree(t->dir);
	g_free(t->dir);
	g_ptr_array_unref(t->events);
	g_hash_table_unref(t->names);
	g_free(t);
}

HvDomain *
hvt_guest_domain(const char *name)
{
	g_autofree char *kernel = hvt_guest_file("vmlinuz");
	g_autofree char *initrd = kernel ? hvt_guest_file("initramfs.cpio.gz") : NULL;
	if (!initrd || !hvt_require_program("qemu-system-x86_64"))
		return NULL;
	HvDomain *d = hv_domain_new();
	d->name = g_strdup(name);
	hv_domain_ensure_uuid(d);
	d->type = HV_DOMAIN_TYPE_HVM;
	d->memory_kib = HV_INT(256 * 1024);
	d->os.kernel = g_steal_pointer(&kernel);
	d->os.ramdisk = g_steal_pointer(&initrd);
	d->os.cmdline = g_strdup("console=ttyS0");
	return d;
}

typedef struct {
	gboolean done;
	GAsyncResult *result;
} OpWait;

static void
op_done(GObject *source, GAsyncResult *result, gpointer data)
{
	OpWait *w = data;
	(void)source;
	w->result = g_object_ref(result);
	w->done = TRUE;
}

gboolean
hvt_run_op(HvtRunner *t, HvtOpFunc start, gpointer data, GError **error)
{
	OpWait w = { 0 };
	start(t, op_done, &w, data);
	while (!w.done)
		g_main_context_iteration(NULL, TRUE);
	gboolean ok = hv_runner_finish(t->runner, w.result, error);
	g_object_unref(w.result);
	return ok;
}

typedef struct {
	const HvDomain *domain;
	const char *uuid;
	const char *path;
	int flags;
	int op;
} OpArgs;

enum { OP_START, OP_DESTROY, OP_SHUTDOWN, OP_REBOOT, OP_SUSPEND, OP_RESUME, OP_SAVE, OP_RESTORE, OP_RECONNECT };

static void
start_op(HvtRunner *t, GAsyncReadyCallback cb, gpointer cb_data, gpointer data)
{
	OpArgs *a = data;
	HvRunner *r = t->runner;
	switch (a->op) {
	case OP_START: hv_runner_start(r, a->domain, a->flags, cb, cb_data); break;
	case OP_DESTROY: hv_runner_destroy(r, a->uuid, a->flags, cb, cb_data); break;
	case OP_SHUTDOWN: hv_runner_shutdown(r, a->uuid, cb, cb_data); break;
	case OP_REBOOT: hv_runner_reboot(r, a->uuid, a->flags, cb, cb_data); break;
	case OP_SUSPEND: hv_runner_suspend(r, a->uuid, cb, cb_data); break;
	case OP_RESUME: hv_runner_resume(r, a->uuid, cb, cb_data); break;
	case OP_SAVE: hv_runner_save(r, a->uuid, a->path, cb, cb_data); break;
	case OP_RESTORE: hv_runner_restore(r, a->domain, a->path, 0, a->flags, cb, cb_data); break;
	default: hv_runner_reconnect(r, cb, cb_data); break;
	}
}

static gboolean
run(HvtRunner *t, OpArgs a, GError **error)
{
	if (a.domain)
		g_hash_table_insert(t->names, g_strdup(a.domain->uuid), g_strdup(a.domain->name));
	return hvt_run_op(t, start_op, &a, error);
}

gboolean
hvt_start(HvtRunner *t, const HvDomain *d, HvStartFlags flags, GError **error)
{
	return run(t, (OpArgs){ .op = OP_START, .domain = d, .flags = flags }, error);
}

gboolean
hvt_destroy(HvtRunner *t, const char *uuid, HvDestroyFlags flags, GError **error)
{
	return run(t, (OpArgs){ .op = OP_DESTROY, .uuid = uuid, .flags = flags }, error);
}

gboolean
hvt_shutdown(HvtRunner *t, const char *uuid, GError **error)
{
	return run(t, (OpArgs){ .op = OP_SHUTDOWN, .uuid = uuid }, error);
}

gboolean
hvt_reboot(HvtRunner *t, const char *uuid, GError **error)
{
	return run(t, (OpArgs){ .op = OP_REBOOT, .uuid = uuid }, error);
}

gboolean
hvt_suspend(HvtRunner *t, const char *uuid, GError **error)
{
	return run(t, (OpArgs){ .op = OP_SUSPEND, .uuid = uuid }, error);
}

gboolean
hvt_resume(HvtRunner *t, const char *uuid, GError **error)
{
	return run(t, (OpArgs){ .op = OP_RESUME, .uuid = uuid }, error);
}

gboolean
hvt_save(HvtRunner *t, const char *uuid, const char *path, GError **error)
{
	return run(t, (OpArgs){ .op = OP_SAVE, .uuid = uuid, .path = path }, error);
}

gboolean
hvt_restore(HvtRunner *t, const HvDomain *d, const char *path, GError **error)
{
	return run(t, (OpArgs){ .op = OP_RESTORE, .domain = d, .path = path }, error);
}

gboolean
hvt_reconnect(HvtRunner *t, GError **error)
{
	return run(t, (OpArgs){ .op = OP_RECONNECT }, error);
}

static gboolean
wake(gpointer data)
{
	*(gboolean *)data = TRUE;
	return G_SOURCE_REMOVE;
}

/* Runs the loop for at most MS milliseconds (less if something happens). */
static void
iterate_for(guint ms)
{
	gboolean woke = FALSE;
	guint id = g_timeout_add(ms, wake, &woke);
	g_main_context_iteration(NULL, TRUE);
	if (!woke)
		g_source_remove(id);
}

static gboolean
has_event(HvtRunner *t, const char *event)
{
	for (guint i = 0; i < t->events->len; i++)
		if (g_str_equal(t->events->pdata[i], event))
			return TRUE;
	return FALSE;
}

gboolean
hvt_wait_event(HvtRunner *t, const char *event, guint timeout_ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	while (!has_event(t, event)) {
		if (g_get_monotonic_time() > deadline)
			return FALSE;
		iterate_for(50);
	}
	return TRUE;
}

static guint
count_in_file(const char *path, const char *needle)
{
	g_autofree char *text = NULL;
	guint n = 0;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return 0;
	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

gboolean
hvt_wait_console(HvtRunner *t, const HvDomain *d, const char *needle, guint count, guint timeout_ms)
{
	g_autofree char *log = hv_runner_get_console_log(t->runner, d);
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	while (count_in_file(log, needle) < count) {
		if (g_get_monotonic_time() > deadline) {
			g_autofree char *text = NULL;
			g_file_get_contents(log, &text, NULL, NULL);
			g_test_message("console log %s:\n%s", log, text ? text : "(none)");
			return FALSE;
		}
		iterate_for(50);
	}
	/* the marker line ends with the kernel version: let it finish (acpid is up) */
	iterate_for(300);
	return TRUE;
}

void
hvt_console_type(HvtRunner *t, const char *uuid, const char *text)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = hv_runner_get_console_socket(t->runner, uuid, &error);
	g_assert_no_error(error);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
	/* slowly, as typed: the guest's UART has a small FIFO */
	for (const char *p = text; *p; p++) {
		g_assert_cmpint(write(fd, p, 1), ==, 1);
		g_usleep(2000);
	}
	iterate_for(200);
	close(fd);
}

char *
hvt_events_of(HvtRunner *t, const char *name)
{
	g_autoptr(GString) s = g_string_new(NULL);
	g_autofree char *prefix = g_strconcat(name, " ", NULL);
	for (guint i = 0; i < t->events->len; i++) {
		const char *e = t->events->pdata[i];
		if (g_str_has_prefix(e, prefix) && !g_str_equal(e + strlen(prefix), "reboot"))
			g_string_append_printf(s, "%s%s", s->len ? " " : "", e + strlen(prefix));
	}
	return g_string_free(g_steal_pointer(&s), FALSE);
}

guint
hvt_count_events(HvtRunner *t, const char *event)
{
	guint n = 0;
	for (guint i = 0; i < t->events->len; i++)
		n += g_str_equal(t->events->pdata[i], event);
	return n;
}

void
hvt_assert_events(HvtRunner *t, const char *name, const char *expected)
{
	g_autofree char *got = hvt_events_of(t, name);
	g_assert_cmpstr(got, ==, expected);
}

void
hvt_assert_state(HvtRunner *t, const char *uuid, HvState state, int reason)
{
	int got_reason = -1;
	g_assert_cmpint(hv_runner_get_state(t->runner, uuid, &got_reason), ==, state);
	g_assert_cmpint(got_reason, ==, reason);
}

gboolean
hvt_run_state_exists(HvtRunner *t, const char *uuid)
{
	g_autofree char *name = g_strconcat(uuid, ".json", NULL);
	g_autofree char *path = g_build_filename(hv_store_get_run_dir(t->store), name, NULL);
	return g_file_test(path, G_FILE_TEST_EXISTS);
}

int
hvt_run_state_pid(const char *dir, const char *uuid)
{
	g_autofree char *name = g_strconcat(uuid, ".json", NULL);
	g_autofree char *path = g_build_filename(dir, "run", name, NULL);
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
	g_autoptr(GError) error = NULL;
	g_autoptr(HvRunState) rs = hv_run_state_from_json(text, -1, path, &error);
	g_assert_no_error(error);
	return (int)rs->pid.value;
}
