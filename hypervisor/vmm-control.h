/* vmm-control: the life of one guest as QMP sees it: run states
 * (prelaunch, running, paused, shutdown, guest-panicked, internal-error),
 * the guest's power-off, reset and panic turned into QMP events, QMP
 * commands turned into machine operations, and the process's exit status. */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "vmm-config.h"
#include "vmm-qmp.h"

typedef enum {
	VMM_RUN_PRELAUNCH,
	VMM_RUN_RUNNING,
	VMM_RUN_PAUSED,
	VMM_RUN_SHUTDOWN,
	VMM_RUN_GUEST_PANICKED,
	VMM_RUN_INTERNAL_ERROR,
} VmmRunState;

/* Exit statuses of hv-vmm. */
#define VMM_EXIT_OK       0
#define VMM_EXIT_FAILURE  1
#define VMM_EXIT_PANICKED 2

typedef struct VmmControl VmmControl;

/* Opens the backends, builds the machine and the QMP socket for CFG
 * (kept by reference). */
VmmControl *vmm_control_new(const VmmConfig *cfg, GError **error);

/* Runs the guest until hv-vmm should exit; returns the exit status. */
int vmm_control_run(VmmControl *ctl);

/* Frees everything. NULL-safe. */
void vmm_control_free(VmmControl *ctl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmControl, vmm_control_free)

/* Operations behind the QMP commands (vmm-control-qmp.c); each returns
 * FALSE with ERROR when the current state does not allow it. */
gboolean vmm_control_stop(VmmControl *ctl, GError **error);
gboolean vmm_control_cont(VmmControl *ctl, GError **error);
gboolean vmm_control_powerdown(VmmControl *ctl, GError **error);
gboolean vmm_control_reset(VmmControl *ctl, gboolean by_guest, GError **error);
void vmm_control_quit(VmmControl *ctl, const char *reason, int status);
VmmRunState vmm_control_state(VmmControl *ctl);
json_object *vmm_control_cpus(VmmControl *ctl);

/* QMP's name of STATE ("running", "paused", ...). */
const char *vmm_run_state_name(VmmRunState state);

/* hv-vmm's QMP commands (their OPAQUE is the VmmControl). */
extern const VmmQmpCommand vmm_control_qmp_commands[];
extern const guint vmm_control_qmp_n_commands;

/* The "version" object of the QMP greeting and of query-version. */
json_object *vmm_control_qmp_version(void);

/* The QMP server of CTL (for query-commands). */
VmmQmpServer *vmm_control_qmp(VmmControl *ctl);
