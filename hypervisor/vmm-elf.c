/* vmm-elf: vmlinux with a PVH entry note. */
#include "config.h"

#include "vmm-elf.h"

#include <elf.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "vmm-bus.h"
#include "vmm-error.h"

#define VMM_ELF_MAX_PHDRS 128
#define VMM_ELF_MAX_NOTES (1024 * 1024)

gboolean
vmm_elf_is_elf(VmmImage *img)
{
	unsigned char magic[SELFMAG];
	return vmm_image_read(img, 0, magic, sizeof magic, NULL) &&
	       memcmp(magic, ELFMAG, SELFMAG) == 0;
}

static uint32_t
vmm_align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

uint64_t
vmm_elf_find_pvh_entry(const uint8_t *notes, gsize len)
{
	gsize pos = 0;
	while (len - pos >= 12) {
		uint32_t namesz = (uint32_t)vmm_le_get(notes + pos, 4);
		uint32_t descsz = (uint32_t)vmm_le_get(notes + pos + 4, 4);
		uint32_t type = (uint32_t)vmm_le_get(notes + pos + 8, 4);
		gsize name_at = pos + 12;
		if (namesz > len || descsz > len)
			return 0;
		gsize desc_at = name_at + vmm_align4(namesz);
		if (desc_at > len || descsz > len - desc_at)
			return 0;
		if (namesz == 4 && memcmp(notes + name_at, "Xen", 4) == 0 &&
		    type == VMM_ELFNOTE_PHYS32_ENTRY && (descsz == 4 || descsz == 8))
			return vmm_le_get(notes + desc_at, descsz);
		pos = desc_at + vmm_align4(descsz);
	}
	return 0;
}

static gboolean
vmm_elf_check_header(const Elf64_Ehdr *eh, VmmImage *img, GError **error)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_X86_64 ||
	    eh->e_type != ET_EXEC) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL,
		            _("%s is not an x86-64 executable ELF kernel"), img->path);
		return FALSE;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > VMM_ELF_MAX_PHDRS) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL,
		            _("%s has a malformed program header table"), img->path);
		return FALSE;
	}
	return TRUE;
}

/* Adds a PT_LOAD segment after checking it lies inside the file. */
static gboolean
vmm_elf_add_segment(VmmElfKernel *k, const Elf64_Phdr *ph, VmmImage *img, GError **error)
{
	if (ph->p_filesz > ph->p_memsz || ph->p_offset > img->size ||
	    ph->p_filesz > img->size - ph->p_offset || ph->p_paddr + ph->p_memsz < ph->p_paddr) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL,
		            _("%s has a loadable segment outside the file"), img->path);
		return FALSE;
	}
	VmmElfSegment s = { ph->p_paddr, ph->p_offset, ph->p_filesz, ph->p_memsz };
	g_array_append_val(k->segments, s);
	k->start = MIN(k->start, s.paddr);
	k->end = MAX(k->end, s.paddr + s.memsz);
	return TRUE;
}

static gboolean
vmm_elf_scan_note(VmmElfKernel *k, const Elf64_Phdr *ph, VmmImage *img, GError **error)
{
	if (k->pvh_entry || ph->p_filesz == 0 || ph->p_filesz > VMM_ELF_MAX_NOTES)
		return TRUE;
	g_autofree uint8_t *notes = g_malloc(ph->p_filesz);
	if (!vmm_image_read(img, ph->p_offset, notes, ph->p_filesz, error))
		return FALSE;
	k->pvh_entry = vmm_elf_find_pvh_entry(notes, ph->p_filesz);
	return TRUE;
}

VmmElfKernel *
vmm_elf_parse(VmmImage *img, GError **error)
{
	Elf64_Ehdr eh;
	if (!vmm_image_read(img, 0, &eh, sizeof eh, error) || !vmm_elf_check_header(&eh, img, error))
		return NULL;
	g_autofree Elf64_Phdr *ph = g_new(Elf64_Phdr, eh.e_phnum);
	if (!vmm_image_read(img, eh.e_phoff, ph, (uint64_t)eh.e_phnum * sizeof *ph, error))
		return NULL;

	g_autoptr(VmmElfKernel) k = g_new0(VmmElfKernel, 1);
	k->segments = g_array_new(FALSE, FALSE, sizeof(VmmElfSegment));
	k->start = G_MAXUINT64;
	for (guint i = 0; i < eh.e_phnum; i++) {
		gboolean ok = TRUE;
		if (ph[i].p_type == PT_LOAD && ph[i].p_memsz > 0)
			ok = vmm_elf_add_segment(k, &ph[i], img, error);
		else if (ph[i].p_type == PT_NOTE)
			ok = vmm_elf_scan_note(k, &ph[i], img, error);
		if (!ok)
			return NULL;
	}
	if (k->segments->len == 0) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL, _("%s has nothing to load"),
		            img->path);
		return NULL;
	}
	if (!k->pvh_entry) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL,
		            _("%s has no PVH entry point (XEN_ELFNOTE_PHYS32_ENTRY); boot a "
		              "kernel built with CONFIG_PVH=y, or its bzImage"),
		            img->path);
		return NULL;
	}
	return g_steal_pointer(&k);
}

gboolean
vmm_elf_load(const VmmElfKernel *k, VmmImage *img, VmmMemory *mem, GError **error)
{
	for (guint i = 0; i < k->segments->len; i++) {
		const VmmElfSegment *s = &g_array_index(k->segments, VmmElfSegment, i);
		uint8_t *dst = vmm_memory_ptr(mem, s->paddr, s->memsz);
		if (!dst) {
			g_set_error(error, VMM_ERROR, VMM_ERROR_NO_SPACE,
			            _("%s does not fit into guest memory: a segment needs "
			              "0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x"),
			            img->path, s->paddr, s->paddr + s->memsz);
			return FALSE;
		}
		if (!vmm_image_read(img, s->offset, dst, s->filesz, error))
			return FALSE;
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
	}
	return TRUE;
}

void
vmm_elf_kernel_free(VmmElfKernel *k)
{
	if (!k)
		return;
	if (k->segments)
		g_array_unref(k->segments);
	g_free(k);
}
