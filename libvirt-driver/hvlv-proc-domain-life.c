/* hvlv-proc-domain-life: the lifecycle calls (create, destroy, shutdown,
 * reboot, suspend, resume). Create continues from a managed save image
 * where one exists (hvlv-proc-domain-restore.c). Each checks the domain's state as libvirt's
 * QEMU driver does, then hands one operation to the engine; the state the
 * client sees afterwards comes from the engine's events. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-domxml.h"
#include "hvlv-error.h"
#include "hvlv-proc.h"

/* virDomainCreateFlags */
enum { CREATE_PAUSED = 1 << 0, CREATE_FORCE_BOOT = 1 << 3, CREATE_VALIDATE = 1 << 4 };
/* virDomainDestroyFlags */
enum { DESTROY_GRACEFUL = 1 << 0 };
/* virDomainShutdownFlagValues / virDomainRebootFlagValues */
enum { POWER_ACPI_BUTTON = 1 << 0 };
/* what hvlv_life_obj checks and takes */
enum { LIFE_ACTIVE = 1 << 0, LIFE_NO_JOB = 1 << 1 };

/* The object DOM names, with the call's job begun on it (the caller ends
 * it: g_autoptr(HvlvDomainJob)), and a snapshot of it (with configs) taken
 * inside the job; fails with libvirt's wording when it is not in the state
 * the call needs (LIFE_ACTIVE: running or paused; else shut off).
 * LIFE_NO_JOB: no job (destroy, which as libvirt's does not wait behind one). */
static HvlvDomainObj *
hvlv_life_obj(HvlvCall *call, const hvlv_nonnull_domain *dom, guint need,
              HvlvDomainInfo **info_r, GError **error)
{
	gboolean active = (need & LIFE_ACTIVE) != 0, job = !(need & LIFE_NO_JOB);
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, dom, error);
	if (!obj || (job && !hvlv_call_begin_job(call, obj, error)))
		return NULL;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, TRUE);
	if (active != (info->id >= 0)) {
		if (job)
			hvlv_domain_obj_end_job(obj);
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               active ? _("domain is not running") : _("domain is already running"));
		return NULL;
	}
	*info_r = g_steal_pointer(&info);
	return g_steal_pointer(&obj);
}

/* Runs OP on the active domain DOM. */
static gboolean
hvlv_life_op(HvlvCall *call, const hvlv_nonnull_domain *dom, HvlvEngineOp op, guint flags,
             GError **error)
{
	/* destroy: the engine ends whatever job runs (qemuProcessBeginStopJob) */
	guint need = LIFE_ACTIVE | (op == HVLV_ENGINE_DESTROY ? LIFE_NO_JOB : 0);
	g_autoptr(HvlvDomainInfo) info = NULL;
	g_autoptr(HvlvDomainObj) obj = hvlv_life_obj(call, dom, need, &info, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainJob) G_GNUC_UNUSED job = (need & LIFE_NO_JOB) ? NULL : obj;
	/* qemuDomainShutdownFlagsMonitor: a paused guest cannot see the button */
	if (op == HVLV_ENGINE_SHUTDOWN && info->state != HVLV_DOMAIN_RUNNING) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN, "%s",
		               _("domain is not running"));
		return FALSE;
	}
	char uuid[37];
	hvlv_uuid_format(info->uuid, uuid);
	return hvlv_domains_engine_run(hvlv_call_domains(call, NULL), op, uuid, NULL, flags, error);
}

/* Starts the defined domain DOM; its new ID goes to RET when not NULL. */
static gboolean
hvlv_life_create(HvlvCall *call, const hvlv_nonnull_domain *dom, guint flags, gpointer ret,
                 GError **error)
{
	if (!hvlv_check_flags(flags, CREATE_PAUSED | CREATE_FORCE_BOOT, call, error))
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = NULL;
	g_autoptr(HvlvDomainObj) obj = hvlv_life_obj(call, dom, 0, &info, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainJob) G_GNUC_UNUSED job = obj;
	HvlvDomains *domains = hvlv_call_domains(call, NULL);
	gboolean restored = FALSE;
	if (!hvlv_managed_save_start(domains, info->name, info->uuid, (flags & CREATE_PAUSED) != 0,
	                             (flags & CREATE_FORCE_BOOT) != 0, &restored, error))
		return FALSE;
	if (!restored && !hvlv_domains_engine_run(domains, HVLV_ENGINE_START, NULL, info->def,
	                                          (flags & CREATE_PAUSED) ? HV_START_PAUSED : 0, error))
		return FALSE;
	if (ret) {
		g_autoptr(HvlvDomainInfo) now = hvlv_domain_obj_info(obj, FALSE);
		hvlv_domain_to_wire(&((hvlv_domain_ret *)ret)->dom, now);
	}
	return TRUE;
}

gboolean
hvlv_proc_domain_create(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	return hvlv_life_create(call, &((hvlv_domain_args *)args)->dom, 0, NULL, error);
}

gboolean
hvlv_proc_domain_create_with_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_flags_args *a = args;
	return hvlv_life_create(call, &a->dom, a->flags, ret, error);
}

/* virDomainCreateXML: a transient domain, known while it runs. It is
 * registered as paused/starting-up first (as libvirt does) so that a clash
 * of name or UUID fails before anything starts. */
gboolean
hvlv_proc_domain_create_xml(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_define_xml_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, CREATE_PAUSED | CREATE_VALIDATE, call, error))
		return FALSE;
	HvlvDomains *domains = hvlv_call_domains(call, error);
	if (!domains)
		return FALSE;
	g_autoptr(GError) local = NULL;
	g_autoptr(HvDomain) def = hvlv_domxml_parse(a->xml, (a->flags & CREATE_VALIDATE) ? 1 : 0, &local);
	if (!def) {
		if (local)
			hvlv_propagate_libhv_error(error, g_steal_pointer(&local));
		return FALSE;
	}
	g_autoptr(HvlvDomainObj) obj = hvlv_domains_add_transient(
		domains, g_steal_pointer(&def), HVLV_DOMAIN_PAUSED, HV_PAUSED_STARTING_UP, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, TRUE); /* with its UUID */
	if (!hvlv_domains_engine_run(domains, HVLV_ENGINE_START, NULL, info->def,
	                             (a->flags & CREATE_PAUSED) ? HV_START_PAUSED : 0, error)) {
		hvlv_domains_set_state(domains, obj, HVLV_DOMAIN_SHUTOFF, HV_SHUTOFF_FAILED, NULL, -1, 0);
		return FALSE;
	}
	g_autoptr(HvlvDomainInfo) now = hvlv_domain_obj_info(obj, FALSE);
	hvlv_domain_to_wire(&((hvlv_domain_ret *)ret)->dom, now);
	return TRUE;
}

gboolean
hvlv_proc_domain_destroy(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	return hvlv_life_op(call, &((hvlv_domain_args *)args)->dom, HVLV_ENGINE_DESTROY, 0, error);
}

gboolean
hvlv_proc_domain_destroy_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, DESTROY_GRACEFUL, call, error))
		return FALSE;
	return hvlv_life_op(call, &a->dom, HVLV_ENGINE_DESTROY,
	                    (a->flags & DESTROY_GRACEFUL) ? HV_DESTROY_GRACEFUL : 0, error);
}

gboolean
hvlv_proc_domain_shutdown(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	return hvlv_life_op(call, &((hvlv_domain_args *)args)->dom, HVLV_ENGINE_SHUTDOWN, 0, error);
}

gboolean
hvlv_proc_domain_shutdown_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, POWER_ACPI_BUTTON, call, error))
		return FALSE;
	return hvlv_life_op(call, &a->dom, HVLV_ENGINE_SHUTDOWN, 0, error);
}

gboolean
hvlv_proc_domain_reboot(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_flags_args *a = args;
	if (!hvlv_check_flags(a->flags, POWER_ACPI_BUTTON, call, error))
		return FALSE;
	return hvlv_life_op(call, &a->dom, HVLV_ENGINE_REBOOT, 0, error);
}

/* Runs suspend (SUSPEND) or resume on DOM with the answers of libvirt's
 * qemuDomainSuspend/qemuDomainResume: suspending a paused domain succeeds
 * and changes nothing; resuming a running one is "already running"; a
 * pmsuspended one refuses both; a panicked (crashed) one may be resumed. */
static gboolean
hvlv_life_pause(HvlvCall *call, const hvlv_nonnull_domain *dom, gboolean suspend, GError **error)
{
	g_autoptr(HvlvDomainInfo) info = NULL;
	g_autoptr(HvlvDomainObj) obj = hvlv_life_obj(call, dom, LIFE_ACTIVE, &info, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainJob) G_GNUC_UNUSED job = obj;
	const char *refuse = NULL;
	if (info->state == HVLV_DOMAIN_PMSUSPENDED)
		refuse = _("domain is pmsuspended");
	else if (!suspend && info->state == HVLV_DOMAIN_RUNNING)
		refuse = _("domain is already running");
	if (refuse) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN, "%s", refuse);
		return FALSE;
	}
	if (suspend && info->state == HVLV_DOMAIN_PAUSED)
		return TRUE;
	char uuid[37];
	hvlv_uuid_format(info->uuid, uuid);
	return hvlv_domains_engine_run(hvlv_call_domains(call, NULL),
	                               suspend ? HVLV_ENGINE_SUSPEND : HVLV_ENGINE_RESUME, uuid, NULL,
	                               0, error);
}

gboolean
hvlv_proc_domain_suspend(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	return hvlv_life_pause(call, &((hvlv_domain_args *)args)->dom, TRUE, error);
}

gboolean
hvlv_proc_domain_resume(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	return hvlv_life_pause(call, &((hvlv_domain_args *)args)->dom, FALSE, error);
}
