/* vmm-acpi: ACPI tables (layouts from the ACPI 6 specification, ch. 5). */
#include "config.h"

#include "vmm-acpi.h"

#include <string.h>

#include "vmm-bus.h"
#include "vmm-error.h"
#include "vmm-layout.h"

#define ACPI_HEADER_SIZE 36
#define ACPI_RSDP_SIZE   36
#define ACPI_FADT_SIZE   276
#define ACPI_FADT_REVISION 6

#define FADT_FLAG_RESET_REG_SUP (1u << 10)
#define FADT_FLAG_HW_REDUCED    (1u << 20)
/* IA-PC boot architecture: no VGA, no MSI, no ASPM control, no CMOS RTC
 * (and, by leaving bit 1 clear, no 8042 for the keyboard driver). */
#define FADT_BOOT_ARCH 0x3c

#define GAS_SYSTEM_MEMORY 0
#define GAS_SYSTEM_IO     1
#define GAS_ACCESS_BYTE   1

typedef struct {
	uint8_t *area;
	gsize size;
	uint64_t gpa;
	gsize used;
	VmmAcpiLayout *layout;
} VmmAcpiWriter;

static uint8_t
vmm_acpi_sum(const uint8_t *p, gsize len)
{
	uint8_t sum = 0;
	for (gsize i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	return sum;
}

/* Reserves LEN bytes for table SIG; NULL if the area is full. */
static uint8_t *
vmm_acpi_alloc(VmmAcpiWriter *w, const char *sig, gsize len, uint64_t *gpa_r)
{
	gsize at = (w->used + 15) & ~(gsize)15;
	if (at > w->size || len > w->size - at || w->layout->n_tables == VMM_ACPI_MAX_TABLES)
		return NULL;
	w->used = at + len;
	VmmAcpiTable *t = &w->layout->tables[w->layout->n_tables++];
	g_strlcpy(t->signature, sig, sizeof t->signature);
	t->gpa = w->gpa + at;
	t->offset = (guint)at;
	t->length = (guint)len;
	*gpa_r = t->gpa;
	memset(w->area + at, 0, len);
	return w->area + at;
}

static void
vmm_acpi_header(uint8_t *t, const char *sig, guint len, uint8_t revision)
{
	memcpy(t, sig, 4);
	vmm_le_put(t + 4, 4, len);
	t[8] = revision;
	memcpy(t + 10, "HVVMM ", 6);
	memcpy(t + 16, "HVVMMTBL", 8);
	vmm_le_put(t + 24, 4, 1);
	memcpy(t + 28, "HVVM", 4);
	vmm_le_put(t + 32, 4, 1);
}

static void
vmm_acpi_checksum(uint8_t *t, guint len)
{
	t[9] = 0;
	t[9] = (uint8_t)(0x100 - vmm_acpi_sum(t, len));
}

static void
vmm_acpi_gas(uint8_t *p, uint8_t space, uint8_t bits, uint64_t addr)
{
	p[0] = space;
	p[1] = bits;
	p[2] = 0;
	p[3] = GAS_ACCESS_BYTE;
	vmm_le_put(p + 4, 8, addr);
}

static gboolean
vmm_acpi_dsdt(VmmAcpiWriter *w, const VmmAcpiPlatform *pf, VmmAml *sb, uint64_t *gpa_r)
{
	g_autoptr(VmmAml) body = vmm_aml_scope("\\_SB_", sb);
	vmm_aml_append(body, vmm_aml_name("\\_S5_", vmm_aml_package(4, vmm_aml_int(pf->s5_sleep_type),
	                                                            vmm_aml_int(0), vmm_aml_int(0),
	                                                            vmm_aml_int(0))));
	guint len = ACPI_HEADER_SIZE + body->len;
	uint8_t *t = vmm_acpi_alloc(w, "DSDT", len, gpa_r);
	if (!t)
		return FALSE;
	vmm_acpi_header(t, "DSDT", len, 2);
	memcpy(t + ACPI_HEADER_SIZE, body->data, body->len);
	vmm_acpi_checksum(t, len);
	return TRUE;
}

static gboolean
vmm_acpi_fadt(VmmAcpiWriter *w, const VmmAcpiPlatform *pf, uint64_t dsdt, uint64_t *gpa_r)
{
	uint8_t *t = vmm_acpi_alloc(w, "FACP", ACPI_FADT_SIZE, gpa_r);
	if (!t)
		return FALSE;
	vmm_acpi_header(t, "FACP", ACPI_FADT_SIZE, ACPI_FADT_REVISION);
	vmm_le_put(t + 40, 4, dsdt);
	vmm_le_put(t + 109, 2, FADT_BOOT_ARCH);
	vmm_le_put(t + 112, 4, FADT_FLAG_HW_REDUCED | FADT_FLAG_RESET_REG_SUP);
	vmm_acpi_gas(t + 116, GAS_SYSTEM_IO, 8, pf->reset_port);
	t[128] = pf->reset_value;
	vmm_le_put(t + 140, 8, dsdt);
	vmm_acpi_gas(t + 244, GAS_SYSTEM_MEMORY, 8, pf->sleep_control);
	vmm_acpi_gas(t + 256, GAS_SYSTEM_MEMORY, 8, pf->sleep_status);
	memcpy(t + 268, "hv-vmm\0\0", 8); /* hypervisor vendor identity */
	vmm_acpi_checksum(t, ACPI_FADT_SIZE);
	return TRUE;
}

static gboolean
vmm_acpi_madt(VmmAcpiWriter *w, guint n_vcpus, uint64_t *gpa_r)
{
	guint len = ACPI_HEADER_SIZE + 8 + n_vcpus * 8 + 12 + 6;
	uint8_t *t = vmm_acpi_alloc(w, "APIC", len, gpa_r);
	if (!t)
		return FALSE;
	vmm_acpi_header(t, "APIC", len, 5);
	vmm_le_put(t + 36, 4, VMM_LAPIC_ADDR);
	vmm_le_put(t + 40, 4, 1); /* PC-AT compatible: there is an 8259 pair */
	uint8_t *e = t + 44;
	for (guint i = 0; i < n_vcpus; i++, e += 8) {
		e[0] = 0; /* processor local APIC */
		e[1] = 8;
		e[2] = (uint8_t)i; /* ACPI processor UID */
		e[3] = (uint8_t)i; /* APIC ID */
		vmm_le_put(e + 4, 4, 1); /* enabled */
	}
	e[0] = 1; /* I/O APIC, GSIs from 0 */
	e[1] = 12;
	vmm_le_put(e + 4, 4, VMM_IOAPIC_ADDR);
	e += 12;
	e[0] = 4; /* local APIC NMI on LINT1 of every processor */
	e[1] = 6;
	e[2] = 0xff;
	e[5] = 1;
	vmm_acpi_checksum(t, len);
	return TRUE;
}

static gboolean
vmm_acpi_xsdt(VmmAcpiWriter *w, const uint64_t *entries, guint n, uint64_t *gpa_r)
{
	guint len = ACPI_HEADER_SIZE + 8 * n;
	uint8_t *t = vmm_acpi_alloc(w, "XSDT", len, gpa_r);
	if (!t)
		return FALSE;
	vmm_acpi_header(t, "XSDT", len, 1);
	for (guint i = 0; i < n; i++)
		vmm_le_put(t + ACPI_HEADER_SIZE + 8 * i, 8, entries[i]);
	vmm_acpi_checksum(t, len);
	return TRUE;
}

static void
vmm_acpi_rsdp(uint8_t *r, uint64_t xsdt)
{
	memcpy(r, "RSD PTR ", 8);
	memcpy(r + 9, "HVVMM ", 6);
	r[15] = 2; /* ACPI 2.0+: XSDT */
	vmm_le_put(r + 20, 4, ACPI_RSDP_SIZE);
	vmm_le_put(r + 24, 8, xsdt);
	r[8] = (uint8_t)(0x100 - vmm_acpi_sum(r, 20));
	r[32] = (uint8_t)(0x100 - vmm_acpi_sum(r, ACPI_RSDP_SIZE));
}

gboolean
vmm_acpi_build(uint8_t *area, gsize area_size, uint64_t area_gpa, guint n_vcpus,
               const VmmAcpiPlatform *platform, VmmAml *sb_devices, VmmAcpiLayout *layout,
               GError **error)
{
	memset(layout, 0, sizeof *layout);
	VmmAcpiWriter w = { area, area_size, area_gpa, 0, layout };
	uint64_t rsdp, dsdt, tables[2], xsdt;
	uint8_t *r = vmm_acpi_alloc(&w, "RSDP", ACPI_RSDP_SIZE, &rsdp);
	if (!r || !vmm_acpi_dsdt(&w, platform, sb_devices, &dsdt) ||
	    !vmm_acpi_fadt(&w, platform, dsdt, &tables[0]) ||
	    !vmm_acpi_madt(&w, n_vcpus, &tables[1]) || !vmm_acpi_xsdt(&w, tables, 2, &xsdt)) {
		if (!r)
			vmm_aml_free(sb_devices);
		g_set_error(error, VMM_ERROR, VMM_ERROR_NO_SPACE, "the ACPI tables need more than %"
		            G_GSIZE_FORMAT " bytes", area_size);
		return FALSE;
	}
	vmm_acpi_rsdp(r, xsdt);
	return TRUE;
}
