/* hvlv-proc-events: domain event callback registration (316, 317). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hvlv-events.h"
#include "hvlv-private.h"
#include "hvlv-proc.h"

gboolean
hvlv_proc_event_register(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_event_register_args *a = args;
	if (a->event_id < 0 || a->event_id >= HVLV_DOMAIN_EVENT_ID_LAST) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_NONE, _("unsupported event ID %d"),
		               a->event_id);
		return FALSE;
	}
	/* No lookup of DOM: libvirtd registers for any UUID too (its dispatcher
	 * only builds a domain handle), so a client may wait for a domain that
	 * is defined later. */
	const guint8 *uuid = a->dom ? (const guint8 *)a->dom->uuid : NULL;
	((hvlv_event_register_ret *)ret)->callback_id =
		hvlv__events_register(hvlv_call_client(call), a->event_id, uuid);
	return TRUE;
}

gboolean
hvlv_proc_event_deregister(HvlvCall *call, gpointer args, G_GNUC_UNUSED gpointer ret,
                           GError **error)
{
	const hvlv_event_deregister_args *a = args;
	if (!hvlv__events_deregister(hvlv_call_client(call), a->callback_id)) {
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC,
		               _("domain event callback %d not registered"), a->callback_id);
		return FALSE;
	}
	return TRUE;
}
