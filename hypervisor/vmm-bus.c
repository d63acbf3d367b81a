/* vmm-bus: port and MMIO dispatch. */
#include "config.h"

#include "vmm-bus.h"

#include <string.h>

#include "vmm-error.h"

typedef struct {
	VmmBusSpace space;
	uint64_t base;
	uint64_t len;
	const VmmBusOps *ops;
	void *opaque;
} VmmBusRange;

struct VmmBus {
	GArray *ranges; /* VmmBusRange */
};

VmmBus *
vmm_bus_new(void)
{
	VmmBus *bus = g_new0(VmmBus, 1);
	bus->ranges = g_array_new(FALSE, FALSE, sizeof(VmmBusRange));
	return bus;
}

void
vmm_bus_free(VmmBus *bus)
{
	if (!bus)
		return;
	g_array_unref(bus->ranges);
	g_free(bus);
}

static VmmBusRange *
vmm_bus_find(VmmBus *bus, VmmBusSpace space, uint64_t addr, uint64_t len)
{
	for (guint i = 0; i < bus->ranges->len; i++) {
		VmmBusRange *r = &g_array_index(bus->ranges, VmmBusRange, i);
		if (r->space == space && addr < r->base + r->len && r->base < addr + len)
			return r;
	}
	return NULL;
}

gboolean
vmm_bus_register(VmmBus *bus, VmmBusSpace space, uint64_t base, uint64_t len,
                 const VmmBusOps *ops, void *opaque, GError **error)
{
	if (len == 0 || vmm_bus_find(bus, space, base, len)) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID,
		            "%s range 0x%" G_GINT64_MODIFIER "x+0x%" G_GINT64_MODIFIER
		            "x overlaps another device",
		            space == VMM_BUS_PIO ? "port" : "MMIO", base, len);
		return FALSE;
	}
	VmmBusRange r = { space, base, len, ops, opaque };
	g_array_append_val(bus->ranges, r);
	return TRUE;
}

gboolean
vmm_bus_access(VmmBus *bus, VmmBusSpace space, uint64_t addr, uint8_t *data, guint len,
               gboolean is_write)
{
	VmmBusRange *r = vmm_bus_find(bus, space, addr, 1);
	if (!r || addr + len > r->base + r->len) {
		if (!is_write)
			memset(data, 0xff, len);
		return FALSE;
	}
	if (is_write) {
		if (r->ops->write)
			r->ops->write(r->opaque, addr - r->base, data, len);
	} else if (r->ops->read) {
		r->ops->read(r->opaque, addr - r->base, data, len);
	} else {
		memset(data, 0xff, len);
	}
	return TRUE;
}

uint64_t
vmm_le_get(const uint8_t *data, guint len)
{
	uint64_t v = 0;
	for (guint i = 0; i < len && i < 8; i++)
		v |= (uint64_t)data[i] << (8 * i);
	return v;
}

void
vmm_le_put(uint8_t *data, guint len, uint64_t value)
{
	for (guint i = 0; i < len && i < 8; i++)
		data[i] = (uint8_t)(value >> (8 * i));
}
