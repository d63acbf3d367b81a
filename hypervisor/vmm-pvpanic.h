/* vmm-pvpanic: QEMU's pvpanic device at I/O port 0x505, which the guest's
 * pvpanic driver finds through ACPI (_HID "QEMU0001"). */
#pragma once

#include "vmm-aml.h"
#include "vmm-bus.h"
#include "vmm-events.h"

#define VMM_PVPANIC_PANICKED     0x1
#define VMM_PVPANIC_CRASH_LOADED 0x2

/* Port ops; OPAQUE is a VmmEventSink. */
extern const VmmBusOps vmm_pvpanic_ops;

/* The device's DSDT entry. */
VmmAml *vmm_pvpanic_aml(void);
