/* vmm-cpuid: filtered CPUID with topology. */
#include "config.h"

#include "vmm-cpuid.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vmm-error.h"

#define CPUID_1_ECX_VMX        (1u << 5)
#define CPUID_1_ECX_HYPERVISOR (1u << 31)
#define CPUID_1_EDX_HTT        (1u << 28)
#define CPUID_8001_ECX_SVM     (1u << 2)

struct kvm_cpuid2 *
vmm_cpuid_supported(int sys_fd, GError **error)
{
	for (guint n = 64; n <= 4096; n *= 2) {
		struct kvm_cpuid2 *c = g_malloc0(sizeof *c + n * sizeof c->entries[0]);
		c->nent = n;
		if (ioctl(sys_fd, KVM_GET_SUPPORTED_CPUID, c) == 0)
			return c;
		int err = errno;
		g_free(c);
		if (err != E2BIG) {
			vmm_set_errno(error, err, "KVM_GET_SUPPORTED_CPUID");
			return NULL;
		}
	}
	g_set_error(error, VMM_ERROR, VMM_ERROR_FAILED, "KVM_GET_SUPPORTED_CPUID: too many entries");
	return NULL;
}

/* Bits needed to number N things (0 for one). */
static guint
vmm_cpuid_bits(guint n)
{
	guint bits = 0;
	while ((1u << bits) < n)
		bits++;
	return bits;
}

static gboolean
vmm_cpuid_is_intel(const struct kvm_cpuid2 *c)
{
	for (guint i = 0; i < c->nent; i++) {
		const struct kvm_cpuid_entry2 *e = &c->entries[i];
		if (e->function == 0)
			return memcmp(&e->ebx, "Genu", 4) == 0 && memcmp(&e->edx, "ineI", 4) == 0;
	}
	return FALSE;
}

/* Leaf 0xb: SMT level of one thread, core level of N cores. */
static void
vmm_cpuid_topology_leaf(struct kvm_cpuid_entry2 *e, guint apic_id, guint n)
{
	e->edx = apic_id;
	switch (e->index) {
	case 0:
		e->eax = 0;
		e->ebx = 1;
		e->ecx = (1u << 8) | 0;
		break;
	case 1:
		e->eax = vmm_cpuid_bits(n);
		e->ebx = n;
		e->ecx = (2u << 8) | 1;
		break;
	default:
		e->eax = e->ebx = 0;
		e->ecx = e->index;
		break;
	}
}

static void
vmm_cpuid_fix_entry(struct kvm_cpuid_entry2 *e, guint apic_id, guint n, gboolean intel)
{
	switch (e->function) {
	case 1:
		e->ebx = (e->ebx & 0xffffu) | (apic_id << 24) | ((1u << vmm_cpuid_bits(n)) << 16);
		e->ecx = (e->ecx & ~CPUID_1_ECX_VMX) | CPUID_1_ECX_HYPERVISOR;
		e->edx = n > 1 ? e->edx | CPUID_1_EDX_HTT : e->edx & ~CPUID_1_EDX_HTT;
		break;
	case 4: /* deterministic cache parameters: cores per package, sharing */
		if (intel && (e->eax & 0x1f) != 0) {
			guint level = (e->eax >> 5) & 7;
			guint sharing = level == 3 ? n - 1 : 0;
			e->eax = (e->eax & 0x3fffu) | ((n - 1) << 26) | (sharing << 14);
		}
		break;
	case 0xa: /* no virtual PMU */
		e->eax = e->ebx = e->ecx = e->edx = 0;
		break;
	case 0xb:
		vmm_cpuid_topology_leaf(e, apic_id, n);
		break;
	case 0x80000001:
		e->ecx &= ~CPUID_8001_ECX_SVM;
		break;
	case 0x80000008: /* AMD: number of cores minus one */
		e->ecx = (e->ecx & ~0xf0ffu) | (n - 1);
		break;
	case 0x8000001e: /* AMD extended APIC ID, one core per compute unit */
		e->eax = apic_id;
		e->ebx = apic_id & 0xff;
		e->ecx = 0;
		break;
	default:
		break;
	}
}

struct kvm_cpuid2 *
vmm_cpuid_for_vcpu(const struct kvm_cpuid2 *supported, guint index, guint n_vcpus)
{
	gsize size = sizeof *supported + supported->nent * sizeof supported->entries[0];
	struct kvm_cpuid2 *c = g_malloc0(size);
	gboolean intel = vmm_cpuid_is_intel(supported);
	guint n = 0;
	for (guint i = 0; i < supported->nent; i++) {
		struct kvm_cpuid_entry2 e = supported->entries[i];
		if (e.function == 0x1f) /* v2 topology: leave the guest on leaf 0xb */
			continue;
		vmm_cpuid_fix_entry(&e, index, n_vcpus, intel);
		c->entries[n++] = e;
	}
	c->nent = n;
	return c;
}
