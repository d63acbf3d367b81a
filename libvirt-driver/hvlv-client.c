/* hvlv-client: one connection: reading and framing messages, the output
 * queue, keepalive, and closing. Everything here runs on the main loop. */
#define _GNU_SOURCE 1 /* accept4, struct ucred */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-private.h"

/* A client whose unread output passes this is not reading: reading its
 * calls pauses at the first limit, and it is dropped at the second. */
#define HVLV_CLIENT_OUT_PAUSE ((gsize)HVLV_MESSAGE_MAX_LEN)
#define HVLV_CLIENT_OUT_DROP ((gsize)HVLV_MESSAGE_MAX_LEN * 4)
/* Messages read per wakeup, so one busy client cannot starve the others. */
#define HVLV_CLIENT_READ_BATCH 32

static gboolean hvlv_client_readable(gint fd, GIOCondition cond, gpointer data);
static gboolean hvlv_client_writable(gint fd, GIOCondition cond, gpointer data);

static void
hvlv_client_read_peer(HvlvClient *client)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	client->pid = client->uid = -1;
	if (getsockopt(client->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
		client->pid = cred.pid;
		client->uid = cred.uid;
	}
}

HvlvClient *
hvlv__client_new(HvlvServer *server, int fd, gboolean readonly)
{
	HvlvClient *client = g_new0(HvlvClient, 1);
	g_atomic_ref_count_init(&client->ref);
	client->server = server;
	client->id = ++server->next_client_id;
	client->fd = fd;
	client->readonly = readonly;
	g_queue_init(&client->out);
	client->streams = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)hvlv_stream_unref);
	hvlv_client_read_peer(client);
	hvlv__client_update_reading(client);
	g_debug("client %" G_GUINT64_FORMAT ": connected (pid %" G_GINT64_FORMAT ", uid %"
	        G_GINT64_FORMAT "%s)", client->id, client->pid, client->uid,
	        readonly ? ", read-only" : "");
	return client;
}

HvlvClient *
hvlv__client_ref(HvlvClient *client)
{
	g_atomic_ref_count_inc(&client->ref);
	return client;
}

void
hvlv__client_unref(HvlvClient *client)
{
	if (!client || !g_atomic_ref_count_dec(&client->ref))
		return;
	g_hash_table_unref(client->streams);
	g_free(client->uri);
	g_free(client);
}

static void
hvlv_client_drop_source(GSource **source)
{
	if (*source) {
		g_source_destroy(*source);
		g_source_unref(*source);
		*source = NULL;
	}
}

void
hvlv__client_update_reading(HvlvClient *client)
{
	gboolean want = !client->closed && !client->close_after_flush &&
	                client->in_flight < MAX(client->server->config.max_client_requests, 1) &&
	                client->input_holds == 0 &&
	                client->out_bytes < HVLV_CLIENT_OUT_PAUSE;
	if (want && !client->in_source) {
		client->in_source = g_unix_fd_source_new(client->fd, G_IO_IN);
		g_source_set_callback(client->in_source, G_SOURCE_FUNC(hvlv_client_readable), client, NULL);
		g_source_attach(client->in_source, client->server->context);
	} else if (!want) {
		hvlv_client_drop_source(&client->in_source);
	}
}

void
hvlv__client_close(HvlvClient *client, const GError *reason)
{
	if (client->closed)
		return;
	client->closed = TRUE;
	HvlvServer *server = client->server;
	if (reason)
		g_debug("client %" G_GUINT64_FORMAT ": closing: %s", client->id, reason->message);
	/* the reason is logged before the peer can see the connection go */
	if (server->hooks.client_closed)
		server->hooks.client_closed(client, reason, server->hooks.data);
	hvlv_client_drop_source(&client->in_source);
	hvlv_client_drop_source(&client->out_source);
	hvlv_client_drop_source(&client->keepalive_source);
	close(client->fd);
	client->fd = -1;
	g_queue_clear_full(&client->out, (GDestroyNotify)g_bytes_unref);
	client->out_bytes = 0;
	g_clear_pointer(&client->msg, g_free);
	hvlv__stream_client_closed(client);
	hvlv__events_client_closed(client);
	g_hash_table_remove(server->clients, client);
	if (server->hooks.activity)
		server->hooks.activity(server, server->hooks.data);
	hvlv__client_unref(client);
}

static void
hvlv_client_fail(HvlvClient *client, const char *what, int err)
{
	g_autoptr(GError) error = NULL;
	hvlv_set_error(&error, HVLV_ERR_SYSTEM_ERROR, HVLV_FROM_RPC, "%s: %s", what, g_strerror(err));
	hvlv__client_close(client, error);
}

/* Writes what the socket takes; FALSE when the client was closed. */
static gboolean
hvlv_client_flush(HvlvClient *client)
{
	while (!g_queue_is_empty(&client->out)) {
		GBytes *head = g_queue_peek_head(&client->out);
		gsize size;
		const guint8 *data = g_bytes_get_data(head, &size);
		ssize_t n = send(client->fd, data + client->out_offset, size - client->out_offset,
		                 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0) {
			hvlv_client_fail(client, _("Cannot write data"), errno);
			return FALSE;
		}
		client->out_offset += (gsize)n;
		if (client->out_offset < size)
			continue;
		client->out_offset = 0;
		client->out_bytes -= size;
		g_bytes_unref(g_queue_pop_head(&client->out));
	}
	if (g_queue_is_empty(&client->out)) {
		hvlv_client_drop_source(&client->out_source);
		if (client->close_after_flush) {
			hvlv__client_close(client, NULL);
			return FALSE;
		}
	} else if (!client->out_source) {
		client->out_source = g_unix_fd_source_new(client->fd, G_IO_OUT);
		g_source_set_callback(client->out_source, G_SOURCE_FUNC(hvlv_client_writable), client, NULL);
		g_source_attach(client->out_source, client->server->context);
	}
	hvlv__client_update_reading(client);
	return TRUE;
}

static gboolean
hvlv_client_writable(G_GNUC_UNUSED gint fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	HvlvClient *client = hvlv__client_ref(data); /* flushing may close it */
	hvlv_client_flush(client);
	hvlv__client_unref(client);
	return G_SOURCE_CONTINUE; /* flush removed the source when done */
}

void
hvlv__client_send(HvlvClient *client, GBytes *bytes)
{
	if (client->closed) {
		g_bytes_unref(bytes);
		return;
	}
	client->out_bytes += g_bytes_get_size(bytes);
	g_queue_push_tail(&client->out, bytes);
	if (client->out_bytes > HVLV_CLIENT_OUT_DROP) {
		g_autoptr(GError) error = NULL;
		hvlv_set_error(&error, HVLV_ERR_RPC, HVLV_FROM_RPC,
		               _("client does not read its messages (%" G_GSIZE_FORMAT " bytes waiting)"),
		               client->out_bytes);
		hvlv__client_close(client, error);
		return;
	}
	if (!client->out_source)
		hvlv_client_flush(client);
}

/* Reads into DST up to WANT bytes; FALSE when the client was closed. */
static gboolean
hvlv_client_read_some(HvlvClient *client, guint8 *dst, gsize want, gsize *got_r)
{
	ssize_t n;
	do
		n = recv(client->fd, dst, want, 0);
	while (n < 0 && errno == EINTR);
	*got_r = 0;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return TRUE;
	if (n < 0) {
		hvlv_client_fail(client, _("Cannot recv data"), errno);
		return FALSE;
	}
	if (n == 0) { /* EOF: clients often just close the socket */
		hvlv__client_close(client, NULL);
		return FALSE;
	}
	*got_r = (gsize)n;
	return TRUE;
}

/* Reads the length word; starts a message when it is complete. */
static gboolean
hvlv_client_read_length(HvlvClient *client, gboolean *progress)
{
	gsize got;
	if (!hvlv_client_read_some(client, client->len_buf + client->len_have,
	                           sizeof(client->len_buf) - client->len_have, &got))
		return FALSE;
	*progress = got > 0;
	client->len_have += got;
	if (client->len_have < sizeof(client->len_buf))
		return TRUE;
	guint32 len;
	g_autoptr(GError) error = NULL;
	if (!hvlv_message_read_length(client->len_buf, &len, &error)) {
		hvlv__client_close(client, error);
		return FALSE;
	}
	client->msg_len = len - HVLV_MESSAGE_LEN_SIZE;
	client->msg = g_malloc(client->msg_len);
	client->msg_have = 0;
	return TRUE;
}

/* Reads message bytes; dispatches the message when it is complete. */
static gboolean
hvlv_client_read_body(HvlvClient *client, gboolean *progress, gboolean *done)
{
	gsize got;
	if (!hvlv_client_read_some(client, client->msg + client->msg_have,
	                           client->msg_len - client->msg_have, &got))
		return FALSE;
	*progress = got > 0;
	client->msg_have += got;
	if (client->msg_have < client->msg_len)
		return TRUE;
	g_autofree guint8 *msg = g_steal_pointer(&client->msg);
	client->len_have = 0;
	hvlv_keepalive_received(&client->keepalive, g_get_monotonic_time());
	hvlv__dispatch_message(client, msg, client->msg_len);
	*done = TRUE;
	return !client->closed;
}

static gboolean
hvlv_client_readable(G_GNUC_UNUSED gint fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	HvlvClient *client = hvlv__client_ref(data); /* reading may close it */
	for (guint n = 0; n < HVLV_CLIENT_READ_BATCH && client->in_source;) {
		gboolean progress = FALSE, done = FALSE;
		gboolean alive = client->msg ? hvlv_client_read_body(client, &progress, &done)
		                             : hvlv_client_read_length(client, &progress);
		if (!alive || !progress)
			break;
		n += done;
	}
	hvlv__client_unref(client);
	return G_SOURCE_CONTINUE; /* update_reading removes the source when it must */
}

/* Keepalive: the timer follows hvlv_keepalive_check's schedule. */
static gboolean hvlv_client_keepalive_tick(gpointer data);

static void
hvlv_client_keepalive_arm(HvlvClient *client, gint64 next)
{
	hvlv_client_drop_source(&client->keepalive_source);
	if (next == G_MAXINT64)
		return;
	gint64 delay_ms = MAX(next - g_get_monotonic_time(), 0) / 1000 + 1;
	client->keepalive_source = g_timeout_source_new((guint)MIN(delay_ms, G_MAXUINT));
	g_source_set_callback(client->keepalive_source, hvlv_client_keepalive_tick, client, NULL);
	g_source_attach(client->keepalive_source, client->server->context);
}

static void
hvlv_client_send_keepalive(HvlvClient *client, int proc)
{
	hvlv_header hdr = { .prog = HVLV_KEEPALIVE_PROGRAM, .vers = HVLV_KEEPALIVE_VERSION,
	                    .proc = proc, .type = HVLV_MESSAGE, .serial = 0,
	                    .status = HVLV_STATUS_OK };
	hvlv__client_send(client, hvlv_message_encode_raw(&hdr, NULL, 0));
}

static gboolean
hvlv_client_keepalive_tick(gpointer data)
{
	HvlvClient *client = data;
	gint64 now = g_get_monotonic_time(), next;
	HvlvKeepaliveAction action = hvlv_keepalive_check(&client->keepalive, now, &next);
	if (action == HVLV_KEEPALIVE_DEAD) {
		g_autoptr(GError) error = NULL;
		hvlv_set_error(&error, HVLV_ERR_RPC, HVLV_FROM_RPC,
		               _("No response from client after %u keepalive messages in %d seconds"),
		               client->keepalive.count,
		               (int)((now - client->keepalive.last_received) / G_USEC_PER_SEC));
		g_source_unref(g_steal_pointer(&client->keepalive_source));
		hvlv__client_close(client, error);
		return G_SOURCE_REMOVE;
	}
	hvlv__client_ref(client); /* sending may close it */
	if (action == HVLV_KEEPALIVE_SEND_PING)
		hvlv_client_send_keepalive(client, HVLV_KEEPALIVE_PING);
	if (!client->closed)
		hvlv_client_keepalive_arm(client, next);
	hvlv__client_unref(client);
	return G_SOURCE_REMOVE;
}

void
hvlv__client_start_keepalive(HvlvClient *client)
{
	const HvlvServerConfig *config = &client->server->config;
	if (client->keepalive.enabled || config->keepalive_interval <= 0)
		return;
	gint64 now = g_get_monotonic_time(), next;
	hvlv_keepalive_start(&client->keepalive, config->keepalive_interval,
	                     config->keepalive_count, now);
	hvlv_keepalive_check(&client->keepalive, now, &next);
	hvlv_client_keepalive_arm(client, next);
}

void
hvlv__client_keepalive_message(HvlvClient *client, const hvlv_header *hdr)
{
	if (hdr->proc == HVLV_KEEPALIVE_PING)
		hvlv_client_send_keepalive(client, HVLV_KEEPALIVE_PONG);
}

gboolean
hvlv_client_is_readonly(HvlvClient *client)
{
	return client->readonly;
}

const char *
hvlv_client_uri(HvlvClient *client)
{
	return g_atomic_pointer_get(&client->uri);
}

gint64
hvlv_client_pid(HvlvClient *client)
{
	return client->pid;
}

gint64
hvlv_client_uid(HvlvClient *client)
{
	return client->uid;
}

guint64
hvlv_client_id(HvlvClient *client)
{
	return client->id;
}
