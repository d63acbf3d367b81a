/* hvlv-dispatch: from a framed message to a handler and back to a reply.
 * Checks run in libvirtd's order: program, version and type (a violation
 * closes the client), then status, procedure, open connection, read-only
 * access, arguments (a violation gets an error reply). */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-private.h"

static void
hvlv_dispatch_reply_error(HvlvClient *client, const hvlv_header *call_hdr, const GError *error)
{
	hvlv_header hdr = *call_hdr;
	hdr.type = HVLV_REPLY;
	hvlv__client_send(client, hvlv_message_encode_error(&hdr, error));
}

/* Why a procedure cannot run for this client, as a libvirt error. */
static gboolean
hvlv_dispatch_check(HvlvClient *client, guint32 number, const HvlvProcedure *proc,
                    GError **error)
{
	const HvlvProgram *program = client->server->program;
	if (!proc && (number == 0 || number > program->last_known)) {
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("unknown procedure: %u"), number);
		return FALSE;
	}
	if (!(proc && (proc->flags & HVLV_PROC_BEFORE_OPEN)) && !hvlv_client_uri(client)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_REMOTE, _("connection not open"));
		return FALSE;
	}
	if (proc && (proc->flags & HVLV_PROC_WRITE) && client->readonly) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_DENIED, HVLV_FROM_DOMAIN,
		               _("read only access prevents %s"), proc->api);
		return FALSE;
	}
	if (!proc || !proc->handler) {
		g_autofree char *name = proc ? g_strdup(proc->api)
		                             : g_strdup_printf(_("remote procedure %u"), number);
		hvlv_set_error(error, HVLV_ERR_NO_SUPPORT, HVLV_FROM_DOMAIN, "%s", name);
		return FALSE;
	}
	return TRUE;
}

static HvlvCall *
hvlv_call_new(HvlvClient *client, const hvlv_header *hdr, const HvlvProcedure *proc)
{
	HvlvCall *call = g_new0(HvlvCall, 1);
	call->client = hvlv__client_ref(client);
	call->proc = proc;
	call->hdr = *hdr;
	call->args = g_malloc0(MAX(proc->args_size, 1));
	call->ret = g_malloc0(MAX(proc->ret_size, 1));
	return call;
}

static void
hvlv_call_free(HvlvCall *call)
{
	if (call->proc->args_filter)
		xdr_free(call->proc->args_filter, call->args);
	if (call->proc->ret_filter)
		xdr_free(call->proc->ret_filter, call->ret);
	g_free(call->args);
	g_free(call->ret);
	g_clear_error(&call->error);
	g_clear_pointer(&call->reply, g_bytes_unref);
	g_clear_pointer(&call->stream, hvlv_stream_unref);
	hvlv__client_unref(call->client);
	g_free(call);
}

/* Back on the main loop: send the reply, start the stream, account. */
static gboolean
hvlv_dispatch_complete(gpointer data)
{
	HvlvCall *call = data;
	HvlvClient *client = call->client;
	HvlvServer *server = client->server;
	hvlv__client_send(client, g_steal_pointer(&call->reply));
	if (call->stream)
		hvlv__stream_start(call->stream, call->error == NULL);
	client->in_flight--;
	server->n_calls--;
	hvlv__client_update_reading(client);
	if (server->hooks.activity)
		server->hooks.activity(server, server->hooks.data);
	hvlv_call_free(call);
	return G_SOURCE_REMOVE;
}

void
hvlv__dispatch_run(HvlvCall *call)
{
	const HvlvProcedure *proc = call->proc;
	hvlv_header hdr = call->hdr;
	hdr.type = HVLV_REPLY;
	if (proc->handler(call, call->args, call->ret, &call->error))
		call->reply = hvlv_message_encode(&hdr, NULL, proc->ret_filter, call->ret, &call->error);
	else if (!call->error) /* a handler bug; never leave the client waiting */
		hvlv_set_error(&call->error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("%s failed without saying why"), proc->api);
	if (call->error) {
		g_debug("client %" G_GUINT64_FORMAT ": %s (serial %u) failed: %s", call->client->id,
		        proc->api, hdr.serial, call->error->message);
		call->reply = hvlv_message_encode_error(&hdr, call->error);
	}
	if (proc->flags & HVLV_PROC_INLINE)
		hvlv_dispatch_complete(call);
	else
		hvlv__server_invoke(call->client->server, hvlv_dispatch_complete, call, NULL);
}

static void
hvlv_dispatch_call(HvlvClient *client, const hvlv_header *hdr, const guint8 *msg, gsize len)
{
	g_autoptr(GError) error = NULL;
	if (hdr->status != HVLV_STATUS_OK) {
		hvlv_set_error(&error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("Unexpected message status %u"),
		               (guint)hdr->status);
		hvlv_dispatch_reply_error(client, hdr, error);
		return;
	}
	guint32 number = (guint32)hdr->proc;
	const HvlvProcedure *proc = hvlv_program_find(client->server->program, number);
	if (!hvlv_dispatch_check(client, number, proc, &error)) {
		hvlv_dispatch_reply_error(client, hdr, error);
		return;
	}
	HvlvCall *call = hvlv_call_new(client, hdr, proc);
	if (proc->args_filter &&
	    !hvlv_message_decode_body(msg, len, proc->args_filter, call->args, &error)) {
		hvlv_dispatch_reply_error(client, hdr, error);
		hvlv_call_free(call);
		return;
	}
	client->in_flight++;
	client->server->n_calls++;
	hvlv__client_update_reading(client);
	if (proc->flags & HVLV_PROC_INLINE)
		hvlv__dispatch_run(call);
	else
		hvlv__server_queue_call(client->server, call);
}

/* Closes CLIENT: it broke the framing rules, so nothing after can be trusted. */
static void
hvlv_dispatch_violation(HvlvClient *client, const char *fmt, guint a, guint b)
{
	g_autoptr(GError) error = NULL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	g_autofree char *detail = g_strdup_printf(fmt, a, b);
#pragma GCC diagnostic pop
	hvlv_set_error(&error, HVLV_ERR_RPC, HVLV_FROM_RPC, "%s", detail);
	hvlv__client_close(client, error);
}

void
hvlv__dispatch_message(HvlvClient *client, const guint8 *msg, gsize len)
{
	hvlv_header hdr;
	g_autoptr(GError) error = NULL;
	if (!hvlv_message_decode_header(msg, len, &hdr, &error)) {
		hvlv__client_close(client, error);
		return;
	}
	gboolean keepalive = hdr.prog == HVLV_KEEPALIVE_PROGRAM;
	if (!keepalive && hdr.prog != HVLV_REMOTE_PROGRAM)
		return hvlv_dispatch_violation(client, _("Cannot find program %#x version %u"),
		                               hdr.prog, hdr.vers);
	if (hdr.vers != (keepalive ? HVLV_KEEPALIVE_VERSION : HVLV_REMOTE_VERSION))
		return hvlv_dispatch_violation(client, _("Cannot find program %#x version %u"),
		                               hdr.prog, hdr.vers);
	if (keepalive && hdr.type == HVLV_MESSAGE)
		return hvlv__client_keepalive_message(client, &hdr);
	if (!keepalive && hdr.type == HVLV_CALL)
		return hvlv_dispatch_call(client, &hdr, msg, len);
	if (!keepalive && hdr.type == HVLV_STREAM)
		return hvlv__stream_incoming(client, &hdr, msg + HVLV_MESSAGE_HEADER_SIZE,
		                             len - HVLV_MESSAGE_HEADER_SIZE);
	hvlv_dispatch_violation(client, _("Unexpected message type %u for program %#x"),
	                        (guint)hdr.type, hdr.prog);
}

/* What handlers may ask about their call. */
HvlvServer *
hvlv_call_server(HvlvCall *call)
{
	return call->client->server;
}

HvlvClient *
hvlv_call_client(HvlvCall *call)
{
	return call->client;
}

const HvlvProcedure *
hvlv_call_procedure(HvlvCall *call)
{
	return call->proc;
}

guint32
hvlv_call_serial(HvlvCall *call)
{
	return call->hdr.serial;
}

static int
hvlv_procedure_compare(const void *key, const void *row)
{
	guint32 number = *(const guint32 *)key;
	guint32 other = ((const HvlvProcedure *)row)->number;
	return number < other ? -1 : number > other;
}

const HvlvProcedure *
hvlv_program_find(const HvlvProgram *program, guint32 number)
{
	return bsearch(&number, program->procs, program->n_procs, sizeof(HvlvProcedure),
	               hvlv_procedure_compare);
}
