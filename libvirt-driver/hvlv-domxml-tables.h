/* hvlv-domxml-tables: names that domain XML and the model spell
 * differently, shared by the parser and the formatter. */
#pragma once

#include <glib.h>

/* <sysinfo type='smbios'><SECTION><entry name='ENTRY'> is the model's
 * SMBIOS KEY (ENTRY NULL: any <entry>, as in <oemStrings>). */
typedef struct {
	const char *section;
	const char *entry;
	const char *key;
} HvlvSmbiosKey;

/* Every SMBIOS key hv maps, in libvirt's order; ends with a NULL section. */
extern const HvlvSmbiosKey hvlv_smbios_keys[];

/* The <hyperv> enlightenments hv knows, NULL-terminated. */
extern const char *const hvlv_hyperv_names[];

/* The attribute that holds an enlightenment's value ("retries" for
 * spinlocks, "value" for vendor_id and the rest). */
const char *hvlv_hyperv_value_attr(const char *name);
