/* hvlv-domains-job: the per-domain job lock. As libvirt's QEMU driver, a
 * call that changes a domain's run state (start, shutdown, save, ...) holds
 * it from its state check to the end of the engine operation, so a second
 * such call waits and then sees the outcome of the first instead of racing
 * it; readers (dominfo, dumpxml, list) never wait. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hvlv-domains-private.h"
#include "hvlv-error.h"

/* libvirt's VIR_JOB_WAIT_TIME */
#define HVLV_JOB_WAIT_USEC (30 * G_USEC_PER_SEC)

gboolean
hvlv_domain_obj_begin_job(HvlvDomainObj *obj, const char *what, GError **error)
{
	gint64 deadline = g_get_monotonic_time() + HVLV_JOB_WAIT_USEC;
	g_mutex_lock(&obj->lock);
	while (obj->job) {
		if (!g_cond_wait_until(&obj->job_done, &obj->lock, deadline) && obj->job) {
			hvlv_set_error(error, HVLV_ERR_OPERATION_TIMEOUT, HVLV_FROM_DOMAIN,
			               _("cannot acquire state change lock (held by %s)"), obj->job);
			g_mutex_unlock(&obj->lock);
			return FALSE;
		}
	}
	obj->job = g_strdup(what ? what : "unknown");
	g_mutex_unlock(&obj->lock);
	return TRUE;
}

void
hvlv_domain_obj_end_job(HvlvDomainObj *obj)
{
	if (!obj)
		return;
	g_mutex_lock(&obj->lock);
	g_clear_pointer(&obj->job, g_free);
	g_cond_broadcast(&obj->job_done);
	g_mutex_unlock(&obj->lock);
}
