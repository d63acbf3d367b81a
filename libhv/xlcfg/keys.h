/* The custom parse and format functions of the xl.cfg table (keys.c),
 * one group per file: map-identity.c, map-cpu.c, map-boot.c,
 * map-platform.c, map-display.c, map-serial.c, map-usb.c. */
#pragma once

#include "xlcfg/map.h"

#define HV__XL_PARSER(name) \
	gboolean hv__xl_parse_##name(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
#define HV__XL_FORMATTER(name) gboolean hv__xl_format_##name(HvXlOut *out, const HvXlKey *k, GError **error)
#define HV__XL_CUSTOM(name) HV__XL_PARSER(name); HV__XL_FORMATTER(name)

HV__XL_CUSTOM(type);
HV__XL_PARSER(builder);
HV__XL_PARSER(append_strings);
HV__XL_CUSTOM(cpus);
HV__XL_CUSTOM(cpus_soft);
HV__XL_CUSTOM(cpuid);
HV__XL_CUSTOM(cmdline);
HV__XL_PARSER(firmware);
HV__XL_CUSTOM(bios);
HV__XL_CUSTOM(boot);
HV__XL_CUSTOM(smbios);
HV__XL_CUSTOM(viridian);
HV__XL_CUSTOM(hyperv);
HV__XL_CUSTOM(clock);
HV__XL_CUSTOM(timers);
HV__XL_CUSTOM(vga);
HV__XL_CUSTOM(video_address);
HV__XL_CUSTOM(soundhw);
HV__XL_CUSTOM(pci);
HV__XL_CUSTOM(controllers);
HV__XL_CUSTOM(usbdevice);
HV__XL_CUSTOM(serial);
HV__XL_CUSTOM(console);
HV__XL_CUSTOM(panic);
HV__XL_CUSTOM(genid);
