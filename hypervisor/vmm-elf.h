/* vmm-elf: an uncompressed x86-64 kernel (vmlinux) with the PVH entry point
 * in its XEN_ELFNOTE_PHYS32_ENTRY note: its loadable segments and entry. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-image.h"
#include "vmm-memory.h"

#define VMM_ELFNOTE_PHYS32_ENTRY 18 /* Xen's note type */

typedef struct {
	uint64_t paddr;
	uint64_t offset;
	uint64_t filesz;
	uint64_t memsz;
} VmmElfSegment;

typedef struct {
	GArray *segments;    /* VmmElfSegment, the PT_LOAD segments */
	uint64_t pvh_entry;  /* 32-bit PVH entry point (physical) */
	uint64_t start;      /* lowest physical address loaded */
	uint64_t end;        /* first physical address after the image */
} VmmElfKernel;

/* TRUE if the first bytes of IMG are the ELF magic. */
gboolean vmm_elf_is_elf(VmmImage *img);

/* Reads IMG's headers and PVH note; fails with VMM_ERROR_KERNEL for anything
 * that is not an x86-64 executable with a PVH entry. */
VmmElfKernel *vmm_elf_parse(VmmImage *img, GError **error);

/* Copies the loadable segments into guest memory (zero-filling .bss). */
gboolean vmm_elf_load(const VmmElfKernel *k, VmmImage *img, VmmMemory *mem, GError **error);

/* Frees a parsed kernel. NULL-safe. */
void vmm_elf_kernel_free(VmmElfKernel *k);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmElfKernel, vmm_elf_kernel_free)

/* Looks for the PVH entry in the notes NOTES (LEN bytes of PT_NOTE contents);
 * 0 if absent. */
uint64_t vmm_elf_find_pvh_entry(const uint8_t *notes, gsize len);
