/* hvlv-domxml-address: a device's <address type ...> read into and written
 * from the model's HvAddress, with the attributes of each type libvirt
 * knows, formatted as libvirt formats them (PCI and ISA numbers in hex). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domxml-private.h"
#include "hvlv-error.h"

typedef struct {
	const char *name;
	size_t offset;      /* an HvInt of HvAddress */
	gint64 max;
	int hex_digits;     /* written as 0x and this many hex digits; 0: decimal */
} AddressAttr;

#define A(f, max, digits) { #f, offsetof(HvAddress, f), max, digits }

static const AddressAttr pci_attrs[] = {
	A(domain, 0xffff, 4), A(bus, 0xff, 2), A(slot, 0x1f, 2),
	A(function, 7, 1), { NULL, 0, 0, 0 },
};
static const AddressAttr drive_attrs[] = {
	A(controller, 255, 0), A(bus, 255, 0), A(target, 255, 0), A(unit, 255, 0),
	{ NULL, 0, 0, 0 },
};
static const AddressAttr usb_attrs[] = { A(bus, 255, 0), { NULL, 0, 0, 0 } };
static const AddressAttr serial_attrs[] = {
	A(controller, 255, 0), A(bus, 255, 0), { NULL, 0, 0, 0 },
};
static const AddressAttr isa_attrs[] = {
	A(iobase, 0xffff, 1), A(irq, 255, 1), { NULL, 0, 0, 0 },
};

static const AddressAttr none[] = { { NULL, 0, 0, 0 } };

/* The integer attributes of TYPE, in libvirt's order. */
static const AddressAttr *
attrs_of(HvAddressType type)
{
	switch (type) {
	case HV_ADDRESS_TYPE_PCI:
		return pci_attrs;
	case HV_ADDRESS_TYPE_DRIVE:
		return drive_attrs;
	case HV_ADDRESS_TYPE_USB:
		return usb_attrs;
	case HV_ADDRESS_TYPE_VIRTIO_SERIAL:
		return serial_attrs;
	case HV_ADDRESS_TYPE_ISA:
		return isa_attrs;
	default:
		return none;
	}
}

static gboolean
parse_type(HvlvXmlIn *in, xmlNode *addr, const char *device, guint allowed, HvAddress *a,
           GError **error)
{
	const char *type = hvlv_xin_attr(in, addr, "type");
	int value = 0;
	if (!type) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("No type specified for device address"));
		return FALSE;
	}
	if (!hv_enum_from_string(HV_ENUM_ADDRESS_TYPE, type, &value)) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("address of type '%s' in <%s> is not supported by hv"), type, device);
		return FALSE;
	}
	if (!(allowed & (1u << value))) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("<%s> cannot have an address of type '%s'"), device, type);
		return FALSE;
	}
	a->type = value;
	return TRUE;
}

gboolean
hvlv_domxml_parse_address(HvlvXmlIn *in, xmlNode *device, guint allowed, HvAddress *a,
                          GError **error)
{
	xmlNode *addr = hvlv_xin_child(in, device, "address");
	const char *device_name = (const char *)device->name;
	if (!addr)
		return TRUE;
	if (!parse_type(in, addr, device_name, allowed, a, error))
		return FALSE;
	for (const AddressAttr *at = attrs_of(a->type); at->name; at++)
		if (!hvlv_xin_int(in, addr, at->name, 0, at->max, G_STRUCT_MEMBER_P(a, at->offset),
		                  error))
			return FALSE;
	if (a->type == HV_ADDRESS_TYPE_PCI &&
	    !hvlv_xin_bool(in, addr, "multifunction", &a->multifunction, error))
		return FALSE;
	if (a->type == HV_ADDRESS_TYPE_USB || a->type == HV_ADDRESS_TYPE_VIRTIO_SERIAL) {
		const char *port = hvlv_xin_attr(in, addr, "port");
		gboolean dotted = a->type == HV_ADDRESS_TYPE_USB;
		if (port && (!*port || strspn(port, dotted ? "0123456789." : "0123456789") != strlen(port))) {
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("Cannot parse <address> 'port' attribute"));
			return FALSE;
		}
		a->port = g_strdup(port);
	}
	return TRUE;
}

void
hvlv_domxml_format_address(HvlvXmlOut *out, const HvAddress *a)
{
	if (!a->type)
		return;
	hvlv_xout_push(out, "address");
	hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_ADDRESS_TYPE, a->type));
	for (const AddressAttr *at = attrs_of(a->type); at->name; at++) {
		const HvInt *v = G_STRUCT_MEMBER_P(a, at->offset);
		if (!v->set)
			continue;
		g_autofree char *text = at->hex_digits
		                                ? g_strdup_printf("0x%0*x", at->hex_digits, (guint)v->value)
		                                : g_strdup_printf("%u", (guint)v->value);
		hvlv_xout_attr(out, at->name, text);
	}
	hvlv_xout_attr(out, "port", a->port);
	if (a->multifunction)
		hvlv_xout_attr(out, "multifunction", a->multifunction == HV_TRISTATE_YES ? "on" : "off");
	hvlv_xout_pop(out);
}

/* The PCI addresses of D's devices, in document order of their kinds. */
static GPtrArray *
pci_addresses(const HvDomain *d)
{
	GPtrArray *all = g_ptr_array_new();
	const GPtrArray *lists[] = { d->disks, d->controllers, d->nics, d->pci, d->rngs };
	const size_t offsets[] = { offsetof(HvDisk, address), offsetof(HvController, address),
		                   offsetof(HvNic, address), offsetof(HvPciDev, address),
		                   offsetof(HvRng, address) };
	for (guint l = 0; l < G_N_ELEMENTS(lists); l++)
		for (guint i = 0; i < lists[l]->len; i++)
			g_ptr_array_add(all, G_STRUCT_MEMBER_P(lists[l]->pdata[i], offsets[l]));
	g_ptr_array_add(all, (gpointer)&d->watchdog.address);
	g_ptr_array_add(all, (gpointer)&d->memballoon.address);
	return all;
}

/* The highest index of D's PCI controllers: libvirt's last PCI bus. */
static gint64
last_pci_bus(const HvDomain *d)
{
	gint64 last = 0;
	for (guint i = 0; i < d->controllers->len; i++) {
		const HvController *c = d->controllers->pdata[i];
		if (c->type == HV_CONTROLLER_TYPE_PCI)
			last = MAX(last, c->index.value);
	}
	return last;
}

static char *
pci_address_string(const HvAddress *a)
{
	return g_strdup_printf("%04x:%02x:%02x.%u", (guint)hv_int_or(a->domain, 0),
	                       (guint)hv_int_or(a->bus, 0), (guint)hv_int_or(a->slot, 0),
	                       (guint)hv_int_or(a->function, 0));
}

gboolean
hvlv_domxml_check_pci_addresses(const HvDomain *d, GError **error)
{
	g_autoptr(GPtrArray) all = pci_addresses(d);
	g_autoptr(GHashTable) used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	gint64 last = last_pci_bus(d);
	for (guint i = 0; i < all->len; i++) {
		const HvAddress *a = all->pdata[i];
		if (a->type != HV_ADDRESS_TYPE_PCI)
			continue;
		g_autofree char *s = pci_address_string(a);
		if (hv_int_or(a->domain, 0) != 0)
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("Invalid PCI address %s. Only PCI domain 0 is available"), s);
		else if (hv_int_or(a->bus, 0) > last)
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("Invalid PCI address %s. Only PCI buses up to %d are available"),
			               s, (int)last);
		else if (g_hash_table_contains(used, s))
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("Attempted double use of PCI Address %s"), s);
		if (error && *error)
			return FALSE;
		g_hash_table_add(used, g_steal_pointer(&s));
	}
	return TRUE;
}
