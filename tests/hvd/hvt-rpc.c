/* hvt-rpc: a raw libvirt RPC client for tests. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hvt-rpc.h"

HvtRpc *
hvt_rpc_connect(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	HvtRpc *rpc = g_new0(HvtRpc, 1);
	rpc->fd = fd;
	return rpc;
}

void
hvt_rpc_free(HvtRpc *rpc)
{
	if (!rpc)
		return;
	close(rpc->fd);
	g_free(rpc);
}

void
hvt_msg_free(HvtMsg *msg)
{
	if (!msg)
		return;
	g_bytes_unref(msg->body);
	g_free(msg);
}

gboolean
hvt_rpc_send_raw(HvtRpc *rpc, const void *data, gsize len)
{
	const guint8 *p = data;
	while (len > 0) {
		ssize_t n = send(rpc->fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return FALSE;
		p += n;
		len -= (gsize)n;
	}
	return TRUE;
}

gboolean
hvt_rpc_send(HvtRpc *rpc, guint32 prog, guint32 vers, gint proc, gint type, guint32 serial,
             gint status, xdrproc_t filter, gconstpointer obj)
{
	hvlv_header hdr = { .prog = prog, .vers = vers, .proc = proc,
	                    .type = (hvlv_message_type)type, .serial = serial,
	                    .status = (hvlv_message_status)status };
	g_autoptr(GBytes) bytes = hvlv_message_encode(&hdr, NULL, filter, obj, NULL);
	gsize len;
	const void *data = g_bytes_get_data(bytes, &len);
	return hvt_rpc_send_raw(rpc, data, len);
}

guint32
hvt_rpc_call(HvtRpc *rpc, gint proc, xdrproc_t filter, gconstpointer args)
{
	guint32 serial = rpc->serial++;
	hvt_rpc_send(rpc, HVLV_REMOTE_PROGRAM, HVLV_REMOTE_VERSION, proc, HVLV_CALL, serial,
	             HVLV_STATUS_OK, filter, args);
	return serial;
}

/* Reads exactly LEN bytes before DEADLINE (monotonic microseconds). */
static gboolean
hvt_rpc_read_exact(HvtRpc *rpc, guint8 *buf, gsize len, gint64 deadline)
{
	while (len > 0) {
		gint64 left = (deadline - g_get_monotonic_time()) / 1000;
		struct pollfd pfd = { .fd = rpc->fd, .events = POLLIN };
		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			return FALSE;
		ssize_t n = recv(rpc->fd, buf, len, 0);
		if (n <= 0)
			return FALSE;
		buf += n;
		len -= (gsize)n;
	}
	return TRUE;
}

HvtMsg *
hvt_rpc_recv(HvtRpc *rpc, guint timeout_ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	guint8 lenbuf[4];
	guint32 len;
	if (!hvt_rpc_read_exact(rpc, lenbuf, 4, deadline) ||
	    !hvlv_message_read_length(lenbuf, &len, NULL))
		return NULL;
	g_autofree guint8 *msg = g_malloc(len - 4);
	if (!hvt_rpc_read_exact(rpc, msg, len - 4, deadline))
		return NULL;
	HvtMsg *m = g_new0(HvtMsg, 1);
	if (!hvlv_message_decode_header(msg, len - 4, &m->hdr, NULL)) {
		g_free(m);
		return NULL;
	}
	m->body = g_bytes_new(msg + HVLV_MESSAGE_HEADER_SIZE, len - 4 - HVLV_MESSAGE_HEADER_SIZE);
	return m;
}

HvtMsg *
hvt_rpc_reply(HvtRpc *rpc, guint32 serial, guint timeout_ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	for (;;) {
		gint64 left = (deadline - g_get_monotonic_time()) / 1000;
		if (left <= 0)
			return NULL;
		HvtMsg *m = hvt_rpc_recv(rpc, (guint)left);
		if (!m)
			return NULL;
		if (m->hdr.prog == HVLV_KEEPALIVE_PROGRAM && m->hdr.proc == HVLV_KEEPALIVE_PING)
			hvt_rpc_send(rpc, HVLV_KEEPALIVE_PROGRAM, 1, HVLV_KEEPALIVE_PONG, HVLV_MESSAGE, 0,
			             HVLV_STATUS_OK, NULL, NULL);
		else if (m->hdr.type == HVLV_REPLY && m->hdr.serial == serial)
			return m;
		hvt_msg_free(m);
	}
}

gboolean
hvt_msg_decode(const HvtMsg *msg, xdrproc_t filter, gpointer obj)
{
	gsize len;
	const char *data = g_bytes_get_data(msg->body, &len);
	XDR xdr;
	xdrmem_create(&xdr, (char *)data, (u_int)len, XDR_DECODE);
	gboolean ok = filter(&xdr, obj);
	xdr_destroy(&xdr);
	return ok;
}

gboolean
hvt_rpc_call_ok(HvtRpc *rpc, gint proc, xdrproc_t args_filter, gconstpointer args,
                xdrproc_t ret_filter, gpointer ret)
{
	guint32 serial = hvt_rpc_call(rpc, proc, args_filter, args);
	g_autoptr(HvtMsg) m = hvt_rpc_reply(rpc, serial, 10000);
	if (!m || m->hdr.status != HVLV_STATUS_OK) {
		g_printerr("# procedure %d: %s\n", proc, m ? "error reply" : "no reply");
		return FALSE;
	}
	return !ret_filter || hvt_msg_decode(m, ret_filter, ret);
}

gint
hvt_rpc_call_error(HvtRpc *rpc, gint proc, xdrproc_t args_filter, gconstpointer args,
                   char **message_r)
{
	guint32 serial = hvt_rpc_call(rpc, proc, args_filter, args);
	g_autoptr(HvtMsg) m = hvt_rpc_reply(rpc, serial, 10000);
	hvlv_error err = { 0 };
	if (!m || m->hdr.status != HVLV_STATUS_ERROR ||
	    !hvt_msg_decode(m, (xdrproc_t)xdr_hvlv_error, &err))
		return -1;
	if (message_r)
		*message_r = g_strdup(err.message ? *err.message : "");
	gint code = err.code;
	xdr_free((xdrproc_t)xdr_hvlv_error, &err);
	return code;
}

gboolean
hvt_rpc_open(HvtRpc *rpc, const char *uri, guint flags, gboolean keepalive)
{
	hvlv_auth_list_ret auth = { 0 };
	if (!hvt_rpc_call_ok(rpc, 66, NULL, NULL, (xdrproc_t)xdr_hvlv_auth_list_ret, &auth))
		return FALSE;
	xdr_free((xdrproc_t)xdr_hvlv_auth_list_ret, &auth);
	hvlv_supports_feature_args feature = { 10 };
	hvlv_supports_feature_ret supported = { 0 };
	if (keepalive && !hvt_rpc_call_ok(rpc, 60, (xdrproc_t)xdr_hvlv_supports_feature_args,
	                                  &feature, (xdrproc_t)xdr_hvlv_supports_feature_ret,
	                                  &supported))
		return FALSE;
	char *name = (char *)uri;
	hvlv_connect_open_args open = { .name = uri ? &name : NULL, .flags = flags };
	return hvt_rpc_call_ok(rpc, 1, (xdrproc_t)xdr_hvlv_connect_open_args, &open, NULL, NULL);
}

gboolean
hvt_rpc_wait_closed(HvtRpc *rpc, guint timeout_ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	guint8 buf[4096];
	for (;;) {
		gint64 left = (deadline - g_get_monotonic_time()) / 1000;
		struct pollfd pfd = { .fd = rpc->fd, .events = POLLIN };
		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			return FALSE;
		ssize_t n = recv(rpc->fd, buf, sizeof(buf), 0);
		if (n == 0 || (n < 0 && errno == ECONNRESET))
			return TRUE;
		if (n < 0)
			return FALSE;
	}
}
