/* hvlv-proc-domain-info: what clients ask about one domain (info, state,
 * autostart, is-active/persistent/updated, OS type, memory, vCPUs), read
 * from the registry and the domain's config. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-proc.h"

/* virDomainVcpuFlags */
enum {
	VCPU_LIVE = 1 << 0,
	VCPU_CONFIG = 1 << 1,
	VCPU_MAXIMUM = 1 << 2,
	VCPU_GUEST = 1 << 3,
};

/* The snapshot of DOM with its configs, the one asked for with hv's
 * defaults filled in (*DEF_R): the running config when LIVE, else the
 * persistent one. */
static HvlvDomainInfo *
hvlv_domain_info_for(HvlvCall *call, const hvlv_nonnull_domain *dom, gboolean live,
                     HvDomain **def_r, GError **error)
{
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, dom, error);
	if (!obj)
		return NULL;
	HvlvDomainInfo *info = hvlv_domain_obj_info(obj, TRUE);
	if (def_r) {
		*def_r = hv_domain_copy(live && info->live ? info->live : info->def);
		hv_domain_apply_defaults(*def_r);
	}
	return info;
}

gboolean
hvlv_proc_domain_get_info(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	g_autoptr(HvDomain) def = NULL;
	g_autoptr(HvlvDomainInfo) info =
		hvlv_domain_info_for(call, &((hvlv_domain_args *)args)->dom, TRUE, &def, error);
	if (!info)
		return FALSE;
	hvlv_domain_get_info_ret *r = ret;
	r->state = (u_char)info->state;
	r->max_mem = (guint64)def->maxmem_kib.value;
	r->memory = (guint64)def->memory_kib.value;
	r->nr_virt_cpu = (u_short)def->vcpus.value;
	char uuid[37];
	hvlv_uuid_format(info->uuid, uuid);
	r->cpu_time = info->id >= 0 ? hvlv_domains_engine_cpu_time(hvlv_call_domains(call, NULL), uuid) : 0;
	return TRUE;
}

gboolean
hvlv_proc_domain_get_state(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, 0, call, error))
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_info_for(call, &a->dom, FALSE, NULL, error);
	if (!info)
		return FALSE;
	((hvlv_domain_get_state_ret *)ret)->state = (int)info->state;
	((hvlv_domain_get_state_ret *)ret)->reason = info->reason;
	return TRUE;
}

/* The calls that answer one integer about the domain. */
static gboolean
hvlv_domain_int(HvlvCall *call, gpointer args, gpointer ret, int (*get)(const HvlvDomainInfo *),
                GError **error)
{
	g_autoptr(HvlvDomainInfo) info =
		hvlv_domain_info_for(call, &((hvlv_domain_args *)args)->dom, FALSE, NULL, error);
	if (!info)
		return FALSE;
	((hvlv_int_ret *)ret)->value = get(info);
	return TRUE;
}

static int info_autostart(const HvlvDomainInfo *info) { return info->autostart; }
static int info_active(const HvlvDomainInfo *info) { return info->id >= 0; }
static int info_persistent(const HvlvDomainInfo *info) { return info->persistent; }
static int info_updated(const HvlvDomainInfo *info) { return info->updated; }

gboolean
hvlv_proc_domain_get_autostart(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	return hvlv_domain_int(call, args, ret, info_autostart, error);
}

gboolean
hvlv_proc_domain_is_active(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	return hvlv_domain_int(call, args, ret, info_active, error);
}

gboolean
hvlv_proc_domain_is_persistent(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	return hvlv_domain_int(call, args, ret, info_persistent, error);
}

gboolean
hvlv_proc_domain_is_updated(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	return hvlv_domain_int(call, args, ret, info_updated, error);
}

static gboolean
hvlv_edit_autostart(HvDomain *def, gpointer data, G_GNUC_UNUSED GError **error)
{
	def->autostart = GPOINTER_TO_INT(data) ? HV_TRISTATE_YES : HV_TRISTATE_DEFAULT;
	return TRUE;
}

gboolean
hvlv_proc_domain_set_autostart(HvlvCall *call, gpointer args, G_GNUC_UNUSED gpointer ret,
                               GError **error)
{
	const hvlv_domain_set_autostart_args *a = args;
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, &a->dom, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	if (!info->persistent) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("cannot set autostart for transient domain"));
		return FALSE;
	}
	if (info->autostart == (a->autostart != 0))
		return TRUE;
	return hvlv_domain_obj_edit(obj, HVLV_AFFECT_CONFIG, hvlv_edit_autostart,
	                            GINT_TO_POINTER(a->autostart != 0), error);
}

gboolean
hvlv_proc_domain_get_os_type(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	/* pvh domains too: libvirt knows them as hvm with machine 'pvh' */
	g_autoptr(HvlvDomainInfo) info =
		hvlv_domain_info_for(call, &((hvlv_domain_args *)args)->dom, FALSE, NULL, error);
	if (!info)
		return FALSE;
	((hvlv_string_ret *)ret)->str = g_strdup("hvm");
	return TRUE;
}

gboolean
hvlv_proc_domain_get_max_memory(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	g_autoptr(HvDomain) def = NULL;
	g_autoptr(HvlvDomainInfo) info =
		hvlv_domain_info_for(call, &((hvlv_domain_args *)args)->dom, TRUE, &def, error);
	if (!info)
		return FALSE;
	((hvlv_domain_get_max_memory_ret *)ret)->memory = (guint64)def->maxmem_kib.value;
	return TRUE;
}

/* virDomainGetVcpusFlags from the config; GUEST (asking the guest agent)
 * needs a running guest. */
gboolean
hvlv_proc_domain_get_vcpus_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_flags_args *a = args;
	guint f = a->flags;
	if (!hvlv_check_flags(f, VCPU_LIVE | VCPU_CONFIG | VCPU_MAXIMUM | VCPU_GUEST, call, error))
		return FALSE;
	if (!HVLV_CHECK_AFFECT_EXCLUSIVE(f, error))
		return FALSE;
	g_autoptr(HvDomain) def = NULL;
	g_autoptr(HvlvDomainInfo) info =
		hvlv_domain_info_for(call, &a->dom, !(f & VCPU_CONFIG), &def, error);
	if (!info)
		return FALSE;
	gboolean active = info->id >= 0;
	if ((f & (VCPU_LIVE | VCPU_GUEST)) && !active) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("domain is not running"));
		return FALSE;
	}
	if (f & VCPU_GUEST) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("hv has no guest agent support yet"));
		return FALSE;
	}
	gint64 n = (f & VCPU_MAXIMUM) ? hv_int_or(def->maxvcpus, def->vcpus.value) : def->vcpus.value;
	((hvlv_int_ret *)ret)->value = (int)n;
	return TRUE;
}

/* hv has no snapshots (yet): the count is truly zero, which lets virsh
 * dominfo and undefine go on as with libvirt. */
gboolean
hvlv_proc_domain_snapshot_num(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, (1 << 11) - 1, call, error)) /* virDomainSnapshotListFlags */
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, &a->dom, error);
	((hvlv_int_ret *)ret)->value = 0;
	return obj != NULL;
}
