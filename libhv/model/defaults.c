/* hv's defaults for what a config leaves unset, and small derived values
 * (a disk's bus, a vif's rate). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/model.h>

#define DEFAULT_MEMORY_KIB (512 * 1024)

static void
default_int(HvInt *v, gint64 value)
{
	if (!v->set)
		*v = HV_INT(value);
}

static void
default_action(HvAction *a, HvAction value)
{
	if (*a == HV_ACTION_UNSET)
		*a = value;
}

static void
default_tristate(HvTristate *t, gboolean value)
{
	if (*t == HV_TRISTATE_DEFAULT)
		*t = HV_TRISTATE(value);
}

void
hv_domain_apply_defaults(HvDomain *d)
{
	if (d->type == HV_DOMAIN_TYPE_UNSET)
		d->type = HV_DOMAIN_TYPE_HVM;
	default_int(&d->maxvcpus, hv_int_or(d->vcpus, 1));
	default_int(&d->vcpus, d->maxvcpus.value);
	default_int(&d->memory_kib, hv_int_or(d->maxmem_kib, DEFAULT_MEMORY_KIB));
	default_int(&d->maxmem_kib, d->memory_kib.value);
	default_action(&d->on_poweroff, HV_ACTION_DESTROY);
	default_action(&d->on_reboot, HV_ACTION_RESTART);
	default_action(&d->on_crash, HV_ACTION_DESTROY);
	default_action(&d->on_watchdog, HV_ACTION_DESTROY);
	default_action(&d->on_soft_reset, HV_ACTION_SOFT_RESET);
	if (!d->arch)
		d->arch = g_strdup("x86_64");
	if (d->type != HV_DOMAIN_TYPE_HVM)
		return;
	if (!d->machine)
		d->machine = g_strdup("q35");
	if (d->os.firmware == HV_FIRMWARE_UNSET && !d->os.loader)
		d->os.firmware = HV_FIRMWARE_BIOS;
	/* xl's defaults for hvm guests */
	default_tristate(&d->features.acpi, TRUE);
	default_tristate(&d->features.apic, TRUE);
	default_tristate(&d->features.pae, TRUE);
}

void
hv_domain_ensure_uuid(HvDomain *d)
{
	if (!d->uuid)
		d->uuid = g_uuid_string_random();
}

HvDiskBus
hv_disk_get_bus(const HvDisk *disk, HvHdType hdtype)
{
	const char *vdev = disk->vdev ? disk->vdev : "";
	if (disk->bus != HV_DISK_BUS_UNSET)
		return disk->bus;
	if (g_str_has_prefix(vdev, "hd"))
		return hdtype == HV_HDTYPE_AHCI ? HV_DISK_BUS_SATA : HV_DISK_BUS_IDE;
	if (g_str_has_prefix(vdev, "sd"))
		return HV_DISK_BUS_SCSI;
	if (g_str_has_prefix(vdev, "fd"))
		return HV_DISK_BUS_FDC;
	/* xvd* are Xen's paravirtual disks: on KVM, virtio */
	return HV_DISK_BUS_VIRTIO;
}

static gboolean
rate_error(const char *rate, const char *why, GError **error)
{
	g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("\"%s\" is not a valid rate: %s"), rate, why);
	return FALSE;
}

/* "N[GMK]{B,b}/s" in bytes per second, as xl reads it (powers of 1000). */
static gboolean
parse_bytes_per_sec(const char *s, guint64 *out)
{
	char *end = NULL;
	if (!g_ascii_isdigit(s[0]))
		return FALSE;
	guint64 v = g_ascii_strtoull(s, &end, 10);
	guint64 mult = 1;
	if (*end == 'G' || *end == 'M' || *end == 'K')
		mult = *end == 'G' ? 1000000000 : *end == 'M' ? 1000000 : 1000;
	const char *unit = mult > 1 ? end + 1 : end;
	if (v == 0 || v > G_MAXUINT32 || (strcmp(unit, "B/s") != 0 && strcmp(unit, "b/s") != 0))
		return FALSE;
	*out = unit[0] == 'b' ? v * mult / 8 : v * mult;
	return TRUE;
}

/* "N[mu]s" or "N" (seconds) in µs, as xl reads it. */
static gboolean
parse_interval(const char *s, guint64 *out)
{
	char *end = NULL;
	if (!g_ascii_isdigit(s[0]))
		return FALSE;
	guint64 v = g_ascii_strtoull(s, &end, 10);
	guint64 mult = 1000000;
	if (strcmp(end, "ms") == 0 || strcmp(end, "m") == 0)
		mult = 1000;
	else if (strcmp(end, "us") == 0 || strcmp(end, "u") == 0)
		mult = 1;
	else if (*end && strcmp(end, "s") != 0)
		return FALSE;
	if (v == 0 || v * mult > G_MAXUINT32)
		return FALSE;
	*out = v * mult;
	return TRUE;
}

gboolean
hv_nic_rate_parse(const char *rate, guint64 *bytes_per_sec_r, guint64 *interval_us_r,
                  GError **error)
{
	g_auto(GStrv) parts = g_strsplit(rate, "@", 2);
	guint64 bytes = 0, interval = 50000;
	if (!parts[0] || !parse_bytes_per_sec(parts[0], &bytes))
		return rate_error(rate, _("expected a rate like 10Mb/s or 250KB/s"), error);
	if (parts[1] && !parse_interval(parts[1], &interval))
		return rate_error(rate, _("expected an interval like 20ms after @"), error);
	if (bytes_per_sec_r)
		*bytes_per_sec_r = bytes;
	if (interval_us_r)
		*interval_us_r = interval;
	return TRUE;
}
