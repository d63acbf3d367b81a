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
