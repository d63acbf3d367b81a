/* hvlv-domains-change: what changes the registry: define, undefine, the
 * one-setting edits, and the engine's state reports, each with the event
 * libvirt's drivers emit for it. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domains-private.h"
#include "hvlv-error.h"
#include "hvlv-events.h"

/* virDomainEventDefinedDetailType / virDomainEventUndefinedDetailType */
enum { HVLV_DEFINED_ADDED = 0, HVLV_DEFINED_UPDATED = 1, HVLV_UNDEFINED_REMOVED = 0 };

static void
hvlv_domains_emit(HvlvDomains *d, const char *name, const guint8 *uuid, gint id, gint event,
                  gint detail)
{
	if (!d->server || event < 0)
		return;
	HvlvDomainRef ref = { .name = name, .id = id };
	memcpy(ref.uuid, uuid, sizeof(ref.uuid));
	hvlv_events_domain_lifecycle(d->server, &ref, (HvlvLifecycleEvent)event, detail);
}

void
hvlv_domains_emit_metadata_change(HvlvDomains *domains, HvlvDomainObj *obj, gint type,
                                  const char *nsuri)
{
	if (!domains->server)
		return;
	HvlvDomainRef ref = { .name = obj->name, .id = obj->id };
	memcpy(ref.uuid, obj->uuid, sizeof(ref.uuid));
	hvlv_event_metadata_change_msg msg = {
		.dom = { .name = obj->name, .id = obj->id },
		.type = type,
		.nsuri = nsuri ? (char **)&nsuri : NULL,
	};
	memcpy(msg.dom.uuid, obj->uuid, sizeof(msg.dom.uuid));
	hvlv_events_emit_domain(domains->server, HVLV_DOMAIN_EVENT_ID_METADATA_CHANGE, &ref,
	                        HVLV_PROC_EVENT_CALLBACK_METADATA_CHANGE,
	                        (xdrproc_t)xdr_hvlv_event_metadata_change_msg, &msg);
}

/* Registry lock held: libvirt's virDomainObjListAdd checks, in its order
 * and words. The object with DEF's UUID (a reference), or NULL. */
static gboolean
hvlv_domains_check_clash(HvlvDomains *d, const HvDomain *def, HvlvDomainObj **same_r,
                         GError **error)
{
	HvlvDomainObj *same = g_hash_table_lookup(d->by_uuid, def->uuid);
	if (same && strcmp(same->name, def->name) != 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DOMAIN,
		               _("domain '%s' is already defined with uuid %s"), same->name,
		               same->uuid_str);
		return FALSE;
	}
	HvlvDomainObj *named = same ? NULL : g_hash_table_lookup(d->by_name, def->name);
	if (named) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DOMAIN,
		               _("domain '%s' already exists with uuid %s"), def->name,
		               named->uuid_str);
		return FALSE;
	}
	*same_r = same ? hvlv_domain_obj_ref(same) : NULL;
	return TRUE;
}

/* DEF with a UUID, valid for libhv, its UUID lower-case as the tables key it. */
static gboolean
hvlv_domains_prepare(HvDomain *def, GError **error)
{
	g_autoptr(GError) local = NULL;
	hv_domain_ensure_uuid(def);
	guint8 uuid[16];
	if (!hv_domain_validate(def, &local) || !hvlv_uuid_parse(def->uuid, uuid)) {
		if (!local)
			hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
			               _("malformed uuid '%s'"), def->uuid);
		else
			hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
		return FALSE;
	}
	g_free(def->uuid);
	def->uuid = g_malloc(37);
	hvlv_uuid_format(uuid, def->uuid);
	return TRUE;
}

/* Registry lock held; stores DEF and makes it OBJ's persistent config. */
static HvlvDomainObj *
hvlv_domains_store(HvlvDomains *d, HvlvDomainObj *same, const HvDomain *def, gboolean *added_r,
                   GError **error)
{
	g_autoptr(GError) local = NULL;
	HvDomain *stored = hv_store_define(d->store, def, NULL, &local);
	if (!stored) {
		hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
		return NULL;
	}
	if (!same) {
		HvlvDomainObj *obj = hvlv__domain_obj_new(d, stored);
		hvlv__domains_insert(d, obj);
		*added_r = TRUE;
		return hvlv_domain_obj_ref(obj);
	}
	g_mutex_lock(&same->lock);
	*added_r = !same->persistent;
	same->updated = same->id >= 0;
	same->persistent = TRUE;
	hv_domain_free(same->def);
	same->def = stored;
	g_mutex_unlock(&same->lock);
	return hvlv_domain_obj_ref(same);
}

HvlvDomainObj *
hvlv_domains_define(HvlvDomains *domains, HvDomain *def_in, GError **error)
{
	g_autoptr(HvDomain) def = def_in;
	g_autoptr(HvlvDomainObj) same = NULL;
	if (!hvlv_domains_prepare(def, error))
		return NULL;
	gboolean added = FALSE;
	g_mutex_lock(&domains->lock);
	HvlvDomainObj *obj = NULL;
	if (hvlv_domains_check_clash(domains, def, &same, error))
		obj = hvlv_domains_store(domains, same, def, &added, error);
	g_mutex_unlock(&domains->lock);
	if (obj)
		hvlv_domains_emit(domains, obj->name, obj->uuid, obj->id, HVLV_EVENT_DEFINED,
		                  added ? HVLV_DEFINED_ADDED : HVLV_DEFINED_UPDATED);
	return obj;
}

HvlvDomainObj *
hvlv_domains_add_transient(HvlvDomains *domains, HvDomain *def_in, HvlvDomainState state,
                           gint reason, GError **error)
{
	g_autoptr(HvDomain) def = def_in;
	g_autoptr(HvlvDomainObj) same = NULL;
	if (!hvlv_domains_prepare(def, error))
		return NULL;
	g_mutex_lock(&domains->lock);
	gboolean ok = hvlv_domains_check_clash(domains, def, &same, error);
	HvlvDomainObj *obj = NULL;
	if (ok && !same) {
		obj = hvlv__domain_obj_new(domains, hv_domain_copy(def));
		obj->persistent = FALSE;
		hvlv__domains_insert(domains, hvlv_domain_obj_ref(obj));
	}
	g_mutex_unlock(&domains->lock);
	if (!ok)
		return NULL;
	if (same) { /* a defined domain started from new XML: it keeps its definition */
		g_mutex_lock(&same->lock);
		gboolean active = same->id >= 0;
		g_mutex_unlock(&same->lock);
		if (active) {
			hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
			               _("domain '%s' is already active"), def->name);
			return NULL;
		}
		obj = hvlv_domain_obj_ref(same);
	}
	hvlv_domains_set_state(domains, obj, state, reason, g_steal_pointer(&def), -1, 0);
	return obj;
}

gboolean
hvlv_domains_undefine(HvlvDomains *domains, HvlvDomainObj *obj, GError **error)
{
	g_autoptr(GError) local = NULL;
	g_mutex_lock(&domains->lock);
	g_mutex_lock(&obj->lock);
	gboolean ok = FALSE;
	gint id = obj->id;
	if (obj->removed)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               _("no domain with matching uuid '%s' (%s)"), obj->uuid_str, obj->name);
	else if (!obj->persistent)
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("cannot undefine transient domain"));
	else if (!hv_store_undefine(domains->store, obj->uuid_str, &local))
		hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
	else
		ok = TRUE;
	if (ok && obj->id >= 0) {
		obj->persistent = FALSE; /* it runs on, as a transient domain */
		hv_domain_free(obj->def);
		obj->def = hv_domain_copy(obj->live);
	} else if (ok) {
		hvlv__domains_remove(domains, obj);
	}
	g_mutex_unlock(&obj->lock);
	g_mutex_unlock(&domains->lock);
	if (ok)
		hvlv_domains_emit(domains, obj->name, obj->uuid, id, HVLV_EVENT_UNDEFINED,
		                  HVLV_UNDEFINED_REMOVED);
	return ok;
}

/* Object lock held: libvirt's virDomainObjUpdateModificationImpact. */
static gboolean
hvlv_domain_obj_resolve_affect(HvlvDomainObj *obj, guint *affect, GError **error)
{
	gboolean active = obj->id >= 0;
	if (*affect == HVLV_AFFECT_CURRENT)
		*affect = active ? HVLV_AFFECT_LIVE : HVLV_AFFECT_CONFIG;
	if ((*affect & HVLV_AFFECT_LIVE) && !active) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("domain is not running"));
		return FALSE;
	}
	if ((*affect & HVLV_AFFECT_CONFIG) && !obj->persistent) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("transient domains do not have any persistent config"));
		return FALSE;
	}
	return TRUE;
}

/* Object lock held. */
static gboolean
hvlv_domain_obj_edit_locked(HvlvDomainObj *obj, guint affect, HvlvDomainEditFunc edit,
                            gpointer data, GError **error)
{
	g_autoptr(GError) local = NULL;
	if (!hvlv_domain_obj_resolve_affect(obj, &affect, error))
		return FALSE;
	g_autoptr(HvDomain) live = (affect & HVLV_AFFECT_LIVE) ? hv_domain_copy(obj->live) : NULL;
	g_autoptr(HvDomain) config = (affect & HVLV_AFFECT_CONFIG) ? hv_domain_copy(obj->def) : NULL;
	if ((live && !edit(live, data, error)) || (config && !edit(config, data, error)))
		return FALSE;
	if (config) {
		HvDomain *stored = hv_store_define(obj->domains->store, config, NULL, &local);
		if (!stored) {
			hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
			return FALSE;
		}
		hv_domain_free(obj->def);
		obj->def = stored;
	}
	if (live) {
		hv_domain_free(obj->live);
		obj->live = g_steal_pointer(&live);
	}
	return TRUE;
}

gboolean
hvlv_domain_obj_edit(HvlvDomainObj *obj, guint affect, HvlvDomainEditFunc edit, gpointer data,
                     GError **error)
{
	g_mutex_lock(&obj->lock);
	gboolean ok = FALSE;
	if (obj->removed)
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               _("no domain with matching uuid '%s' (%s)"), obj->uuid_str, obj->name);
	else
		ok = hvlv_domain_obj_edit_locked(obj, affect, edit, data, error);
	g_mutex_unlock(&obj->lock);
	return ok;
}

void
hvlv__domains_take_id(HvlvDomains *d, HvlvDomainObj *obj, gint id)
{
	g_mutex_lock(&d->lock);
	g_mutex_lock(&obj->lock);
	d->next_id = MAX(d->next_id, id + 1);
	if (obj->id != id && !obj->removed && !g_hash_table_contains(d->by_id, GINT_TO_POINTER(id))) {
		if (obj->id >= 0)
			g_hash_table_remove(d->by_id, GINT_TO_POINTER(obj->id));
		obj->id = id;
		g_hash_table_insert(d->by_id, GINT_TO_POINTER(id), obj);
	}
	g_mutex_unlock(&obj->lock);
	g_mutex_unlock(&d->lock);
}

/* Registry and object locks held: the ID and live config follow the state. */
static void
hvlv_domain_obj_follow_state(HvlvDomains *d, HvlvDomainObj *obj, HvDomain *live)
{
	gboolean active = obj->state != HVLV_DOMAIN_SHUTOFF && obj->state != HVLV_DOMAIN_NOSTATE;
	if (active && obj->id < 0) {
		obj->id = d->next_id++;
		g_hash_table_insert(d->by_id, GINT_TO_POINTER(obj->id), obj);
	}
	if (active && (live || !obj->live)) {
		hv_domain_free(obj->live);
		obj->live = live ? live : hv_domain_copy(obj->def);
		return;
	}
	hv_domain_free(live);
	if (active || obj->id < 0)
		return;
	g_hash_table_remove(d->by_id, GINT_TO_POINTER(obj->id));
	obj->id = -1;
	obj->updated = FALSE;
	g_clear_pointer(&obj->live, hv_domain_free);
	if (!obj->persistent)
		hvlv__domains_remove(d, obj);
}

void
hvlv_domains_set_state(HvlvDomains *domains, HvlvDomainObj *obj, HvlvDomainState state,
                       gint reason, HvDomain *live, gint event, gint detail)
{
	g_autoptr(HvlvDomainObj) keep = hvlv_domain_obj_ref(obj); /* removal may drop the last */
	g_mutex_lock(&domains->lock);
	g_mutex_lock(&obj->lock);
	gboolean gone = obj->removed;
	if (!gone) {
		obj->state = state;
		obj->reason = reason;
		hvlv_domain_obj_follow_state(domains, obj, live);
	} else {
		hv_domain_free(live);
	}
	gint id = obj->id;
	g_mutex_unlock(&obj->lock);
	g_mutex_unlock(&domains->lock);
	if (!gone)
		hvlv_domains_emit(domains, keep->name, keep->uuid, id, event, detail);
}
