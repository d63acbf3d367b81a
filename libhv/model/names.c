/* The closed vocabularies of string fields: SMBIOS keys, viridian groups,
 * Hyper-V enlightenments, boot devices, and which of them Xen's xl knows. */
#include "config.h"

#include <string.h>

#include "model/desc.h"
#include "model/names.h"

static gboolean
in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++) {
		if (strcmp(list[i], s) == 0)
			return TRUE;
	}
	return FALSE;
}

/* xl's SMBIOS keys (libxl_smbios_type). */
static const char *const xl_smbios_keys[] = {
	"bios_vendor", "bios_version", "system_manufacturer", "system_product_name",
	"system_version", "system_serial_number", "baseboard_manufacturer",
	"baseboard_product_name", "baseboard_version", "baseboard_serial_number",
	"baseboard_asset_tag", "baseboard_location_in_chassis", "enclosure_manufacturer",
	"enclosure_serial_number", "enclosure_asset_tag", "battery_manufacturer",
	"battery_device_name", "oem", NULL,
};

/* What libvirt's <sysinfo> has beyond xl's keys. */
static const char *const hv_smbios_keys[] = {
	"bios_date", "bios_release", "system_uuid", "system_sku", "system_family",
	"chassis_manufacturer", "chassis_version", "chassis_serial_number", "chassis_asset_tag",
	"chassis_sku", NULL,
};

gboolean
hv__smbios_key_is_known(const char *key, gboolean xl_only)
{
	return in_list(xl_smbios_keys, key) || (!xl_only && in_list(hv_smbios_keys, key));
}

static const char *const viridian_groups[] = {
	"base", "freq", "time_ref_count", "reference_tsc", "hcall_remote_tlb_flush",
	"apic_assist", "crash_ctl", "stimer", "hcall_ipi", "ex_processor_masks", "no_vp_limit",
	"cpu_hotplug", "defaults", "all", NULL,
};

gboolean
hv__viridian_group_is_known(const char *group)
{
	if (group && group[0] == '!' && strcmp(group + 1, "defaults") != 0 &&
	    strcmp(group + 1, "all") != 0)
		group++;
	return in_list(viridian_groups, group);
}

static const char *const hyperv_names[] = {
	"relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset",
	"vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic", NULL,
};

gboolean
hv__hyperv_name_is_known(const char *name)
{
	return in_list(hyperv_names, name);
}

static const char *const boot_devices[] = { "hd", "cdrom", "network", "fd", NULL };

gboolean
hv__boot_device_is_known(const char *dev)
{
	return in_list(boot_devices, dev);
}

const char *const *
hv__vocabulary(HvStrFormat format)
{
	switch (format) {
	case HV__FMT_SMBIOS_KEY:
		return xl_smbios_keys;
	case HV__FMT_BOOT_DEVICE:
		return boot_devices;
	case HV__FMT_VIRIDIAN_GROUP:
		return viridian_groups;
	case HV__FMT_HYPERV:
		return hyperv_names;
	default:
		return NULL;
	}
}
