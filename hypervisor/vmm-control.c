/* vmm-control: run states, guest events, exit status. */
#include "config.h"

#include "vmm-control.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "vmm-backends.h"
#include "vmm-console.h"
#include "vmm-console-socket.h"
#include "vmm-error.h"
#include "vmm-machine.h"

struct VmmControl {
	const VmmConfig *config;
	VmmBackends *backends;
	VmmMachine *machine;
	guint generation;     /* counts machines, so late events of an old one are dropped */
	VmmRunState state;
	VmmQmpServer *qmp;
	VmmConsoleIn *console;
	VmmConsoleSocket *console_socket;
	GMainLoop *loop;
	int exit_status;
	char *quit_reason;    /* SHUTDOWN's reason once quitting was asked for */
	guint quit_idle;
	guint signal_watch[2];
};

typedef struct {
	VmmControl *ctl;
	VmmGuestEvent event;
	guint generation;
} VmmPendingEvent;

static const char *const vmm_run_state_names[] = {
	[VMM_RUN_PRELAUNCH] = "prelaunch",       [VMM_RUN_RUNNING] = "running",
	[VMM_RUN_PAUSED] = "paused",             [VMM_RUN_SHUTDOWN] = "shutdown",
	[VMM_RUN_GUEST_PANICKED] = "guest-panicked", [VMM_RUN_INTERNAL_ERROR] = "internal-error",
};

const char *
vmm_run_state_name(VmmRunState state)
{
	return vmm_run_state_names[state];
}

static void
vmm_control_emit(VmmControl *ctl, const char *name, json_object *data)
{
	if (ctl->qmp)
		vmm_qmp_server_emit(ctl->qmp, name, data);
	else
		json_object_put(data);
}

/* {"guest": GUEST, "reason": REASON}, the data of SHUTDOWN and RESET. */
static json_object *
vmm_control_cause(gboolean guest, const char *reason)
{
	json_object *data = json_object_new_object();
	json_object_object_add(data, "guest", json_object_new_boolean(guest));
	json_object_object_add(data, "reason", json_object_new_string(reason));
	return data;
}

static gboolean
vmm_control_finish(gpointer data)
{
	VmmControl *ctl = data;
	ctl->quit_idle = 0;
	if (ctl->quit_reason)
		vmm_control_emit(ctl, "SHUTDOWN", vmm_control_cause(FALSE, ctl->quit_reason));
	g_main_loop_quit(ctl->loop);
	return G_SOURCE_REMOVE;
}

/* Quits from the loop, not from inside a QMP command: as with QEMU, the
 * reply to "quit" comes before the SHUTDOWN event. */
void
vmm_control_quit(VmmControl *ctl, const char *reason, int status)
{
	if (ctl->quit_idle)
		return;
	g_free(ctl->quit_reason);
	ctl->quit_reason = g_strdup(reason);
	ctl->exit_status = status;
	ctl->quit_idle = g_idle_add(vmm_control_finish, ctl);
}

/* Parks the vCPUs in state STATE; STOP is emitted if they were running. */
static void
vmm_control_halt(VmmControl *ctl, VmmRunState state)
{
	gboolean was_running = ctl->state == VMM_RUN_RUNNING;
	vmm_machine_pause(ctl->machine);
	ctl->state = state;
	if (was_running)
		vmm_control_emit(ctl, "STOP", NULL);
}

static void
vmm_control_guest_poweroff(VmmControl *ctl)
{
	vmm_control_emit(ctl, "SHUTDOWN", vmm_control_cause(TRUE, "guest-shutdown"));
	if (ctl->config->no_shutdown) {
		vmm_control_halt(ctl, VMM_RUN_SHUTDOWN);
		return;
	}
	vmm_control_quit(ctl, NULL, VMM_EXIT_OK);
}

static void
vmm_control_guest_panic(VmmControl *ctl)
{
	gboolean poweroff = ctl->config->on_panic == VMM_PANIC_POWEROFF;
	json_object *data = json_object_new_object();
	json_object_object_add(data, "action", json_object_new_string(poweroff ? "poweroff" : "pause"));
	vmm_control_emit(ctl, "GUEST_PANICKED", data);
	vmm_control_halt(ctl, VMM_RUN_GUEST_PANICKED);
	fprintf(stderr, _("hv-vmm: the guest kernel panicked\n"));
	if (poweroff) {
		vmm_control_emit(ctl, "SHUTDOWN", vmm_control_cause(TRUE, "guest-panic"));
		vmm_control_quit(ctl, NULL, VMM_EXIT_PANICKED);
	}
}

static void
vmm_control_guest_crashloaded(VmmControl *ctl)
{
	json_object *data = json_object_new_object();
	json_object_object_add(data, "action", json_object_new_string("run"));
	vmm_control_emit(ctl, "GUEST_CRASHLOADED", data);
}

static void
vmm_control_machine_failed(VmmControl *ctl)
{
	g_autofree char *why = vmm_machine_failure(ctl->machine);
	fprintf(stderr, _("hv-vmm: the guest cannot run any more: %s\n"), why);
	vmm_control_halt(ctl, VMM_RUN_INTERNAL_ERROR);
	if (!ctl->qmp) /* nobody could look at it */
		vmm_control_quit(ctl, NULL, VMM_EXIT_FAILURE);
}

static gboolean
vmm_control_on_event(gpointer data)
{
	VmmPendingEvent *pe = data;
	VmmControl *ctl = pe->ctl;
	if (pe->generation != ctl->generation || ctl->quit_idle)
		return G_SOURCE_REMOVE; /* an old machine's, or we are leaving */
	g_autoptr(GError) error = NULL;
	switch ((int)pe->event) {
	case VMM_GUEST_POWEROFF:
		vmm_control_guest_poweroff(ctl);
		break;
	case VMM_GUEST_RESET:
		vmm_control_reset(ctl, TRUE, &error);
		break;
	case VMM_GUEST_PANIC:
		vmm_control_guest_panic(ctl);
		break;
	case VMM_GUEST_CRASHLOADED:
		vmm_control_guest_crashloaded(ctl);
		break;
	case VMM_MACHINE_FAILED:
		vmm_control_machine_failed(ctl);
		break;
	default:
		break;
	}
	return G_SOURCE_REMOVE;
}

/* From vCPU threads: handled in the main loop. */
static void
vmm_control_guest_event(void *opaque, VmmGuestEvent event)
{
	VmmControl *ctl = opaque;
	VmmPendingEvent *pe = g_new(VmmPendingEvent, 1);
	pe->ctl = ctl;
	pe->event = event;
	pe->generation = g_atomic_int_get(&ctl->generation);
	g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT, vmm_control_on_event, pe, g_free);
}

static gboolean
vmm_control_build_machine(VmmControl *ctl, GError **error)
{
	const VmmEventSink sink = { .func = vmm_control_guest_event, .opaque = ctl };
	g_atomic_int_inc(&ctl->generation);
	ctl->machine = vmm_machine_new(ctl->config, ctl->backends, &sink, error);
	return ctl->machine != NULL;
}

gboolean
vmm_control_reset(VmmControl *ctl, gboolean by_guest, GError **error)
{
	vmm_control_emit(ctl, "RESET", vmm_control_cause(by_guest, by_guest ? "guest-reset"
	                                                                   : "host-qmp-system-reset"));
	g_clear_pointer(&ctl->machine, vmm_machine_free);
	if (ctl->state != VMM_RUN_RUNNING)
		ctl->state = VMM_RUN_PRELAUNCH; /* as QEMU: a stopped guest stays stopped */
	g_autoptr(GError) local = NULL;
	if (!vmm_control_build_machine(ctl, &local) ||
	    !vmm_machine_start(ctl->machine, ctl->state != VMM_RUN_RUNNING, &local)) {
		/* Without a machine there is nothing left to run. */
		fprintf(stderr, _("hv-vmm: cannot reset the guest: %s\n"), local->message);
		g_set_error(error, VMM_QMP_ERROR, VMM_QMP_ERROR_GENERIC, "%s", local->message);
		vmm_control_quit(ctl, "host-error", VMM_EXIT_FAILURE);
		return FALSE;
	}
	return TRUE;
}

/* After a failed reset there is no machine until hv-vmm exits. */
static gboolean
vmm_control_have_machine(VmmControl *ctl, GError **error)
{
	if (!ctl->machine)
		g_set_error(error, VMM_QMP_ERROR, VMM_QMP_ERROR_GENERIC, "The guest is gone");
	return ctl->machine != NULL;
}

gboolean
vmm_control_stop(VmmControl *ctl, GError **error)
{
	if (!vmm_control_have_machine(ctl, error))
		return FALSE;
	if (ctl->state == VMM_RUN_RUNNING)
		vmm_control_halt(ctl, VMM_RUN_PAUSED);
	return TRUE;
}

gboolean
vmm_control_cont(VmmControl *ctl, GError **error)
{
	if (!vmm_control_have_machine(ctl, error))
		return FALSE;
	if (ctl->state == VMM_RUN_SHUTDOWN || ctl->state == VMM_RUN_INTERNAL_ERROR) {
		g_set_error(error, VMM_QMP_ERROR, VMM_QMP_ERROR_GENERIC,
		            "Resetting the Virtual Machine is required");
		return FALSE;
	}
	if (ctl->state == VMM_RUN_RUNNING)
		return TRUE;
	ctl->state = VMM_RUN_RUNNING;
	vmm_machine_resume(ctl->machine);
	vmm_control_emit(ctl, "RESUME", NULL);
	return TRUE;
}

gboolean
vmm_control_powerdown(VmmControl *ctl, GError **error)
{
	if (!vmm_control_have_machine(ctl, error))
		return FALSE;
	vmm_control_emit(ctl, "POWERDOWN", NULL);
	vmm_machine_power_button(ctl->machine);
	return TRUE;
}

VmmRunState
vmm_control_state(VmmControl *ctl)
{
	return ctl->state;
}

json_object *
vmm_control_cpus(VmmControl *ctl)
{
	json_object *list = json_object_new_array();
	guint n = ctl->machine ? vmm_machine_vcpu_count(ctl->machine) : 0;
	for (guint i = 0; i < n; i++) {
		json_object *props = json_object_new_object();
		json_object_object_add(props, "core-id", json_object_new_int(0));
		json_object_object_add(props, "thread-id", json_object_new_int(0));
		json_object_object_add(props, "socket-id", json_object_new_int((int)i));
		json_object *cpu = json_object_new_object();
		json_object_object_add(cpu, "cpu-index", json_object_new_int((int)i));
		json_object_object_add(cpu, "qom-path", json_object_new_string_len("", 0));
		json_object_object_add(cpu, "thread-id",
		                       json_object_new_int(vmm_machine_vcpu_thread(ctl->machine, i)));
		json_object_object_add(cpu, "props", props);
		json_object_object_add(cpu, "target", json_object_new_string("x86_64"));
		json_object_array_add(list, cpu);
	}
	return list;
}

VmmQmpServer *
vmm_control_qmp(VmmControl *ctl)
{
	return ctl->qmp;
}

static void
vmm_control_console_input(void *opaque, const uint8_t *data, gsize len)
{
	VmmControl *ctl = opaque;
	if (!ctl->machine)
		return;
	if (ctl->config->console == VMM_CONSOLE_SERIAL) {
		vmm_machine_serial_input(ctl->machine, data, len);
		return;
	}
	if (write(ctl->backends->console_pipe[1], data, len) < 0)
		g_debug("virtio console input dropped: %s", g_strerror(errno));
}

static gboolean
vmm_control_on_console_quit(gpointer data)
{
	vmm_control_quit(data, "host-ui", VMM_EXIT_OK);
	return G_SOURCE_REMOVE;
}

static gboolean
vmm_control_on_signal(gpointer data)
{
	vmm_control_quit(data, "host-signal", VMM_EXIT_OK);
	return G_SOURCE_CONTINUE;
}

VmmControl *
vmm_control_new(const VmmConfig *cfg, GError **error)
{
	g_autoptr(VmmControl) ctl = g_new0(VmmControl, 1);
	ctl->config = cfg;
	ctl->loop = g_main_loop_new(NULL, FALSE);
	ctl->state = cfg->start_paused ? VMM_RUN_PRELAUNCH : VMM_RUN_RUNNING;
	ctl->backends = vmm_backends_open(cfg, error);
	if (!ctl->backends || !vmm_control_build_machine(ctl, error))
		return NULL;
	if (cfg->qmp_path) {
		ctl->qmp = vmm_qmp_server_new(vmm_control_qmp_commands, vmm_control_qmp_n_commands, ctl,
		                              vmm_control_qmp_version());
		if (!vmm_qmp_server_listen(ctl->qmp, cfg->qmp_path, error))
			return NULL;
	}
	if (cfg->console_socket) {
		ctl->console_socket = vmm_console_socket_new(cfg->console_socket, vmm_control_console_input,
		                                             ctl, error);
		if (!ctl->console_socket)
			return NULL;
	}
	ctl->console = vmm_console_in_new(vmm_control_console_input, vmm_control_on_console_quit, ctl);
	ctl->signal_watch[0] = g_unix_signal_add(SIGTERM, vmm_control_on_signal, ctl);
	ctl->signal_watch[1] = g_unix_signal_add(SIGINT, vmm_control_on_signal, ctl);
	return g_steal_pointer(&ctl);
}

int
vmm_control_run(VmmControl *ctl)
{
	g_autoptr(GError) error = NULL;
	if (!vmm_machine_start(ctl->machine, ctl->state != VMM_RUN_RUNNING, &error)) {
		fprintf(stderr, "hv-vmm: %s\n", error->message);
		return VMM_EXIT_FAILURE;
	}
	g_main_loop_run(ctl->loop);
	if (ctl->qmp)
		vmm_qmp_server_flush(ctl->qmp);
	return ctl->exit_status;
}

void
vmm_control_free(VmmControl *ctl)
{
	if (!ctl)
		return;
	for (guint i = 0; i < G_N_ELEMENTS(ctl->signal_watch); i++) {
		if (ctl->signal_watch[i])
			g_source_remove(ctl->signal_watch[i]);
	}
	if (ctl->quit_idle)
		g_source_remove(ctl->quit_idle);
	g_free(ctl->quit_reason);
	vmm_console_in_free(ctl->console);
	vmm_machine_free(ctl->machine);
	vmm_console_socket_free(ctl->console_socket); /* after the devices that print */
	vmm_qmp_server_free(ctl->qmp);
	vmm_backends_free(ctl->backends);
	g_main_loop_unref(ctl->loop);
	g_free(ctl);
}
