/* vmm-acpi: the ACPI tables generated at start: RSDP, XSDT, a
 * hardware-reduced FADT (sleep and reset registers instead of PM blocks),
 * a MADT with one local APIC per vCPU and the IOAPIC, and a DSDT holding
 * the devices' AML and the S5 (soft-off) package. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-aml.h"

#define VMM_ACPI_MAX_TABLES 5

typedef struct {
	char signature[5];
	uint64_t gpa;
	guint offset; /* in the area */
	guint length;
} VmmAcpiTable;

typedef struct {
	guint n_tables;
	VmmAcpiTable tables[VMM_ACPI_MAX_TABLES]; /* RSDP first */
} VmmAcpiLayout;

/* Where the FADT's registers point: sleep control and status (MMIO), and
 * the reset register (an I/O port and the value to write). */
typedef struct {
	uint64_t sleep_control;
	uint64_t sleep_status;
	uint16_t reset_port;
	uint8_t reset_value;
	uint8_t s5_sleep_type; /* SLP_TYP the guest writes for soft-off */
} VmmAcpiPlatform;

/* Writes all tables into AREA (AREA_SIZE bytes that the guest sees at
 * AREA_GPA), the RSDP first; SB_DEVICES is the AML of the devices that go
 * into \_SB (taken). Fails if the tables do not fit. */
gboolean vmm_acpi_build(uint8_t *area, gsize area_size, uint64_t area_gpa, guint n_vcpus,
                        const VmmAcpiPlatform *platform, VmmAml *sb_devices,
                        VmmAcpiLayout *layout, GError **error);
