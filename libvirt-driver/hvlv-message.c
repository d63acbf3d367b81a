/* hvlv-message: libvirt RPC framing over XDR memory streams. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-message.h"

gboolean
hvlv_message_read_length(const guint8 bytes[HVLV_MESSAGE_LEN_SIZE], guint32 *len_r, GError **error)
{
	guint32 len = ((guint32)bytes[0] << 24) | ((guint32)bytes[1] << 16) |
	              ((guint32)bytes[2] << 8) | bytes[3];
	if (len < HVLV_MESSAGE_MIN_LEN || len > HVLV_MESSAGE_MAX_LEN) {
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC,
		               _("packet %u bytes received from client, must be between %u and %u"),
		               len, (guint)HVLV_MESSAGE_MIN_LEN, (guint)HVLV_MESSAGE_MAX_LEN);
		return FALSE;
	}
	*len_r = len;
	return TRUE;
}

gboolean
hvlv_message_decode_header(const guint8 *msg, gsize len, hvlv_header *hdr, GError **error)
{
	XDR xdr;
	memset(hdr, 0, sizeof(*hdr));
	if (len < HVLV_MESSAGE_HEADER_SIZE) {
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("Unable to decode message header"));
		return FALSE;
	}
	xdrmem_create(&xdr, (char *)msg, HVLV_MESSAGE_HEADER_SIZE, XDR_DECODE);
	gboolean ok = xdr_hvlv_header(&xdr, hdr);
	xdr_destroy(&xdr);
	if (!ok)
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("Unable to decode message header"));
	return ok;
}

gboolean
hvlv_message_decode_body(const guint8 *msg, gsize len, xdrproc_t filter, gpointer obj,
                         GError **error)
{
	XDR xdr;
	g_return_val_if_fail(len >= HVLV_MESSAGE_HEADER_SIZE, FALSE);
	xdrmem_create(&xdr, (char *)msg + HVLV_MESSAGE_HEADER_SIZE,
	              (u_int)(len - HVLV_MESSAGE_HEADER_SIZE), XDR_DECODE);
	gboolean ok = filter(&xdr, obj);
	xdr_destroy(&xdr);
	if (!ok)
		hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC, _("Unable to decode message payload"));
	return ok;
}

/* Runs the encoders into BUF of SIZE bytes after the length word; returns
 * the bytes used, or 0 when they do not fit. */
static gsize
hvlv_encode_into(char *buf, gsize size, const hvlv_header *hdr, const gint32 *callback_id,
                 xdrproc_t filter, gconstpointer obj)
{
	XDR xdr;
	xdrmem_create(&xdr, buf, (u_int)size, XDR_ENCODE);
	xdr_setpos(&xdr, HVLV_MESSAGE_LEN_SIZE);
	gboolean ok = (!hdr || xdr_hvlv_header(&xdr, (hvlv_header *)hdr)) &&
	              (!callback_id || xdr_int(&xdr, (int *)callback_id)) &&
	              (!filter || filter(&xdr, (gpointer)obj));
	gsize used = ok ? xdr_getpos(&xdr) : 0;
	xdr_destroy(&xdr);
	return used;
}

/* Encodes into a buffer that grows fourfold from 64 KiB up to the limit,
 * as libvirt does; the length word is filled in when HDR is given. */
static GBytes *
hvlv_encode(const hvlv_header *hdr, const gint32 *callback_id, xdrproc_t filter,
            gconstpointer obj, GError **error)
{
	for (gsize size = 65536;; size *= 4) {
		if (size > HVLV_MESSAGE_MAX_LEN)
			size = HVLV_MESSAGE_MAX_LEN;
		g_autofree char *buf = g_malloc(size);
		gsize used = hvlv_encode_into(buf, size, hdr, callback_id, filter, obj);
		if (used > 0) {
			guint32 be = GUINT32_TO_BE((guint32)used);
			memcpy(buf, &be, sizeof(be));
			if (!hdr)
				return g_bytes_new(buf + HVLV_MESSAGE_LEN_SIZE, used - HVLV_MESSAGE_LEN_SIZE);
			return g_bytes_new_take(g_realloc(g_steal_pointer(&buf), used), used);
		}
		if (size == HVLV_MESSAGE_MAX_LEN)
			break;
	}
	hvlv_set_error(error, HVLV_ERR_RPC, HVLV_FROM_RPC,
	               _("Unable to encode message payload: larger than %u bytes"),
	               (guint)HVLV_MESSAGE_MAX);
	return NULL;
}

GBytes *
hvlv_message_encode(const hvlv_header *hdr, const gint32 *callback_id, xdrproc_t filter,
                    gconstpointer obj, GError **error)
{
	return hvlv_encode(hdr, callback_id, filter, obj, error);
}

GBytes *
hvlv_xdr_encode(xdrproc_t filter, gconstpointer obj, GError **error)
{
	return hvlv_encode(NULL, NULL, filter, obj, error);
}

GBytes *
hvlv_message_encode_raw(const hvlv_header *hdr, const void *data, gsize len)
{
	g_return_val_if_fail(len <= HVLV_MESSAGE_MAX - HVLV_MESSAGE_HEADER_SIZE, NULL);
	gsize total = HVLV_MESSAGE_MIN_LEN + len;
	char *buf = g_malloc(total);
	gsize used = hvlv_encode_into(buf, HVLV_MESSAGE_MIN_LEN, hdr, NULL, NULL, NULL);
	g_assert(used == HVLV_MESSAGE_MIN_LEN);
	guint32 be = GUINT32_TO_BE((guint32)total);
	memcpy(buf, &be, sizeof(be));
	if (len > 0)
		memcpy(buf + HVLV_MESSAGE_MIN_LEN, data, len);
	return g_bytes_new_take(buf, total);
}

GBytes *
hvlv_message_encode_error(const hvlv_header *hdr, const GError *error)
{
	hvlv_header ehdr = *hdr;
	char *message = error->message;
	hvlv_error rerr = {
		.code = (int)hvlv_error_number(error),
		.domain = (int)hvlv_error_from(error),
		.message = &message,
		.level = 2, /* VIR_ERR_ERROR */
	};
	ehdr.status = HVLV_STATUS_ERROR;
	g_autoptr(GError) local = NULL;
	GBytes *bytes = hvlv_message_encode(&ehdr, NULL, (xdrproc_t)xdr_hvlv_error, &rerr, &local);
	if (bytes)
		return bytes;
	/* Only a message longer than the limit gets here: send it shortened. */
	char shortened[1024];
	g_strlcpy(shortened, error->message, sizeof(shortened));
	message = shortened;
	return hvlv_message_encode(&ehdr, NULL, (xdrproc_t)xdr_hvlv_error, &rerr, NULL);
}
