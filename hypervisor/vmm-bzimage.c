/* vmm-bzimage: the Linux boot protocol, 64-bit entry. */
#include "config.h"

#include "vmm-bzimage.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vmm-bus.h"
#include "vmm-error.h"

#define VMM_BZ_BOOT_FLAG   0xaa55
#define VMM_BZ_MAGIC       0x53726448 /* "HdrS" */
#define VMM_BZ_MIN_VERSION 0x020c     /* 2.12: xloadflags */
#define VMM_XLF_KERNEL_64  0x1
#define VMM_LOADED_HIGH    0x1
#define VMM_LOADER_UNKNOWN 0xff

static uint64_t
vmm_bz_get(const uint8_t *page, guint offset, guint len)
{
	return vmm_le_get(page + offset, len);
}

gboolean
vmm_bzimage_is_bzimage(VmmImage *img)
{
	uint8_t magic[4];
	return vmm_image_read(img, VMM_BP_HEADER_MAGIC, magic, sizeof magic, NULL) &&
	       vmm_le_get(magic, 4) == VMM_BZ_MAGIC;
}

static gboolean
vmm_bzimage_fail(VmmImage *img, const char *why, GError **error)
{
	g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL, _("%s cannot be booted: %s"), img->path,
	            why);
	return FALSE;
}

gboolean
vmm_bzimage_parse(VmmImage *img, VmmBzImage *bz, GError **error)
{
	memset(bz, 0, sizeof *bz);
	uint64_t head = MIN(img->size, (uint64_t)VMM_ZERO_PAGE_SIZE);
	if (head < VMM_BP_INIT_SIZE + 4)
		return vmm_bzimage_fail(img, _("file too short"), error);
	if (!vmm_image_read(img, 0, bz->header, head, error))
		return FALSE;
	const uint8_t *h = bz->header;
	if (vmm_bz_get(h, VMM_BP_BOOT_FLAG, 2) != VMM_BZ_BOOT_FLAG ||
	    vmm_bz_get(h, VMM_BP_HEADER_MAGIC, 4) != VMM_BZ_MAGIC)
		return vmm_bzimage_fail(img, _("no Linux boot protocol header"), error);
	bz->version = (uint16_t)vmm_bz_get(h, VMM_BP_VERSION, 2);
	if (bz->version < VMM_BZ_MIN_VERSION)
		return vmm_bzimage_fail(img, _("boot protocol older than 2.12"), error);
	if (!(vmm_bz_get(h, VMM_BP_XLOADFLAGS, 2) & VMM_XLF_KERNEL_64))
		return vmm_bzimage_fail(img, _("the kernel has no 64-bit entry point"), error);
	if (!(h[VMM_BP_LOADFLAGS] & VMM_LOADED_HIGH))
		return vmm_bzimage_fail(img, _("not a bzImage (zImage kernels load low)"), error);

	guint setup_sects = h[VMM_BP_SETUP_SECTS] ? h[VMM_BP_SETUP_SECTS] : 4;
	bz->payload_offset = (uint64_t)(setup_sects + 1) * 512;
	if (bz->payload_offset >= img->size)
		return vmm_bzimage_fail(img, _("the protected-mode kernel is missing"), error);
	bz->payload_size = img->size - bz->payload_offset;
	/* The header ends where the jump at 0x200 lands. */
	bz->header_end = MIN(VMM_BP_JUMP + 2 + h[VMM_BP_JUMP + 1], VMM_ZERO_PAGE_SIZE);
	bz->initrd_addr_max = (uint32_t)vmm_bz_get(h, VMM_BP_INITRD_ADDR_MAX, 4);
	bz->cmdline_size = (uint32_t)vmm_bz_get(h, VMM_BP_CMDLINE_SIZE, 4);
	bz->pref_address = vmm_bz_get(h, VMM_BP_PREF_ADDRESS, 8);
	bz->init_size = (uint32_t)vmm_bz_get(h, VMM_BP_INIT_SIZE, 4);
	return TRUE;
}

static void
vmm_zp_put(uint8_t *zp, guint offset, guint len, uint64_t value)
{
	vmm_le_put(zp + offset, len, value);
}

void
vmm_bzimage_zero_page(const VmmBzImage *bz, uint8_t zp[VMM_ZERO_PAGE_SIZE],
                      uint64_t cmdline_addr, uint64_t initrd_addr, uint64_t initrd_size,
                      const VmmE820Entry *e820, guint n_e820, uint64_t rsdp_addr)
{
	memset(zp, 0, VMM_ZERO_PAGE_SIZE);
	memcpy(zp + VMM_BP_SETUP_SECTS, bz->header + VMM_BP_SETUP_SECTS,
	       bz->header_end - VMM_BP_SETUP_SECTS);
	zp[VMM_BP_TYPE_OF_LOADER] = VMM_LOADER_UNKNOWN;
	vmm_zp_put(zp, VMM_BP_CMD_LINE_PTR, 4, cmdline_addr);
	vmm_zp_put(zp, VMM_BP_EXT_CMD_LINE_PTR, 4, cmdline_addr >> 32);
	vmm_zp_put(zp, VMM_BP_RAMDISK_IMAGE, 4, initrd_addr);
	vmm_zp_put(zp, VMM_BP_EXT_RAMDISK_IMG, 4, initrd_addr >> 32);
	vmm_zp_put(zp, VMM_BP_RAMDISK_SIZE, 4, initrd_size);
	vmm_zp_put(zp, VMM_BP_EXT_RAMDISK_SIZE, 4, initrd_size >> 32);
	n_e820 = MIN(n_e820, VMM_BP_E820_MAX);
	zp[VMM_BP_E820_ENTRIES] = (uint8_t)n_e820;
	for (guint i = 0; i < n_e820; i++) {
		guint at = VMM_BP_E820_TABLE + i * 20;
		vmm_zp_put(zp, at, 8, e820[i].addr);
		vmm_zp_put(zp, at + 8, 8, e820[i].size);
		vmm_zp_put(zp, at + 16, 4, e820[i].type);
	}
	if (bz->version >= 0x020e) /* acpi_rsdp_addr exists from 2.14 */
		vmm_zp_put(zp, VMM_BP_ACPI_RSDP_ADDR, 8, rsdp_addr);
}
