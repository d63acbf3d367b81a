/* Fuzz target: bytes a QMP client sends to hv-vmm (greeting, negotiation,
 * commands, broken JSON), split at a byte the input chooses. Whatever it
 * sends, the session answers without crashing or leaking. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "vmm-control.h"
#include "vmm-qmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static json_object *
fuzz_echo(G_GNUC_UNUSED void *opaque, json_object *args, G_GNUC_UNUSED GError **error)
{
	return json_object_get(args);
}

static json_object *
fuzz_fail(G_GNUC_UNUSED void *opaque, G_GNUC_UNUSED json_object *args, GError **error)
{
	g_set_error(error, VMM_QMP_ERROR, VMM_QMP_ERROR_GENERIC, "failed");
	return NULL;
}

static const VmmQmpCommand fuzz_commands[] = {
	{ "query-status", fuzz_echo, FALSE },
	{ "echo", fuzz_echo, TRUE },
	{ "stop", fuzz_fail, FALSE },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(VmmQmpServer) server = vmm_qmp_server_new(fuzz_commands, G_N_ELEMENTS(fuzz_commands),
	                                                     NULL, vmm_control_qmp_version());
	g_autoptr(VmmQmpSession) s = vmm_qmp_session_new(server);
	size_t split = size ? data[0] % (size + 1) : 0;
	vmm_qmp_session_input(s, (const char *)data, split);
	vmm_qmp_session_input(s, (const char *)data + split, size - split);
	vmm_qmp_server_emit(server, "STOP", NULL);
	g_free(vmm_qmp_session_take_output(s));
	return 0;
}
