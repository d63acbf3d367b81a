/* hvlv-events: the registry (main loop only) and event delivery. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-events.h"
#include "hvlv-private.h"

typedef struct {
	gint callback_id;
	gint event_id;
	HvlvClient *client;     /* not a reference: removed when the client closes */
	gboolean one_domain;
	guint8 uuid[16];
} HvlvEventReg;

/* An event on its way to the main loop. */
typedef struct {
	HvlvServer *server;
	gint event_id;
	guint8 uuid[16];
	guint32 proc;
	GBytes *body;
} HvlvPendingEvent;

gint
hvlv__events_register(HvlvClient *client, gint event_id, const guint8 *uuid)
{
	HvlvServer *server = client->server;
	HvlvEventReg *reg = g_new0(HvlvEventReg, 1);
	reg->callback_id = server->next_callback_id++;
	reg->event_id = event_id;
	reg->client = client;
	reg->one_domain = uuid != NULL;
	if (uuid)
		memcpy(reg->uuid, uuid, sizeof(reg->uuid));
	g_hash_table_insert(server->events, GINT_TO_POINTER(reg->callback_id), reg);
	return reg->callback_id;
}

gboolean
hvlv__events_deregister(HvlvClient *client, gint callback_id)
{
	GHashTable *events = client->server->events;
	HvlvEventReg *reg = g_hash_table_lookup(events, GINT_TO_POINTER(callback_id));
	if (!reg || reg->client != client)
		return FALSE;
	g_hash_table_remove(events, GINT_TO_POINTER(callback_id));
	return TRUE;
}

static gboolean
hvlv_event_reg_of_client(G_GNUC_UNUSED gpointer key, gpointer value, gpointer client)
{
	return ((HvlvEventReg *)value)->client == client;
}

void
hvlv__events_client_closed(HvlvClient *client)
{
	g_hash_table_foreach_remove(client->server->events, hvlv_event_reg_of_client, client);
}

guint
hvlv_events_count(HvlvServer *server, gint event_id)
{
	guint n = 0;
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, server->events);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		n += ((HvlvEventReg *)value)->event_id == event_id;
	return n;
}

static void
hvlv_pending_event_free(gpointer data)
{
	HvlvPendingEvent *ev = data;
	g_bytes_unref(ev->body);
	g_free(ev);
}

/* Events use serial 1, as libvirtd's do (LIBVIRT-RPC-TRACE.md §3). */
static void
hvlv_event_send(HvlvEventReg *reg, const HvlvPendingEvent *ev)
{
	hvlv_header hdr = { .prog = HVLV_REMOTE_PROGRAM, .vers = HVLV_REMOTE_VERSION,
	                    .proc = (int)ev->proc, .type = HVLV_MESSAGE, .serial = 1,
	                    .status = HVLV_STATUS_OK };
	gsize body_len;
	const guint8 *body = g_bytes_get_data(ev->body, &body_len);
	gint32 callback_id = GINT32_TO_BE(reg->callback_id);
	GByteArray *msg = g_byte_array_sized_new(HVLV_MESSAGE_MIN_LEN + 4 + (guint)body_len);
	g_autoptr(GBytes) head = hvlv_message_encode_raw(&hdr, NULL, 0);
	g_byte_array_append(msg, g_bytes_get_data(head, NULL), HVLV_MESSAGE_MIN_LEN);
	g_byte_array_append(msg, (const guint8 *)&callback_id, 4);
	g_byte_array_append(msg, body, (guint)body_len);
	guint32 len = GUINT32_TO_BE(msg->len);
	memcpy(msg->data, &len, sizeof(len));
	hvlv__client_send(reg->client, g_byte_array_free_to_bytes(msg));
}

static gboolean
hvlv_event_deliver(gpointer data)
{
	HvlvPendingEvent *ev = data;
	g_autoptr(GPtrArray) regs = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, ev->server->events);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		HvlvEventReg *reg = value;
		if (reg->event_id == ev->event_id &&
		    (!reg->one_domain || memcmp(reg->uuid, ev->uuid, sizeof(ev->uuid)) == 0))
			g_ptr_array_add(regs, reg);
	}
	/* Sending may close a client, which removes its registrations. */
	for (guint i = 0; i < regs->len; i++) {
		HvlvEventReg *reg = g_ptr_array_index(regs, i);
		if (g_hash_table_lookup(ev->server->events, GINT_TO_POINTER(reg->callback_id)) == reg)
			hvlv_event_send(reg, ev);
	}
	return G_SOURCE_REMOVE;
}

gboolean
hvlv_events_emit_domain(HvlvServer *server, gint event_id, const HvlvDomainRef *dom,
                        guint32 proc, xdrproc_t filter, gconstpointer body)
{
	g_autoptr(GError) error = NULL;
	GBytes *bytes = hvlv_xdr_encode(filter, body, &error);
	if (!bytes) {
		g_debug("event %d for domain %s not sent: %s", event_id, dom->name, error->message);
		return FALSE;
	}
	HvlvPendingEvent *ev = g_new0(HvlvPendingEvent, 1);
	ev->server = server;
	ev->event_id = event_id;
	memcpy(ev->uuid, dom->uuid, sizeof(ev->uuid));
	ev->proc = proc;
	ev->body = bytes;
	hvlv__server_invoke(server, hvlv_event_deliver, ev, hvlv_pending_event_free);
	return TRUE;
}

gboolean
hvlv_events_domain_lifecycle(HvlvServer *server, const HvlvDomainRef *dom,
                             HvlvLifecycleEvent event, gint detail)
{
	hvlv_event_lifecycle_msg msg = {
		.dom = { .name = (char *)dom->name, .id = dom->id },
		.event = (int)event,
		.detail = detail,
	};
	memcpy(msg.dom.uuid, dom->uuid, sizeof(msg.dom.uuid));
	return hvlv_events_emit_domain(server, HVLV_DOMAIN_EVENT_ID_LIFECYCLE, dom,
	                               HVLV_PROC_EVENT_CALLBACK_LIFECYCLE,
	                               (xdrproc_t)xdr_hvlv_event_lifecycle_msg, &msg);
}
