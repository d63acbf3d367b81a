/* vmm-e820: the guest's memory map, the same for the bzImage zero page and
 * the PVH start info (both use the e820 type numbers). */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef enum {
	VMM_E820_RAM = 1,
	VMM_E820_RESERVED = 2,
} VmmE820Type;

typedef struct {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} VmmE820Entry;

#define VMM_E820_MAX 8

/* Fills OUT with the map of a machine with RAM_SIZE bytes of RAM (at least
 * VMM_MEMORY_MIN_MIB); returns the number of entries. */
guint vmm_e820_build(uint64_t ram_size, VmmE820Entry out[VMM_E820_MAX]);
