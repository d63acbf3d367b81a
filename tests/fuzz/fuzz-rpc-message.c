/* Fuzz target: libvirt RPC messages as a client sends them. The input is a
 * byte stream; every message in it is framed (length word, header) and its
 * body decoded with the XDR filter of the procedure table's row, as the
 * server does before dispatching, and also as an error body, as clients
 * decode replies. */
#include "config.h"

#include <stdint.h>

#include "hvlv-message.h"
#include "hvlv-program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_decode_as(const guint8 *msg, gsize len, xdrproc_t filter, gsize obj_size)
{
	gpointer obj = g_malloc0(obj_size);
	hvlv_message_decode_body(msg, len, filter, obj, NULL);
	xdr_free(filter, obj);
	g_free(obj);
}

static void
fuzz_one_message(const guint8 *msg, gsize len)
{
	hvlv_header hdr;
	if (!hvlv_message_decode_header(msg, len, &hdr, NULL))
		return;
	const HvlvProcedure *proc = hvlv_program_find(hvlv_remote_program(), (guint32)hdr.proc);
	if (proc && proc->args_filter)
		fuzz_decode_as(msg, len, proc->args_filter, proc->args_size);
	if (proc && proc->ret_filter)
		fuzz_decode_as(msg, len, proc->ret_filter, proc->ret_size);
	fuzz_decode_as(msg, len, (xdrproc_t)xdr_hvlv_error, sizeof(hvlv_error));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size >= HVLV_MESSAGE_LEN_SIZE) {
		guint32 len;
		if (!hvlv_message_read_length(data, &len, NULL) || len > size)
			break;
		fuzz_one_message(data + HVLV_MESSAGE_LEN_SIZE, len - HVLV_MESSAGE_LEN_SIZE);
		data += len;
		size -= len;
	}
	return 0;
}
