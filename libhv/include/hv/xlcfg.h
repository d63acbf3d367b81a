/* hv/xlcfg.h: Xen's xl.cfg format (xl.cfg(5)), read into and written from
 * the domain model.
 *
 * Two dialects:
 *   HV_XLCFG_HV   xl.cfg plus hv's own settings (named hv_*, and extra keys
 *                 inside device specs such as cache= or serial= in a disk
 *                 spec) for what the model holds and xl.cfg cannot say;
 *                 model -> xl.cfg -> model gives back the same model.
 *   HV_XLCFG_XEN  only what Xen's xl accepts (libvirt's "xen-xl" native
 *                 format): hv's settings are refused when reading, and
 *                 writing fails with a message naming the first setting
 *                 Xen's xl cannot express. What Xen's defaults imply is
 *                 left implicit (an interface of type bridge that names
 *                 its bridge), so reading the text back may leave such a
 *                 field unset; xl.cfg -> model -> xl.cfg is stable.
 *
 * Reading is xl's syntax and meaning, with these choices (libhv/README.md
 * lists them all): a key xl does not know is an error (xl ignores it, and
 * with it the user's typo); Xen settings without meaning on KVM
 * (max_grant_frames, pool, xen_platform_pci, ...) are kept in the model's
 * xen_options, written back, and produce a warning; settings hv cannot
 * honour (bootloader = "pygrub", Arm-only settings, raw I/O ports) are
 * refused with a message saying what to do instead; classic PV configs
 * (type "pv", builder "generic" or no type) load as pvh domains, with a
 * warning. Warnings come back as a list, separate from errors. */
#pragma once

#include <glib.h>

#include <hv/model.h>

G_BEGIN_DECLS

typedef enum {
	HV_XLCFG_HV,
	HV_XLCFG_XEN,
} HvXlcfgDialect;

/* Reads xl.cfg TEXT of LEN bytes (-1: NUL-terminated) into a new domain,
 * validated. SOURCE names the text in messages ("FILE:LINE:COL: KEY:
 * message"). Warnings are appended to *WARNINGS_R (a new GPtrArray of
 * char *, when WARNINGS_R is not NULL). HV_ERROR_PARSE for syntax errors,
 * HV_ERROR_INVALID for bad values, HV_ERROR_UNSUPPORTED for settings hv
 * refuses. */
HvDomain *hv_xlcfg_parse(const char *text, gssize len, const char *source,
                         HvXlcfgDialect dialect, GPtrArray **warnings_r, GError **error);

/* hv_xlcfg_parse() on the contents of the file PATH. */
HvDomain *hv_xlcfg_load(const char *path, HvXlcfgDialect dialect, GPtrArray **warnings_r,
                        GError **error);

/* DOMAIN as xl.cfg text in DIALECT. Fails (HV_ERROR_UNSUPPORTED) only
 * when DIALECT cannot express something the domain holds, or
 * (HV_ERROR_INVALID) when a value cannot be written in xl.cfg at all (a
 * comma inside a device spec value). */
char *hv_xlcfg_format(const HvDomain *domain, HvXlcfgDialect dialect, GError **error);

G_END_DECLS
