/* vmm-boot: puts a kernel, initrd and command line into guest memory with
 * the boot structures its entry point expects: PVH (vmlinux with the PVH
 * ELF note, 32-bit entry) or the Linux 64-bit boot protocol (bzImage). */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-memory.h"

typedef enum {
	VMM_BOOT_PVH,     /* 32-bit protected mode, %ebx = hvm_start_info */
	VMM_BOOT_LINUX64, /* long mode, identity paging, %rsi = zero page */
} VmmBootMode;

typedef struct {
	VmmBootMode mode;
	uint64_t entry;       /* first instruction */
	uint64_t boot_data;   /* start info or zero page address */
	uint64_t kernel_end;  /* first byte the kernel does not need */
	uint64_t initrd_addr; /* 0 without an initrd */
	uint64_t initrd_size;
} VmmBootInfo;

/* Loads KERNEL (vmlinux or bzImage), INITRD (may be NULL) and CMDLINE into
 * MEM and writes the boot structures; the ACPI tables' RSDP must already be
 * at VMM_ACPI_ADDR or go there before the guest starts. */
gboolean vmm_boot_load(VmmMemory *mem, const char *kernel, const char *initrd,
                       const char *cmdline, VmmBootInfo *info, GError **error);

/* Writes the boot GDT for MODE at VMM_GDT_ADDR: null, null, code at 0x10
 * (64-bit for LINUX64, 32-bit for PVH), flat data at 0x18, TSS at 0x20. */
gboolean vmm_boot_write_gdt(VmmMemory *mem, VmmBootMode mode);
