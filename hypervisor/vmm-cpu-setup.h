/* vmm-cpu-setup: the state a vCPU starts in: CPUID, MSRs, FPU, LAPIC
 * virtual-wire mode, and for the boot processor the registers of the
 * kernel's entry point (PVH or 64-bit Linux). */
#pragma once

#include <glib.h>
#include <linux/kvm.h>

#include "vmm-boot.h"

/* Sets CPUID, MSRs, FPU and LAPIC LINT pins of vCPU INDEX (descriptor FD)
 * of N_VCPUS, from KVM's SUPPORTED CPUID. */
gboolean vmm_cpu_setup_common(int fd, const struct kvm_cpuid2 *supported, guint index,
                              guint n_vcpus, GError **error);

/* Puts the boot vCPU (descriptor FD) at the kernel entry described by BOOT. */
gboolean vmm_cpu_setup_boot(int fd, const VmmBootInfo *boot, GError **error);
