/* The ACPI tables hv-vmm generates, checked the way an OS reads them:
 * checksums and the RSDP -> XSDT -> FADT -> DSDT chain, then each table
 * decompiled by iasl (acpica-tools), which must accept it and show the
 * devices, resources, the hardware-reduced FADT and one local APIC per
 * vCPU. Also the AML encoder's package-length boundaries. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "vmm-acpi.h"
#include "vmm-bus.h"
#include "vmm-ged.h"
#include "vmm-layout.h"
#include "vmm-pvpanic.h"
#include "vmm-serial.h"
#include "vmm-virtio-mmio.h"

#define AREA_GPA 0xe0000
#define N_VCPUS 4

typedef struct {
	uint8_t area[VMM_ACPI_SIZE];
	VmmAcpiLayout layout;
	char *dir;
} Tables;

static const VmmAcpiPlatform platform = {
	.sleep_control = VMM_GED_BASE + VMM_GED_SLEEP_CONTROL,
	.sleep_status = VMM_GED_BASE + VMM_GED_SLEEP_STATUS,
	.reset_port = 0x64,
	.reset_value = 0xfe,
	.s5_sleep_type = 5,
};

static Tables *
build(void)
{
	Tables *t = g_new0(Tables, 1);
	VmmAml *sb = vmm_aml_new();
	vmm_aml_append(sb, vmm_serial_aml(VMM_COM1_PORT, VMM_COM1_GSI));
	vmm_aml_append(sb, vmm_pvpanic_aml());
	vmm_aml_append(sb, vmm_ged_aml(VMM_GED_BASE, VMM_GED_GSI));
	vmm_aml_append(sb, vmm_virtio_aml(0, VMM_VIRTIO_MMIO_BASE, 16));
	vmm_aml_append(sb, vmm_virtio_aml(1, VMM_VIRTIO_MMIO_BASE + 0x1000, 17));
	g_autoptr(GError) error = NULL;
	g_assert_true(vmm_acpi_build(t->area, sizeof t->area, AREA_GPA, N_VCPUS, &platform, sb,
	                             &t->layout, &error));
	g_assert_no_error(error);
	return t;
}

static void
tables_free(Tables *t)
{
	if (t->dir) {
		g_autoptr(GDir) d = g_dir_open(t->dir, 0, NULL);
		const char *name;
		while (d && (name = g_dir_read_name(d))) {
			g_autofree char *p = g_build_filename(t->dir, name, NULL);
			g_unlink(p);
		}
		g_rmdir(t->dir);
	}
	g_free(t->dir);
	g_free(t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Tables, tables_free)

static const VmmAcpiTable *
find(Tables *t, const char *sig)
{
	for (guint i = 0; i < t->layout.n_tables; i++) {
		if (strcmp(t->layout.tables[i].signature, sig) == 0)
			return &t->layout.tables[i];
	}
	g_assert_not_reached();
}

static uint8_t
sum(const uint8_t *p, gsize len)
{
	uint8_t s = 0;
	for (gsize i = 0; i < len; i++)
		s = (uint8_t)(s + p[i]);
	return s;
}

static void
test_chain_and_checksums(void)
{
	g_autoptr(Tables) t = build();
	const uint8_t *rsdp = t->area;
	g_assert_true(memcmp(rsdp, "RSD PTR ", 8) == 0);
	g_assert_cmpuint(sum(rsdp, 20), ==, 0);
	g_assert_cmpuint(sum(rsdp, 36), ==, 0);
	uint64_t xsdt = vmm_le_get(rsdp + 24, 8);
	g_assert_cmphex(xsdt, ==, find(t, "XSDT")->gpa);
	for (guint i = 1; i < t->layout.n_tables; i++) {
		const VmmAcpiTable *tab = &t->layout.tables[i];
		const uint8_t *p = t->area + tab->offset;
		g_assert_cmpuint(vmm_le_get(p + 4, 4), ==, tab->length);
		g_assert_cmpuint(sum(p, tab->length), ==, 0);
	}
	const uint8_t *x = t->area + (xsdt - AREA_GPA);
	g_assert_cmphex(vmm_le_get(x + 36, 8), ==, find(t, "FACP")->gpa);
	g_assert_cmphex(vmm_le_get(x + 44, 8), ==, find(t, "APIC")->gpa);
	const uint8_t *fadt = t->area + find(t, "FACP")->offset;
	g_assert_cmphex(vmm_le_get(fadt + 140, 8), ==, find(t, "DSDT")->gpa);
}

static gboolean
have_iasl(void)
{
	g_autofree char *iasl = g_find_program_in_path("iasl");
	if (!iasl)
		g_test_skip("iasl is not installed (Debian package acpica-tools)");
	return iasl != NULL;
}

/* Decompiles table SIG with iasl and returns the .dsl text. */
static char *
decompile(Tables *t, const char *sig)
{
	if (!t->dir)
		t->dir = g_dir_make_tmp("vmm-acpi-XXXXXX", NULL);
	const VmmAcpiTable *tab = find(t, sig);
	g_autofree char *name = g_strdup_printf("%s.dat", sig);
	g_autofree char *path = g_build_filename(t->dir, name, NULL);
	g_assert_true(g_file_set_contents(path, (const char *)t->area + tab->offset, tab->length, NULL));
	const char *argv[] = { "iasl", "-d", name, NULL };
	g_autofree char *out = NULL, *err = NULL;
	int status;
	g_autoptr(GError) error = NULL;
	g_assert_true(g_spawn_sync(t->dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
	                           &err, &status, &error));
	g_assert_true(g_spawn_check_wait_status(status, &error));
	g_assert_null(strstr(out, "Error"));
	g_autofree char *dsl_name = g_strdup_printf("%s.dsl", sig);
	g_autofree char *dsl_path = g_build_filename(t->dir, dsl_name, NULL);
	char *dsl = NULL;
	g_assert_true(g_file_get_contents(dsl_path, &dsl, NULL, NULL));
	return dsl;
}

static guint
count(const char *text, const char *needle)
{
	guint n = 0;
	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void
test_dsdt(void)
{
	if (!have_iasl())
		return;
	g_autoptr(Tables) t = build();
	g_autofree char *dsl = decompile(t, "DSDT");
	static const char *const expected[] = {
		"Device (COM1)", "\"PNP0501\"", "0x03F8",
		"Device (PEVT)", "\"QEMU0001\"", "0x0505",
		"Device (GED0)", "\"ACPI0013\"", "OperationRegion (EREG, SystemMemory, 0xFEB00000, 0x04)",
		"Method (_EVT, 1, Serialized)", "Notify (PWRB, 0x80)",
		"Device (PWRB)", "\"PNP0C0C\"",
		"Device (VR00)", "Device (VR01)", "\"LNRO0005\"",
		"Memory32Fixed (ReadWrite,", "0xD0000000", "0xD0001000",
		"Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive, ,, )",
		"Name (\\_S5, Package (0x04)",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
		if (!strstr(dsl, expected[i]))
			g_test_message("decompiled DSDT:\n%s", dsl);
		g_assert_nonnull(strstr(dsl, expected[i]));
	}
	g_assert_cmpuint(count(dsl, "\"LNRO0005\""), ==, 2);
	g_assert_nonnull(strstr(dsl, "0x00000010,")); /* GSI 16 */
	g_assert_nonnull(strstr(dsl, "0x00000011,")); /* GSI 17 */
}

static void
test_fadt(void)
{
	if (!have_iasl())
		return;
	g_autoptr(Tables) t = build();
	g_autofree char *dsl = decompile(t, "FACP");
	g_assert_nonnull(strstr(dsl, "Hardware Reduced (V5) : 1"));
	g_assert_nonnull(strstr(dsl, "Reset Register Supported (V2) : 1"));
	g_assert_nonnull(strstr(dsl, "CMOS RTC Not Present (V5) : 1"));
	g_assert_nonnull(strstr(dsl, "Value to cause reset : FE"));
	g_assert_nonnull(strstr(dsl, "00000000FEB00100")); /* sleep control */
	g_assert_nonnull(strstr(dsl, "00000000FEB00101")); /* sleep status */
}

static void
test_madt(void)
{
	if (!have_iasl())
		return;
	g_autoptr(Tables) t = build();
	g_autofree char *dsl = decompile(t, "APIC");
	g_assert_cmpuint(count(dsl, "[Processor Local APIC]"), ==, N_VCPUS);
	g_assert_cmpuint(count(dsl, "[I/O APIC]"), ==, 1);
	g_assert_nonnull(strstr(dsl, "Local Apic ID : 03"));
	g_assert_nonnull(strstr(dsl, "Address : FEC00000"));
	g_assert_nonnull(strstr(dsl, "[Local APIC NMI]"));
}

static void
test_area_too_small(void)
{
	uint8_t small[256];
	VmmAcpiLayout layout;
	g_autoptr(GError) error = NULL;
	VmmAml *sb = vmm_aml_new();
	vmm_aml_append(sb, vmm_ged_aml(VMM_GED_BASE, VMM_GED_GSI));
	g_assert_false(vmm_acpi_build(small, sizeof small, AREA_GPA, 64, &platform, sb, &layout, &error));
	g_assert_nonnull(error);
}

/* A buffer of N bytes has a package length of 1, 2 or 3 bytes. */
static void
test_aml_package_length(void)
{
	static const struct {
		guint n;
		guint len_bytes;
	} cases[] = { { 60, 1 }, { 61, 2 }, { 4090, 2 }, { 4091, 3 } };
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		GByteArray *desc = g_byte_array_new();
		g_byte_array_set_size(desc, cases[i].n - 2); /* the end tag brings it to n */
		memset(desc->data, 0, desc->len);
		g_autoptr(VmmAml) buf = vmm_aml_resources(desc);
		g_assert_cmphex(buf->data[0], ==, 0x11);
		/* Decode it back: it covers itself and everything after the opcode. */
		guint extra = buf->data[1] >> 6;
		gsize len = buf->data[1] & (extra ? 0x0f : 0x3f);
		for (guint b = 0; b < extra; b++)
			len |= (gsize)buf->data[2 + b] << (4 + 8 * b);
		g_assert_cmpuint(extra + 1, ==, cases[i].len_bytes);
		g_assert_cmpuint(len, ==, buf->len - 1);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vmm/acpi/chain-and-checksums", test_chain_and_checksums);
	g_test_add_func("/vmm/acpi/dsdt-iasl", test_dsdt);
	g_test_add_func("/vmm/acpi/fadt-iasl", test_fadt);
	g_test_add_func("/vmm/acpi/madt-iasl", test_madt);
	g_test_add_func("/vmm/acpi/area-too-small", test_area_too_small);
	g_test_add_func("/vmm/aml/package-length", test_aml_package_length);
	return g_test_run();
}
