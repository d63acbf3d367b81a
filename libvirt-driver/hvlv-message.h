/* hvlv-message: libvirt RPC framing. A message on the wire is a 4-byte
 * big-endian length that counts itself, a 24-byte header and an XDR body.
 * These functions work on one message at a time, without any I/O; the
 * fuzz target tests/fuzz/fuzz-rpc-message.c drives them. */
#pragma once

#include <glib.h>

#include "hvlv_protocol.h"

#define HVLV_REMOTE_PROGRAM 0x20008086u
#define HVLV_REMOTE_VERSION 1u
#define HVLV_KEEPALIVE_PROGRAM 0x6b656570u /* "keep" */
#define HVLV_KEEPALIVE_VERSION 1u

enum {
	HVLV_KEEPALIVE_PING = 1,
	HVLV_KEEPALIVE_PONG = 2,
};

/* Smallest and largest value of the length word. */
#define HVLV_MESSAGE_MIN_LEN (HVLV_MESSAGE_LEN_SIZE + HVLV_MESSAGE_HEADER_SIZE)
#define HVLV_MESSAGE_MAX_LEN (HVLV_MESSAGE_LEN_SIZE + HVLV_MESSAGE_MAX)

/* Reads the length word in BYTES and checks it against libvirt's limits;
 * a bad length means the stream can no longer be framed. */
gboolean hvlv_message_read_length(const guint8 bytes[HVLV_MESSAGE_LEN_SIZE], guint32 *len_r,
                                  GError **error);

/* Decodes the header at the start of MSG (a message after its length word). */
gboolean hvlv_message_decode_header(const guint8 *msg, gsize len, hvlv_header *hdr,
                                    GError **error);

/* Decodes the body after the header of MSG with FILTER into OBJ, which is
 * zeroed first; free it with xdr_free(FILTER, OBJ) whatever the result. */
gboolean hvlv_message_decode_body(const guint8 *msg, gsize len, xdrproc_t filter, gpointer obj,
                                  GError **error);

/* Encodes a whole message (length word included): HDR, then, when
 * CALLBACK_ID is not NULL, that integer, then OBJ with FILTER (NULL: no
 * body). NULL with ERROR set when it would pass the size limit. */
GBytes *hvlv_message_encode(const hvlv_header *hdr, const gint32 *callback_id,
                            xdrproc_t filter, gconstpointer obj, GError **error);

/* Encodes a message whose body is LEN raw bytes (stream data). */
GBytes *hvlv_message_encode_raw(const hvlv_header *hdr, const void *data, gsize len);

/* Encodes HDR with status ERROR and the remote error built from ERROR. */
GBytes *hvlv_message_encode_error(const hvlv_header *hdr, const GError *error);

/* Encodes the body of OBJ with FILTER alone (no header), e.g. an event
 * body that is sent to several clients. */
GBytes *hvlv_xdr_encode(xdrproc_t filter, gconstpointer obj, GError **error);
