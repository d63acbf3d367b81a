/* vmm-ged: the ACPI Generic Event Device of a hardware-reduced platform,
 * as QEMU's microvm has it: an event selector whose power-down bit the
 * GED's _EVT method turns into Notify (PWRB, 0x80) (the guest's power button
 * driver and acpid take it from there), and the FADT's sleep control and
 * status registers, where the guest's soft-off lands. */
#pragma once

#include <stdint.h>

#include "vmm-aml.h"
#include "vmm-bus.h"
#include "vmm-events.h"
#include "vmm-serial.h"

#define VMM_GED_SELECTOR      0x000 /* 32 bits, read clears */
#define VMM_GED_SLEEP_CONTROL 0x100
#define VMM_GED_SLEEP_STATUS  0x101
#define VMM_GED_EVENT_POWER_DOWN 0x2
#define VMM_GED_SLP_TYP_S5    5
#define VMM_GED_SLP_EN        0x20

typedef struct VmmGed VmmGed;

/* MMIO ops for the GED's page. */
extern const VmmBusOps vmm_ged_ops;

/* A GED reporting soft-off to SINK and raising its interrupt through IRQ. */
VmmGed *vmm_ged_new(const VmmEventSink *sink, VmmIrqFunc irq, void *irq_opaque);

/* Frees the GED. NULL-safe. */
void vmm_ged_free(VmmGed *ged);

/* Presses the power button. Thread-safe. */
void vmm_ged_power_button(VmmGed *ged);

/* DSDT entries of a GED at BASE signalling GSI: the GED and the button. */
VmmAml *vmm_ged_aml(uint64_t base, guint gsi);
