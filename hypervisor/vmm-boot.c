/* vmm-boot: kernel, initrd, command line and boot structures. */
#include "config.h"

#include "vmm-boot.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vmm-bus.h"
#include "vmm-bzimage.h"
#include "vmm-e820.h"
#include "vmm-elf.h"
#include "vmm-error.h"
#include "vmm-layout.h"
#include "vmm-pvh.h"

#define VMM_PAGE_SIZE 4096u
#define VMM_PTE_PRESENT_RW 0x3u
#define VMM_PTE_LARGE 0x80u

/* GDT descriptors: flags/access in the layout of the descriptor's high bits. */
#define VMM_GDT_CODE64 0x00af9b000000ffffull
#define VMM_GDT_CODE32 0x00cf9b000000ffffull
#define VMM_GDT_DATA   0x00cf93000000ffffull
#define VMM_GDT_TSS    0x00008b0000000067ull

static gboolean
vmm_boot_no_space(GError **error, const char *what)
{
	g_set_error(error, VMM_ERROR, VMM_ERROR_NO_SPACE,
	            _("%s does not fit into guest memory; give the guest more memory"), what);
	return FALSE;
}

static gboolean
vmm_boot_put(VmmMemory *mem, uint64_t gpa, const void *data, uint64_t len, GError **error)
{
	void *dst = vmm_memory_ptr(mem, gpa, len);
	if (!dst)
		return vmm_boot_no_space(error, _("a boot structure"));
	memcpy(dst, data, len);
	return TRUE;
}

/* Linux on a hardware-reduced ACPI platform reboots through "EFI" and,
 * without EFI, through the BIOS: it jumps to the reset vector in real
 * mode. There is no BIOS here; this stub at the vector pulls the i8042
 * reset line instead:  mov al, 0xfe; out 0x64, al; hlt; jmp $-1. */
static gboolean
vmm_boot_reset_vector(VmmMemory *mem, GError **error)
{
	static const uint8_t stub[] = { 0xb0, 0xfe, 0xe6, 0x64, 0xf4, 0xeb, 0xfd };
	return vmm_boot_put(mem, VMM_RESET_VECTOR, stub, sizeof stub, error);
}

gboolean
vmm_boot_write_gdt(VmmMemory *mem, VmmBootMode mode)
{
	uint8_t gdt[5 * 8] = { 0 };
	vmm_le_put(gdt + 0x10, 8, mode == VMM_BOOT_LINUX64 ? VMM_GDT_CODE64 : VMM_GDT_CODE32);
	vmm_le_put(gdt + 0x18, 8, VMM_GDT_DATA);
	vmm_le_put(gdt + 0x20, 8, VMM_GDT_TSS);
	return vmm_boot_put(mem, VMM_GDT_ADDR, gdt, sizeof gdt, NULL);
}

/* Identity map of the first 4 GiB in 2 MiB pages for the 64-bit entry. */
static gboolean
vmm_boot_page_tables(VmmMemory *mem, GError **error)
{
	uint8_t *pml4 = vmm_memory_ptr(mem, VMM_PML4_ADDR, VMM_PAGE_SIZE);
	uint8_t *pdpt = vmm_memory_ptr(mem, VMM_PDPT_ADDR, VMM_PAGE_SIZE);
	uint8_t *pd = vmm_memory_ptr(mem, VMM_PD_ADDR, 4 * VMM_PAGE_SIZE);
	if (!pml4 || !pdpt || !pd)
		return vmm_boot_no_space(error, _("the boot page tables"));
	memset(pml4, 0, VMM_PAGE_SIZE);
	memset(pdpt, 0, VMM_PAGE_SIZE);
	vmm_le_put(pml4, 8, VMM_PDPT_ADDR | VMM_PTE_PRESENT_RW);
	for (guint i = 0; i < 4; i++)
		vmm_le_put(pdpt + i * 8, 8, (VMM_PD_ADDR + i * VMM_PAGE_SIZE) | VMM_PTE_PRESENT_RW);
	for (uint64_t i = 0; i < 4 * 512; i++)
		vmm_le_put(pd + i * 8, 8, (i << 21) | VMM_PTE_PRESENT_RW | VMM_PTE_LARGE);
	return TRUE;
}

static gboolean
vmm_boot_cmdline(VmmMemory *mem, const char *cmdline, uint64_t max_len, GError **error)
{
	gsize len = strlen(cmdline);
	if (len > max_len) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID,
		            _("the kernel command line is %" G_GSIZE_FORMAT
		              " bytes long; this kernel accepts at most %" G_GUINT64_FORMAT),
		            len, max_len);
		return FALSE;
	}
	return vmm_boot_put(mem, VMM_CMDLINE_ADDR, cmdline, len + 1, error);
}

/* The initrd goes to the top of low RAM (below LIMIT), above the kernel. */
static gboolean
vmm_boot_initrd(VmmMemory *mem, const char *path, uint64_t limit, VmmBootInfo *info,
                GError **error)
{
	g_autoptr(VmmImage) img = vmm_image_open(path, error);
	if (!img)
		return FALSE;
	limit = MIN(limit, vmm_memory_low_end(mem));
	if (img->size == 0 || img->size > limit)
		return img->size ? vmm_boot_no_space(error, path) : TRUE;
	uint64_t addr = (limit - img->size) & ~(uint64_t)(VMM_PAGE_SIZE - 1);
	void *dst = vmm_memory_ptr(mem, addr, img->size);
	if (addr < info->kernel_end || !dst)
		return vmm_boot_no_space(error, path);
	if (!vmm_image_read(img, 0, dst, img->size, error))
		return FALSE;
	info->initrd_addr = addr;
	info->initrd_size = img->size;
	return TRUE;
}

static gboolean
vmm_boot_pvh_kernel(VmmMemory *mem, VmmImage *img, VmmBootInfo *info, GError **error)
{
	g_autoptr(VmmElfKernel) k = vmm_elf_parse(img, error);
	if (!k)
		return FALSE;
	if (k->start < VMM_HIGH_MEM_START || k->end > vmm_memory_low_end(mem))
		return vmm_boot_no_space(error, img->path);
	if (!vmm_elf_load(k, img, mem, error))
		return FALSE;
	info->mode = VMM_BOOT_PVH;
	info->entry = k->pvh_entry;
	info->boot_data = VMM_START_INFO_ADDR;
	info->kernel_end = k->end;
	return TRUE;
}

static gboolean
vmm_boot_pvh_info(VmmMemory *mem, const VmmBootInfo *info, const VmmE820Entry *e820, guint n,
                  GError **error)
{
	uint8_t *si = vmm_memory_ptr(mem, VMM_START_INFO_ADDR, VMM_PVH_INFO_SIZE);
	uint8_t *mods = vmm_memory_ptr(mem, VMM_MODLIST_ADDR, VMM_PVH_MODLIST_ENTRY);
	uint8_t *map = vmm_memory_ptr(mem, VMM_MEMMAP_ADDR, n * VMM_PVH_MEMMAP_ENTRY);
	if (!si || !mods || !map)
		return vmm_boot_no_space(error, _("the PVH start info"));
	vmm_pvh_start_info(si, mods, map, VMM_CMDLINE_ADDR, VMM_MODLIST_ADDR, info->initrd_addr,
	                   info->initrd_size, VMM_MEMMAP_ADDR, e820, n, VMM_ACPI_ADDR);
	return TRUE;
}

static gboolean
vmm_boot_bzimage_kernel(VmmMemory *mem, VmmImage *img, VmmBzImage *bz, VmmBootInfo *info,
                        GError **error)
{
	if (!vmm_bzimage_parse(img, bz, error))
		return FALSE;
	uint8_t *dst = vmm_memory_ptr(mem, VMM_BZIMAGE_LOAD, bz->payload_size);
	uint64_t needs = MAX(VMM_BZIMAGE_LOAD + bz->payload_size, bz->pref_address + bz->init_size);
	if (!dst || needs > vmm_memory_low_end(mem))
		return vmm_boot_no_space(error, img->path);
	if (!vmm_image_read(img, bz->payload_offset, dst, bz->payload_size, error))
		return FALSE;
	info->mode = VMM_BOOT_LINUX64;
	info->entry = VMM_BZIMAGE_LOAD + 0x200; /* startup_64 */
	info->boot_data = VMM_ZERO_PAGE_ADDR;
	info->kernel_end = needs;
	return vmm_boot_page_tables(mem, error);
}

gboolean
vmm_boot_load(VmmMemory *mem, const char *kernel, const char *initrd, const char *cmdline,
              VmmBootInfo *info, GError **error)
{
	memset(info, 0, sizeof *info);
	g_autoptr(VmmImage) img = vmm_image_open(kernel, error);
	if (!img)
		return FALSE;
	VmmE820Entry e820[VMM_E820_MAX];
	guint n = vmm_e820_build(mem->size, e820);
	VmmBzImage bz;
	gboolean is_elf = vmm_elf_is_elf(img);
	if (!is_elf && !vmm_bzimage_is_bzimage(img)) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL,
		            _("%s is neither an ELF kernel with a PVH entry nor a Linux bzImage"),
		            kernel);
		return FALSE;
	}
	if (is_elf ? !vmm_boot_pvh_kernel(mem, img, info, error)
	           : !vmm_boot_bzimage_kernel(mem, img, &bz, info, error))
		return FALSE;
	uint64_t max_cmdline = is_elf ? VMM_CMDLINE_MAX - 1 : MIN(bz.cmdline_size, VMM_CMDLINE_MAX - 1);
	uint64_t initrd_limit = is_elf ? G_MAXUINT64 : (uint64_t)bz.initrd_addr_max + 1;
	if (!vmm_boot_cmdline(mem, cmdline ? cmdline : "", max_cmdline, error) ||
	    (initrd && !vmm_boot_initrd(mem, initrd, initrd_limit, info, error)) ||
	    !vmm_boot_write_gdt(mem, info->mode) || !vmm_boot_reset_vector(mem, error))
		return FALSE;
	if (is_elf)
		return vmm_boot_pvh_info(mem, info, e820, n, error);
	uint8_t zp[VMM_ZERO_PAGE_SIZE];
	vmm_bzimage_zero_page(&bz, zp, VMM_CMDLINE_ADDR, info->initrd_addr, info->initrd_size, e820,
	                      n, VMM_ACPI_ADDR);
	return vmm_boot_put(mem, VMM_ZERO_PAGE_ADDR, zp, sizeof zp, error);
}
