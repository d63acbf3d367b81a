/* Fuzz target: a guest driver's view of a virtqueue is the guest's memory.
 * The input is that memory (descriptor table, available and used rings,
 * indirect tables); the device pops and returns every chain it offers.
 * Nothing outside guest memory may be touched (ASan checks). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "vmm-virtqueue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MEM 0x4000

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *ram = g_malloc0(FUZZ_MEM);
	memcpy(ram, data, MIN(size, (size_t)FUZZ_MEM));
	VmmMemory *mem = vmm_memory_new_for_buffer(ram, 0, FUZZ_MEM);
	/* Up to 16 entries, so a short input already reaches the rings. */
	VmmVirtqueue vq = { .size = (uint16_t)(1u << (size ? data[0] % 5 : 3)),
		            .desc_gpa = 0x0,
		            .avail_gpa = 0x100,
		            .used_gpa = 0x200 };
	VmmVqChain chain;
	vmm_vq_chain_init(&chain, 64);
	if (vmm_vq_enable(&vq, mem)) {
		for (int i = 0; i < 512 && vmm_vq_pop(&vq, mem, &chain) > 0; i++)
			vmm_vq_push(&vq, chain.head, (uint32_t)chain.in_len);
	}
	vmm_vq_chain_clear(&chain);
	vmm_memory_free(mem);
	g_free(ram);
	return 0;
}
