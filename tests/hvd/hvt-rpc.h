/* hvt-rpc: a raw libvirt RPC client for tests: it sends exactly the bytes a
 * test asks for (well-formed or not) and reads messages back. */
#pragma once

#include <glib.h>

#include "hvlv-message.h"

typedef struct {
	int fd;
	guint32 serial;
} HvtRpc;

typedef struct {
	hvlv_header hdr;
	GBytes *body;
} HvtMsg;

/* Connects to the UNIX socket PATH; NULL on failure. */
HvtRpc *hvt_rpc_connect(const char *path);
void hvt_rpc_free(HvtRpc *rpc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvtRpc, hvt_rpc_free)

void hvt_msg_free(HvtMsg *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvtMsg, hvt_msg_free)

/* Writes LEN bytes as they are. */
gboolean hvt_rpc_send_raw(HvtRpc *rpc, const void *data, gsize len);

/* Sends a message of the remote program: header fields, then OBJ encoded
 * with FILTER (NULL: empty body). */
gboolean hvt_rpc_send(HvtRpc *rpc, guint32 prog, guint32 vers, gint proc, gint type,
                      guint32 serial, gint status, xdrproc_t filter, gconstpointer obj);

/* Sends a CALL of PROC with the next serial, which it returns. */
guint32 hvt_rpc_call(HvtRpc *rpc, gint proc, xdrproc_t filter, gconstpointer args);

/* Reads one message; NULL on EOF, error or after TIMEOUT_MS. */
HvtMsg *hvt_rpc_recv(HvtRpc *rpc, guint timeout_ms);

/* Reads until the REPLY to SERIAL, answering keepalive PINGs and skipping
 * other messages on the way; NULL on EOF or timeout. */
HvtMsg *hvt_rpc_reply(HvtRpc *rpc, guint32 serial, guint timeout_ms);

/* Calls PROC and waits for a reply with status OK, decoded into RET with
 * RET_FILTER (may be NULL); FALSE otherwise (the error is printed). */
gboolean hvt_rpc_call_ok(HvtRpc *rpc, gint proc, xdrproc_t args_filter, gconstpointer args,
                         xdrproc_t ret_filter, gpointer ret);

/* Calls PROC and expects an error reply; returns its code (-1 if none)
 * and the message in *MESSAGE_R (may be NULL). */
gint hvt_rpc_call_error(HvtRpc *rpc, gint proc, xdrproc_t args_filter, gconstpointer args,
                        char **message_r);

/* AUTH_LIST, SUPPORTS_FEATURE(10) when KEEPALIVE, then CONNECT_OPEN of URI. */
gboolean hvt_rpc_open(HvtRpc *rpc, const char *uri, guint flags, gboolean keepalive);

/* TRUE when the server closes the connection within TIMEOUT_MS. */
gboolean hvt_rpc_wait_closed(HvtRpc *rpc, guint timeout_ms);

/* Decodes BODY with FILTER into OBJ. */
gboolean hvt_msg_decode(const HvtMsg *msg, xdrproc_t filter, gpointer obj);
