/* vmm-layout: the guest physical memory map, I/O ports and interrupt lines
 * of an hv-vmm machine, in one place (README.md shows the same map).
 *
 *   0x0000_0500  boot GDT
 *   0x0000_1000  PVH hvm_start_info, module list, memory map
 *   0x0000_7000  Linux zero page (boot_params) for bzImage boots
 *   0x0000_9000  identity page tables for the 64-bit bzImage entry (4 GiB)
 *   0x0002_0000  kernel command line
 *   0x0009_fc00  EBDA (reserved)
 *   0x000e_0000  ACPI: RSDP, XSDT, FADT, MADT, DSDT (reserved)
 *   0x000f_fff0  reset-vector stub: reboots through the i8042
 *   0x0010_0000  bzImage protected-mode code; ELF kernels load at p_paddr
 *   top of low RAM  initrd
 *   0xc000_0000  32-bit device hole: virtio-mmio, GED, IOAPIC, LAPIC
 *   0x1_0000_0000  RAM above 3 GiB continues here
 */
#pragma once

#include <stdint.h>

#define VMM_KiB(x) ((uint64_t)(x) << 10)
#define VMM_MiB(x) ((uint64_t)(x) << 20)
#define VMM_GiB(x) ((uint64_t)(x) << 30)

/* Boot structures in low memory (the guest keeps the first MiB reserved). */
#define VMM_GDT_ADDR        0x500
#define VMM_START_INFO_ADDR 0x1000
#define VMM_MODLIST_ADDR    0x1040
#define VMM_MEMMAP_ADDR     0x1100
#define VMM_ZERO_PAGE_ADDR  0x7000
#define VMM_PML4_ADDR       0x9000
#define VMM_PDPT_ADDR       0xa000
#define VMM_PD_ADDR         0xb000 /* four pages: 4 GiB in 2 MiB pages */
#define VMM_CMDLINE_ADDR    0x20000
#define VMM_CMDLINE_MAX     4096
#define VMM_EBDA_START      0x9fc00
#define VMM_ACPI_ADDR       0xe0000 /* RSDP first, found by a BIOS-area scan too */
#define VMM_ACPI_SIZE       0x1fff0
#define VMM_RESET_VECTOR    0xffff0 /* F000:FFF0, where a BIOS reboot jumps */
#define VMM_HIGH_MEM_START  0x100000
#define VMM_BZIMAGE_LOAD    VMM_HIGH_MEM_START

/* RAM below the device hole; the rest of RAM starts at 4 GiB. */
#define VMM_LOW_MEM_END     VMM_GiB(3)
#define VMM_HIGH_RAM_START  VMM_GiB(4)
#define VMM_MEMORY_MIN_MIB  32
#define VMM_MEMORY_MAX_MIB (1024 * 1024)

/* Devices in the hole. */
#define VMM_VIRTIO_MMIO_BASE  0xd0000000u
#define VMM_VIRTIO_MMIO_SIZE  0x1000u
#define VMM_GED_BASE          0xfeb00000u
#define VMM_GED_SIZE          0x1000u
#define VMM_IOAPIC_ADDR       0xfec00000u
#define VMM_LAPIC_ADDR        0xfee00000u
#define VMM_KVM_IDENTITY_ADDR 0xfffbc000u /* one page, Intel real-mode support */
#define VMM_KVM_TSS_ADDR      0xfffbd000u /* three pages */

/* I/O ports. */
#define VMM_COM1_PORT    0x3f8
#define VMM_I8042_DATA   0x60
#define VMM_I8042_CMD    0x64
#define VMM_PVPANIC_PORT 0x505

/* Interrupt lines (GSIs of the in-kernel IOAPIC, 24 pins). */
#define VMM_COM1_GSI        4
#define VMM_GED_GSI         9
#define VMM_VIRTIO_GSI_BASE 16
#define VMM_VIRTIO_MAX      8 /* GSIs 16..23, one per virtio-mmio device */

#define VMM_VCPUS_MAX 64
