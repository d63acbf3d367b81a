/* Character devices in QEMU's -serial syntax (xlcfg/map-chardev.c). */
#pragma once

#include "xlcfg/map.h"

typedef enum {
	HV__CHARDEV_OK,
	HV__CHARDEV_UNKNOWN,
	HV__CHARDEV_HV_ONLY, /* an hv option read in the Xen dialect */
} HvChardevResult;

/* Options a caller adds to the chardev syntax (port=, target=). */
typedef HvChardevResult (*HvChardevExtra)(HvXlIn *in, const char *opt, void *data);

/* Parses TEXT ("unix:/run/x.sock,server,nowait") into DEV; options it does
 * not know go to EXTRA (may be NULL). Errors located at V of S. */
gboolean hv__chardev_parse(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, const char *text,
                           HvCharDev *dev, HvChardevExtra extra, void *data, GError **error);

/* DEV in that syntax. */
char *hv__chardev_format(HvXlOut *out, const HvCharDev *dev, GError **error);
