/* vmm-error: the GError domain of hv-vmm. Library code returns these; only
 * main prints them and decides the exit status. */
#pragma once

#include <glib.h>

#define VMM_ERROR (vmm_error_quark())

typedef enum {
	VMM_ERROR_FAILED,       /* a system call or KVM ioctl failed */
	VMM_ERROR_NO_KVM,       /* no usable KVM on this host */
	VMM_ERROR_INVALID,      /* bad option or argument */
	VMM_ERROR_KERNEL,       /* the kernel image cannot be booted */
	VMM_ERROR_NO_SPACE,     /* it does not fit into guest memory */
	VMM_ERROR_BUSY,         /* a disk image or tap is used by someone else */
} VmmErrorCode;

/* The error domain of hv-vmm. */
GQuark vmm_error_quark(void);

/* Sets ERROR to "PREFIX: strerror(errno_value)" with VMM_ERROR_FAILED. */
void vmm_set_errno(GError **error, int errno_value, const char *format, ...)
	G_GNUC_PRINTF(3, 4);
