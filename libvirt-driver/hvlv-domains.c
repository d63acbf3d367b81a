/* hvlv-domains: the registry's tables, lookups and listing. Definitions
 * and state changes are in hvlv-domains-change.c. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domains-private.h"
#include "hvlv-error.h"
#include "hvlv-save-image.h"

gboolean
hvlv_uuid_parse(const char *str, guint8 *uuid)
{
	if (!str || !g_uuid_string_is_valid(str))
		return FALSE;
	for (guint i = 0, j = 0; i < 16; i++, j += 2) {
		if (str[j] == '-')
			j++;
		uuid[i] = (guint8)(g_ascii_xdigit_value(str[j]) << 4 | g_ascii_xdigit_value(str[j + 1]));
	}
	return TRUE;
}

void
hvlv_uuid_format(const guint8 *uuid, char *str)
{
	g_snprintf(str, 37,
	           "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	           uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7], uuid[8],
	           uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
}

HvlvDomainObj *
hvlv__domain_obj_new(HvlvDomains *domains, HvDomain *def)
{
	HvlvDomainObj *obj = g_new0(HvlvDomainObj, 1);
	g_atomic_ref_count_init(&obj->ref);
	g_mutex_init(&obj->lock);
	g_cond_init(&obj->job_done);
	obj->domains = domains;
	obj->name = g_strdup(def->name);
	hvlv_uuid_parse(def->uuid, obj->uuid);
	hvlv_uuid_format(obj->uuid, obj->uuid_str);
	obj->def = def;
	obj->persistent = TRUE;
	obj->id = -1;
	obj->state = HVLV_DOMAIN_SHUTOFF;
	obj->reason = 0; /* VIR_DOMAIN_SHUTOFF_UNKNOWN: never started by this daemon */
	return obj;
}

HvlvDomainObj *
hvlv_domain_obj_ref(HvlvDomainObj *obj)
{
	g_atomic_ref_count_inc(&obj->ref);
	return obj;
}

void
hvlv_domain_obj_unref(HvlvDomainObj *obj)
{
	if (!obj || !g_atomic_ref_count_dec(&obj->ref))
		return;
	hv_domain_free(obj->def);
	hv_domain_free(obj->live);
	g_free(obj->name);
	g_free(obj->job);
	g_cond_clear(&obj->job_done);
	g_mutex_clear(&obj->lock);
	g_free(obj);
}

void
hvlv_domain_info_free(HvlvDomainInfo *info)
{
	if (!info)
		return;
	g_free(info->name);
	hv_domain_free(info->def);
	hv_domain_free(info->live);
	g_free(info);
}

HvlvDomains *
hvlv_domains_open(const char *state_dir, const char *run_dir, GPtrArray **problems_r,
                  GError **error)
{
	g_autoptr(HvStore) store = hv_store_open(state_dir, run_dir, error);
	if (!store || !hv_store_load(store, problems_r, error))
		return NULL;
	HvlvDomains *d = g_new0(HvlvDomains, 1);
	g_mutex_init(&d->lock);
	d->by_uuid = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	                                   (GDestroyNotify)hvlv_domain_obj_unref);
	d->by_name = g_hash_table_new(g_str_hash, g_str_equal);
	d->by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
	d->next_id = 1;
	g_autoptr(GPtrArray) defs = hv_store_list(store);
	for (guint i = 0; i < defs->len; i++)
		hvlv__domains_insert(d, hvlv__domain_obj_new(d, g_steal_pointer(&defs->pdata[i])));
	d->store = g_steal_pointer(&store);
	return d;
}

void
hvlv_domains_free(HvlvDomains *domains)
{
	if (!domains)
		return;
	g_hash_table_unref(domains->by_id);
	g_hash_table_unref(domains->by_name);
	g_hash_table_unref(domains->by_uuid);
	hv_store_close(domains->store);
	if (domains->context)
		g_main_context_unref(domains->context);
	g_mutex_clear(&domains->lock);
	g_free(domains);
}

void
hvlv_domains_attach(HvlvDomains *domains, HvlvServer *server)
{
	domains->server = server;
}

/* Registry lock held. OBJ's reference goes to the tables. */
void
hvlv__domains_insert(HvlvDomains *d, HvlvDomainObj *obj)
{
	g_hash_table_insert(d->by_uuid, obj->uuid_str, obj);
	g_hash_table_insert(d->by_name, obj->name, obj);
}

/* Registry and object locks held. */
void
hvlv__domains_remove(HvlvDomains *d, HvlvDomainObj *obj)
{
	obj->removed = TRUE;
	if (obj->id >= 0)
		g_hash_table_remove(d->by_id, GINT_TO_POINTER(obj->id));
	g_hash_table_remove(d->by_name, obj->name);
	g_hash_table_remove(d->by_uuid, obj->uuid_str); /* drops the tables' reference */
}

static HvlvDomainObj *
hvlv_domains_find(HvlvDomains *d, GHashTable *table, gconstpointer key)
{
	g_mutex_lock(&d->lock);
	HvlvDomainObj *obj = g_hash_table_lookup(table, key);
	if (obj)
		hvlv_domain_obj_ref(obj);
	g_mutex_unlock(&d->lock);
	return obj;
}

HvlvDomainObj *
hvlv_domains_lookup_by_name(HvlvDomains *domains, const char *name, GError **error)
{
	HvlvDomainObj *obj = hvlv_domains_find(domains, domains->by_name, name);
	if (!obj)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               _("no domain with matching name '%s'"), name);
	return obj;
}

HvlvDomainObj *
hvlv_domains_lookup_by_uuid(HvlvDomains *domains, const guint8 *uuid, GError **error)
{
	char str[37];
	hvlv_uuid_format(uuid, str);
	HvlvDomainObj *obj = hvlv_domains_find(domains, domains->by_uuid, str);
	if (!obj)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               _("no domain with matching uuid '%s'"), str);
	return obj;
}

HvlvDomainObj *
hvlv_domains_lookup_by_id(HvlvDomains *domains, gint id, GError **error)
{
	HvlvDomainObj *obj = hvlv_domains_find(domains, domains->by_id, GINT_TO_POINTER(id));
	if (!obj)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               _("no domain with matching id %d"), id);
	return obj;
}

HvlvDomainObj *
hvlv_domains_get(HvlvDomains *domains, const guint8 *uuid, const char *name, GError **error)
{
	char str[37];
	hvlv_uuid_format(uuid, str);
	HvlvDomainObj *obj = hvlv_domains_find(domains, domains->by_uuid, str);
	if (!obj)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               _("no domain with matching uuid '%s' (%s)"), str, name);
	return obj;
}

HvlvDomainInfo *
hvlv_domain_obj_info(HvlvDomainObj *obj, gboolean with_config)
{
	HvlvDomainInfo *info = g_new0(HvlvDomainInfo, 1);
	info->name = g_strdup(obj->name);
	memcpy(info->uuid, obj->uuid, sizeof(info->uuid));
	g_mutex_lock(&obj->lock);
	info->id = obj->id;
	info->state = obj->state;
	info->reason = obj->reason;
	info->persistent = obj->persistent;
	info->autostart = obj->def->autostart == HV_TRISTATE_YES;
	info->updated = obj->updated;
	if (with_config) {
		info->def = hv_domain_copy(obj->def);
		info->live = hv_domain_copy(obj->live);
	}
	g_mutex_unlock(&obj->lock);
	/* the image on disk is the state, also across daemon restarts */
	info->managed_save = hvlv_has_managed_save(obj->domains, info->name);
	if (info->managed_save && info->state == HVLV_DOMAIN_SHUTOFF)
		info->reason = HV_SHUTOFF_SAVED;
	return info;
}

static gint
hvlv_info_by_name(gconstpointer a, gconstpointer b)
{
	const HvlvDomainInfo *x = *(HvlvDomainInfo *const *)a, *y = *(HvlvDomainInfo *const *)b;
	return strcmp(x->name, y->name);
}

static GPtrArray *
hvlv_domains_objects(HvlvDomains *d)
{
	g_mutex_lock(&d->lock);
	GPtrArray *objs = g_ptr_array_new_full(g_hash_table_size(d->by_uuid),
	                                       (GDestroyNotify)hvlv_domain_obj_unref);
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, d->by_uuid);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(objs, hvlv_domain_obj_ref(value));
	g_mutex_unlock(&d->lock);
	return objs;
}

GPtrArray *
hvlv_domains_list(HvlvDomains *domains)
{
	g_autoptr(GPtrArray) objs = hvlv_domains_objects(domains);
	GPtrArray *infos = g_ptr_array_new_full(objs->len, (GDestroyNotify)hvlv_domain_info_free);
	for (guint i = 0; i < objs->len; i++)
		g_ptr_array_add(infos, hvlv_domain_obj_info(g_ptr_array_index(objs, i), FALSE));
	g_ptr_array_sort(infos, hvlv_info_by_name);
	return infos;
}

guint
hvlv_domains_count_active(HvlvDomains *domains)
{
	g_mutex_lock(&domains->lock);
	guint n = g_hash_table_size(domains->by_id);
	g_mutex_unlock(&domains->lock);
	return n;
}

GPtrArray *
hvlv_domains_autostart_names(HvlvDomains *domains)
{
	g_autoptr(GPtrArray) infos = hvlv_domains_list(domains);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < infos->len; i++) {
		HvlvDomainInfo *info = g_ptr_array_index(infos, i);
		if (info->autostart && info->id < 0)
			g_ptr_array_add(names, g_strdup(info->name));
	}
	return names;
}
