/* hvlv-domxml-parse-dev: <devices>: disks, interfaces, host devices,
 * controllers and the small devices. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domxml-private.h"
#include "hvlv-error.h"

/* Reads enum attribute NAME of NODE into the int-sized enum field FIELD. */
#define ENUM_ATTR(node, name, id, aliases, field)                                       \
	({                                                                              \
		int v_ = (int)(field);                                                  \
		gboolean ok_ = hvlv_xin_enum(in, (node), (name), (id), (aliases), &v_, error); \
		(field) = v_;                                                           \
		ok_;                                                                    \
	})

static gboolean
parse_disk_driver(HvlvXmlIn *in, xmlNode *disk, HvDisk *k, GError **error)
{
	xmlNode *driver = hvlv_xin_child(in, disk, "driver");
	const char *name = hvlv_xin_attr(in, driver, "name");
	if (name && strcmp(name, "qemu") != 0)
		return hvlv_domxml_unsupported(driver, "name", name, error);
	const char *discard = hvlv_xin_attr(in, driver, "discard");
	if (discard)
		k->discard = strcmp(discard, "unmap") == 0 ? HV_TRISTATE_YES : HV_TRISTATE_NO;
	if (discard && strcmp(discard, "unmap") != 0 && strcmp(discard, "ignore") != 0)
		return hvlv_domxml_unsupported(driver, "discard", discard, error);
	return ENUM_ATTR(driver, "type", HV_ENUM_DISK_FORMAT, hvlv_domxml_disk_formats, k->format) &&
	       ENUM_ATTR(driver, "cache", HV_ENUM_DISK_CACHE, NULL, k->cache) &&
	       ENUM_ATTR(driver, "io", HV_ENUM_DISK_IO, NULL, k->io);
}

static gboolean
parse_disk_target(HvlvXmlIn *in, xmlNode *disk, HvDisk *k, GError **error)
{
	xmlNode *target = hvlv_xin_child(in, disk, "target");
	k->vdev = g_strdup(hvlv_xin_attr(in, target, "dev"));
	if (!k->vdev) {
		if (k->target)
			hvlv_set_error(error, HVLV_ERR_NO_TARGET, HVLV_FROM_DRIVER, "%s", k->target);
		else
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("missing target information for a disk"));
		return FALSE;
	}
	xmlNode *source = hvlv_xin_child(in, disk, "source");
	if (source && !k->target) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("disk '%s': <source> needs a %s attribute"), k->vdev,
		               k->source_type == HV_DISK_SOURCE_BLOCK ? "dev" : "file");
		return FALSE;
	}
	if (hvlv_xin_child(in, disk, "readonly"))
		k->access = HV_DISK_ACCESS_RO;
	if (hvlv_xin_child(in, disk, "shareable"))
		k->shareable = HV_TRISTATE_YES;
	k->serial = hvlv_xin_text(hvlv_xin_child(in, disk, "serial"));
	return ENUM_ATTR(target, "bus", HV_ENUM_DISK_BUS, NULL, k->bus) &&
	       hvlv_xin_int(in, hvlv_xin_child(in, disk, "boot"), "order", 1, 65535, &k->boot_order,
	                    error);
}

static gboolean
parse_disk(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvDisk) k = hv_disk_new();
	const char *type = hvlv_xin_attr(in, node, "type");
	if (!ENUM_ATTR(node, "type", HV_ENUM_DISK_SOURCE, NULL, k->source_type) ||
	    !ENUM_ATTR(node, "device", HV_ENUM_DISK_DEVICE, NULL, k->devtype))
		return FALSE;
	xmlNode *source = hvlv_xin_child(in, node, "source");
	k->target = g_strdup(hvlv_xin_attr(in, source, type && strcmp(type, "block") == 0 ? "dev"
	                                                                                : "file"));
	if (!parse_disk_driver(in, node, k, error) || !parse_disk_target(in, node, k, error))
		return FALSE;
	HvDiskBus bus = hv_disk_get_bus(k, d->hdtype);
	guint allowed = bus == HV_DISK_BUS_VIRTIO ? HVLV_ADDR(PCI)
	                : bus == HV_DISK_BUS_USB  ? HVLV_ADDR(USB)
	                                          : HVLV_ADDR(DRIVE);
	if (!hvlv_domxml_parse_address(in, node, allowed, &k->address, error))
		return FALSE;
	g_ptr_array_add(d->disks, g_steal_pointer(&k));
	return TRUE;
}

/* <address domain bus slot function> as "DDDD:BB:SS.F". */
static gboolean
parse_pci_address(HvlvXmlIn *in, xmlNode *addr, char **bdf_r, GError **error)
{
	HvInt dom = HV_INT(0), bus = { 0, FALSE }, slot = { 0, FALSE }, fn = { 0, FALSE };
	const char *type = hvlv_xin_attr(in, addr, "type");
	if (!addr || (type && strcmp(type, "pci") != 0) ||
	    !hvlv_xin_int(in, addr, "domain", 0, 0xffff, &dom, error) ||
	    !hvlv_xin_int(in, addr, "bus", 0, 0xff, &bus, error) ||
	    !hvlv_xin_int(in, addr, "slot", 0, 0x1f, &slot, error) ||
	    !hvlv_xin_int(in, addr, "function", 0, 7, &fn, error) || !bus.set || !slot.set || !fn.set) {
		if (error && !*error)
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("a PCI host device needs <source><address domain bus slot "
			                 "function/></source>"));
		return FALSE;
	}
	*bdf_r = g_strdup_printf("%04x:%02x:%02x.%x", (guint)dom.value, (guint)bus.value,
	                         (guint)slot.value, (guint)fn.value);
	return TRUE;
}

static gboolean
parse_hostdev_pci(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvPciDev) p = hv_pci_dev_new();
	xmlNode *source = hvlv_xin_child(in, node, "source");
	if (!hvlv_xin_bool(in, node, "managed", &p->seize, error) ||
	    !parse_pci_address(in, hvlv_xin_child(in, source, "address"), &p->bdf, error) ||
	    !hvlv_xin_int(in, hvlv_xin_child(in, node, "boot"), "order", 1, 65535, &p->boot_order,
	                  error) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(PCI), &p->address, error))
		return FALSE;
	g_ptr_array_add(d->pci, g_steal_pointer(&p));
	return TRUE;
}

static gboolean
parse_hostdev_usb(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvUsbDev) u = hv_usb_dev_new();
	xmlNode *source = hvlv_xin_child(in, node, "source");
	xmlNode *addr = hvlv_xin_child(in, source, "address");
	HvTristate managed = HV_TRISTATE_DEFAULT;
	if (!hvlv_xin_bool(in, node, "managed", &managed, error) ||
	    !hvlv_xin_int(in, hvlv_xin_child(in, source, "vendor"), "id", 0, 0xffff, &u->vendor,
	                  error) ||
	    !hvlv_xin_int(in, hvlv_xin_child(in, source, "product"), "id", 0, 0xffff, &u->product,
	                  error) ||
	    !hvlv_xin_int(in, addr, "bus", 0, 255, &u->hostbus, error) ||
	    !hvlv_xin_int(in, addr, "device", 0, 255, &u->hostaddr, error))
		return FALSE;
	if (!u->vendor.set && !u->hostbus.set) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("usb host device needs <vendor> and <product> or an <address>"));
		return FALSE;
	}
	g_ptr_array_add(d->usbdevs, g_steal_pointer(&u));
	return TRUE;
}

static gboolean
parse_hostdev(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	const char *mode = hvlv_xin_attr(in, node, "mode");
	const char *type = hvlv_xin_attr(in, node, "type");
	if (mode && strcmp(mode, "subsystem") != 0)
		return hvlv_domxml_unsupported(node, "mode", mode, error);
	if (g_strcmp0(type, "pci") == 0)
		return parse_hostdev_pci(in, node, d, error);
	if (g_strcmp0(type, "usb") == 0)
		return parse_hostdev_usb(in, node, d, error);
	return hvlv_domxml_unsupported(node, "type", type ? type : "", error);
}

/* <interface type='hostdev'>: an SR-IOV VF given to the guest. */
static gboolean
parse_interface_hostdev(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvPciDev) p = hv_pci_dev_new();
	xmlNode *source = hvlv_xin_child(in, node, "source");
	xmlNode *tag = hvlv_xin_child(in, hvlv_xin_child(in, node, "vlan"), "tag");
	p->vf_mac = g_strdup(hvlv_xin_attr(in, hvlv_xin_child(in, node, "mac"), "address"));
	if (!hvlv_xin_bool(in, node, "managed", &p->seize, error) ||
	    !parse_pci_address(in, hvlv_xin_child(in, source, "address"), &p->bdf, error) ||
	    !hvlv_xin_int(in, tag, "id", 0, 4095, &p->vf_vlan, error) ||
	    !hvlv_xin_int(in, hvlv_xin_child(in, node, "boot"), "order", 1, 65535, &p->boot_order,
	                  error) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(PCI), &p->address, error))
		return FALSE;
	if (!p->vf_mac) { /* the model tells a VF interface by its MAC */
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("<interface type='hostdev'> without <mac address> is not supported "
		                 "by hv"));
		return FALSE;
	}
	g_ptr_array_add(d->pci, g_steal_pointer(&p));
	return TRUE;
}

static gboolean
parse_interface_source(HvlvXmlIn *in, xmlNode *node, HvNic *n, GError **error)
{
	xmlNode *source = hvlv_xin_child(in, node, "source");
	n->bridge = g_strdup(hvlv_xin_attr(in, source, "bridge"));
	n->network = g_strdup(hvlv_xin_attr(in, source, "network"));
	if ((n->type == HV_NIC_TYPE_BRIDGE && !n->bridge) ||
	    (n->type == HV_NIC_TYPE_NETWORK && !n->network)) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("No <source> '%s' attribute specified with <interface type='%s'/>"),
		               n->type == HV_NIC_TYPE_BRIDGE ? "bridge" : "network",
		               hv_enum_to_string(HV_ENUM_NIC_TYPE, n->type));
		return FALSE;
	}
	return TRUE;
}

static gboolean
parse_interface(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	if (g_strcmp0(hvlv_xin_attr(in, node, "type"), "hostdev") == 0)
		return parse_interface_hostdev(in, node, d, error);
	g_autoptr(HvNic) n = hv_nic_new();
	if (!ENUM_ATTR(node, "type", HV_ENUM_NIC_TYPE, NULL, n->type) ||
	    !parse_interface_source(in, node, n, error))
		return FALSE;
	n->mac = g_ascii_strdown(hvlv_xin_attr(in, hvlv_xin_child(in, node, "mac"), "address") ?: "", -1);
	if (!*n->mac)
		g_clear_pointer(&n->mac, g_free);
	n->model = g_strdup(hvlv_xin_attr(in, hvlv_xin_child(in, node, "model"), "type"));
	n->vifname = g_strdup(hvlv_xin_attr(in, hvlv_xin_child(in, node, "target"), "dev"));
	n->script = g_strdup(hvlv_xin_attr(in, hvlv_xin_child(in, node, "script"), "path"));
	xmlNode *driver = hvlv_xin_child(in, node, "driver");
	const char *name = hvlv_xin_attr(in, driver, "name");
	if (name && strcmp(name, "vhost") != 0 && strcmp(name, "qemu") != 0)
		return hvlv_domxml_unsupported(driver, "name", name, error);
	if (!hvlv_xin_int(in, hvlv_xin_child(in, node, "mtu"), "size", 68, 65535, &n->mtu, error) ||
	    !hvlv_xin_int(in, driver, "queues", 1, 256, &n->queues, error) ||
	    !hvlv_xin_int(in, hvlv_xin_child(in, node, "boot"), "order", 1, 65535, &n->boot_order,
	                  error) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(PCI), &n->address, error))
		return FALSE;
	g_ptr_array_add(d->nics, g_steal_pointer(&n));
	return TRUE;
}

/* <target chassis port> of a PCI controller, with libvirt's range errors. */
static gboolean
parse_controller_target(HvlvXmlIn *in, xmlNode *node, HvController *c, GError **error)
{
	xmlNode *target = hvlv_xin_child(in, node, "target");
	const char *names[] = { "chassis", "port" };
	HvInt *fields[] = { &c->chassis, &c->port };
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		if (!hvlv_xin_int(in, target, names[i], G_MININT, G_MAXINT, fields[i], error))
			return FALSE;
		if (fields[i]->set && (fields[i]->value < 0 || fields[i]->value > 255)) {
			hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
			               _("PCI controller %s '%d' out of range - must be 0-255"),
			               names[i], (int)fields[i]->value);
			return FALSE;
		}
	}
	static const char *const model_names[] = { "pci-bridge", "i82801b11-bridge", "ioh3420",
		                                    "x3130-upstream", "xio3130-downstream", "pxb",
		                                    "pxb-pcie", "pcie-root-port", "spapr-pci-host-bridge",
		                                    "pcie-pci-bridge", NULL };
	const char *name = hvlv_xin_attr(in, hvlv_xin_child(in, node, "model"), "name");
	if (name && !g_strv_contains(model_names, name)) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("Invalid value for attribute 'name' in element 'model': '%s'."), name);
		return FALSE;
	}
	c->model_name = g_strdup(name);
	return TRUE;
}

static gboolean
parse_controller(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvController) c = hv_controller_new();
	if (!ENUM_ATTR(node, "type", HV_ENUM_CONTROLLER_TYPE, NULL, c->type) ||
	    !hvlv_xin_int(in, node, "index", 0, 255, &c->index, error) ||
	    !hvlv_xin_int(in, node, "ports", 1, 255, &c->ports, error) ||
	    (c->type == HV_CONTROLLER_TYPE_PCI && !parse_controller_target(in, node, c, error)) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(PCI), &c->address, error))
		return FALSE;
	if (!c->type) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("missing controller type"));
		return FALSE;
	}
	c->model = g_strdup(hvlv_xin_attr(in, node, "model"));
	g_ptr_array_add(d->controllers, g_steal_pointer(&c));
	return TRUE;
}

static gboolean
parse_input(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvInput) i = hv_input_new();
	if (!ENUM_ATTR(node, "type", HV_ENUM_INPUT_TYPE, NULL, i->type) ||
	    !ENUM_ATTR(node, "bus", HV_ENUM_INPUT_BUS, NULL, i->bus) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(USB) | HVLV_ADDR(PCI), &i->address,
	                               error))
		return FALSE;
	g_ptr_array_add(d->inputs, g_steal_pointer(&i));
	return TRUE;
}

static gboolean
parse_sound(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvSound) s = hv_sound_new();
	if (!ENUM_ATTR(node, "model", HV_ENUM_SOUND_MODEL, NULL, s->model))
		return FALSE;
	g_ptr_array_add(d->sounds, g_steal_pointer(&s));
	return TRUE;
}

static gboolean
parse_panic(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvPanic) p = hv_panic_new();
	if (!ENUM_ATTR(node, "model", HV_ENUM_PANIC_MODEL, NULL, p->model))
		return FALSE;
	if (p->model == HV_PANIC_MODEL_PVPANIC) /* libvirt 9.0 has no such model */
		return hvlv_domxml_unsupported(node, "model", "pvpanic", error);
	g_ptr_array_add(d->panics, g_steal_pointer(&p));
	return TRUE;
}

static gboolean
parse_rng(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvRng) r = hv_rng_new();
	xmlNode *backend = hvlv_xin_child(in, node, "backend");
	xmlNode *rate = hvlv_xin_child(in, node, "rate");
	const char *model = hvlv_xin_attr(in, backend, "model");
	if (model && strcmp(model, "random") != 0)
		return hvlv_domxml_unsupported(backend, "model", model, error);
	if (!ENUM_ATTR(node, "model", HV_ENUM_RNG_MODEL, NULL, r->model) ||
	    !hvlv_xin_int(in, rate, "bytes", 1, G_MAXUINT32, &r->rate_bytes, error) ||
	    !hvlv_xin_int(in, rate, "period", 1, G_MAXUINT32, &r->rate_period, error) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(PCI), &r->address, error))
		return FALSE;
	r->backend = hvlv_xin_text(backend);
	if (r->backend && !*r->backend)
		g_clear_pointer(&r->backend, g_free);
	g_ptr_array_add(d->rngs, g_steal_pointer(&r));
	return TRUE;
}

static gboolean
parse_tpm(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvTpm) t = hv_tpm_new();
	xmlNode *backend = hvlv_xin_child(in, node, "backend");
	if (!ENUM_ATTR(node, "model", HV_ENUM_TPM_MODEL, NULL, t->model) ||
	    !ENUM_ATTR(backend, "type", HV_ENUM_TPM_BACKEND, NULL, t->backend_type) ||
	    !ENUM_ATTR(backend, "version", HV_ENUM_TPM_VERSION, NULL, t->version))
		return FALSE;
	t->path = g_strdup(hvlv_xin_attr(in, hvlv_xin_child(in, backend, "device"), "path"));
	g_ptr_array_add(d->tpms, g_steal_pointer(&t));
	return TRUE;
}

/* The one NAME device (video, watchdog, memballoon) into *NODE_R. */
static gboolean
single_device(HvlvXmlIn *in, xmlNode *devices, const char *name, xmlNode **node_r,
              GError **error)
{
	g_autoptr(GPtrArray) all = hvlv_xin_children(in, devices, name);
	*node_r = all->len ? all->pdata[0] : NULL;
	if (all->len <= 1)
		return TRUE;
	hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
	               _("more than one <%s> is not supported by hv"), name);
	return FALSE;
}

/* <audio id type>: hv has no sound backend, so only none and spice (whose
 * client plays it) are kept; libvirt's other backends are refused. */
static gboolean
parse_audio(HvlvXmlIn *in, xmlNode *audio, HvDomain *d, GError **error)
{
	static const char *const types[] = { "none", "alsa", "coreaudio", "jack", "oss",
		                             "pulseaudio", "sdl", "spice", "file", "dbus", NULL };
	const char *type = hvlv_xin_attr(in, audio, "type");
	if (!audio)
		return TRUE;
	if (!type || !g_strv_contains(types, type)) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("Invalid value for attribute 'type' in element 'audio': '%s'."),
		               type ? type : "");
		return FALSE;
	}
	if (strcmp(type, "none") != 0 && strcmp(type, "spice") != 0)
		return hvlv_domxml_unsupported(audio, "type", type, error);
	d->audio_type = g_strdup(type);
	return hvlv_xin_int(in, audio, "id", 1, G_MAXINT32, &d->audio_id, error);
}

static gboolean
parse_single_devices(HvlvXmlIn *in, xmlNode *devices, HvDomain *d, GError **error)
{
	xmlNode *video, *dog, *balloon, *audio;
	if (!single_device(in, devices, "audio", &audio, error) || !parse_audio(in, audio, d, error) ||
	    !single_device(in, devices, "video", &video, error) ||
	    !single_device(in, devices, "watchdog", &dog, error) ||
	    !single_device(in, devices, "memballoon", &balloon, error))
		return FALSE;
	xmlNode *model = hvlv_xin_child(in, video, "model");
	HvVideo *v = &d->video;
	const char *primary = hvlv_xin_attr(in, model, "primary");
	if (primary && strcmp(primary, "yes") != 0)
		return hvlv_domxml_unsupported(model, "primary", primary, error);
	if (primary)
		v->primary = HV_TRISTATE_YES;
	if (video && !hvlv_domxml_parse_address(in, video, HVLV_ADDR(PCI), &v->address, error))
		return FALSE;
	if (video && !model) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("missing video model type"));
		return FALSE;
	}
	return ENUM_ATTR(model, "type", HV_ENUM_VIDEO_MODEL, NULL, v->model) &&
	       hvlv_xin_int(in, model, "vram", 0, G_MAXUINT32, &v->vram_kib, error) &&
	       hvlv_xin_int(in, model, "ram", 0, G_MAXUINT32, &v->ram_kib, error) &&
	       hvlv_xin_int(in, model, "vgamem", 0, G_MAXUINT32, &v->vgamem_kib, error) &&
	       hvlv_xin_int(in, model, "heads", 1, 16, &v->heads, error) &&
	       hvlv_xin_bool(in, hvlv_xin_child(in, model, "acceleration"), "accel3d", &v->accel3d,
	                     error) &&
	       ENUM_ATTR(dog, "model", HV_ENUM_WATCHDOG_MODEL, NULL, d->watchdog.model) &&
	       ENUM_ATTR(dog, "action", HV_ENUM_WATCHDOG_ACTION, NULL, d->watchdog.action) &&
	       (!dog || hvlv_domxml_parse_address(in, dog, HVLV_ADDR(PCI) | HVLV_ADDR(ISA),
	                                          &d->watchdog.address, error)) &&
	       (!balloon || hvlv_domxml_parse_address(in, balloon, HVLV_ADDR(PCI),
	                                              &d->memballoon.address, error)) &&
	       ENUM_ATTR(balloon, "model", HV_ENUM_MEMBALLOON_MODEL, NULL, d->memballoon.model) &&
	       hvlv_xin_int(in, hvlv_xin_child(in, balloon, "stats"), "period", 0, G_MAXINT32,
	                    &d->memballoon.stats_period, error);
}

typedef gboolean (*HvlvDeviceParser)(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error);

/* Gives each controller without an index the lowest one its type has free,
 * as libvirt does, and refuses two of one type with the same index. */
static gboolean
assign_controller_indexes(HvDomain *d, GError **error)
{
	for (guint i = 0; i < d->controllers->len; i++) {
		HvController *c = d->controllers->pdata[i];
		for (gint64 next = 0; !c->index.set; next++) {
			gboolean taken = FALSE;
			for (guint j = 0; j < d->controllers->len && !taken; j++) {
				HvController *o = d->controllers->pdata[j];
				taken = o->type == c->type && o->index.set && o->index.value == next;
			}
			if (!taken)
				c->index = HV_INT(next);
		}
		for (guint j = 0; j < i; j++) {
			HvController *o = d->controllers->pdata[j];
			if (o->type == c->type && o->index.value == c->index.value) {
				hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
				               _("Multiple '%s' controllers with index '%d'"),
				               hv_enum_to_string(HV_ENUM_CONTROLLER_TYPE, c->type),
				               (int)c->index.value);
				return FALSE;
			}
		}
	}
	return TRUE;
}

/* The devices a domain may have several of, each with its parser. */
static const struct {
	const char *name;
	HvlvDeviceParser parse;
} hvlv_device_parsers[] = {
	{ "disk", parse_disk }, { "interface", parse_interface }, { "hostdev", parse_hostdev },
	{ "controller", parse_controller }, { "input", parse_input }, { "sound", parse_sound },
	{ "rng", parse_rng }, { "tpm", parse_tpm }, { "panic", parse_panic },
};

gboolean
hvlv_domxml_parse_devices(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *devices = hvlv_xin_child(in, root, "devices");
	if (!devices)
		return TRUE;
	d->emulator = hvlv_xin_text(hvlv_xin_child(in, devices, "emulator"));
	for (gsize i = 0; i < G_N_ELEMENTS(hvlv_device_parsers); i++) {
		g_autoptr(GPtrArray) nodes = hvlv_xin_children(in, devices, hvlv_device_parsers[i].name);
		for (guint j = 0; j < nodes->len; j++)
			if (!hvlv_device_parsers[i].parse(in, nodes->pdata[j], d, error))
				return FALSE;
	}
	return assign_controller_indexes(d, error) && parse_single_devices(in, devices, d, error) &&
	       hvlv_domxml_check_pci_addresses(d, error) &&
	       hvlv_domxml_parse_chardevs(in, devices, d, error) &&
	       hvlv_domxml_parse_display(in, devices, d, error);
}
