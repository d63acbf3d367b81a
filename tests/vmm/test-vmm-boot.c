/* Booting: the PVH note of an ELF kernel, the bzImage setup header, the
 * e820 map, the PVH start info and zero page handed to the guest, and
 * vmm_boot_load putting the real test kernels (when built) into guest
 * memory; bad kernels and what does not fit get clear errors. */
#include "config.h"

#include <elf.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vmm-boot.h"
#include "vmm-bus.h"
#include "vmm-bzimage.h"
#include "vmm-e820.h"
#include "vmm-elf.h"
#include "vmm-error.h"
#include "vmm-layout.h"
#include "vmm-pvh.h"

static char *
write_temp(const void *data, gsize len)
{
	g_autoptr(GError) error = NULL;
	char *path = NULL;
	int fd = g_file_open_tmp("vmm-boot-XXXXXX", &path, &error);
	g_assert_no_error(error);
	g_assert_cmpint(write(fd, data, len), ==, (ssize_t)len);
	close(fd);
	return path;
}

/* A minimal vmlinux: one loadable segment at 16 MiB and a note segment
 * with NOTE (NOTE_LEN bytes). */
static GByteArray *
make_elf(const uint8_t *note, gsize note_len)
{
	GByteArray *b = g_byte_array_new();
	g_byte_array_set_size(b, 0x2000);
	memset(b->data, 0, b->len);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b->data;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_phoff = sizeof *eh;
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 2;
	Elf64_Phdr *ph = (Elf64_Phdr *)(b->data + sizeof *eh);
	ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = 0x1000, .p_paddr = 0x1000000,
		              .p_filesz = 0x100, .p_memsz = 0x400 };
	ph[1] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = 0x1800, .p_filesz = note_len };
	memset(b->data + 0x1000, 0xcc, 0x100);
	memcpy(b->data + 0x1800, note, note_len);
	return b;
}

static gsize
make_note(uint8_t *out, const char *name, uint32_t type, uint64_t value, guint desc_len)
{
	guint namesz = (guint)strlen(name) + 1;
	vmm_le_put(out, 4, namesz);
	vmm_le_put(out + 4, 4, desc_len);
	vmm_le_put(out + 8, 4, type);
	memcpy(out + 12, name, namesz);
	guint at = 12 + ((namesz + 3) & ~3u);
	vmm_le_put(out + at, desc_len, value);
	return at + ((desc_len + 3) & ~3u);
}

static void
test_elf_pvh_note(void)
{
	uint8_t notes[128] = { 0 };
	/* An unrelated note first, then the PVH entry (32- and 64-bit forms). */
	gsize n = make_note(notes, "GNU", 3, 0x1234, 4);
	n += make_note(notes + n, "Xen", VMM_ELFNOTE_PHYS32_ENTRY, 0x1000abc, 8);
	g_assert_cmphex(vmm_elf_find_pvh_entry(notes, n), ==, 0x1000abc);
	make_note(notes, "Xen", VMM_ELFNOTE_PHYS32_ENTRY, 0x1000def, 4);
	g_assert_cmphex(vmm_elf_find_pvh_entry(notes, 20), ==, 0x1000def);
	/* Truncated or wrongly sized notes yield nothing, without overreads. */
	g_assert_cmphex(vmm_elf_find_pvh_entry(notes, 18), ==, 0);
	make_note(notes, "Xen", VMM_ELFNOTE_PHYS32_ENTRY, 1, 2);
	g_assert_cmphex(vmm_elf_find_pvh_entry(notes, 16), ==, 0);
	vmm_le_put(notes, 4, 0xfffffff0); /* absurd name size */
	g_assert_cmphex(vmm_elf_find_pvh_entry(notes, sizeof notes), ==, 0);
}

static void
test_elf_parse(void)
{
	uint8_t note[64];
	gsize n = make_note(note, "Xen", VMM_ELFNOTE_PHYS32_ENTRY, 0x1000040, 8);
	g_autoptr(GByteArray) elf = make_elf(note, n);
	g_autofree char *path = write_temp(elf->data, elf->len);
	g_autoptr(GError) error = NULL;
	g_autoptr(VmmImage) img = vmm_image_open(path, &error);
	g_assert_true(vmm_elf_is_elf(img));
	g_autoptr(VmmElfKernel) k = vmm_elf_parse(img, &error);
	g_assert_no_error(error);
	g_assert_cmphex(k->pvh_entry, ==, 0x1000040);
	g_assert_cmphex(k->start, ==, 0x1000000);
	g_assert_cmphex(k->end, ==, 0x1000400);

	g_autofree uint8_t *ram = g_malloc0(0x1000800);
	memset(ram + 0x1000100, 0x77, 0x300); /* .bss must come out zeroed */
	g_autoptr(VmmMemory) mem = vmm_memory_new_for_buffer(ram, 0, 0x1000800);
	g_assert_true(vmm_elf_load(k, img, mem, &error));
	g_assert_cmphex(ram[0x1000000], ==, 0xcc);
	g_assert_cmphex(ram[0x10000ff], ==, 0xcc);
	g_assert_cmphex(ram[0x1000100], ==, 0);
	g_assert_cmphex(ram[0x10003ff], ==, 0);
	g_unlink(path);
}

static void
test_elf_rejects(void)
{
	uint8_t note[64];
	gsize n = make_note(note, "GNU", 3, 1, 4);
	g_autoptr(GByteArray) no_pvh = make_elf(note, n);
	g_autofree char *p1 = write_temp(no_pvh->data, no_pvh->len);
	g_autoptr(VmmImage) i1 = vmm_image_open(p1, NULL);
	g_autoptr(GError) e1 = NULL;
	g_assert_null(vmm_elf_parse(i1, &e1));
	g_assert_error(e1, VMM_ERROR, VMM_ERROR_KERNEL);
	g_assert_nonnull(strstr(e1->message, "PVH"));

	/* A segment that claims more file than there is. */
	n = make_note(note, "Xen", VMM_ELFNOTE_PHYS32_ENTRY, 0x1000040, 8);
	g_autoptr(GByteArray) trunc = make_elf(note, n);
	((Elf64_Phdr *)(trunc->data + sizeof(Elf64_Ehdr)))[0].p_filesz = 0x100000;
	g_autofree char *p2 = write_temp(trunc->data, trunc->len);
	g_autoptr(VmmImage) i2 = vmm_image_open(p2, NULL);
	g_autoptr(GError) e2 = NULL;
	g_assert_null(vmm_elf_parse(i2, &e2));
	g_assert_error(e2, VMM_ERROR, VMM_ERROR_KERNEL);

	/* A 32-bit or foreign ELF. */
	g_autoptr(GByteArray) arm = make_elf(note, n);
	((Elf64_Ehdr *)arm->data)->e_machine = EM_AARCH64;
	g_autofree char *p3 = write_temp(arm->data, arm->len);
	g_autoptr(VmmImage) i3 = vmm_image_open(p3, NULL);
	g_autoptr(GError) e3 = NULL;
	g_assert_null(vmm_elf_parse(i3, &e3));
	g_assert_error(e3, VMM_ERROR, VMM_ERROR_KERNEL);
	g_unlink(p1);
	g_unlink(p2);
	g_unlink(p3);
}

/* A bzImage header for protocol VERSION with XLOADFLAGS, 4 setup sectors. */
static GByteArray *
make_bzimage(uint16_t version, uint16_t xloadflags)
{
	GByteArray *b = g_byte_array_new();
	g_byte_array_set_size(b, 5 * 512 + 4096);
	memset(b->data, 0, b->len);
	uint8_t *h = b->data;
	h[VMM_BP_SETUP_SECTS] = 4;
	vmm_le_put(h + VMM_BP_BOOT_FLAG, 2, 0xaa55);
	h[VMM_BP_JUMP] = 0xeb;
	h[VMM_BP_JUMP + 1] = 0x6a; /* header ends at 0x26c */
	memcpy(h + VMM_BP_HEADER_MAGIC, "HdrS", 4);
	vmm_le_put(h + VMM_BP_VERSION, 2, version);
	h[VMM_BP_LOADFLAGS] = 0x01;
	vmm_le_put(h + VMM_BP_INITRD_ADDR_MAX, 4, 0x7fffffff);
	vmm_le_put(h + VMM_BP_XLOADFLAGS, 2, xloadflags);
	vmm_le_put(h + VMM_BP_CMDLINE_SIZE, 4, 2047);
	vmm_le_put(h + VMM_BP_PREF_ADDRESS, 8, 0x1000000);
	vmm_le_put(h + VMM_BP_INIT_SIZE, 4, 0x2000000);
	return b;
}

static void
test_bzimage_header(void)
{
	g_autoptr(GByteArray) bz = make_bzimage(0x020f, 0x1);
	g_autofree char *path = write_temp(bz->data, bz->len);
	g_autoptr(VmmImage) img = vmm_image_open(path, NULL);
	VmmBzImage h;
	g_autoptr(GError) error = NULL;
	g_assert_true(vmm_bzimage_is_bzimage(img));
	g_assert_true(vmm_bzimage_parse(img, &h, &error));
	g_assert_cmphex(h.version, ==, 0x020f);
	g_assert_cmpuint(h.payload_offset, ==, 5 * 512);
	g_assert_cmpuint(h.payload_size, ==, 4096);
	g_assert_cmphex(h.header_end, ==, 0x26c);
	g_assert_cmpuint(h.cmdline_size, ==, 2047);
	g_assert_cmphex(h.pref_address, ==, 0x1000000);

	VmmE820Entry e820[VMM_E820_MAX];
	guint n = vmm_e820_build(VMM_MiB(256), e820);
	uint8_t zp[VMM_ZERO_PAGE_SIZE];
	vmm_bzimage_zero_page(&h, zp, 0x20000, 0x7000000, 0x123456, e820, n, 0xe0000);
	g_assert_cmphex(zp[VMM_BP_TYPE_OF_LOADER], ==, 0xff);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_HEADER_MAGIC, 4), ==, 0x53726448);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_CMD_LINE_PTR, 4), ==, 0x20000);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_RAMDISK_IMAGE, 4), ==, 0x7000000);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_RAMDISK_SIZE, 4), ==, 0x123456);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_ACPI_RSDP_ADDR, 8), ==, 0xe0000);
	g_assert_cmpuint(zp[VMM_BP_E820_ENTRIES], ==, n);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_E820_TABLE + 20 * 3, 8), ==, VMM_HIGH_MEM_START);
	g_assert_cmpuint(vmm_le_get(zp + VMM_BP_E820_TABLE + 20 * 3 + 16, 4), ==, VMM_E820_RAM);
	g_assert_cmphex(zp[0x26c], ==, 0); /* nothing past the header was copied */
	g_unlink(path);
}

static void
test_bzimage_rejects(void)
{
	static const struct {
		uint16_t version, xloadflags;
		const char *why;
	} cases[] = {
		{ 0x0209, 0x1, "older than 2.12" },
		{ 0x020f, 0x0, "64-bit" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GByteArray) bz = make_bzimage(cases[i].version, cases[i].xloadflags);
		g_autofree char *path = write_temp(bz->data, bz->len);
		g_autoptr(VmmImage) img = vmm_image_open(path, NULL);
		VmmBzImage h;
		g_autoptr(GError) error = NULL;
		g_assert_false(vmm_bzimage_parse(img, &h, &error));
		g_assert_error(error, VMM_ERROR, VMM_ERROR_KERNEL);
		g_assert_nonnull(strstr(error->message, cases[i].why));
		g_unlink(path);
	}
}

static void
test_e820(void)
{
	VmmE820Entry e[VMM_E820_MAX];
	guint n = vmm_e820_build(VMM_MiB(256), e);
	g_assert_cmpuint(n, ==, 4);
	g_assert_cmphex(e[0].addr, ==, 0);
	g_assert_cmphex(e[0].size, ==, 0x9fc00);
	g_assert_cmpuint(e[1].type, ==, VMM_E820_RESERVED);
	g_assert_cmphex(e[2].addr, ==, VMM_ACPI_ADDR);
	g_assert_cmpuint(e[2].type, ==, VMM_E820_RESERVED);
	g_assert_cmphex(e[3].addr + e[3].size, ==, VMM_MiB(256));
	/* Above 3 GiB the rest of RAM moves past the device hole. */
	n = vmm_e820_build(VMM_GiB(5), e);
	g_assert_cmpuint(n, ==, 5);
	g_assert_cmphex(e[3].addr + e[3].size, ==, VMM_GiB(3));
	g_assert_cmphex(e[4].addr, ==, VMM_GiB(4));
	g_assert_cmphex(e[4].size, ==, VMM_GiB(2));
}

static void
test_pvh_start_info(void)
{
	VmmE820Entry e820[VMM_E820_MAX];
	guint n = vmm_e820_build(VMM_MiB(128), e820);
	uint8_t info[VMM_PVH_INFO_SIZE], mods[VMM_PVH_MODLIST_ENTRY], map[VMM_E820_MAX * 24];
	vmm_pvh_start_info(info, mods, map, 0x20000, 0x1040, 0x7000000, 0x4242, 0x1100, e820, n,
	                   0xe0000);
	g_assert_cmphex(vmm_le_get(info, 4), ==, VMM_PVH_MAGIC);
	g_assert_cmpuint(vmm_le_get(info + 4, 4), ==, 1);
	g_assert_cmpuint(vmm_le_get(info + 12, 4), ==, 1);
	g_assert_cmphex(vmm_le_get(info + 16, 8), ==, 0x1040);
	g_assert_cmphex(vmm_le_get(info + 24, 8), ==, 0x20000);
	g_assert_cmphex(vmm_le_get(info + 32, 8), ==, 0xe0000);
	g_assert_cmphex(vmm_le_get(info + 40, 8), ==, 0x1100);
	g_assert_cmpuint(vmm_le_get(info + 48, 4), ==, n);
	g_assert_cmphex(vmm_le_get(mods, 8), ==, 0x7000000);
	g_assert_cmphex(vmm_le_get(mods + 8, 8), ==, 0x4242);
	g_assert_cmphex(vmm_le_get(map + 24 * 3, 8), ==, VMM_HIGH_MEM_START);
	g_assert_cmpuint(vmm_le_get(map + 24 * 3 + 16, 4), ==, VMM_E820_RAM);
}

static char *
real_guest_file(const char *name)
{
	const char *dir = g_getenv("HV_GUEST_DIR");
	char *path = dir ? g_build_filename(dir, name, NULL) : NULL;
	if (!path || !g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_test_skip("the test guest is not built (make guest)");
		g_free(path);
		return NULL;
	}
	return path;
}

static void
test_load_real_pvh(void)
{
	g_autofree char *kernel = real_guest_file("vmlinux");
	g_autofree char *initrd = real_guest_file("initramfs.cpio.gz");
	if (!kernel || !initrd)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(VmmMemory) mem = vmm_memory_new(VMM_MiB(256), &error);
	g_assert_no_error(error);
	VmmBootInfo info;
	g_assert_true(vmm_boot_load(mem, kernel, initrd, "console=ttyS0", &info, &error));
	g_assert_no_error(error);
	g_assert_cmpint(info.mode, ==, VMM_BOOT_PVH);
	g_assert_cmphex(info.entry, >=, VMM_MiB(16));
	g_assert_cmphex(info.entry, <, info.kernel_end);
	g_assert_cmphex(info.initrd_addr + info.initrd_size, <=, VMM_MiB(256));
	g_assert_cmphex(info.initrd_addr, >=, info.kernel_end);
	uint8_t *si = vmm_memory_ptr(mem, VMM_START_INFO_ADDR, VMM_PVH_INFO_SIZE);
	g_assert_cmphex(vmm_le_get(si, 4), ==, VMM_PVH_MAGIC);
	g_assert_cmpstr((char *)vmm_memory_ptr(mem, VMM_CMDLINE_ADDR, 14), ==, "console=ttyS0");
	/* A BIOS-style reboot lands on a stub that writes 0xfe to port 0x64. */
	uint8_t *stub = vmm_memory_ptr(mem, VMM_RESET_VECTOR, 4);
	g_assert_true(memcmp(stub, "\xb0\xfe\xe6\x64", 4) == 0);
	/* The initrd arrived whole: gzip magic at its start. */
	uint8_t *rd = vmm_memory_ptr(mem, info.initrd_addr, 2);
	g_assert_cmphex(rd[0], ==, 0x1f);
	g_assert_cmphex(rd[1], ==, 0x8b);
}

static void
test_load_real_bzimage(void)
{
	g_autofree char *kernel = real_guest_file("vmlinuz");
	if (!kernel)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(VmmMemory) mem = vmm_memory_new(VMM_MiB(128), &error);
	VmmBootInfo info;
	g_assert_true(vmm_boot_load(mem, kernel, NULL, "console=ttyS0 quiet", &info, &error));
	g_assert_no_error(error);
	g_assert_cmpint(info.mode, ==, VMM_BOOT_LINUX64);
	g_assert_cmphex(info.entry, ==, VMM_BZIMAGE_LOAD + 0x200);
	uint8_t *zp = vmm_memory_ptr(mem, VMM_ZERO_PAGE_ADDR, VMM_ZERO_PAGE_SIZE);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_HEADER_MAGIC, 4), ==, 0x53726448);
	g_assert_cmphex(vmm_le_get(zp + VMM_BP_CMD_LINE_PTR, 4), ==, VMM_CMDLINE_ADDR);
	g_assert_cmpuint(vmm_le_get(zp + VMM_BP_RAMDISK_SIZE, 4), ==, 0);
	/* The identity map covers where the kernel decompresses itself. */
	uint8_t *pd = vmm_memory_ptr(mem, VMM_PD_ADDR, 8 * 16);
	g_assert_cmphex(vmm_le_get(pd + 8 * 8, 8), ==, (8ull << 21) | 0x83);
}

static void
test_load_errors(void)
{
	g_autofree char *kernel = real_guest_file("vmlinux");
	g_autofree char *initrd = real_guest_file("initramfs.cpio.gz");
	if (!kernel || !initrd)
		return;
	g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
	g_autoptr(VmmMemory) tiny = vmm_memory_new(VMM_MiB(32), NULL);
	VmmBootInfo info;
	g_assert_false(vmm_boot_load(tiny, kernel, initrd, "", &info, &e1));
	g_assert_error(e1, VMM_ERROR, VMM_ERROR_NO_SPACE);

	g_autoptr(VmmMemory) mem = vmm_memory_new(VMM_MiB(256), NULL);
	g_autofree char *long_cmdline = g_strnfill(5000, 'x');
	g_assert_false(vmm_boot_load(mem, kernel, NULL, long_cmdline, &info, &e2));
	g_assert_error(e2, VMM_ERROR, VMM_ERROR_INVALID);

	g_assert_false(vmm_boot_load(mem, initrd, NULL, "", &info, &e3));
	g_assert_error(e3, VMM_ERROR, VMM_ERROR_KERNEL);

	g_assert_false(vmm_boot_load(mem, "/nonexistent/vmlinux", NULL, "", &info, &e4));
	g_assert_error(e4, VMM_ERROR, VMM_ERROR_INVALID);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vmm/boot/elf-pvh-note", test_elf_pvh_note);
	g_test_add_func("/vmm/boot/elf-parse-and-load", test_elf_parse);
	g_test_add_func("/vmm/boot/elf-rejects", test_elf_rejects);
	g_test_add_func("/vmm/boot/bzimage-header", test_bzimage_header);
	g_test_add_func("/vmm/boot/bzimage-rejects", test_bzimage_rejects);
	g_test_add_func("/vmm/boot/e820", test_e820);
	g_test_add_func("/vmm/boot/pvh-start-info", test_pvh_start_info);
	g_test_add_func("/vmm/boot/load-real-pvh", test_load_real_pvh);
	g_test_add_func("/vmm/boot/load-real-bzimage", test_load_real_bzimage);
	g_test_add_func("/vmm/boot/load-errors", test_load_errors);
	return g_test_run();
}
