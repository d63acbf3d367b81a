/* vmm-cpuid: the CPUID a vCPU sees: what KVM supports on this host
 * (KVM_GET_SUPPORTED_CPUID), without nested virtualization or a PMU, with
 * the hypervisor bit and a topology of one socket with N cores. */
#pragma once

#include <stdint.h>

#include <glib.h>
#include <linux/kvm.h>

/* Asks KVM (/dev/kvm descriptor SYS_FD) what CPUID it can offer; free with g_free. */
struct kvm_cpuid2 *vmm_cpuid_supported(int sys_fd, GError **error);

/* A copy of SUPPORTED filtered for vCPU INDEX of N_VCPUS (its APIC ID is
 * INDEX); free with g_free. */
struct kvm_cpuid2 *vmm_cpuid_for_vcpu(const struct kvm_cpuid2 *supported, guint index,
                                      guint n_vcpus);
