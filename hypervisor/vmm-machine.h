/* vmm-machine: one guest machine: a KVM VM with its memory, devices, ACPI
 * tables, loaded kernel and vCPUs. A reset builds a new machine; the
 * backends (disks, tap) stay. */
#pragma once

#include <sys/types.h>

#include <glib.h>

#include "vmm-backends.h"
#include "vmm-config.h"
#include "vmm-events.h"

/* Events beyond the guest's own (vmm-events.h): KVM failed to run a vCPU. */
#define VMM_MACHINE_FAILED ((VmmGuestEvent)100)

typedef struct VmmMachine VmmMachine;

/* Builds the machine CFG describes on BE's devices; guest events go to SINK
 * (from vCPU threads). The vCPUs do not run yet. */
VmmMachine *vmm_machine_new(const VmmConfig *cfg, const VmmBackends *be, const VmmEventSink *sink,
                            GError **error);

/* Starts the vCPU threads (parked if PAUSED). */
gboolean vmm_machine_start(VmmMachine *m, gboolean paused, GError **error);

/* Stops the vCPUs (returns once none runs guest code) and lets them go on. */
void vmm_machine_pause(VmmMachine *m);
void vmm_machine_resume(VmmMachine *m);

/* Presses the ACPI power button. */
void vmm_machine_power_button(VmmMachine *m);

/* Gives console input to the serial port. */
void vmm_machine_serial_input(VmmMachine *m, const uint8_t *data, gsize len);

/* Number of vCPUs and the host thread of each (for query-cpus-fast). */
guint vmm_machine_vcpu_count(VmmMachine *m);
pid_t vmm_machine_vcpu_thread(VmmMachine *m, guint index);

/* What went wrong after VMM_MACHINE_FAILED (NULL before). */
char *vmm_machine_failure(VmmMachine *m);

/* Stops everything and frees the machine. NULL-safe. */
void vmm_machine_free(VmmMachine *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmMachine, vmm_machine_free)
