/* vmm-pvh: the PVH start info. */
#include "config.h"

#include "vmm-pvh.h"

#include <string.h>

#include "vmm-bus.h"

void
vmm_pvh_start_info(uint8_t *info, uint8_t *modlist, uint8_t *memmap, uint64_t cmdline_addr,
                   uint64_t modlist_addr, uint64_t initrd_addr, uint64_t initrd_size,
                   uint64_t memmap_addr, const VmmE820Entry *e820, guint n_e820,
                   uint64_t rsdp_addr)
{
	memset(info, 0, VMM_PVH_INFO_SIZE);
	vmm_le_put(info + 0, 4, VMM_PVH_MAGIC);
	vmm_le_put(info + 4, 4, 1); /* version 1: memmap fields present */
	if (initrd_size) {
		memset(modlist, 0, VMM_PVH_MODLIST_ENTRY);
		vmm_le_put(modlist + 0, 8, initrd_addr);
		vmm_le_put(modlist + 8, 8, initrd_size);
		vmm_le_put(info + 12, 4, 1);
		vmm_le_put(info + 16, 8, modlist_addr);
	}
	vmm_le_put(info + 24, 8, cmdline_addr);
	vmm_le_put(info + 32, 8, rsdp_addr);
	vmm_le_put(info + 40, 8, memmap_addr);
	vmm_le_put(info + 48, 4, n_e820);
	for (guint i = 0; i < n_e820; i++) {
		uint8_t *e = memmap + i * VMM_PVH_MEMMAP_ENTRY;
		memset(e, 0, VMM_PVH_MEMMAP_ENTRY);
		vmm_le_put(e + 0, 8, e820[i].addr);
		vmm_le_put(e + 8, 8, e820[i].size);
		vmm_le_put(e + 16, 4, e820[i].type);
	}
}
