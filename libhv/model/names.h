/* Closed vocabularies of string fields (model/names.c). */
#pragma once

#include <glib.h>

/* Whether KEY is an SMBIOS key hv knows; with XL_ONLY, one xl knows. */
gboolean hv__smbios_key_is_known(const char *key, gboolean xl_only);

/* Whether GROUP ("base", "!freq", ...) is a viridian group of xl.cfg. */
gboolean hv__viridian_group_is_known(const char *group);

/* Whether NAME is a Hyper-V enlightenment libvirt names. */
gboolean hv__hyperv_name_is_known(const char *name);

/* Whether DEV is a boot device: hd, cdrom, network or fd. */
gboolean hv__boot_device_is_known(const char *dev);

/* The words a string of FORMAT may be (for the SMBIOS keys, those xl
 * knows), NULL-terminated; NULL for formats that are not closed lists. */
#include "model/desc.h"
const char *const *hv__vocabulary(HvStrFormat format);
