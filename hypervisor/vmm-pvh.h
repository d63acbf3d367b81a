/* vmm-pvh: the hvm_start_info structure (version 1, with a memory map) that
 * a PVH kernel finds in %ebx at its 32-bit entry point. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-e820.h"

#define VMM_PVH_MAGIC         0x336ec578
#define VMM_PVH_INFO_SIZE     56
#define VMM_PVH_MODLIST_ENTRY 32
#define VMM_PVH_MEMMAP_ENTRY  24

/* Fills INFO (VMM_PVH_INFO_SIZE bytes), MODLIST (one entry when INITRD_SIZE
 * is not 0) and MEMMAP (N_E820 entries); the *_ADDR arguments say where the
 * guest finds each of them. */
void vmm_pvh_start_info(uint8_t *info, uint8_t *modlist, uint8_t *memmap, uint64_t cmdline_addr,
                        uint64_t modlist_addr, uint64_t initrd_addr, uint64_t initrd_size,
                        uint64_t memmap_addr, const VmmE820Entry *e820, guint n_e820,
                        uint64_t rsdp_addr);
