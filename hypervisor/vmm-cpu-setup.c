/* vmm-cpu-setup: initial vCPU state. */
#include "config.h"

#include "vmm-cpu-setup.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vmm-cpuid.h"
#include "vmm-error.h"
#include "vmm-layout.h"

#define VMM_MSR_IA32_MISC_ENABLE 0x1a0
#define VMM_MSR_MTRR_DEF_TYPE    0x2ff
#define VMM_MISC_ENABLE_FAST_STRING 0x1
#define VMM_MTRR_ENABLE_WB      ((1u << 11) | 6u) /* MTRRs on, default write-back */

#define VMM_CR0_PE 0x1ull
#define VMM_CR0_ET 0x10ull
#define VMM_CR0_PG 0x80000000ull
#define VMM_CR4_PAE 0x20ull
#define VMM_EFER_LME 0x100ull
#define VMM_EFER_LMA 0x400ull

#define VMM_APIC_LVT_LINT0 0x350
#define VMM_APIC_LVT_LINT1 0x360
#define VMM_APIC_MODE_EXTINT 0x700u
#define VMM_APIC_MODE_NMI    0x400u
#define VMM_APIC_MODE_MASK   0x700u
#define VMM_APIC_LVT_MASKED  0x10000u

static gboolean
vmm_cpu_ioctl(int fd, unsigned long req, void *arg, const char *name, GError **error)
{
	if (ioctl(fd, req, arg) < 0) {
		vmm_set_errno(error, errno, "%s", name);
		return FALSE;
	}
	return TRUE;
}

static gboolean
vmm_cpu_set_msrs(int fd, GError **error)
{
	g_autofree struct kvm_msrs *msrs = g_malloc0(sizeof *msrs + 2 * sizeof msrs->entries[0]);
	msrs->nmsrs = 2;
	msrs->entries[0] = (struct kvm_msr_entry){ .index = VMM_MSR_IA32_MISC_ENABLE,
		                                   .data = VMM_MISC_ENABLE_FAST_STRING };
	msrs->entries[1] = (struct kvm_msr_entry){ .index = VMM_MSR_MTRR_DEF_TYPE,
		                                   .data = VMM_MTRR_ENABLE_WB };
	int n = ioctl(fd, KVM_SET_MSRS, msrs);
	if (n != 2) {
		vmm_set_errno(error, n < 0 ? errno : EINVAL, "KVM_SET_MSRS (%d of 2 set)", n);
		return FALSE;
	}
	return TRUE;
}

/* LINT0 takes the 8259 (ExtINT), LINT1 the NMI: virtual-wire mode, so the
 * PIC reaches the guest until it switches to the IOAPIC. */
static gboolean
vmm_cpu_set_lint(int fd, GError **error)
{
	struct kvm_lapic_state lapic;
	if (!vmm_cpu_ioctl(fd, KVM_GET_LAPIC, &lapic, "KVM_GET_LAPIC", error))
		return FALSE;
	uint32_t lint0, lint1;
	memcpy(&lint0, lapic.regs + VMM_APIC_LVT_LINT0, 4);
	memcpy(&lint1, lapic.regs + VMM_APIC_LVT_LINT1, 4);
	lint0 = (lint0 & ~(VMM_APIC_MODE_MASK | VMM_APIC_LVT_MASKED)) | VMM_APIC_MODE_EXTINT;
	lint1 = (lint1 & ~(VMM_APIC_MODE_MASK | VMM_APIC_LVT_MASKED)) | VMM_APIC_MODE_NMI;
	memcpy(lapic.regs + VMM_APIC_LVT_LINT0, &lint0, 4);
	memcpy(lapic.regs + VMM_APIC_LVT_LINT1, &lint1, 4);
	return vmm_cpu_ioctl(fd, KVM_SET_LAPIC, &lapic, "KVM_SET_LAPIC", error);
}

gboolean
vmm_cpu_setup_common(int fd, const struct kvm_cpuid2 *supported, guint index, guint n_vcpus,
                     GError **error)
{
	g_autofree struct kvm_cpuid2 *cpuid = vmm_cpuid_for_vcpu(supported, index, n_vcpus);
	struct kvm_fpu fpu = { .fcw = 0x37f, .mxcsr = 0x1f80 };
	return vmm_cpu_ioctl(fd, KVM_SET_CPUID2, cpuid, "KVM_SET_CPUID2", error) &&
	       vmm_cpu_set_msrs(fd, error) &&
	       vmm_cpu_ioctl(fd, KVM_SET_FPU, &fpu, "KVM_SET_FPU", error) &&
	       vmm_cpu_set_lint(fd, error);
}

static struct kvm_segment
vmm_cpu_segment(uint16_t selector, uint8_t type, gboolean code64)
{
	return (struct kvm_segment){
		.base = 0,
		.limit = 0xffffffff,
		.selector = selector,
		.type = type,
		.present = 1,
		.s = 1,
		.db = code64 ? 0 : 1,
		.l = code64 ? 1 : 0,
		.g = 1,
	};
}

static void
vmm_cpu_boot_sregs(struct kvm_sregs *s, VmmBootMode mode)
{
	gboolean lm = mode == VMM_BOOT_LINUX64;
	s->cs = vmm_cpu_segment(0x10, 0xb, lm);
	s->ds = s->es = s->fs = s->gs = s->ss = vmm_cpu_segment(0x18, 0x3, FALSE);
	s->tr = (struct kvm_segment){ .selector = 0x20, .limit = 0x67, .type = 0xb, .present = 1 };
	s->gdt.base = VMM_GDT_ADDR;
	s->gdt.limit = 5 * 8 - 1;
	s->idt.base = 0;
	s->idt.limit = 0;
	s->cr0 = VMM_CR0_PE | VMM_CR0_ET;
	s->cr4 = 0;
	s->efer = 0;
	if (lm) {
		s->cr0 |= VMM_CR0_PG;
		s->cr3 = VMM_PML4_ADDR;
		s->cr4 = VMM_CR4_PAE;
		s->efer = VMM_EFER_LME | VMM_EFER_LMA;
	}
}

gboolean
vmm_cpu_setup_boot(int fd, const VmmBootInfo *boot, GError **error)
{
	struct kvm_sregs sregs;
	if (!vmm_cpu_ioctl(fd, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS", error))
		return FALSE;
	vmm_cpu_boot_sregs(&sregs, boot->mode);
	struct kvm_regs regs = { .rflags = 0x2, .rip = boot->entry };
	if (boot->mode == VMM_BOOT_PVH)
		regs.rbx = boot->boot_data;
	else
		regs.rsi = boot->boot_data;
	return vmm_cpu_ioctl(fd, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS", error) &&
	       vmm_cpu_ioctl(fd, KVM_SET_REGS, &regs, "KVM_SET_REGS", error);
}
