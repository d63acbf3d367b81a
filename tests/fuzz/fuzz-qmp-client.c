/* Fuzz target: what a QMP server (QEMU or hv-vmm, or something broken
 * pretending to be one) sends to libhv's QMP client, in pieces whose sizes
 * the input's first byte chooses. Two commands wait for replies (ids hv-2
 * and hv-3; hv-1 is qmp_capabilities). Whatever arrives, the client neither
 * crashes nor leaks, and every callback gets a sane argument. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "engine/qmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
on_status(HvQmp *qmp, const GError *error, gpointer user_data)
{
	(void)qmp;
	(void)user_data;
	if (error && !error->message)
		abort();
}

static void
on_event(HvQmp *qmp, const char *name, json_object *d, gpointer user_data)
{
	(void)qmp;
	(void)user_data;
	if (!name || (d && !json_object_to_json_string(d)))
		abort();
}

static void
on_reply(HvQmp *qmp, json_object *ret, const GError *error, gpointer user_data)
{
	(void)qmp;
	(void)user_data;
	if (ret && error)
		abort();
	if (ret)
		json_object_to_json_string(ret);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t piece = data[0] ? data[0] : size;
	data++;
	size--;
	HvQmp *qmp = hv__qmp_new(NULL, on_status, on_event, NULL);
	hv__qmp_command(qmp, "query-status", NULL, on_reply, NULL);
	hv__qmp_command(qmp, "stop", json_object_new_object(), on_reply, NULL);
	for (size_t off = 0; off < size; off += piece)
		hv__qmp_feed(qmp, (const char *)data + off, MIN(piece, size - off));
	hv__qmp_free(qmp);
	return 0;
}
