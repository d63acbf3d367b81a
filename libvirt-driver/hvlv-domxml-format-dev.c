/* hvlv-domxml-format-dev: <devices>, mirroring hvlv-domxml-parse-dev.c. */
#include "config.h"

#include <string.h>

#include "hvlv-domxml-private.h"

static void
format_boot_order(HvlvXmlOut *out, HvInt order)
{
	if (!order.set)
		return;
	hvlv_xout_push(out, "boot");
	hvlv_xout_attr_int(out, "order", order);
	hvlv_xout_pop(out);
}

/* <NAME ATTR='VALUE'/> when VALUE is not NULL. */
static void
format_attr_element(HvlvXmlOut *out, const char *name, const char *attr, const char *value)
{
	if (!value)
		return;
	hvlv_xout_push(out, name);
	hvlv_xout_attr(out, attr, value);
	hvlv_xout_pop(out);
}

static void
format_disk(HvlvXmlOut *out, const HvDisk *k)
{
	gboolean block = k->source_type == HV_DISK_SOURCE_BLOCK;
	hvlv_xout_push(out, "disk");
	hvlv_xout_attr(out, "type", block ? "block" : "file");
	hvlv_xout_attr(out, "device", hv_enum_to_string(HV_ENUM_DISK_DEVICE,
	                                                k->devtype ? k->devtype : HV_DISK_DEVICE_DISK));
	if (k->format || k->cache || k->io || k->discard) {
		hvlv_xout_push(out, "driver");
		hvlv_xout_attr(out, "name", "qemu");
		hvlv_xout_attr(out, "type", hvlv_xml_enum_name(HV_ENUM_DISK_FORMAT,
		                                               hvlv_domxml_disk_formats, k->format));
		hvlv_xout_attr(out, "cache", hv_enum_to_string(HV_ENUM_DISK_CACHE, k->cache));
		hvlv_xout_attr(out, "io", hv_enum_to_string(HV_ENUM_DISK_IO, k->io));
		if (k->discard)
			hvlv_xout_attr(out, "discard", k->discard == HV_TRISTATE_YES ? "unmap" : "ignore");
		hvlv_xout_pop(out);
	}
	format_attr_element(out, "source", block ? "dev" : "file", k->target);
	hvlv_xout_push(out, "target");
	hvlv_xout_attr(out, "dev", k->vdev);
	hvlv_xout_attr(out, "bus", hv_enum_to_string(HV_ENUM_DISK_BUS, hv_disk_get_bus(k, 0)));
	hvlv_xout_pop(out);
	if (k->access == HV_DISK_ACCESS_RO)
		hvlv_xout_element(out, "readonly", "");
	if (k->shareable == HV_TRISTATE_YES)
		hvlv_xout_element(out, "shareable", "");
	hvlv_xout_element(out, "serial", k->serial);
	format_boot_order(out, k->boot_order);
	hvlv_domxml_format_address(out, &k->address);
	hvlv_xout_pop(out);
}

static void
format_nic(HvlvXmlOut *out, const HvNic *n)
{
	HvNicType type = n->type ? n->type : n->network ? HV_NIC_TYPE_NETWORK
	                                   : n->bridge  ? HV_NIC_TYPE_BRIDGE
	                                                : HV_NIC_TYPE_ETHERNET;
	hvlv_xout_push(out, "interface");
	hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_NIC_TYPE, type));
	format_attr_element(out, "mac", "address", n->mac);
	if (type == HV_NIC_TYPE_BRIDGE || type == HV_NIC_TYPE_NETWORK)
		format_attr_element(out, "source", type == HV_NIC_TYPE_BRIDGE ? "bridge" : "network",
		                    type == HV_NIC_TYPE_BRIDGE ? n->bridge : n->network);
	format_attr_element(out, "script", "path", n->script);
	format_attr_element(out, "target", "dev", n->vifname);
	format_attr_element(out, "model", "type", n->model);
	if (n->queues.set) {
		hvlv_xout_push(out, "driver");
		hvlv_xout_attr_int(out, "queues", n->queues);
		hvlv_xout_pop(out);
	}
	if (n->mtu.set) {
		hvlv_xout_push(out, "mtu");
		hvlv_xout_attr_int(out, "size", n->mtu);
		hvlv_xout_pop(out);
	}
	format_boot_order(out, n->boot_order);
	hvlv_domxml_format_address(out, &n->address);
	hvlv_xout_pop(out);
}

/* <source><address .../></source>; an interface's address names its type. */
static void
format_pci_address(HvlvXmlOut *out, const char *bdf, gboolean typed)
{
	guint dom = 0, bus = 0, slot = 0, fn = 0;
	if (sscanf(bdf, "%x:%x:%x.%x", &dom, &bus, &slot, &fn) != 4)
		return;
	hvlv_xout_push(out, "source");
	hvlv_xout_push(out, "address");
	if (typed)
		hvlv_xout_attr(out, "type", "pci");
	g_autofree char *d = g_strdup_printf("0x%04x", dom), *b = g_strdup_printf("0x%02x", bus),
	                *s = g_strdup_printf("0x%02x", slot), *f = g_strdup_printf("0x%x", fn);
	hvlv_xout_attr(out, "domain", d);
	hvlv_xout_attr(out, "bus", b);
	hvlv_xout_attr(out, "slot", s);
	hvlv_xout_attr(out, "function", f);
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_pci(HvlvXmlOut *out, const HvPciDev *p)
{
	if (p->vf_mac) {
		hvlv_xout_push(out, "interface");
		hvlv_xout_attr(out, "type", "hostdev");
		hvlv_xout_attr_bool(out, "managed", p->seize, FALSE);
		format_attr_element(out, "mac", "address", p->vf_mac);
	} else {
		hvlv_xout_push(out, "hostdev");
		hvlv_xout_attr(out, "mode", "subsystem");
		hvlv_xout_attr(out, "type", "pci");
		hvlv_xout_attr_bool(out, "managed", p->seize, FALSE);
	}
	format_pci_address(out, p->bdf, p->vf_mac != NULL);
	if (p->vf_vlan.set) {
		hvlv_xout_push(out, "vlan");
		hvlv_xout_push(out, "tag");
		hvlv_xout_attr_int(out, "id", p->vf_vlan);
		hvlv_xout_pop(out);
		hvlv_xout_pop(out);
	}
	format_boot_order(out, p->boot_order);
	hvlv_domxml_format_address(out, &p->address);
	hvlv_xout_pop(out);
}

static void
format_hex_id(HvlvXmlOut *out, const char *name, HvInt id)
{
	if (!id.set)
		return;
	g_autofree char *hex = g_strdup_printf("0x%04x", (guint)id.value);
	format_attr_element(out, name, "id", hex);
}

static void
format_usbdev(HvlvXmlOut *out, const HvUsbDev *u)
{
	hvlv_xout_push(out, "hostdev");
	hvlv_xout_attr(out, "mode", "subsystem");
	hvlv_xout_attr(out, "type", "usb");
	hvlv_xout_push(out, "source");
	format_hex_id(out, "vendor", u->vendor);
	format_hex_id(out, "product", u->product);
	if (u->hostbus.set || u->hostaddr.set) {
		hvlv_xout_push(out, "address");
		hvlv_xout_attr_int(out, "bus", u->hostbus);
		hvlv_xout_attr_int(out, "device", u->hostaddr);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_controller(HvlvXmlOut *out, const HvController *c)
{
	hvlv_xout_push(out, "controller");
	hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_CONTROLLER_TYPE, c->type));
	hvlv_xout_attr_int(out, "index", c->index.set ? c->index : HV_INT(0));
	hvlv_xout_attr(out, "model", c->model);
	hvlv_xout_attr_int(out, "ports", c->ports);
	if (c->model_name) {
		hvlv_xout_push(out, "model");
		hvlv_xout_attr(out, "name", c->model_name);
		hvlv_xout_pop(out);
	}
	if (c->chassis.set || c->port.set) {
		hvlv_xout_push(out, "target");
		hvlv_xout_attr_int(out, "chassis", c->chassis);
		if (c->port.set) {
			g_autofree char *port = g_strdup_printf("0x%x", (guint)c->port.value);
			hvlv_xout_attr(out, "port", port);
		}
		hvlv_xout_pop(out);
	}
	hvlv_domxml_format_address(out, &c->address);
	hvlv_xout_pop(out);
}

static void
format_small_devices(HvlvXmlOut *out, const HvDomain *d)
{
	for (guint i = 0; i < d->inputs->len; i++) {
		const HvInput *in = d->inputs->pdata[i];
		hvlv_xout_push(out, "input");
		hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_INPUT_TYPE, in->type));
		hvlv_xout_attr(out, "bus", hv_enum_to_string(HV_ENUM_INPUT_BUS, in->bus));
		hvlv_domxml_format_address(out, &in->address);
		hvlv_xout_pop(out);
	}
	for (guint i = 0; i < d->sounds->len; i++)
		format_attr_element(out, "sound", "model",
		                    hv_enum_to_string(HV_ENUM_SOUND_MODEL,
		                                      ((HvSound *)d->sounds->pdata[i])->model));
}

static void
format_video(HvlvXmlOut *out, const HvVideo *v)
{
	if (!v->model)
		return;
	hvlv_xout_push(out, "video");
	hvlv_xout_push(out, "model");
	hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_VIDEO_MODEL, v->model));
	hvlv_xout_attr_int(out, "ram", v->ram_kib);
	hvlv_xout_attr_int(out, "vram", v->vram_kib);
	hvlv_xout_attr_int(out, "vgamem", v->vgamem_kib);
	hvlv_xout_attr_int(out, "heads", v->heads);
	hvlv_xout_attr_bool(out, "primary", v->primary, FALSE);
	if (v->accel3d) {
		hvlv_xout_push(out, "acceleration");
		hvlv_xout_attr_bool(out, "accel3d", v->accel3d, FALSE);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
	hvlv_domxml_format_address(out, &v->address);
	hvlv_xout_pop(out);
}

static void
format_rng(HvlvXmlOut *out, const HvRng *r)
{
	hvlv_xout_push(out, "rng");
	hvlv_xout_attr(out, "model", hv_enum_to_string(HV_ENUM_RNG_MODEL,
	                                               r->model ? r->model : HV_RNG_MODEL_VIRTIO));
	if (r->rate_bytes.set) {
		hvlv_xout_push(out, "rate");
		hvlv_xout_attr_int(out, "bytes", r->rate_bytes);
		hvlv_xout_attr_int(out, "period", r->rate_period);
		hvlv_xout_pop(out);
	}
	hvlv_xout_push(out, "backend");
	hvlv_xout_attr(out, "model", "random");
	hvlv_xout_text(out, r->backend ? r->backend : "/dev/urandom");
	hvlv_xout_pop(out);
	hvlv_domxml_format_address(out, &r->address);
	hvlv_xout_pop(out);
}

static void
format_tpm(HvlvXmlOut *out, const HvTpm *t)
{
	hvlv_xout_push(out, "tpm");
	hvlv_xout_attr(out, "model", hv_enum_to_string(HV_ENUM_TPM_MODEL, t->model));
	hvlv_xout_push(out, "backend");
	hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_TPM_BACKEND,
	                                              t->backend_type ? t->backend_type
	                                                              : HV_TPM_BACKEND_EMULATOR));
	hvlv_xout_attr(out, "version", hv_enum_to_string(HV_ENUM_TPM_VERSION, t->version));
	format_attr_element(out, "device", "path", t->path);
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_platform_devices(HvlvXmlOut *out, const HvDomain *d)
{
	for (guint i = 0; i < d->rngs->len; i++)
		format_rng(out, d->rngs->pdata[i]);
	for (guint i = 0; i < d->tpms->len; i++)
		format_tpm(out, d->tpms->pdata[i]);
	if (d->watchdog.model) {
		hvlv_xout_push(out, "watchdog");
		hvlv_xout_attr(out, "model", hv_enum_to_string(HV_ENUM_WATCHDOG_MODEL, d->watchdog.model));
		hvlv_xout_attr(out, "action",
		               hv_enum_to_string(HV_ENUM_WATCHDOG_ACTION, d->watchdog.action));
		hvlv_domxml_format_address(out, &d->watchdog.address);
		hvlv_xout_pop(out);
	}
	for (guint i = 0; i < d->panics->len; i++)
		format_attr_element(out, "panic", "model",
		                    hv_enum_to_string(HV_ENUM_PANIC_MODEL,
		                                      ((HvPanic *)d->panics->pdata[i])->model));
	if (d->memballoon.model) {
		hvlv_xout_push(out, "memballoon");
		hvlv_xout_attr(out, "model",
		               hv_enum_to_string(HV_ENUM_MEMBALLOON_MODEL, d->memballoon.model));
		if (d->memballoon.stats_period.set) {
			hvlv_xout_push(out, "stats");
			hvlv_xout_attr_int(out, "period", d->memballoon.stats_period);
			hvlv_xout_pop(out);
		}
		hvlv_domxml_format_address(out, &d->memballoon.address);
		hvlv_xout_pop(out);
	}
}

void
hvlv_domxml_format_devices(HvlvXmlOut *out, const HvDomain *d, unsigned int flags)
{
	hvlv_xout_push(out, "devices");
	hvlv_xout_element(out, "emulator", d->emulator);
	for (guint i = 0; i < d->disks->len; i++)
		format_disk(out, d->disks->pdata[i]);
	for (guint i = 0; i < d->controllers->len; i++)
		format_controller(out, d->controllers->pdata[i]);
	for (guint i = 0; i < d->nics->len; i++)
		format_nic(out, d->nics->pdata[i]);
	for (guint i = 0; i < d->pci->len; i++)
		format_pci(out, d->pci->pdata[i]);
	for (guint i = 0; i < d->usbdevs->len; i++)
		format_usbdev(out, d->usbdevs->pdata[i]);
	hvlv_domxml_format_chardevs(out, d);
	format_small_devices(out, d);
	hvlv_domxml_format_display(out, d, flags);
	if (d->audio_type) {
		hvlv_xout_push(out, "audio");
		hvlv_xout_attr_int(out, "id", d->audio_id);
		hvlv_xout_attr(out, "type", d->audio_type);
		hvlv_xout_pop(out);
	}
	format_video(out, &d->video);
	format_platform_devices(out, d);
	hvlv_xout_pop(out);
}
