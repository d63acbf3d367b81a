/* The device spec types (xlcfg/map-*.c) and the custom parse/format
 * functions of the top-level table that they serve. */
#pragma once

#include "xlcfg/spec.h"

extern const HvSpecType hv__disk_spec, hv__vif_spec, hv__pci_spec, hv__usbctrl_spec,
	hv__controller_spec, hv__usbdev_spec, hv__vtpm_spec, hv__channel_spec, hv__rng_spec,
	hv__memballoon_spec, hv__watchdog_spec, hv__topology_spec, hv__timer_spec,
	hv__memnode_spec, hv__vcpu_sched_spec, hv__vnuma_spec;

/* Parses a MAC address as xl does (hex groups) into lower-case xx:xx form. */
char *hv__xl_parse_mac(const char *text);

/* A custom spec key whose value is a MAC address (stored normalised). */
gboolean hv__spec_parse_mac(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error);
