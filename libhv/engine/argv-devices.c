/* QEMU arguments for disks and network interfaces. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/model.h>

#include "engine/engine-internal.h"

#define ARG(...) g_ptr_array_add(argv, g_strdup_printf(__VA_ARGS__))

static gboolean
refuse(GError **error, const char *what, const char *which)
{
	g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED, _("%s '%s' is not supported by hv's QEMU engine yet"),
	            what, which);
	return FALSE;
}

/* The -drive value: the image (or an empty cdrom), its format and access. */
static char *
drive_spec(const HvDisk *disk, guint i)
{
	static const char *const cache[] = {
		[HV_DISK_CACHE_NONE] = "none", [HV_DISK_CACHE_WRITETHROUGH] = "writethrough",
		[HV_DISK_CACHE_WRITEBACK] = "writeback", [HV_DISK_CACHE_DIRECTSYNC] = "directsync",
		[HV_DISK_CACHE_UNSAFE] = "unsafe",
	};
	gboolean cdrom = disk->devtype == HV_DISK_DEVICE_CDROM;
	g_autoptr(GString) s = g_string_new(NULL);
	g_string_append_printf(s, "if=none,id=drive-disk%u", i);
	if (disk->target) {
		g_autofree char *file = hv__qemu_escape(disk->target);
		const char *fmt = hv_enum_to_string(HV_ENUM_DISK_FORMAT, disk->format);
		g_string_append_printf(s, ",file=%s,format=%s", file, fmt ? fmt : "raw");
	}
	if (cdrom)
		g_string_append(s, ",media=cdrom");
	if (cdrom || disk->access == HV_DISK_ACCESS_RO)
		g_string_append(s, ",readonly=on");
	if (disk->cache > HV_DISK_CACHE_DEFAULT)
		g_string_append_printf(s, ",cache=%s", cache[disk->cache]);
	if (disk->io != HV_DISK_IO_UNSET)
		g_string_append_printf(s, ",aio=%s", hv_enum_to_string(HV_ENUM_DISK_IO, disk->io));
	if (disk->discard == HV_TRISTATE_YES)
		g_string_append(s, ",discard=unmap");
	return g_string_free(g_steal_pointer(&s), FALSE);
}

/* Where a disk with a drive address goes: ",bus=ide.N[,unit=U]" (AHCI
 * ports are buses of one unit on q35, PIIX has two buses of two units) or
 * the virtio-scsi target and LUN. */
static char *
drive_address(const HvDomain *d, const HvDisk *disk, HvDiskBus bus)
{
	const HvAddress *a = &disk->address;
	gint64 unit = hv_int_or(a->unit, 0);
	if (bus == HV_DISK_BUS_SCSI)
		return g_strdup_printf("bus=scsi0.0,channel=0,scsi-id=%" G_GINT64_FORMAT
		                       ",lun=%" G_GINT64_FORMAT, hv_int_or(a->target, 0), unit);
	if (d->machine && strstr(d->machine, "q35"))
		return g_strdup_printf("bus=ide.%" G_GINT64_FORMAT, unit);
	return g_strdup_printf("bus=ide.%" G_GINT64_FORMAT ",unit=%" G_GINT64_FORMAT,
	                       hv_int_or(a->bus, 0), unit);
}

/* Whether a disk of D with a drive address takes AHCI/IDE port PORT, so
 * that the disks without one skip it. */
static gboolean
ide_port_taken(const HvDomain *d, guint port)
{
	for (guint i = 0; i < d->disks->len; i++) {
		const HvDisk *k = d->disks->pdata[i];
		HvDiskBus bus = hv_disk_get_bus(k, d->hdtype);
		if (k->address.type == HV_ADDRESS_TYPE_DRIVE &&
		    (bus == HV_DISK_BUS_IDE || bus == HV_DISK_BUS_SATA) &&
		    hv_int_or(k->address.unit, 0) == port)
			return TRUE;
	}
	return FALSE;
}

/* The -device value for the disk on its bus; AHCI/IDE use q35's ports in
 * order (or the port its address names), SCSI one virtio-scsi controller. */
static char *
device_spec(const HvDomain *d, const HvDisk *disk, HvDiskBus bus, guint i, guint *ide_port)
{
	gboolean cdrom = disk->devtype == HV_DISK_DEVICE_CDROM;
	g_autofree char *boot = disk->boot_order.set
		? g_strdup_printf(",bootindex=%" G_GINT64_FORMAT, disk->boot_order.value) : g_strdup("");
	g_autofree char *serial = disk->serial ? hv__qemu_escape(disk->serial) : NULL;
	g_autofree char *tail = g_strdup_printf("drive=drive-disk%u,id=disk%u%s%s%s", i, i, boot,
	                                        serial ? ",serial=" : "", serial ? serial : "");
	if (disk->address.type == HV_ADDRESS_TYPE_DRIVE) {
		g_autofree char *where = drive_address(d, disk, bus);
		return g_strdup_printf("%s,%s,%s", bus == HV_DISK_BUS_SCSI ? (cdrom ? "scsi-cd" : "scsi-hd")
		                                                        : (cdrom ? "ide-cd" : "ide-hd"),
		                       where, tail);
	}
	switch (bus) {
	case HV_DISK_BUS_IDE:
	case HV_DISK_BUS_SATA:
		while (ide_port_taken(d, *ide_port))
			(*ide_port)++;
		return g_strdup_printf("%s,bus=ide.%u,%s", cdrom ? "ide-cd" : "ide-hd", (*ide_port)++, tail);
	case HV_DISK_BUS_SCSI:
		return g_strdup_printf("%s,bus=scsi0.0,%s", cdrom ? "scsi-cd" : "scsi-hd", tail);
	default:
		return cdrom ? NULL : g_strdup_printf("virtio-blk-pci,%s", tail);
	}
}

gboolean
hv__qemu_add_disks(GPtrArray *argv, const HvDomain *d, GError **error)
{
	guint ide_port = 0;
	gboolean scsi = FALSE;
	for (guint i = 0; i < d->disks->len; i++) {
		const HvDisk *disk = d->disks->pdata[i];
		HvDiskBus bus = hv_disk_get_bus(disk, d->hdtype);
		if (bus == HV_DISK_BUS_XEN)
			bus = HV_DISK_BUS_VIRTIO; /* xvd*: Xen's PV disk is virtio on KVM */
		if (bus == HV_DISK_BUS_USB || bus == HV_DISK_BUS_FDC)
			return refuse(error, _("disk bus"), hv_enum_to_string(HV_ENUM_DISK_BUS, bus));
		if (disk->devtype == HV_DISK_DEVICE_FLOPPY)
			return refuse(error, _("disk device"), "floppy");
		if ((bus == HV_DISK_BUS_IDE || bus == HV_DISK_BUS_SATA) && ide_port >= 6)
			return refuse(error, _("more than 6 disks on"), "sata");
		g_autofree char *dev = device_spec(d, disk, bus, i, &ide_port);
		if (!dev)
			return refuse(error, _("a cdrom on bus"), "virtio");
		g_autofree char *pci = hv__qemu_pci_address(d, &disk->address, error);
		if (!pci)
			return FALSE;
		if (bus == HV_DISK_BUS_SCSI && !scsi) {
			ARG("-device");
			ARG("virtio-scsi-pci,id=scsi0");
			scsi = TRUE;
		}
		g_ptr_array_add(argv, g_strdup("-drive"));
		g_ptr_array_add(argv, drive_spec(disk, i));
		ARG("-device");
		ARG("%s%s", dev, pci);
	}
	return TRUE;
}

/* The host side: a bridge through qemu-bridge-helper, a tap device hv or
 * the admin made (vifname), or user networking (no bridge named). */
static gboolean
add_netdev(GPtrArray *argv, const HvNic *nic, guint i, GError **error)
{
	HvNicType type = nic->type;
	if (type == HV_NIC_TYPE_UNSET)
		type = nic->bridge ? HV_NIC_TYPE_BRIDGE : nic->vifname ? HV_NIC_TYPE_ETHERNET : HV_NIC_TYPE_USER;
	ARG("-netdev");
	switch (type) {
	case HV_NIC_TYPE_BRIDGE:
		ARG("bridge,id=hostnet%u,br=%s", i, nic->bridge ? nic->bridge : "xenbr0");
		return TRUE;
	case HV_NIC_TYPE_ETHERNET:
		if (!nic->vifname)
			return refuse(error, _("an ethernet interface without a tap name"), "vifname");
		ARG("tap,id=hostnet%u,ifname=%s,script=no,downscript=no", i, nic->vifname);
		return TRUE;
	case HV_NIC_TYPE_USER:
		ARG("user,id=hostnet%u", i);
		return TRUE;
	default:
		g_ptr_array_set_size(argv, argv->len - 1);
		return refuse(error, _("network interface type"), hv_enum_to_string(HV_ENUM_NIC_TYPE, type));
	}
}

gboolean
hv__qemu_add_nics(GPtrArray *argv, const HvDomain *d, GError **error)
{
	for (guint i = 0; i < d->nics->len; i++) {
		const HvNic *nic = d->nics->pdata[i];
		if (!add_netdev(argv, nic, i, error))
			return FALSE;
		/* Xen's emulated NIC default (ioemu) is an e1000 */
		const char *model = nic->model ? nic->model : "e1000";
		if (strpbrk(model, ",= "))
			return refuse(error, _("network interface model"), model);
		if (g_str_equal(model, "virtio"))
			model = "virtio-net-pci";
		g_autofree char *mac = nic->mac ? g_strdup_printf(",mac=%s", nic->mac) : g_strdup("");
		g_autofree char *boot = nic->boot_order.set
			? g_strdup_printf(",bootindex=%" G_GINT64_FORMAT, nic->boot_order.value) : g_strdup("");
		g_autofree char *pci = hv__qemu_pci_address(d, &nic->address, error);
		if (!pci)
			return FALSE;
		ARG("-device");
		ARG("%s,netdev=hostnet%u,id=net%u%s%s%s", model, i, i, mac, boot, pci);
	}
	return TRUE;
}
