/* vmm-board: the devices of an hv-vmm machine, added in table order: the
 * legacy ones at their PC addresses, then the virtio-mmio devices, each in
 * its own slot of the device hole with its own GSI. */
#include "config.h"

#include <unistd.h>

#include "vmm-error.h"
#include "vmm-i8042.h"
#include "vmm-layout.h"
#include "vmm-machine-priv.h"
#include "vmm-pvpanic.h"
#include "vmm-virtio-blk.h"
#include "vmm-virtio-console.h"
#include "vmm-virtio-mmio.h"
#include "vmm-virtio-net.h"

typedef struct {
	const char *name;
	gboolean (*init)(VmmMachine *m, GError **error);
} VmmBoardDevice;

static gboolean
vmm_board_serial(VmmMachine *m, GError **error)
{
	VmmIrqLine *irq = vmm_machine_irq_line(m, VMM_COM1_GSI);
	m->serial = vmm_serial_new(STDOUT_FILENO, vmm_machine_set_irq, irq);
	vmm_machine_own(m, m->serial, (GDestroyNotify)vmm_serial_free);
	vmm_aml_append(m->sb_aml, vmm_serial_aml(VMM_COM1_PORT, VMM_COM1_GSI));
	return vmm_bus_register(m->bus, VMM_BUS_PIO, VMM_COM1_PORT, 8, &vmm_serial_ops, m->serial,
	                        error);
}

static gboolean
vmm_board_i8042(VmmMachine *m, GError **error)
{
	return vmm_bus_register(m->bus, VMM_BUS_PIO, VMM_I8042_CMD, 1, &vmm_i8042_ops, &m->sink,
	                        error);
}

static gboolean
vmm_board_pvpanic(VmmMachine *m, GError **error)
{
	vmm_aml_append(m->sb_aml, vmm_pvpanic_aml());
	return vmm_bus_register(m->bus, VMM_BUS_PIO, VMM_PVPANIC_PORT, 1, &vmm_pvpanic_ops,
	                        &m->sink, error);
}

static gboolean
vmm_board_ged(VmmMachine *m, GError **error)
{
	VmmIrqLine *irq = vmm_machine_irq_line(m, VMM_GED_GSI);
	m->ged = vmm_ged_new(&m->sink, vmm_machine_set_irq, irq);
	vmm_machine_own(m, m->ged, (GDestroyNotify)vmm_ged_free);
	vmm_aml_append(m->sb_aml, vmm_ged_aml(VMM_GED_BASE, VMM_GED_GSI));
	return vmm_bus_register(m->bus, VMM_BUS_MMIO, VMM_GED_BASE, VMM_GED_SIZE, &vmm_ged_ops,
	                        m->ged, error);
}

/* Puts DEV behind the next virtio-mmio slot and starts its I/O thread. */
static VmmVirtio *
vmm_board_virtio(VmmMachine *m, const VmmVirtioOps *ops, void *dev, GError **error)
{
	guint index = m->n_virtio++;
	uint64_t base = VMM_VIRTIO_MMIO_BASE + (uint64_t)index * VMM_VIRTIO_MMIO_SIZE;
	guint gsi = VMM_VIRTIO_GSI_BASE + index;
	g_assert(index < VMM_VIRTIO_MAX); /* the command line allows no more */
	VmmVirtio *v = vmm_virtio_new(ops, dev, m->mem, m->kvm, base, gsi, error);
	if (!v)
		return NULL;
	vmm_machine_own(m, v, (GDestroyNotify)vmm_virtio_free);
	vmm_aml_append(m->sb_aml, vmm_virtio_aml(index, base, gsi));
	if (!vmm_bus_register(m->bus, VMM_BUS_MMIO, base, VMM_VIRTIO_MMIO_SIZE, &vmm_virtio_mmio_ops,
	                      v, error) ||
	    !vmm_virtio_start(v, error))
		return NULL;
	return v;
}

static gboolean
vmm_board_console(VmmMachine *m, GError **error)
{
	VmmConsole *con = vmm_console_new(STDOUT_FILENO, m->backends->console_pipe[0]);
	vmm_machine_own(m, con, (GDestroyNotify)vmm_console_free);
	return vmm_board_virtio(m, &vmm_console_ops, con, error) != NULL;
}

static gboolean
vmm_board_disks(VmmMachine *m, GError **error)
{
	for (guint i = 0; i < m->backends->disks->len; i++) {
		const VmmDiskBackend *d = g_ptr_array_index(m->backends->disks, i);
		g_autofree char *serial = g_strdup_printf("hv-disk%u", i);
		VmmBlk *blk = vmm_blk_new(d->fd, d->size, d->readonly, serial);
		vmm_machine_own(m, blk, (GDestroyNotify)vmm_blk_free);
		if (!vmm_board_virtio(m, vmm_blk_ops(blk), blk, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
vmm_board_net(VmmMachine *m, GError **error)
{
	if (m->backends->tap_fd < 0)
		return TRUE;
	VmmNet *net = vmm_net_new(m->backends->tap_fd, m->backends->mac);
	vmm_machine_own(m, net, (GDestroyNotify)vmm_net_free);
	return vmm_board_virtio(m, &vmm_net_ops, net, error) != NULL;
}

static const VmmBoardDevice vmm_board_devices[] = {
	{ "serial", vmm_board_serial },
	{ "i8042", vmm_board_i8042 },
	{ "pvpanic", vmm_board_pvpanic },
	{ "ged", vmm_board_ged },
	{ "virtio-console", vmm_board_console },
	{ "virtio-blk", vmm_board_disks },
	{ "virtio-net", vmm_board_net },
};

gboolean
vmm_board_init(VmmMachine *m, GError **error)
{
	for (gsize i = 0; i < G_N_ELEMENTS(vmm_board_devices); i++) {
		if (!vmm_board_devices[i].init(m, error)) {
			g_prefix_error(error, "%s: ", vmm_board_devices[i].name);
			return FALSE;
		}
	}
	return TRUE;
}
