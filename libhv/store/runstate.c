/* Run-state records: <run dir>/<uuid>.json for each running domain. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <hv/error.h>
#include <hv/json.h>
#include <hv/store.h>

#include "store/store-internal.h"

static char *
run_path(HvStore *store, const char *uuid)
{
	g_autofree char *lower = g_ascii_strdown(uuid, -1);
	g_autofree char *name = g_strconcat(lower, ".json", NULL);
	return g_build_filename(store->run_dir, name, NULL);
}

gboolean
hv_store_save_run_state(HvStore *store, const HvRunState *state, GError **error)
{
	if (!state->uuid || !state->live) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("a run-state record needs a uuid and a live config"));
		return FALSE;
	}
	if (!hv_domain_validate(state->live, error))
		return FALSE;
	g_autofree char *json = hv_run_state_to_json(state);
	g_autofree char *path = run_path(store, state->uuid);
	g_mutex_lock(&store->lock);
	gboolean ok = hv_file_write_atomic(path, json, strlen(json), 0600, error);
	g_mutex_unlock(&store->lock);
	return ok;
}

HvRunState *
hv_store_load_run_state(HvStore *store, const char *uuid, GError **error)
{
	g_autofree char *path = run_path(store, uuid);
	g_autofree char *data = NULL;
	gsize len = 0;
	g_mutex_lock(&store->lock);
	gboolean found = g_file_get_contents(path, &data, &len, NULL);
	g_mutex_unlock(&store->lock);
	if (!found) {
		g_set_error(error, HV_ERROR, HV_ERROR_NO_DOMAIN, _("domain with uuid '%s' is not running"), uuid);
		return NULL;
	}
	return hv_run_state_from_json(data, len, path, error);
}

static gboolean
load_run_state(const char *path, const char *data, gsize len, gpointer user_data, GError **error)
{
	HvRunState *state = hv_run_state_from_json(data, len, path, error);
	if (state)
		g_ptr_array_add(user_data, state);
	return state != NULL;
}

GPtrArray *
hv_store_list_run_states(HvStore *store, GPtrArray **problems_r, GError **error)
{
	g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func((GDestroyNotify)hv_run_state_free);
	g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func(g_free);
	g_mutex_lock(&store->lock);
	gboolean ok = hv__load_dir(store->run_dir, load_run_state, states, problems, error);
	g_mutex_unlock(&store->lock);
	if (!ok)
		return NULL;
	if (problems_r)
		*problems_r = g_steal_pointer(&problems);
	return g_steal_pointer(&states);
}

gboolean
hv_store_delete_run_state(HvStore *store, const char *uuid, GError **error)
{
	g_autofree char *path = run_path(store, uuid);
	g_mutex_lock(&store->lock);
	gboolean ok = g_unlink(path) == 0 || errno == ENOENT || hv__io_error(error, _("remove"), path);
	ok = ok && hv__fsync_dir(store->run_dir, error);
	g_mutex_unlock(&store->lock);
	return ok;
}
