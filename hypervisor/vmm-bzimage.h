/* vmm-bzimage: the Linux x86 boot protocol for a bzImage entered at its
 * 64-bit entry point: the setup header, and the zero page we hand over. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-e820.h"
#include "vmm-image.h"

#define VMM_ZERO_PAGE_SIZE 4096

/* Offsets in the zero page (struct boot_params) and its setup header. */
#define VMM_BP_ACPI_RSDP_ADDR   0x070
#define VMM_BP_EXT_RAMDISK_IMG  0x0c0
#define VMM_BP_EXT_RAMDISK_SIZE 0x0c4
#define VMM_BP_EXT_CMD_LINE_PTR 0x0c8
#define VMM_BP_E820_ENTRIES     0x1e8
#define VMM_BP_SETUP_SECTS      0x1f1
#define VMM_BP_BOOT_FLAG        0x1fe
#define VMM_BP_JUMP             0x200
#define VMM_BP_HEADER_MAGIC     0x202
#define VMM_BP_VERSION          0x206
#define VMM_BP_TYPE_OF_LOADER   0x210
#define VMM_BP_LOADFLAGS        0x211
#define VMM_BP_RAMDISK_IMAGE    0x218
#define VMM_BP_RAMDISK_SIZE     0x21c
#define VMM_BP_CMD_LINE_PTR     0x228
#define VMM_BP_INITRD_ADDR_MAX  0x22c
#define VMM_BP_XLOADFLAGS       0x236
#define VMM_BP_CMDLINE_SIZE     0x238
#define VMM_BP_PREF_ADDRESS     0x258
#define VMM_BP_INIT_SIZE        0x260
#define VMM_BP_E820_TABLE       0x2d0
#define VMM_BP_E820_MAX         128

typedef struct {
	uint8_t header[VMM_ZERO_PAGE_SIZE]; /* the file's first page: setup header */
	guint header_end;        /* end of the setup header in that page */
	uint16_t version;        /* boot protocol version, e.g. 0x020f */
	uint64_t payload_offset; /* protected-mode kernel: where it starts in the file */
	uint64_t payload_size;
	uint32_t initrd_addr_max;
	uint32_t cmdline_size;   /* longest command line, without the NUL */
	uint64_t pref_address;   /* where the kernel decompresses itself */
	uint32_t init_size;      /* memory it needs from there */
} VmmBzImage;

/* TRUE if IMG carries a Linux boot-protocol header ("HdrS"). */
gboolean vmm_bzimage_is_bzimage(VmmImage *img);

/* Reads and checks the setup header: a 64-bit capable bzImage (protocol
 * 2.12 or later). Fails with VMM_ERROR_KERNEL. */
gboolean vmm_bzimage_parse(VmmImage *img, VmmBzImage *bz, GError **error);

/* Builds the zero page ZP: the setup header, our loader id, the command line
 * and initrd addresses (INITRD_SIZE 0 for none), the e820 map and the RSDP. */
void vmm_bzimage_zero_page(const VmmBzImage *bz, uint8_t zp[VMM_ZERO_PAGE_SIZE],
                           uint64_t cmdline_addr, uint64_t initrd_addr, uint64_t initrd_size,
                           const VmmE820Entry *e820, guint n_e820, uint64_t rsdp_addr);
