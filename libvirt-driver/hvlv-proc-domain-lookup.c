/* hvlv-proc-domain-lookup: finding domains: lookups by name, UUID and ID,
 * CONNECT_LIST_ALL_DOMAINS with every filter flag, and the old list and
 * count calls. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-proc.h"

/* virConnectListAllDomainsFlags */
enum {
	LIST_ACTIVE = 1 << 0,
	LIST_INACTIVE = 1 << 1,
	LIST_PERSISTENT = 1 << 2,
	LIST_TRANSIENT = 1 << 3,
	LIST_RUNNING = 1 << 4,
	LIST_PAUSED = 1 << 5,
	LIST_SHUTOFF = 1 << 6,
	LIST_OTHER = 1 << 7,
	LIST_MANAGEDSAVE = 1 << 8,
	LIST_NO_MANAGEDSAVE = 1 << 9,
	LIST_AUTOSTART = 1 << 10,
	LIST_NO_AUTOSTART = 1 << 11,
	LIST_HAS_SNAPSHOT = 1 << 12,
	LIST_NO_SNAPSHOT = 1 << 13,
	LIST_HAS_CHECKPOINT = 1 << 14,
	LIST_NO_CHECKPOINT = 1 << 15,
	LIST_ALL_FLAGS = (1 << 16) - 1,
};

HvlvDomains *
hvlv_call_domains(HvlvCall *call, GError **error)
{
	HvlvDomains *domains = hvlv_server_domains(hvlv_call_server(call));
	if (!domains)
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("this server has no domain registry"));
	return domains;
}

HvlvDomainObj *
hvlv_call_domain_obj(HvlvCall *call, const hvlv_nonnull_domain *dom, GError **error)
{
	HvlvDomains *domains = hvlv_call_domains(call, error);
	return domains ? hvlv_domains_get(domains, (const guint8 *)dom->uuid, dom->name, error) : NULL;
}

gboolean
hvlv_call_begin_job(HvlvCall *call, HvlvDomainObj *obj, GError **error)
{
	const char *api = hvlv_call_procedure(call)->api; /* "virDomainCreate" */
	g_autofree char *what = g_strdup_printf("monitor=remoteDispatch%s",
	                                        g_str_has_prefix(api, "vir") ? api + 3 : api);
	return hvlv_domain_obj_begin_job(obj, what, error);
}

gboolean
hvlv_check_exclusive_flags(guint flags, guint a, const char *a_name, guint b, const char *b_name,
                           GError **error)
{
	if ((flags & a) && (flags & b)) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("Flags '%s' and '%s' are mutually exclusive"), a_name, b_name);
		return FALSE;
	}
	return TRUE;
}

void
hvlv_domain_to_wire(hvlv_nonnull_domain *wire, const HvlvDomainInfo *info)
{
	wire->name = g_strdup(info->name);
	memcpy(wire->uuid, info->uuid, sizeof(wire->uuid));
	wire->id = info->id;
}

static gboolean
hvlv_reply_domain(HvlvDomainObj *obj, gpointer ret)
{
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	hvlv_domain_obj_unref(obj);
	hvlv_domain_to_wire(&((hvlv_domain_ret *)ret)->dom, info);
	return TRUE;
}

gboolean
hvlv_proc_domain_lookup_by_name(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	HvlvDomains *domains = hvlv_call_domains(call, error);
	const char *name = ((hvlv_domain_lookup_by_name_args *)args)->name;
	return domains && hvlv_reply_domain(hvlv_domains_lookup_by_name(domains, name, error), ret);
}

gboolean
hvlv_proc_domain_lookup_by_uuid(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	HvlvDomains *domains = hvlv_call_domains(call, error);
	const guint8 *uuid = (const guint8 *)((hvlv_domain_lookup_by_uuid_args *)args)->uuid;
	return domains && hvlv_reply_domain(hvlv_domains_lookup_by_uuid(domains, uuid, error), ret);
}

gboolean
hvlv_proc_domain_lookup_by_id(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	HvlvDomains *domains = hvlv_call_domains(call, error);
	gint id = ((hvlv_domain_lookup_by_id_args *)args)->id;
	return domains && hvlv_reply_domain(hvlv_domains_lookup_by_id(domains, id, error), ret);
}

/* A filter group: true when FLAGS asks nothing of it, else whether the
 * domain's answer (HAS) is among those asked for. */
static gboolean
hvlv_list_pair(guint flags, guint yes, guint no, gboolean has)
{
	return !(flags & (yes | no)) || (flags & (has ? yes : no));
}

static gboolean
hvlv_list_state(guint flags, HvlvDomainState state)
{
	if (!(flags & (LIST_RUNNING | LIST_PAUSED | LIST_SHUTOFF | LIST_OTHER)))
		return TRUE;
	switch (state) {
	case HVLV_DOMAIN_RUNNING: return flags & LIST_RUNNING;
	case HVLV_DOMAIN_PAUSED: return flags & LIST_PAUSED;
	case HVLV_DOMAIN_SHUTOFF: return flags & LIST_SHUTOFF;
	default: return flags & LIST_OTHER;
	}
}

/* virDomainObjMatchFilter: hv has no snapshots or checkpoints, so a
 * domain always answers "no" to those groups. */
static gboolean
hvlv_list_match(guint flags, const HvlvDomainInfo *info)
{
	return hvlv_list_pair(flags, LIST_ACTIVE, LIST_INACTIVE, info->id >= 0) &&
	       hvlv_list_pair(flags, LIST_PERSISTENT, LIST_TRANSIENT, info->persistent) &&
	       hvlv_list_state(flags, info->state) &&
	       hvlv_list_pair(flags, LIST_MANAGEDSAVE, LIST_NO_MANAGEDSAVE, info->managed_save) &&
	       hvlv_list_pair(flags, LIST_AUTOSTART, LIST_NO_AUTOSTART, info->autostart) &&
	       hvlv_list_pair(flags, LIST_HAS_SNAPSHOT, LIST_NO_SNAPSHOT, FALSE) &&
	       hvlv_list_pair(flags, LIST_HAS_CHECKPOINT, LIST_NO_CHECKPOINT, FALSE);
}

/* The snapshots of the domains FLAGS (list-all flags) selects. */
static GPtrArray *
hvlv_list_select(HvlvCall *call, guint flags, GError **error)
{
	HvlvDomains *domains = hvlv_call_domains(call, error);
	if (!domains)
		return NULL;
	GPtrArray *infos = hvlv_domains_list(domains);
	for (guint i = infos->len; i-- > 0;)
		if (!hvlv_list_match(flags, g_ptr_array_index(infos, i)))
			g_ptr_array_remove_index(infos, i);
	return infos;
}

gboolean
hvlv_proc_list_all_domains(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_list_all_domains_args *a = args;
	hvlv_list_all_domains_ret *r = ret;
	if (!hvlv_check_flags(a->flags, LIST_ALL_FLAGS, call, error))
		return FALSE;
	g_autoptr(GPtrArray) infos = hvlv_list_select(call, a->flags, error);
	if (!infos)
		return FALSE;
	if (infos->len > HVLV_DOMAIN_LIST_MAX) {
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("Too many domains '%u' for limit '%d'"),
		               infos->len, HVLV_DOMAIN_LIST_MAX);
		return FALSE;
	}
	r->ret = infos->len;
	if (!a->need_results)
		return TRUE;
	r->domains.domains_len = infos->len;
	r->domains.domains_val = g_new0(hvlv_nonnull_domain, MAX(infos->len, 1));
	for (guint i = 0; i < infos->len; i++) {
		const HvlvDomainInfo *info = g_ptr_array_index(infos, i);
		hvlv_domain_to_wire(&r->domains.domains_val[i], info);
	}
	return TRUE;
}

static gboolean
hvlv_count(HvlvCall *call, guint flags, gpointer ret, GError **error)
{
	g_autoptr(GPtrArray) infos = hvlv_list_select(call, flags, error);
	if (!infos)
		return FALSE;
	((hvlv_num_ret *)ret)->num = (int)infos->len;
	return TRUE;
}

gboolean
hvlv_proc_num_of_domains(HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                         GError **error)
{
	return hvlv_count(call, LIST_ACTIVE, ret, error);
}

gboolean
hvlv_proc_num_of_defined_domains(HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                                 GError **error)
{
	return hvlv_count(call, LIST_INACTIVE | LIST_PERSISTENT, ret, error);
}

/* The old list calls: at most MAX entries; the remote daemon's own limit. */
static GPtrArray *
hvlv_list_some(HvlvCall *call, guint flags, int max, const char *what, GError **error)
{
	if (max < 0 || max > HVLV_DOMAIN_LIST_MAX) {
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("%s > REMOTE_DOMAIN_LIST_MAX"), what);
		return NULL;
	}
	GPtrArray *infos = hvlv_list_select(call, flags, error);
	if (infos && infos->len > (guint)max)
		g_ptr_array_set_size(infos, max);
	return infos;
}

gboolean
hvlv_proc_list_domains(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	hvlv_list_domains_ret *r = ret;
	int max = ((hvlv_list_domains_args *)args)->maxids;
	g_autoptr(GPtrArray) infos = hvlv_list_some(call, LIST_ACTIVE, max, "maxids", error);
	if (!infos)
		return FALSE;
	r->ids.ids_len = infos->len;
	r->ids.ids_val = g_new0(int, MAX(infos->len, 1));
	for (guint i = 0; i < infos->len; i++)
		r->ids.ids_val[i] = ((HvlvDomainInfo *)g_ptr_array_index(infos, i))->id;
	return TRUE;
}

gboolean
hvlv_proc_list_defined_domains(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	hvlv_list_defined_domains_ret *r = ret;
	int max = ((hvlv_list_defined_domains_args *)args)->maxnames;
	g_autoptr(GPtrArray) infos = hvlv_list_some(call, LIST_INACTIVE | LIST_PERSISTENT, max,
	                                            "maxnames", error);
	if (!infos)
		return FALSE;
	r->names.names_len = infos->len;
	r->names.names_val = g_new0(hvlv_nonnull_string, MAX(infos->len, 1));
	for (guint i = 0; i < infos->len; i++)
		r->names.names_val[i] = g_strdup(((HvlvDomainInfo *)g_ptr_array_index(infos, i))->name);
	return TRUE;
}
