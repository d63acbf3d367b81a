/* vmm-kvm: KVM system and VM handles. */
#include "config.h"

#include "vmm-kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <linux/kvm.h>

#include "vmm-error.h"
#include "vmm-layout.h"

static const struct {
	int cap;
	const char *name;
} vmm_kvm_required[] = {
	{ KVM_CAP_IRQCHIP, "IRQCHIP" },
	{ KVM_CAP_USER_MEMORY, "USER_MEMORY" },
	{ KVM_CAP_SET_TSS_ADDR, "SET_TSS_ADDR" },
	{ KVM_CAP_SET_IDENTITY_MAP_ADDR, "SET_IDENTITY_MAP_ADDR" },
	{ KVM_CAP_EXT_CPUID, "EXT_CPUID" },
	{ KVM_CAP_PIT2, "PIT2" },
	{ KVM_CAP_IOEVENTFD, "IOEVENTFD" },
	{ KVM_CAP_IRQFD, "IRQFD" },
	{ KVM_CAP_IMMEDIATE_EXIT, "IMMEDIATE_EXIT" },
};

gboolean
vmm_kvm_usable(const char *device, const char *sysfs_module_dir, GError **error)
{
	if (access(device, R_OK | W_OK) != 0) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_NO_KVM,
		            _("%s is not usable (%s): this host offers no KVM; load kvm_intel or "
		              "kvm_amd"),
		            device, g_strerror(errno));
		return FALSE;
	}
	static const char *const hw_modules[] = { "kvm_intel", "kvm_amd" };
	for (gsize i = 0; i < G_N_ELEMENTS(hw_modules); i++) {
		g_autofree char *dir = g_build_filename(sysfs_module_dir, hw_modules[i], NULL);
		if (g_file_test(dir, G_FILE_TEST_IS_DIR))
			return TRUE;
	}
	g_set_error(error, VMM_ERROR, VMM_ERROR_NO_KVM,
	            _("%s is not backed by a hardware KVM (neither kvm_intel nor kvm_amd is "
	              "loaded); a software KVM cannot boot Linux guests"),
	            device);
	return FALSE;
}

static gboolean
vmm_kvm_check_caps(VmmKvm *kvm, GError **error)
{
	int version = ioctl(kvm->sys_fd, KVM_GET_API_VERSION, 0);
	if (version != KVM_API_VERSION) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_NO_KVM,
		            _("KVM API version %d is not supported (need %d)"), version,
		            KVM_API_VERSION);
		return FALSE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(vmm_kvm_required); i++) {
		if (ioctl(kvm->sys_fd, KVM_CHECK_EXTENSION, vmm_kvm_required[i].cap) <= 0) {
			g_set_error(error, VMM_ERROR, VMM_ERROR_NO_KVM,
			            _("KVM lacks the capability KVM_CAP_%s that hv-vmm needs"),
			            vmm_kvm_required[i].name);
			return FALSE;
		}
	}
	kvm->vcpu_mmap_size = ioctl(kvm->sys_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (kvm->vcpu_mmap_size <= 0) {
		vmm_set_errno(error, errno, "KVM_GET_VCPU_MMAP_SIZE");
		return FALSE;
	}
	return TRUE;
}

/* The VM with what every x86 guest of ours has: the TSS and identity-map
 * pages Intel's real-mode emulation needs, in-kernel PIC/IOAPIC/LAPIC, and
 * the in-kernel PIT (with a dummy speaker port, which the guest's PIT
 * calibration reads). */
static gboolean
vmm_kvm_create_vm(VmmKvm *kvm, GError **error)
{
	kvm->vm_fd = ioctl(kvm->sys_fd, KVM_CREATE_VM, 0);
	if (kvm->vm_fd < 0) {
		vmm_set_errno(error, errno, "KVM_CREATE_VM");
		return FALSE;
	}
	uint64_t identity = VMM_KVM_IDENTITY_ADDR;
	struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };
	if (ioctl(kvm->vm_fd, KVM_SET_TSS_ADDR, (unsigned long)VMM_KVM_TSS_ADDR) < 0 ||
	    ioctl(kvm->vm_fd, KVM_SET_IDENTITY_MAP_ADDR, &identity) < 0) {
		vmm_set_errno(error, errno, "cannot place KVM's TSS pages");
		return FALSE;
	}
	if (ioctl(kvm->vm_fd, KVM_CREATE_IRQCHIP, 0) < 0) {
		vmm_set_errno(error, errno, "KVM_CREATE_IRQCHIP");
		return FALSE;
	}
	if (ioctl(kvm->vm_fd, KVM_CREATE_PIT2, &pit) < 0) {
		vmm_set_errno(error, errno, "KVM_CREATE_PIT2");
		return FALSE;
	}
	return TRUE;
}

VmmKvm *
vmm_kvm_open(const char *device, GError **error)
{
	g_autoptr(VmmKvm) kvm = g_new0(VmmKvm, 1);
	kvm->vm_fd = -1;
	kvm->sys_fd = open(device, O_RDWR | O_CLOEXEC);
	if (kvm->sys_fd < 0) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_NO_KVM, _("cannot open %s: %s"), device,
		            g_strerror(errno));
		return NULL;
	}
	if (!vmm_kvm_check_caps(kvm, error) || !vmm_kvm_create_vm(kvm, error))
		return NULL;
	return g_steal_pointer(&kvm);
}

void
vmm_kvm_free(VmmKvm *kvm)
{
	if (!kvm)
		return;
	if (kvm->vm_fd >= 0)
		close(kvm->vm_fd);
	if (kvm->sys_fd >= 0)
		close(kvm->sys_fd);
	g_free(kvm);
}

gboolean
vmm_kvm_add_memory(VmmKvm *kvm, guint slot, uint64_t gpa, uint64_t size, void *hva,
                   GError **error)
{
	struct kvm_userspace_memory_region region = {
		.slot = slot,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uint64_t)(uintptr_t)hva,
	};
	if (ioctl(kvm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		vmm_set_errno(error, errno, "KVM_SET_USER_MEMORY_REGION");
		return FALSE;
	}
	return TRUE;
}

void
vmm_kvm_irq_line(VmmKvm *kvm, guint gsi, gboolean level)
{
	struct kvm_irq_level irq = { .irq = gsi, .level = level ? 1 : 0 };
	if (ioctl(kvm->vm_fd, KVM_IRQ_LINE, &irq) < 0)
		g_debug("KVM_IRQ_LINE %u: %s", gsi, g_strerror(errno));
}

gboolean
vmm_kvm_irqfd(VmmKvm *kvm, int fd, guint gsi, GError **error)
{
	struct kvm_irqfd irqfd = { .fd = (uint32_t)fd, .gsi = gsi };
	if (ioctl(kvm->vm_fd, KVM_IRQFD, &irqfd) < 0) {
		vmm_set_errno(error, errno, "KVM_IRQFD for GSI %u", gsi);
		return FALSE;
	}
	return TRUE;
}

gboolean
vmm_kvm_ioeventfd(VmmKvm *kvm, int fd, uint64_t addr, guint len, uint64_t datamatch,
                  GError **error)
{
	struct kvm_ioeventfd ioev = {
		.datamatch = datamatch,
		.addr = addr,
		.len = len,
		.fd = fd,
		.flags = KVM_IOEVENTFD_FLAG_DATAMATCH,
	};
	if (ioctl(kvm->vm_fd, KVM_IOEVENTFD, &ioev) < 0) {
		vmm_set_errno(error, errno, "KVM_IOEVENTFD at 0x%" G_GINT64_MODIFIER "x", addr);
		return FALSE;
	}
	return TRUE;
}

int
vmm_kvm_create_vcpu(VmmKvm *kvm, guint id, GError **error)
{
	int fd = ioctl(kvm->vm_fd, KVM_CREATE_VCPU, (unsigned long)id);
	if (fd < 0)
		vmm_set_errno(error, errno, "KVM_CREATE_VCPU %u", id);
	return fd;
}
