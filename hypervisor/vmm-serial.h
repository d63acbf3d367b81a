/* vmm-serial: a 16550A UART (COM1) whose transmitter writes to a file
 * descriptor (hv-vmm's stdout) and whose receiver is fed by the console. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-aml.h"
#include "vmm-bus.h"

/* Raises or lowers the device's interrupt line. */
typedef void (*VmmIrqFunc)(void *opaque, gboolean level);

typedef struct VmmSerial VmmSerial;

/* Port ops for the UART's eight registers. */
extern const VmmBusOps vmm_serial_ops;

/* A UART writing what the guest sends to OUT_FD and signalling through IRQ. */
VmmSerial *vmm_serial_new(int out_fd, VmmIrqFunc irq, void *irq_opaque);

/* Frees the UART. NULL-safe. */
void vmm_serial_free(VmmSerial *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmSerial, vmm_serial_free)

/* Queues LEN received bytes for the guest; returns how many fit. Thread-safe. */
gsize vmm_serial_input(VmmSerial *s, const uint8_t *data, gsize len);

/* The DSDT entry of a UART at PORT on GSI: a hardware-reduced ACPI guest
 * maps no legacy ISA interrupts, so it learns the UART's from here. */
VmmAml *vmm_serial_aml(uint16_t port, guint gsi);
