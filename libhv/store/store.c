/* The state store (hv/store.h): defined domains in memory, indexed by UUID
 * and name, each mirrored by <state dir>/<uuid>.json. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <hv/error.h>
#include <hv/json.h>
#include <hv/store.h>

#include "store/store-internal.h"

const char *
hv_default_state_dir(void)
{
	const char *env = g_getenv("HV_STATE_DIR");
	return env && *env ? env : HV_STATE_DIR;
}

const char *
hv_default_run_dir(void)
{
	const char *env = g_getenv("HV_RUN_DIR");
	return env && *env ? env : HV_RUN_DIR;
}

static gboolean
make_dir(const char *dir, GError **error)
{
	return g_mkdir_with_parents(dir, 0700) == 0 || hv__io_error(error, _("create the directory"), dir);
}

HvStore *
hv_store_open(const char *state_dir, const char *run_dir, GError **error)
{
	state_dir = state_dir ? state_dir : hv_default_state_dir();
	run_dir = run_dir ? run_dir : hv_default_run_dir();
	if (!make_dir(state_dir, error) || !make_dir(run_dir, error))
		return NULL;
	int fd = hv__lock_dir(state_dir, error);
	if (fd < 0)
		return NULL;
	HvStore *store = g_new0(HvStore, 1);
	g_mutex_init(&store->lock);
	store->state_dir = g_strdup(state_dir);
	store->run_dir = g_strdup(run_dir);
	store->lock_fd = fd;
	store->by_uuid = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)hv_domain_free);
	store->by_name = g_hash_table_new(g_str_hash, g_str_equal);
	return store;
}

void
hv_store_close(HvStore *store)
{
	if (!store)
		return;
	close(store->lock_fd);
	g_hash_table_unref(store->by_name);
	g_hash_table_unref(store->by_uuid);
	g_free(store->state_dir);
	g_free(store->run_dir);
	g_mutex_clear(&store->lock);
	g_free(store);
}

const char *
hv_store_get_state_dir(HvStore *store)
{
	return store->state_dir;
}

const char *
hv_store_get_run_dir(HvStore *store)
{
	return store->run_dir;
}

/* Takes ownership of DOMAIN (which has a lower-case uuid). */
static void
index_domain(HvStore *store, HvDomain *domain)
{
	HvDomain *old = g_hash_table_lookup(store->by_uuid, domain->uuid);
	if (old)
		g_hash_table_remove(store->by_name, old->name);
	g_hash_table_insert(store->by_name, domain->name, domain);
	g_hash_table_insert(store->by_uuid, g_strdup(domain->uuid), domain);
}

static gboolean
load_domain(const char *path, const char *data, gsize len, gpointer user_data, GError **error)
{
	HvStore *store = user_data;
	g_autoptr(HvDomain) domain = hv_domain_from_json(data, len, path, error);
	if (!domain)
		return FALSE;
	g_autofree char *base = g_path_get_basename(path);
	g_autofree char *uuid = domain->uuid ? g_ascii_strdown(domain->uuid, -1) : NULL;
	g_autofree char *expected = uuid ? g_strconcat(uuid, ".json", NULL) : NULL;
	const char *clash = !uuid ? NULL
	                    : g_hash_table_contains(store->by_uuid, uuid) ? uuid
	                    : g_hash_table_contains(store->by_name, domain->name) ? domain->name
	                                                                          : NULL;
	if (!expected || strcmp(base, expected) != 0) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("%s: the file name is not the domain's UUID"),
		            path);
		return FALSE;
	}
	if (clash) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("%s: another state file already defines %s"),
		            path, clash);
		return FALSE;
	}
	g_free(domain->uuid);
	domain->uuid = g_steal_pointer(&uuid);
	index_domain(store, g_steal_pointer(&domain));
	return TRUE;
}

gboolean
hv_store_load(HvStore *store, GPtrArray **problems_r, GError **error)
{
	g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func(g_free);
	g_mutex_lock(&store->lock);
	/* a second load re-reads: files must not clash with their own past */
	g_hash_table_remove_all(store->by_name);
	g_hash_table_remove_all(store->by_uuid);
	gboolean ok = hv__load_dir(store->state_dir, load_domain, store, problems, error);
	g_mutex_unlock(&store->lock);
	if (problems_r)
		*problems_r = g_steal_pointer(&problems);
	return ok;
}

static gint
compare_by_name(gconstpointer a, gconstpointer b)
{
	return strcmp((*(HvDomain *const *)a)->name, (*(HvDomain *const *)b)->name);
}

GPtrArray *
hv_store_list(HvStore *store)
{
	GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)hv_domain_free);
	g_mutex_lock(&store->lock);
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, store->by_uuid);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(list, hv_domain_copy(value));
	g_mutex_unlock(&store->lock);
	g_ptr_array_sort(list, compare_by_name);
	return list;
}

static HvDomain *
lookup_copy(HvStore *store, GHashTable *table, const char *key, GError **error)
{
	g_mutex_lock(&store->lock);
	HvDomain *copy = hv_domain_copy(g_hash_table_lookup(table, key));
	g_mutex_unlock(&store->lock);
	if (!copy)
		g_set_error(error, HV_ERROR, HV_ERROR_NO_DOMAIN, _("no domain with matching %s '%s'"),
		            table == store->by_name ? _("name") : _("uuid"), key);
	return copy;
}

HvDomain *
hv_store_lookup_by_name(HvStore *store, const char *name, GError **error)
{
	return lookup_copy(store, store->by_name, name, error);
}

HvDomain *
hv_store_lookup_by_uuid(HvStore *store, const char *uuid, GError **error)
{
	g_autofree char *lower = g_ascii_strdown(uuid, -1);
	return lookup_copy(store, store->by_uuid, lower, error);
}

static char *
domain_path(HvStore *store, const char *uuid)
{
	g_autofree char *name = g_strconcat(uuid, ".json", NULL);
	return g_build_filename(store->state_dir, name, NULL);
}

/* libvirt's rule: a name and a UUID belong to one domain. */
static gboolean
check_identity(HvStore *store, const HvDomain *domain, gboolean *created_r, GError **error)
{
	HvDomain *same_uuid = g_hash_table_lookup(store->by_uuid, domain->uuid);
	HvDomain *same_name = g_hash_table_lookup(store->by_name, domain->name);
	if (same_uuid && strcmp(same_uuid->name, domain->name) != 0) {
		g_set_error(error, HV_ERROR, HV_ERROR_EXISTS, _("domain '%s' already exists with uuid %s"),
		            same_uuid->name, domain->uuid);
		return FALSE;
	}
	if (same_name && same_name != same_uuid) {
		g_set_error(error, HV_ERROR, HV_ERROR_EXISTS, _("domain '%s' already exists with uuid %s"),
		            same_name->name, same_name->uuid);
		return FALSE;
	}
	*created_r = same_uuid == NULL;
	return TRUE;
}

HvDomain *
hv_store_define(HvStore *store, const HvDomain *domain, gboolean *created_r, GError **error)
{
	if (!hv_domain_validate(domain, error))
		return NULL;
	g_autoptr(HvDomain) copy = hv_domain_copy(domain);
	hv_domain_ensure_uuid(copy);
	char *lower = g_ascii_strdown(copy->uuid, -1);
	g_free(copy->uuid);
	copy->uuid = lower;
	g_autofree char *json = hv_domain_to_json(copy);
	g_autofree char *path = domain_path(store, copy->uuid);
	gboolean created = FALSE;
	g_mutex_lock(&store->lock);
	gboolean ok = check_identity(store, copy, &created, error) &&
	              hv_file_write_atomic(path, json, strlen(json), 0600, error);
	HvDomain *result = ok ? hv_domain_copy(copy) : NULL;
	if (ok)
		index_domain(store, g_steal_pointer(&copy));
	g_mutex_unlock(&store->lock);
	if (ok && created_r)
		*created_r = created;
	return result;
}

gboolean
hv_store_undefine(HvStore *store, const char *uuid, GError **error)
{
	g_autofree char *lower = g_ascii_strdown(uuid, -1);
	g_autofree char *path = domain_path(store, lower);
	g_mutex_lock(&store->lock);
	HvDomain *domain = g_hash_table_lookup(store->by_uuid, lower);
	gboolean ok = domain != NULL;
	if (!ok)
		g_set_error(error, HV_ERROR, HV_ERROR_NO_DOMAIN, _("no domain with matching uuid '%s'"), uuid);
	if (ok && g_unlink(path) != 0 && errno != ENOENT)
		ok = hv__io_error(error, _("remove"), path);
	if (ok) {
		g_hash_table_remove(store->by_name, domain->name);
		g_hash_table_remove(store->by_uuid, lower);
		ok = hv__fsync_dir(store->state_dir, error);
	}
	g_mutex_unlock(&store->lock);
	return ok;
}
