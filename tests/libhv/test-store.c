/* The state store: define, look up, undefine, reload; name and UUID
 * conflicts; unreadable files kept aside; the lock between daemons;
 * run-state records; many threads at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <hv/hv.h>

typedef struct {
	char *dir;
	char *state, *run;
} Fixture;

static void
setup(Fixture *f, gconstpointer data)
{
	(void)data;
	f->dir = g_dir_make_tmp("hv-store-XXXXXX", NULL);
	f->state = g_build_filename(f->dir, "lib", NULL);
	f->run = g_build_filename(f->dir, "run", NULL);
}

static void
teardown(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);
	g_assert_cmpint(system(cmd), ==, 0);
	g_free(f->dir);
	g_free(f->state);
	g_free(f->run);
}

static HvDomain *
domain(const char *name, const char *uuid)
{
	HvDomain *d = hv_domain_new();
	d->name = g_strdup(name);
	d->uuid = g_strdup(uuid);
	d->type = HV_DOMAIN_TYPE_HVM;
	d->memory_kib = HV_INT(512 * 1024);
	return d;
}

static HvStore *
open_store(Fixture *f)
{
	g_autoptr(GError) error = NULL;
	HvStore *store = hv_store_open(f->state, f->run, &error);
	g_assert_no_error(error);
	g_autoptr(GPtrArray) problems = NULL;
	g_assert_true(hv_store_load(store, &problems, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(problems->len, ==, 0);
	return store;
}

static void
test_define_lookup_reload(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autoptr(GError) error = NULL;
	{
		g_autoptr(HvStore) store = open_store(f);
		g_autoptr(HvDomain) d = domain("web", NULL);
		gboolean created = FALSE;
		g_autoptr(HvDomain) stored = hv_store_define(store, d, &created, &error);
		g_assert_no_error(error);
		g_assert_true(created);
		g_assert_true(g_uuid_string_is_valid(stored->uuid));
		g_autoptr(HvDomain) by_name = hv_store_lookup_by_name(store, "web", &error);
		g_assert_no_error(error);
		g_assert_true(hv_domain_equal(stored, by_name));
		g_autofree char *upper = g_ascii_strup(stored->uuid, -1);
		g_autoptr(HvDomain) by_uuid = hv_store_lookup_by_uuid(store, upper, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(by_uuid->name, ==, "web");
		/* a change of the definition replaces it */
		by_name->vcpus = HV_INT(4);
		g_autoptr(HvDomain) again = hv_store_define(store, by_name, &created, &error);
		g_assert_no_error(error);
		g_assert_cmpint(again->vcpus.value, ==, 4);
		g_assert_false(created);
		g_autofree char *file = g_strconcat(stored->uuid, ".json", NULL);
		g_autofree char *path = g_build_filename(f->state, file, NULL);
		g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
	}
	g_autoptr(HvStore) store = open_store(f);
	g_autoptr(GPtrArray) problems = NULL;
	g_assert_true(hv_store_load(store, &problems, &error)); /* loading again re-reads */
	g_assert_cmpuint(problems->len, ==, 0);
	g_autoptr(GPtrArray) all = hv_store_list(store);
	g_assert_cmpuint(all->len, ==, 1);
	HvDomain *web = g_ptr_array_index(all, 0);
	g_assert_cmpint(web->vcpus.value, ==, 4);
	g_assert_true(hv_store_undefine(store, web->uuid, &error));
	g_assert_no_error(error);
	g_autoptr(HvDomain) gone = hv_store_lookup_by_name(store, "web", &error);
	g_assert_null(gone);
	g_assert_error(error, HV_ERROR, HV_ERROR_NO_DOMAIN);
	g_assert_cmpstr(error->message, ==, "no domain with matching name 'web'");
	g_clear_error(&error);
	g_assert_false(hv_store_undefine(store, web->uuid, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_NO_DOMAIN);
}

static void
test_conflicts(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autoptr(HvStore) store = open_store(f);
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) a = domain("a", "11111111-1111-1111-1111-111111111111");
	g_autoptr(HvDomain) stored = hv_store_define(store, a, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(stored);
	g_autoptr(HvDomain) same_name = domain("a", "22222222-2222-2222-2222-222222222222");
	g_assert_null(hv_store_define(store, same_name, NULL, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_EXISTS);
	g_assert_cmpstr(error->message, ==,
	                "domain 'a' already exists with uuid 11111111-1111-1111-1111-111111111111");
	g_clear_error(&error);
	g_autoptr(HvDomain) same_uuid = domain("b", "11111111-1111-1111-1111-111111111111");
	g_assert_null(hv_store_define(store, same_uuid, NULL, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_EXISTS);
	g_clear_error(&error);
	g_autoptr(HvDomain) invalid = domain("b", NULL);
	invalid->vcpus = HV_INT(0);
	g_assert_null(hv_store_define(store, invalid, NULL, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_INVALID);
	g_autoptr(GPtrArray) all = hv_store_list(store);
	g_assert_cmpuint(all->len, ==, 1);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	g_autofree char *path = g_build_filename(dir, name, NULL);
	g_assert_true(g_file_set_contents(path, text, -1, NULL));
}

/* Unreadable files are reported and moved aside, never deleted; the good
 * ones still load. Leftovers of interrupted writes are removed. */
static void
test_broken_files(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autoptr(GError) error = NULL;
	{
		g_autoptr(HvStore) store = open_store(f);
		g_autoptr(HvDomain) good = domain("good", "33333333-3333-3333-3333-333333333333");
		g_autoptr(HvDomain) stored = hv_store_define(store, good, NULL, &error);
		g_assert_no_error(error);
		g_assert_nonnull(stored);
	}
	write_file(f->state, "44444444-4444-4444-4444-444444444444.json", "{ \"schema_version\": 1, \"name\": ");
	write_file(f->state, "55555555-5555-5555-5555-555555555555.json",
	           "{ \"schema_version\": 1, \"name\": \"x\", \"type\": \"hvm\", "
	           "\"uuid\": \"66666666-6666-6666-6666-666666666666\" }\n");
	write_file(f->state, "77777777-7777-7777-7777-777777777777.json",
	           "{ \"schema_version\": 9, \"name\": \"future\" }\n");
	write_file(f->state, ".33333333-3333-3333-3333-333333333333.json.tmp-AbCdEf", "half a fi");
	g_autoptr(HvStore) store = hv_store_open(f->state, f->run, &error);
	g_assert_no_error(error);
	g_autoptr(GPtrArray) problems = NULL;
	g_assert_true(hv_store_load(store, &problems, &error));
	g_assert_cmpuint(problems->len, ==, 3);
	for (guint i = 0; i < problems->len; i++)
		g_test_message("%s", (char *)g_ptr_array_index(problems, i));
	g_assert_nonnull(strstr(g_ptr_array_index(problems, 0), "invalid JSON"));
	g_assert_nonnull(strstr(g_ptr_array_index(problems, 1), "the file name is not the domain's UUID"));
	g_assert_nonnull(strstr(g_ptr_array_index(problems, 2), "written by a newer hv"));
	g_assert_nonnull(strstr(g_ptr_array_index(problems, 2), "kept as"));
	g_autoptr(GPtrArray) all = hv_store_list(store);
	g_assert_cmpuint(all->len, ==, 1);
	g_autofree char *kept = g_build_filename(f->state, "44444444-4444-4444-4444-444444444444.json.broken", NULL);
	g_autofree char *tmp = g_build_filename(f->state, ".33333333-3333-3333-3333-333333333333.json.tmp-AbCdEf", NULL);
	g_assert_true(g_file_test(kept, G_FILE_TEST_IS_REGULAR));
	g_assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
}

static void
test_lock(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvStore) store = open_store(f);
	g_autoptr(HvStore) second = hv_store_open(f->state, f->run, &error);
	g_assert_null(second);
	g_assert_error(error, HV_ERROR, HV_ERROR_BUSY);
	g_autofree char *expected = g_strdup_printf(
		"the state directory %s is in use by another hv daemon (pid %d)", f->state, (int)getpid());
	g_assert_cmpstr(error->message, ==, expected);
	/* another process is refused too, and gets it once this one lets go */
	pid_t child = fork();
	if (child == 0) {
		HvStore *s = hv_store_open(f->state, f->run, NULL);
		_exit(s ? 1 : 0);
	}
	int status;
	g_assert_cmpint(waitpid(child, &status, 0), ==, child);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	g_clear_pointer(&store, hv_store_close);
	child = fork();
	if (child == 0) {
		HvStore *s = hv_store_open(f->state, f->run, NULL);
		_exit(s ? 0 : 1);
	}
	g_assert_cmpint(waitpid(child, &status, 0), ==, child);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void
test_run_state(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvStore) store = open_store(f);
	g_autoptr(HvRunState) state = hv_run_state_new();
	state->uuid = g_strdup("88888888-8888-8888-8888-888888888888");
	state->name = g_strdup("running");
	state->engine = HV_ENGINE_QEMU;
	state->pid = HV_INT(4242);
	state->pid_start_time = HV_INT(123456);
	state->control_socket = g_strdup("/run/hv/running/qmp.sock");
	state->console_path = g_strdup("/run/hv/running/console.sock");
	state->started_at = HV_INT(g_get_real_time());
	state->domain_id = HV_INT(7); /* the daemon's ID survives a restart */
	state->live = domain("running", state->uuid);
	hv_domain_apply_defaults(state->live);
	g_assert_true(hv_store_save_run_state(store, state, &error));
	g_assert_no_error(error);
	g_autoptr(HvRunState) back = hv_store_load_run_state(store, state->uuid, &error);
	g_assert_no_error(error);
	g_assert_true(hv_run_state_equal(state, back));
	g_assert_cmpint(back->domain_id.value, ==, 7);
	write_file(f->run, "99999999-9999-9999-9999-999999999999.json", "garbage");
	g_autoptr(GPtrArray) problems = NULL;
	g_autoptr(GPtrArray) all = hv_store_list_run_states(store, &problems, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 1);
	g_assert_cmpuint(problems->len, ==, 1);
	g_assert_true(hv_store_delete_run_state(store, state->uuid, &error));
	g_assert_true(hv_store_delete_run_state(store, state->uuid, &error));
	g_autoptr(HvRunState) none = hv_store_load_run_state(store, state->uuid, &error);
	g_assert_null(none);
	g_assert_error(error, HV_ERROR, HV_ERROR_NO_DOMAIN);
}

typedef struct {
	HvStore *store;
	int id;
} Worker;

static gpointer
worker(gpointer data)
{
	Worker *w = data;
	for (int i = 0; i < 20; i++) {
		g_autofree char *name = g_strdup_printf("t%d-%d", w->id, i % 5);
		g_autoptr(HvDomain) d = domain(name, NULL);
		d->vcpus = HV_INT(i + 1);
		g_autoptr(HvDomain) old = hv_store_lookup_by_name(w->store, name, NULL);
		if (old) {
			old->vcpus = d->vcpus;
			g_autoptr(HvDomain) s = hv_store_define(w->store, old, NULL, NULL);
			g_assert_nonnull(s);
		} else {
			g_autoptr(HvDomain) s = hv_store_define(w->store, d, NULL, NULL);
			g_assert_nonnull(s);
		}
		g_autoptr(GPtrArray) all = hv_store_list(w->store);
		g_assert_cmpuint(all->len, >=, 1);
	}
	return NULL;
}

/* Threads defining and listing at once: every definition lands once. */
static void
test_threads(Fixture *f, gconstpointer data)
{
	(void)data;
	g_autoptr(HvStore) store = open_store(f);
	Worker workers[4];
	GThread *threads[4];
	for (int i = 0; i < 4; i++) {
		workers[i] = (Worker){ store, i };
		threads[i] = g_thread_new("worker", worker, &workers[i]);
	}
	for (int i = 0; i < 4; i++)
		g_thread_join(threads[i]);
	g_autoptr(GPtrArray) all = hv_store_list(store);
	g_assert_cmpuint(all->len, ==, 20);
	g_clear_pointer(&store, hv_store_close);
	g_autoptr(HvStore) reopened = open_store(f);
	g_autoptr(GPtrArray) again = hv_store_list(reopened);
	g_assert_cmpuint(again->len, ==, 20);
	for (guint i = 0; i < again->len; i++) {
		/* tI-K was last defined by iteration K + 15, with K + 16 vCPUs */
		const HvDomain *d = g_ptr_array_index(again, i);
		g_assert_cmpint(d->vcpus.value, ==, 16 + atoi(strchr(d->name, '-') + 1));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, setup, fn, teardown)
	ADD("/store/define-lookup-reload", test_define_lookup_reload);
	ADD("/store/conflicts", test_conflicts);
	ADD("/store/broken-files", test_broken_files);
	ADD("/store/lock", test_lock);
	ADD("/store/run-state", test_run_state);
	ADD("/store/threads", test_threads);
	return g_test_run();
}
