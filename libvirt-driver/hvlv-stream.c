/* hvlv-stream: stream packets on a call's serial. Senders on any thread
 * encode their packets and hand them to the main loop, which holds them
 * until the call's reply is out, then writes them in order. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-private.h"

struct HvlvStream {
	gatomicrefcount ref;
	HvlvServer *server;
	HvlvClient *client;
	guint32 proc, serial;
	HvlvStreamHandlers handlers;
	gpointer user_data;
	gint closed;            /* atomic: no more sending */
	gboolean started;       /* main loop: the reply went out */
	gboolean server_done;   /* main loop: our ERROR went out */
	gboolean gone;          /* main loop: handlers will not be called again */
	gboolean input_held;    /* main loop: hvlv_stream_hold_input() */
	GQueue held;            /* main loop: packets waiting for the reply */
};

typedef struct {
	HvlvStream *stream;
	GBytes *packet;
	gboolean last;          /* our ERROR: nothing follows it */
} HvlvStreamPacket;

HvlvStream *
hvlv_stream_open(HvlvCall *call, const HvlvStreamHandlers *handlers, gpointer user_data)
{
	g_return_val_if_fail(call->stream == NULL, NULL);
	HvlvStream *stream = g_new0(HvlvStream, 1);
	g_atomic_ref_count_init(&stream->ref);
	stream->server = call->client->server;
	stream->client = hvlv__client_ref(call->client);
	stream->proc = (guint32)call->hdr.proc;
	stream->serial = call->hdr.serial;
	stream->handlers = *handlers;
	stream->user_data = user_data;
	g_queue_init(&stream->held);
	call->stream = hvlv_stream_ref(stream);
	return stream;
}

HvlvStream *
hvlv_stream_ref(HvlvStream *stream)
{
	g_atomic_ref_count_inc(&stream->ref);
	return stream;
}

static void
hvlv_stream_packet_free(gpointer data)
{
	HvlvStreamPacket *p = data;
	g_bytes_unref(p->packet);
	hvlv_stream_unref(p->stream);
	g_free(p);
}

void
hvlv_stream_unref(HvlvStream *stream)
{
	if (!stream || !g_atomic_ref_count_dec(&stream->ref))
		return;
	g_queue_clear_full(&stream->held, hvlv_stream_packet_free);
	if (stream->handlers.free_user_data)
		stream->handlers.free_user_data(stream->user_data);
	hvlv__client_unref(stream->client);
	g_free(stream);
}

void
hvlv_stream_hold_input(HvlvStream *stream, gboolean hold)
{
	if (stream->input_held == hold || (hold && stream->gone))
		return;
	stream->input_held = hold;
	if (hold)
		stream->client->input_holds++;
	else
		stream->client->input_holds--;
	hvlv__client_update_reading(stream->client);
}

GMainContext *
hvlv_stream_get_context(HvlvStream *stream)
{
	return stream->server->context;
}

gboolean
hvlv_stream_is_open(HvlvStream *stream)
{
	return !g_atomic_int_get(&stream->closed);
}

/* The stream is over for good: no handler runs again. Main loop only. */
static void
hvlv_stream_forget(HvlvStream *stream, gboolean tell_abort)
{
	if (stream->gone)
		return;
	stream->gone = TRUE;
	g_atomic_int_set(&stream->closed, TRUE);
	hvlv_stream_hold_input(stream, FALSE);
	/* held packets reference the stream: drop them to break the cycle */
	g_queue_clear_full(&stream->held, hvlv_stream_packet_free);
	if (tell_abort && stream->handlers.abort)
		stream->handlers.abort(stream, stream->user_data);
	g_hash_table_remove(stream->client->streams, GUINT_TO_POINTER(stream->serial));
}

static void
hvlv_stream_write(HvlvStream *stream, HvlvStreamPacket *p)
{
	hvlv__client_send(stream->client, g_steal_pointer(&p->packet));
	if (p->last)
		stream->server_done = TRUE;
}

static gboolean
hvlv_stream_packet_in_loop(gpointer data)
{
	HvlvStreamPacket *p = data;
	HvlvStream *stream = p->stream;
	if (!stream->gone && !stream->started) {
		g_queue_push_tail(&stream->held, p);
		return G_SOURCE_REMOVE;
	}
	if (!stream->gone)
		hvlv_stream_write(stream, p);
	hvlv_stream_packet_free(p);
	return G_SOURCE_REMOVE;
}

static void
hvlv_stream_queue(HvlvStream *stream, GBytes *packet, gboolean last)
{
	HvlvStreamPacket *p = g_new0(HvlvStreamPacket, 1);
	p->stream = hvlv_stream_ref(stream);
	p->packet = packet;
	p->last = last;
	GSource *source = g_idle_source_new();
	g_source_set_callback(source, hvlv_stream_packet_in_loop, p, NULL);
	g_source_attach(source, stream->server->context);
	g_source_unref(source);
}

static hvlv_header
hvlv_stream_header(HvlvStream *stream, hvlv_message_status status)
{
	hvlv_header hdr = { .prog = HVLV_REMOTE_PROGRAM, .vers = HVLV_REMOTE_VERSION,
	                    .proc = (int)stream->proc, .type = HVLV_STREAM,
	                    .serial = stream->serial, .status = status };
	return hdr;
}

gboolean
hvlv_stream_send(HvlvStream *stream, const void *data, gsize len)
{
	if (!hvlv_stream_is_open(stream))
		return FALSE;
	hvlv_header hdr = hvlv_stream_header(stream, HVLV_STATUS_CONTINUE);
	for (gsize off = 0; off < len; off += HVLV_MESSAGE_LEGACY_PAYLOAD_MAX) {
		gsize chunk = MIN(len - off, (gsize)HVLV_MESSAGE_LEGACY_PAYLOAD_MAX);
		hvlv_stream_queue(stream, hvlv_message_encode_raw(&hdr, (const guint8 *)data + off, chunk),
		                  FALSE);
	}
	return TRUE;
}

/* End of our data is an empty CONTINUE packet, as libvirtd sends it: a
 * libvirt client drops the whole connection on an OK it did not ask for
 * with its own finish or abort, which are answered when they come. */
void
hvlv_stream_finish(HvlvStream *stream)
{
	if (!g_atomic_int_compare_and_exchange(&stream->closed, FALSE, TRUE))
		return;
	hvlv_header hdr = hvlv_stream_header(stream, HVLV_STATUS_CONTINUE);
	hvlv_stream_queue(stream, hvlv_message_encode_raw(&hdr, NULL, 0), FALSE);
}

void
hvlv_stream_abort(HvlvStream *stream, const GError *error)
{
	if (!g_atomic_int_compare_and_exchange(&stream->closed, FALSE, TRUE))
		return;
	hvlv_header hdr = hvlv_stream_header(stream, HVLV_STATUS_ERROR);
	hvlv_stream_queue(stream, hvlv_message_encode_error(&hdr, error), TRUE);
}

void
hvlv__stream_start(HvlvStream *stream, gboolean reply_ok)
{
	if (!reply_ok || stream->client->closed) {
		hvlv_stream_forget(stream, TRUE);
		return;
	}
	stream->started = TRUE;
	g_hash_table_insert(stream->client->streams, GUINT_TO_POINTER(stream->serial),
	                    hvlv_stream_ref(stream));
	HvlvStreamPacket *p;
	while ((p = g_queue_pop_head(&stream->held)) != NULL) {
		hvlv_stream_write(stream, p);
		hvlv_stream_packet_free(p);
	}
}

/* The client finished: confirm with OK, which libvirt's virStreamFinish
 * waits for, even after our own OK marked the end of our data. */
static void
hvlv_stream_client_finished(HvlvStream *stream)
{
	hvlv_header hdr = hvlv_stream_header(stream, HVLV_STATUS_OK);
	g_atomic_int_set(&stream->closed, TRUE);
	if (stream->handlers.finish)
		stream->handlers.finish(stream, stream->user_data);
	hvlv__client_send(stream->client, hvlv_message_encode_raw(&hdr, NULL, 0));
	stream->server_done = TRUE;
	hvlv_stream_forget(stream, FALSE);
}

/* The client aborted: libvirt's virStreamAbort waits for an answer, and
 * libvirtd gives an ERROR one ("stream aborted at client request"). */
static void
hvlv_stream_client_aborted(HvlvStream *stream)
{
	g_atomic_int_set(&stream->closed, TRUE);
	if (!stream->server_done) {
		g_autoptr(GError) error = NULL;
		hvlv_set_error(&error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("stream aborted at client request"));
		hvlv_header hdr = hvlv_stream_header(stream, HVLV_STATUS_ERROR);
		hvlv__client_send(stream->client, hvlv_message_encode_error(&hdr, error));
		stream->server_done = TRUE;
	}
	hvlv_stream_forget(stream, TRUE);
}

void
hvlv__stream_incoming(HvlvClient *client, const hvlv_header *hdr, const guint8 *data, gsize len)
{
	HvlvStream *stream = g_hash_table_lookup(client->streams, GUINT_TO_POINTER(hdr->serial));
	if (!stream || stream->proc != (guint32)hdr->proc) {
		g_debug("client %" G_GUINT64_FORMAT ": stream packet for serial %u with no stream",
		        client->id, hdr->serial);
		return;
	}
	hvlv_stream_ref(stream); /* forgetting drops the client's reference */
	if (hdr->status == HVLV_STATUS_CONTINUE) {
		if (len > 0 && !stream->server_done && stream->handlers.data) {
			g_autoptr(GBytes) bytes = g_bytes_new(data, len);
			stream->handlers.data(stream, bytes, stream->user_data);
		}
	} else if (hdr->status == HVLV_STATUS_OK) {
		hvlv_stream_client_finished(stream);
	} else {
		hvlv_stream_client_aborted(stream);
	}
	hvlv_stream_unref(stream);
}

void
hvlv__stream_client_closed(HvlvClient *client)
{
	GList *streams = g_hash_table_get_values(client->streams);
	for (GList *l = streams; l; l = l->next)
		hvlv_stream_ref(l->data);
	for (GList *l = streams; l; l = l->next) {
		hvlv_stream_forget(l->data, TRUE);
		hvlv_stream_unref(l->data);
	}
	g_list_free(streams);
}
