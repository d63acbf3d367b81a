/* vmm-kvm: the KVM system and VM file descriptors, the capabilities hv-vmm
 * needs, memory slots and interrupt plumbing (irq lines, irqfd, ioeventfd). */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef struct {
	int sys_fd;        /* /dev/kvm */
	int vm_fd;
	int vcpu_mmap_size;
} VmmKvm;

/* Tells whether DEVICE (normally /dev/kvm) can run a Linux guest: it must
 * exist and be backed by a hardware KVM module (kvm_intel or kvm_amd), not a
 * software one that cannot boot Linux. SYSFS_MODULE_DIR is normally
 * /sys/module. */
gboolean vmm_kvm_usable(const char *device, const char *sysfs_module_dir, GError **error);

/* Opens DEVICE, checks the API version and the capabilities hv-vmm needs,
 * and creates a VM with an in-kernel irqchip and PIT. */
VmmKvm *vmm_kvm_open(const char *device, GError **error);

/* Closes the VM and /dev/kvm. NULL-safe. */
void vmm_kvm_free(VmmKvm *kvm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmKvm, vmm_kvm_free)

/* Maps HVA (SIZE bytes) at guest physical GPA as memory slot SLOT. */
gboolean vmm_kvm_add_memory(VmmKvm *kvm, guint slot, uint64_t gpa, uint64_t size, void *hva,
                            GError **error);

/* Sets interrupt line GSI to LEVEL; thread-safe. */
void vmm_kvm_irq_line(VmmKvm *kvm, guint gsi, gboolean level);

/* Makes a write to eventfd FD inject an edge on GSI without leaving the kernel. */
gboolean vmm_kvm_irqfd(VmmKvm *kvm, int fd, guint gsi, GError **error);

/* Makes a LEN-byte guest write of DATAMATCH to MMIO ADDR signal eventfd FD
 * inside the kernel instead of exiting to a vCPU thread. */
gboolean vmm_kvm_ioeventfd(VmmKvm *kvm, int fd, uint64_t addr, guint len, uint64_t datamatch,
                           GError **error);

/* Creates vCPU ID; returns its file descriptor or -1. */
int vmm_kvm_create_vcpu(VmmKvm *kvm, guint id, GError **error);
