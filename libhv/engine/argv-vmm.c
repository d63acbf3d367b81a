/* The hv-vmm command line of a pvh domain (hypervisor/README.md). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/model.h>

#include "engine/engine-internal.h"

#define ARG(...) g_ptr_array_add(argv, g_strdup_printf(__VA_ARGS__))

static gboolean
refuse(GError **error, const char *what)
{
	g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED, _("%s is not supported for pvh domains"), what);
	return FALSE;
}

static gboolean
add_disks(GPtrArray *argv, const HvDomain *d, GError **error)
{
	for (guint i = 0; i < d->disks->len; i++) {
		const HvDisk *disk = d->disks->pdata[i];
		if (!disk->target || disk->devtype == HV_DISK_DEVICE_CDROM)
			return refuse(error, _("a cdrom"));
		if (disk->format != HV_DISK_FORMAT_UNSET && disk->format != HV_DISK_FORMAT_RAW)
			return refuse(error, _("a disk image that is not raw"));
		ARG("--disk=%s%s", disk->target, disk->access == HV_DISK_ACCESS_RO ? ",ro" : "");
	}
	return TRUE;
}

static gboolean
add_nics(GPtrArray *argv, const HvDomain *d, GError **error)
{
	for (guint i = 0; i < d->nics->len; i++) {
		const HvNic *nic = d->nics->pdata[i];
		if (!nic->vifname)
			return refuse(error, _("a network interface without a tap device (vifname)"));
		g_autofree char *mac = nic->mac ? g_strdup_printf(",mac=%s", nic->mac) : g_strdup("");
		ARG("--net=tap=%s%s", nic->vifname, mac);
	}
	return TRUE;
}

GPtrArray *
hv__vmm_argv(const HvDomain *d, const HvEngineArgs *a, GError **error)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
	if (!d->os.kernel) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("a pvh domain needs a kernel"));
		return NULL;
	}
	if (a->incoming) {
		refuse(error, _("restoring a saved state"));
		return NULL;
	}
	ARG("%s", a->binary);
	ARG("--kernel=%s", d->os.kernel);
	if (d->os.ramdisk)
		ARG("--initrd=%s", d->os.ramdisk);
	if (d->os.cmdline)
		ARG("--cmdline=%s", d->os.cmdline);
	ARG("--memory=%" G_GINT64_FORMAT, d->memory_kib.value / 1024);
	ARG("--vcpus=%" G_GINT64_FORMAT, d->vcpus.value);
	if (!add_disks(argv, d, error) || !add_nics(argv, d, error))
		return NULL;
	ARG("--qmp=%s", a->qmp_socket);
	if (a->console_socket)
		ARG("--console-socket=%s", a->console_socket);
	/* hv applies on_poweroff and on_crash itself, as with QEMU */
	ARG("--no-shutdown");
	ARG("--on-panic=pause");
	ARG("--paused");
	g_ptr_array_add(argv, NULL);
	return g_steal_pointer(&argv);
}
