/* vmm-bus: where guest port and MMIO accesses that leave the kernel go.
 * Devices register address ranges with an ops table at machine creation;
 * vCPU threads dispatch to them without locks (the table is fixed by then). */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef enum { VMM_BUS_PIO, VMM_BUS_MMIO } VmmBusSpace;

typedef struct {
	/* DATA holds LEN little-endian bytes at OFFSET from the range's base. */
	void (*read)(void *opaque, uint64_t offset, uint8_t *data, guint len);
	void (*write)(void *opaque, uint64_t offset, const uint8_t *data, guint len);
} VmmBusOps;

typedef struct VmmBus VmmBus;

/* An empty bus. */
VmmBus *vmm_bus_new(void);

/* Frees the bus (not the devices). NULL-safe. */
void vmm_bus_free(VmmBus *bus);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmBus, vmm_bus_free)

/* Routes [BASE, BASE+LEN) of SPACE to OPS; fails on overlap. */
gboolean vmm_bus_register(VmmBus *bus, VmmBusSpace space, uint64_t base, uint64_t len,
                          const VmmBusOps *ops, void *opaque, GError **error);

/* Performs one access; an address nobody claims reads as all ones and
 * ignores writes. Returns whether a device handled it. */
gboolean vmm_bus_access(VmmBus *bus, VmmBusSpace space, uint64_t addr, uint8_t *data,
                        guint len, gboolean is_write);

/* Little-endian value of the LEN (1..8) bytes at DATA. */
uint64_t vmm_le_get(const uint8_t *data, guint len);

/* Stores the low LEN (1..8) bytes of VALUE at DATA, little-endian. */
void vmm_le_put(uint8_t *data, guint len, uint64_t value);
