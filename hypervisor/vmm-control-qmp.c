/* vmm-control-qmp: hv-vmm's QMP commands, answering as QEMU answers the
 * same commands (query-status, query-cpus-fast, stop, cont,
 * system_powerdown, system_reset, quit, query-version, query-commands). */
#include "config.h"

#include "vmm-control.h"

#include <stdio.h>

static json_object *
vmm_qmp_ok(gboolean ok)
{
	return ok ? json_object_new_object() : NULL;
}

static json_object *
vmm_qmp_query_status(void *opaque, G_GNUC_UNUSED json_object *args, G_GNUC_UNUSED GError **error)
{
	VmmRunState state = vmm_control_state(opaque);
	json_object *ret = json_object_new_object();
	json_object_object_add(ret, "status", json_object_new_string(vmm_run_state_name(state)));
	json_object_object_add(ret, "singlestep", json_object_new_boolean(FALSE));
	json_object_object_add(ret, "running", json_object_new_boolean(state == VMM_RUN_RUNNING));
	return ret;
}

static json_object *
vmm_qmp_query_cpus_fast(void *opaque, G_GNUC_UNUSED json_object *args,
                        G_GNUC_UNUSED GError **error)
{
	return vmm_control_cpus(opaque);
}

static json_object *
vmm_qmp_stop(void *opaque, G_GNUC_UNUSED json_object *args, GError **error)
{
	return vmm_qmp_ok(vmm_control_stop(opaque, error));
}

static json_object *
vmm_qmp_cont(void *opaque, G_GNUC_UNUSED json_object *args, GError **error)
{
	return vmm_qmp_ok(vmm_control_cont(opaque, error));
}

static json_object *
vmm_qmp_system_powerdown(void *opaque, G_GNUC_UNUSED json_object *args, GError **error)
{
	return vmm_qmp_ok(vmm_control_powerdown(opaque, error));
}

static json_object *
vmm_qmp_system_reset(void *opaque, G_GNUC_UNUSED json_object *args, GError **error)
{
	return vmm_qmp_ok(vmm_control_reset(opaque, FALSE, error));
}

static json_object *
vmm_qmp_quit(void *opaque, G_GNUC_UNUSED json_object *args, G_GNUC_UNUSED GError **error)
{
	/* The reply goes out first; the loop ends after this dispatch. */
	vmm_control_quit(opaque, "host-qmp-quit", VMM_EXIT_OK);
	return json_object_new_object();
}

static json_object *
vmm_qmp_query_version(G_GNUC_UNUSED void *opaque, G_GNUC_UNUSED json_object *args,
                      G_GNUC_UNUSED GError **error)
{
	return vmm_control_qmp_version();
}

static json_object *
vmm_qmp_query_commands(void *opaque, G_GNUC_UNUSED json_object *args,
                       G_GNUC_UNUSED GError **error)
{
	return vmm_qmp_server_command_list(vmm_control_qmp(opaque));
}

const VmmQmpCommand vmm_control_qmp_commands[] = {
	{ "query-status", vmm_qmp_query_status, FALSE },
	{ "query-cpus-fast", vmm_qmp_query_cpus_fast, FALSE },
	{ "stop", vmm_qmp_stop, FALSE },
	{ "cont", vmm_qmp_cont, FALSE },
	{ "system_powerdown", vmm_qmp_system_powerdown, FALSE },
	{ "system_reset", vmm_qmp_system_reset, FALSE },
	{ "quit", vmm_qmp_quit, FALSE },
	{ "query-version", vmm_qmp_query_version, FALSE },
	{ "query-commands", vmm_qmp_query_commands, FALSE },
};
const guint vmm_control_qmp_n_commands = G_N_ELEMENTS(vmm_control_qmp_commands);

/* QEMU's shape ({"qemu": {major, minor, micro}, "package"}) with hv's
 * version, so clients parse it unchanged and can still tell us apart. */
json_object *
vmm_control_qmp_version(void)
{
	guint major = 0, minor = 0, micro = 0;
	sscanf(PACKAGE_VERSION, "%u.%u.%u", &major, &minor, &micro);
	json_object *v = json_object_new_object();
	json_object_object_add(v, "major", json_object_new_int((int)major));
	json_object_object_add(v, "minor", json_object_new_int((int)minor));
	json_object_object_add(v, "micro", json_object_new_int((int)micro));
	json_object *version = json_object_new_object();
	json_object_object_add(version, "qemu", v);
	json_object_object_add(version, "package", json_object_new_string("hv-vmm " PACKAGE_VERSION));
	return version;
}
