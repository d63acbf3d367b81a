/* vmm-e820: the guest's memory map. */
#include "config.h"

#include "vmm-e820.h"

#include "vmm-layout.h"

static guint
vmm_e820_add(VmmE820Entry *out, guint n, uint64_t addr, uint64_t size, uint32_t type)
{
	out[n] = (VmmE820Entry){ .addr = addr, .size = size, .type = type };
	return n + 1;
}

guint
vmm_e820_build(uint64_t ram_size, VmmE820Entry out[VMM_E820_MAX])
{
	uint64_t low_end = MIN(ram_size, VMM_LOW_MEM_END);
	guint n = 0;
	/* Conventional memory below the EBDA, then the BIOS area, where the
	 * ACPI tables live, kept away from the guest's allocator. */
	n = vmm_e820_add(out, n, 0, VMM_EBDA_START, VMM_E820_RAM);
	n = vmm_e820_add(out, n, VMM_EBDA_START, 0xa0000 - VMM_EBDA_START, VMM_E820_RESERVED);
	n = vmm_e820_add(out, n, VMM_ACPI_ADDR, VMM_HIGH_MEM_START - VMM_ACPI_ADDR,
	                 VMM_E820_RESERVED);
	n = vmm_e820_add(out, n, VMM_HIGH_MEM_START, low_end - VMM_HIGH_MEM_START, VMM_E820_RAM);
	if (ram_size > low_end)
		n = vmm_e820_add(out, n, VMM_HIGH_RAM_START, ram_size - low_end, VMM_E820_RAM);
	return n;
}
