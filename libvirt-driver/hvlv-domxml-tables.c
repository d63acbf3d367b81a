/* hvlv-domxml-tables: names that domain XML and the model spell differently. */
#include "config.h"

#include <string.h>

#include "hvlv-domxml-private.h"
#include "hvlv-domxml-tables.h"

const HvlvSmbiosKey hvlv_smbios_keys[] = {
	{ "bios", "vendor", "bios_vendor" },
	{ "bios", "version", "bios_version" },
	{ "bios", "date", "bios_date" },
	{ "bios", "release", "bios_release" },
	{ "system", "manufacturer", "system_manufacturer" },
	{ "system", "product", "system_product_name" },
	{ "system", "version", "system_version" },
	{ "system", "serial", "system_serial_number" },
	{ "system", "uuid", "system_uuid" },
	{ "system", "sku", "system_sku" },
	{ "system", "family", "system_family" },
	{ "baseBoard", "manufacturer", "baseboard_manufacturer" },
	{ "baseBoard", "product", "baseboard_product_name" },
	{ "baseBoard", "version", "baseboard_version" },
	{ "baseBoard", "serial", "baseboard_serial_number" },
	{ "baseBoard", "asset", "baseboard_asset_tag" },
	{ "baseBoard", "location", "baseboard_location_in_chassis" },
	{ "chassis", "manufacturer", "chassis_manufacturer" },
	{ "chassis", "version", "chassis_version" },
	{ "chassis", "serial", "chassis_serial_number" },
	{ "chassis", "asset", "chassis_asset_tag" },
	{ "chassis", "sku", "chassis_sku" },
	{ "oemStrings", NULL, "oem" },
	{ NULL, NULL, NULL },
};

const char *const hvlv_hyperv_names[] = {
	"relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset",
	"vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", NULL,
};

const char *
hvlv_hyperv_value_attr(const char *name)
{
	return strcmp(name, "spinlocks") == 0 ? "retries" : "value";
}

const HvlvXmlEnumAlias hvlv_domxml_disk_formats[] = {
	{ "vpc", HV_DISK_FORMAT_VHD },
	{ NULL, 0 },
};
