/* vmm-i8042: just enough of the PC keyboard controller for its reset line:
 * command 0xfe on port 0x64 resets the machine (Linux's reboot=kbd, and the
 * FADT reset register points here too). */
#pragma once

#include "vmm-bus.h"
#include "vmm-events.h"

#define VMM_I8042_RESET_CMD 0xfe

/* Ops for the status/command port 0x64; OPAQUE is a VmmEventSink. */
extern const VmmBusOps vmm_i8042_ops;
