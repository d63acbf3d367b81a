/* QEMU arguments that put devices where their HvAddress says: PCI slots
 * (bus=,addr=) and the PCI controllers those buses need. libvirt names the
 * bus of PCI controller INDEX "pci.INDEX" and the root bus "pcie.0" (q35)
 * or "pci.0"; hv does the same so that addresses copied from libvirt mean
 * the same slots. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/model.h>

#include "engine/engine-internal.h"

#define ARG(...) g_ptr_array_add(argv, g_strdup_printf(__VA_ARGS__))

static const HvController *
pci_controller(const HvDomain *d, gint64 index)
{
	for (guint i = 0; i < d->controllers->len; i++) {
		const HvController *c = d->controllers->pdata[i];
		if (c->type == HV_CONTROLLER_TYPE_PCI && c->index.value == index)
			return c;
	}
	return NULL;
}

char *
hv__qemu_pci_address(const HvDomain *d, const HvAddress *a, GError **error)
{
	if (a->type != HV_ADDRESS_TYPE_PCI)
		return g_strdup("");
	gint64 bus = hv_int_or(a->bus, 0);
	if (hv_int_or(a->domain, 0) != 0) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("PCI domain %" G_GINT64_FORMAT " is not supported by hv's QEMU engine"),
		            a->domain.value);
		return NULL;
	}
	if (bus != 0 && !pci_controller(d, bus)) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("a device is on PCI bus %" G_GINT64_FORMAT ", but there is no PCI "
		              "controller with index %" G_GINT64_FORMAT), bus, bus);
		return NULL;
	}
	g_autofree char *name = bus ? g_strdup_printf("pci.%" G_GINT64_FORMAT, bus)
	                            : g_strdup(d->machine && strstr(d->machine, "q35") ? "pcie.0"
	                                                                               : "pci.0");
	return g_strdup_printf(",bus=%s,addr=0x%" G_GINT64_MODIFIER "x.%" G_GINT64_FORMAT "%s", name,
	                       hv_int_or(a->slot, 0), hv_int_or(a->function, 0),
	                       a->multifunction == HV_TRISTATE_YES ? ",multifunction=on" : "");
}

/* Whether some device's (or needed controller's) PCI address is on bus INDEX. */
static gboolean
bus_is_used(const HvDomain *d, gint64 index)
{
	const GPtrArray *lists[] = { d->disks, d->nics, d->controllers };
	const size_t offsets[] = { offsetof(HvDisk, address), offsetof(HvNic, address),
		                   offsetof(HvController, address) };
	for (guint l = 0; l < G_N_ELEMENTS(lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const HvAddress *a = G_STRUCT_MEMBER_P(lists[l]->pdata[i], offsets[l]);
			if (a->type == HV_ADDRESS_TYPE_PCI && hv_int_or(a->bus, 0) == index)
				return TRUE;
		}
	return FALSE;
}

static gboolean
add_pci_controller(GPtrArray *argv, const HvDomain *d, const HvController *c, GError **error)
{
	const char *model = c->model ? c->model : "pcie-root-port";
	if (strcmp(model, "pcie-root-port") != 0 && strcmp(model, "pci-bridge") != 0) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("PCI controller model '%s' is not supported by hv's QEMU engine yet"), model);
		return FALSE;
	}
	g_autofree char *addr = hv__qemu_pci_address(d, &c->address, error);
	if (!addr)
		return FALSE;
	gint64 index = c->index.value;
	ARG("-device");
	if (strcmp(model, "pci-bridge") == 0)
		ARG("pci-bridge,chassis_nr=%" G_GINT64_FORMAT ",id=pci.%" G_GINT64_FORMAT "%s", index,
		    index, addr);
	else /* libvirt's defaults: chassis = index, port = slot << 3 | function */
		ARG("%s,port=0x%" G_GINT64_MODIFIER "x,chassis=%" G_GINT64_FORMAT
		    ",id=pci.%" G_GINT64_FORMAT "%s",
		    c->model_name ? c->model_name : "pcie-root-port",
		    hv_int_or(c->port, (hv_int_or(c->address.slot, 0) << 3) |
		                               hv_int_or(c->address.function, 0)),
		    hv_int_or(c->chassis, index), index, addr);
	return TRUE;
}

gboolean
hv__qemu_add_pci_controllers(GPtrArray *argv, const HvDomain *d, GError **error)
{
	/* only the buses devices are placed on: an unaddressed domain keeps
	 * QEMU's own layout */
	for (guint i = 0; i < d->controllers->len; i++) {
		const HvController *c = d->controllers->pdata[i];
		if (c->type != HV_CONTROLLER_TYPE_PCI || !c->index.set || c->index.value == 0 ||
		    !bus_is_used(d, c->index.value))
			continue;
		if (!add_pci_controller(argv, d, c, error))
			return FALSE;
	}
	return TRUE;
}
