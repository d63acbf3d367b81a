/* vmm-memory: guest RAM from a memfd (shareable later with migration and
 * vhost-user backends), mapped once and split around the 32-bit device hole
 * into at most two regions, and guest-physical to host address translation. */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef struct {
	uint64_t gpa;
	uint64_t size;
	uint8_t *hva;
} VmmMemRegion;

typedef struct {
	int fd;          /* the memfd; -1 for memory that wraps a test buffer */
	uint8_t *base;   /* one mapping of all RAM, regions in order */
	uint64_t size;   /* total RAM in bytes */
	guint n_regions;
	VmmMemRegion regions[2];
} VmmMemory;

/* Allocates SIZE bytes of guest RAM: below the hole from 0, the rest at 4 GiB. */
VmmMemory *vmm_memory_new(uint64_t size, GError **error);

/* Wraps BUF (SIZE bytes) as guest memory at GPA, for unit tests; not owned. */
VmmMemory *vmm_memory_new_for_buffer(void *buf, uint64_t gpa, uint64_t size);

/* Unmaps and closes guest memory. NULL-safe. */
void vmm_memory_free(VmmMemory *mem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmMemory, vmm_memory_free)

/* Host address of guest range [GPA, GPA+LEN), or NULL unless the whole
 * range lies in one RAM region. */
void *vmm_memory_ptr(const VmmMemory *mem, uint64_t gpa, uint64_t len);

/* End of RAM below the device hole (the first region's end). */
uint64_t vmm_memory_low_end(const VmmMemory *mem);
