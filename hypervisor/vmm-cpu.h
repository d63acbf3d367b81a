/* vmm-cpu: one thread per vCPU running KVM_RUN; port and MMIO exits go to
 * the bus, everything else to the host callbacks. The owner pauses, resumes
 * and stops all vCPUs together. */
#pragma once

#include <sys/types.h>

#include <glib.h>
#include <linux/kvm.h>

#include "vmm-boot.h"
#include "vmm-bus.h"
#include "vmm-kvm.h"

typedef struct {
	VmmBus *bus;
	/* The guest reset the machine (triple fault). Called on a vCPU thread,
	 * which then parks until the vCPUs are stopped. */
	void (*guest_reset)(void *opaque);
	/* KVM cannot go on running vCPU INDEX (internal error, failed entry):
	 * WHY says what and where. That vCPU parks too. */
	void (*fatal)(void *opaque, guint index, const char *why);
	void *opaque;
} VmmCpuHost;

typedef struct VmmCpus VmmCpus;

/* Creates N vCPUs of KVM with their run structures; threads start later. */
VmmCpus *vmm_cpus_new(VmmKvm *kvm, guint n, const VmmCpuHost *host, GError **error);

/* Initial state: CPUID etc. for all, the kernel entry for vCPU 0. */
gboolean vmm_cpus_setup(VmmCpus *cpus, const struct kvm_cpuid2 *supported,
                        const VmmBootInfo *boot, GError **error);

/* Starts the vCPU threads; with PAUSED they park before entering the guest. */
gboolean vmm_cpus_start(VmmCpus *cpus, gboolean paused, GError **error);

/* Returns once every vCPU has left the guest and parked. */
void vmm_cpus_pause(VmmCpus *cpus);

/* Lets parked vCPUs run again. */
void vmm_cpus_resume(VmmCpus *cpus);

/* Stops and joins the threads and releases the vCPUs. NULL-safe. */
void vmm_cpus_free(VmmCpus *cpus);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmCpus, vmm_cpus_free)

/* Number of vCPUs. */
guint vmm_cpus_count(VmmCpus *cpus);

/* Host thread ID of vCPU INDEX (0 before its thread runs). */
pid_t vmm_cpus_thread_id(VmmCpus *cpus, guint index);
