/* Passthrough and USB: pci (with pci_seize), usbctrl (with hv's other
 * controllers), usbdevice (with hv's other input devices). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/devices.h"
#include "xlcfg/keys.h"

/* pci_seize = 1 is seize=1 for every device that does not say. */
HV__XL_PARSER(pci)
{
	HvCfgSetting *seize = hv__cfg_lookup(in->cfg, "pci_seize");
	HvTristate all = HV_TRISTATE_DEFAULT;
	(void)k;
	if (s && !hv__spec_parse_list(in, s, &hv__pci_spec, in->dom->pci, error))
		return FALSE;
	if (seize && !hv__xl_get_bool(in, seize, seize->value, &all, error))
		return FALSE;
	for (guint i = 0; all && i < in->dom->pci->len; i++) {
		HvPciDev *d = g_ptr_array_index(in->dom->pci, i);
		if (!d->seize)
			d->seize = all;
	}
	return TRUE;
}

HV__XL_FORMATTER(pci)
{
	return hv__spec_format_list(out, k->key, &hv__pci_spec, out->dom->pci, error);
}

/* Whether xl's usbctrl can say all of C. */
static gboolean
is_usbctrl(const HvController *c)
{
	return c->type == HV_CONTROLLER_TYPE_USB && !c->index.set && !c->model && !c->model_name &&
	       !c->chassis.set && !c->port.set;
}

/* usbctrl then hv_controller, in this order in the model too. */
HV__XL_PARSER(controllers)
{
	HvCfgSetting *more = hv__cfg_lookup(in->cfg, "hv_controller");
	GPtrArray *list = in->dom->controllers;
	(void)k;
	if (s && !hv__spec_parse_list(in, s, &hv__usbctrl_spec, list, error))
		return FALSE;
	for (guint i = 0; i < list->len; i++)
		((HvController *)g_ptr_array_index(list, i))->type = HV_CONTROLLER_TYPE_USB;
	if (more)
		more->used = TRUE;
	return !more || hv__spec_parse_list(in, more, &hv__controller_spec, list, error);
}

/* The leading controllers usbctrl can say go there, the rest to hv's list. */
HV__XL_FORMATTER(controllers)
{
	GPtrArray *all = out->dom->controllers;
	guint n = 0;
	while (n < all->len && is_usbctrl(g_ptr_array_index(all, n)))
		n++;
	g_autoptr(GPtrArray) head = g_ptr_array_new();
	g_autoptr(GPtrArray) tail = g_ptr_array_new();
	for (guint i = 0; i < all->len; i++)
		g_ptr_array_add(i < n ? head : tail, g_ptr_array_index(all, i));
	if (!hv__spec_format_list(out, k->key, &hv__usbctrl_spec, head, error))
		return FALSE;
	if (tail->len && !hv__xl_hv_only(out, _("controllers other than the USB ones usbctrl describes"), "hv_controller", error))
		return FALSE;
	return hv__spec_format_list(out, "hv_controller", &hv__controller_spec, tail, error);
}

static HvInput *
add_input(HvXlIn *in, HvInputType type, HvInputBus bus)
{
	HvInput *input = hv_input_new();
	input->type = type;
	input->bus = bus;
	g_ptr_array_add(in->dom->inputs, input);
	return input;
}

/* usbdevice: "tablet", "mouse", "keyboard", "host:BUS.ADDR",
 * "host:VENDOR:PRODUCT". */
static gboolean
parse_usbdevice_item(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, const char *item, GError **error)
{
	int type;
	if (hv_enum_from_string(HV_ENUM_INPUT_TYPE, item, &type)) {
		add_input(in, type, HV_INPUT_BUS_USB);
		return TRUE;
	}
	guint a = 0, b = 0;
	char end;
	HvUsbDev *dev = hv_usb_dev_new();
	g_ptr_array_add(in->dom->usbdevs, dev);
	if (sscanf(item, "host:%u.%u%c", &a, &b, &end) == 2 && a < 256 && b < 256) {
		dev->hostbus = HV_INT(a);
		dev->hostaddr = HV_INT(b);
		return TRUE;
	}
	if (sscanf(item, "host:%x:%x%c", &a, &b, &end) == 2 && a < 65536 && b < 65536) {
		dev->vendor = HV_INT(a);
		dev->product = HV_INT(b);
		return TRUE;
	}
	return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
	                   _("\"%s\" is not tablet, mouse, keyboard, host:BUS.ADDR or "
	                     "host:VENDOR:PRODUCT"),
	                   item);
}

/* hv_input = [ "TYPE[:BUS][,address=ADDRESS]", ... ] */
static gboolean
parse_hv_inputs(HvXlIn *in, HvCfgSetting *s, GError **error)
{
	g_autoptr(GPtrArray) items = NULL;
	if (!hv__xl_get_strings(in, s, FALSE, &items, error))
		return FALSE;
	for (guint i = 0; i < items->len; i++) {
		g_auto(GStrv) ta = g_strsplit(g_ptr_array_index(items, i), ",address=", 2);
		g_auto(GStrv) tb = g_strsplit(ta[0] ? ta[0] : "", ":", 2);
		int type = 0, bus = 0;
		HvAddress address = { 0 };
		if (!tb[0] || !hv_enum_from_string(HV_ENUM_INPUT_TYPE, tb[0], &type) ||
		    (tb[1] && !hv_enum_from_string(HV_ENUM_INPUT_BUS, tb[1], &bus)) ||
		    (ta[0] && ta[1] && !hv_address_from_string(ta[1], &address, NULL)))
			return hv__xl_fail(in, s, g_ptr_array_index(s->value->items, i), HV_ERROR_INVALID, error,
			                   _("expected \"TYPE[:BUS][,address=ADDRESS]\" (tablet, mouse or "
			                     "keyboard on ps2, usb or virtio), not \"%s\""),
			                   (char *)g_ptr_array_index(items, i));
		add_input(in, type, bus)->address = address;
	}
	return TRUE;
}

/* usbdevice, then hv's hv_input, then usbdev: in this order in the model. */
HV__XL_PARSER(usbdevice)
{
	HvCfgSetting *more = hv__cfg_lookup(in->cfg, "hv_input"), *usbdev = hv__cfg_lookup(in->cfg, "usbdev");
	(void)k;
	for (guint i = 0; s && i < (s->value->items ? s->value->items->len : 1); i++) {
		HvCfgValue *v = s->value->items ? g_ptr_array_index(s->value->items, i) : s->value;
		if (v->items)
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error, _("expected a string"));
		if (!parse_usbdevice_item(in, s, v, v->str, error))
			return FALSE;
	}
	if (more && (more->used = TRUE) && !parse_hv_inputs(in, more, error))
		return FALSE;
	if (usbdev)
		usbdev->used = TRUE;
	return !usbdev || hv__spec_parse_list(in, usbdev, &hv__usbdev_spec, in->dom->usbdevs, error);
}

/* "host:BUS.ADDR" or "host:VENDOR:PRODUCT" for a device usbdevice can
 * say; NULL for one that needs usbdev. */
static char *
usbdevice_host(const HvUsbDev *d)
{
	if (d->controller.set || d->port.set)
		return NULL;
	if (d->hostbus.set && d->hostaddr.set && !d->vendor.set && !d->product.set)
		return g_strdup_printf("host:%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, d->hostbus.value,
		                       d->hostaddr.value);
	if (d->vendor.set && d->product.set && !d->hostbus.set && !d->hostaddr.set)
		return g_strdup_printf("host:%04" G_GINT64_MODIFIER "x:%04" G_GINT64_MODIFIER "x",
		                       d->vendor.value, d->product.value);
	return NULL;
}

/* Whether xl's usbdevice can say all of INPUT. */
static gboolean
usbdevice_input(const HvInput *input)
{
	g_autofree char *address = hv_address_to_string(&input->address);
	return input->bus == HV_INPUT_BUS_USB && !address;
}

/* The leading USB inputs and the leading host devices it can say go to
 * usbdevice, other inputs to hv_input, other devices to usbdev. */
HV__XL_FORMATTER(usbdevice)
{
	GPtrArray *inputs = out->dom->inputs, *devs = out->dom->usbdevs;
	g_autoptr(GPtrArray) head = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) rest = g_ptr_array_new();
	guint n = 0;
	while (n < inputs->len && usbdevice_input(g_ptr_array_index(inputs, n)))
		n++;
	for (guint i = 0; i < inputs->len; i++) {
		const HvInput *input = g_ptr_array_index(inputs, i);
		const char *type = hv_enum_to_string(HV_ENUM_INPUT_TYPE, input->type);
		const char *bus = hv_enum_to_string(HV_ENUM_INPUT_BUS, input->bus);
		g_autofree char *address = hv_address_to_string(&input->address);
		g_ptr_array_add(i < n ? head : tail,
		                i < n ? g_strdup(type)
		                      : g_strconcat(type, bus ? ":" : "", bus ? bus : "",
		                                    address ? ",address=" : "", address, NULL));
	}
	for (guint i = 0; i < devs->len; i++) {
		char *host = rest->len ? NULL : usbdevice_host(g_ptr_array_index(devs, i));
		if (host)
			g_ptr_array_add(head, host);
		else
			g_ptr_array_add(rest, g_ptr_array_index(devs, i));
	}
	if (head->len)
		hv__xl_emit_strings(out, k->key, g_ptr_array_ref(head));
	if (tail->len && !hv__xl_hv_only(out, _("input devices other than USB ones"), "hv_input", error))
		return FALSE;
	if (tail->len)
		hv__xl_emit_strings(out, "hv_input", g_ptr_array_ref(tail));
	return hv__spec_format_list(out, "usbdev", &hv__usbdev_spec, rest, error);
}
