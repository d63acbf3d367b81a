/* vmm-memory: guest RAM from a memfd, and address translation. */
#include "config.h"

#include "vmm-memory.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmm-error.h"
#include "vmm-layout.h"

static void
vmm_memory_split(VmmMemory *mem)
{
	uint64_t low = MIN(mem->size, VMM_LOW_MEM_END);
	mem->regions[0] = (VmmMemRegion){ .gpa = 0, .size = low, .hva = mem->base };
	mem->n_regions = 1;
	if (mem->size > low) {
		mem->regions[1] = (VmmMemRegion){ .gpa = VMM_HIGH_RAM_START,
			                          .size = mem->size - low,
			                          .hva = mem->base + low };
		mem->n_regions = 2;
	}
}

VmmMemory *
vmm_memory_new(uint64_t size, GError **error)
{
	g_autoptr(VmmMemory) mem = g_new0(VmmMemory, 1);
	mem->size = size;
	mem->fd = memfd_create("hv-vmm-ram", MFD_CLOEXEC);
	if (mem->fd < 0) {
		vmm_set_errno(error, errno, "memfd_create");
		return NULL;
	}
	if (ftruncate(mem->fd, (off_t)size) < 0) {
		vmm_set_errno(error, errno, "cannot size guest memory to %" G_GUINT64_FORMAT " bytes",
		              size);
		return NULL;
	}
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, mem->fd, 0);
	if (p == MAP_FAILED) {
		vmm_set_errno(error, errno, "cannot map guest memory");
		return NULL;
	}
	mem->base = p;
	vmm_memory_split(mem);
	return g_steal_pointer(&mem);
}

VmmMemory *
vmm_memory_new_for_buffer(void *buf, uint64_t gpa, uint64_t size)
{
	VmmMemory *mem = g_new0(VmmMemory, 1);
	mem->fd = -1;
	mem->base = buf;
	mem->size = size;
	mem->regions[0] = (VmmMemRegion){ .gpa = gpa, .size = size, .hva = buf };
	mem->n_regions = 1;
	return mem;
}

void
vmm_memory_free(VmmMemory *mem)
{
	if (!mem)
		return;
	if (mem->fd >= 0) {
		if (mem->base)
			munmap(mem->base, mem->size);
		close(mem->fd);
	}
	g_free(mem);
}

void *
vmm_memory_ptr(const VmmMemory *mem, uint64_t gpa, uint64_t len)
{
	for (guint i = 0; i < mem->n_regions; i++) {
		const VmmMemRegion *r = &mem->regions[i];
		if (gpa >= r->gpa && gpa - r->gpa <= r->size && len <= r->size - (gpa - r->gpa))
			return r->hva + (gpa - r->gpa);
	}
	return NULL;
}

uint64_t
vmm_memory_low_end(const VmmMemory *mem)
{
	return mem->regions[0].gpa + mem->regions[0].size;
}
