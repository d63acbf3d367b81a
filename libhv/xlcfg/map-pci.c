/* pci = [ "PCI_SPEC", ... ] (xl-pci-configuration(5)): "[DDDD:]BB:SS.F
 * [@VSLOT]" or bdf=, then keys. BB:SS.* passes every function. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/devices.h"

/* Reads "[DDDD:]BB:SS.F" or "...SS.*" into D's bdf and all_functions. */
static gboolean
parse_bdf_text(HvPciDev *d, const char *text)
{
	g_auto(GStrv) parts = g_strsplit(text, ":", -1);
	guint n = g_strv_length(parts);
	if (n < 2 || n > 3)
		return FALSE;
	guint64 dom = 0, bus, slot, fn = 0;
	const char *last = parts[n - 1];
	const char *dot = strchr(last, '.');
	if (!dot || dot - last < 1 || dot - last > 2)
		return FALSE;
	g_autofree char *slot_text = g_strndup(last, dot - last);
	gboolean all = strcmp(dot + 1, "*") == 0;
	if ((n == 3 && !g_ascii_string_to_unsigned(parts[0], 16, 0, 0xffff, &dom, NULL)) ||
	    strlen(parts[n - 2]) > 2 || !g_ascii_string_to_unsigned(parts[n - 2], 16, 0, 0xff, &bus, NULL) ||
	    !g_ascii_string_to_unsigned(slot_text, 16, 0, 0x1f, &slot, NULL) ||
	    (!all && !g_ascii_string_to_unsigned(dot + 1, 10, 0, 7, &fn, NULL)))
		return FALSE;
	g_free(d->bdf);
	d->bdf = g_strdup_printf("%04" G_GINT64_MODIFIER "x:%02" G_GINT64_MODIFIER
	                         "x:%02" G_GINT64_MODIFIER "x.%" G_GINT64_MODIFIER "u",
	                         dom, bus, slot, fn);
	if (all)
		d->all_functions = HV_TRISTATE_YES;
	return TRUE;
}

static gboolean
parse_bdf(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvPciDev *d = in->obj;
	(void)k;
	g_auto(GStrv) at = g_strsplit(value, "@", 2);
	if (!parse_bdf_text(d, at[0]))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("\"%s\" is not a PCI address ([DDDD:]BB:SS.F)"), value);
	guint64 vslot;
	if (at[1] && !g_ascii_string_to_unsigned(at[1], 16, 0, 0x1f, &vslot, NULL))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("\"%s\" is not a virtual slot (hexadecimal, 0 to 1f)"), at[1]);
	if (at[1])
		d->vslot = HV_INT(vslot);
	return TRUE;
}

static gboolean
pci_positional(HvSpecIn *in, const char *item, GError **error)
{
	if (in->positionals++ > 0)
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("\"%s\": only the PCI address may be given without a key"), item);
	return parse_bdf(in, NULL, item, error);
}

/* The address first and without a key, as every xl version reads it,
 * with the virtual slot after '@'. */
static gboolean
format_bdf(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvPciDev *d = out->obj;
	(void)k;
	if (!d->bdf)
		return TRUE;
	g_autofree char *bdf = d->all_functions == HV_TRISTATE_YES
	                               ? g_strdup_printf("%.*s*", (int)strlen(d->bdf) - 1, d->bdf)
	                               : g_strdup(d->bdf);
	g_autofree char *item = d->vslot.set
	                                ? g_strdup_printf("%s@%" G_GINT64_MODIFIER "x", bdf, d->vslot.value)
	                                : g_strdup(bdf);
	return hv__spec_add(out, NULL, item, error);
}

/* all-functions= only where ".*" cannot say it. */
static gboolean
format_all_functions(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvPciDev *d = out->obj;
	(void)k;
	if (d->all_functions == HV_TRISTATE_DEFAULT || (d->all_functions == HV_TRISTATE_YES && d->bdf))
		return TRUE;
	return hv__spec_add(out, "all-functions", d->all_functions == HV_TRISTATE_YES ? "1" : "0", error);
}

static gboolean
parse_all_functions(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	(void)k;
	if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
		return hv__spec_fail(in, HV_ERROR_INVALID, error, _("all-functions: expected 0 or 1"));
	((HvPciDev *)in->obj)->all_functions = HV_TRISTATE(value[0] == '1');
	return TRUE;
}

/* vslot= only when there is no address to attach it to. */
static gboolean
format_vslot(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvPciDev *d = out->obj;
	(void)k;
	if (d->bdf || !d->vslot.set)
		return TRUE;
	g_autofree char *text = g_strdup_printf("%" G_GINT64_MODIFIER "x", d->vslot.value);
	return hv__spec_add(out, "vslot", text, error);
}

static gboolean
parse_vslot(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	guint64 v;
	(void)k;
	if (!g_ascii_string_to_unsigned(value, 16, 0, 0x1f, &v, NULL))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("vslot: \"%s\" is not a slot (hexadecimal, 0 to 1f)"), value);
	((HvPciDev *)in->obj)->vslot = HV_INT(v);
	return TRUE;
}

#define K(key, kind, field, fl, p, f, note) \
	{ key, kind, offsetof(HvPciDev, field), 0, fl, p, f, note }

static const char xen_pci[] = N_("a setting of Xen's PCI backend; VFIO has no equivalent");

static const HvSpecKey pci_keys[] = {
	K("bdf", HV__SK_CUSTOM, bdf, 0, parse_bdf, format_bdf, NULL),
	K("all-functions", HV__SK_CUSTOM, all_functions, HV__XF_HV, parse_all_functions, format_all_functions, NULL),
	K("vslot", HV__SK_CUSTOM, vslot, 0, parse_vslot, format_vslot, NULL),
	K("seize", HV__SK_BOOL, seize, 0, NULL, NULL, NULL),
	K("name", HV__SK_STRING, name, 0, NULL, NULL, NULL),
	K("boot-order", HV__SK_INT, boot_order, HV__XF_HV, NULL, NULL, NULL),
	K("vf-mac", HV__SK_CUSTOM, vf_mac, HV__XF_HV, hv__spec_parse_mac, hv__spec_format_string, NULL),
	K("vf-vlan", HV__SK_INT, vf_vlan, HV__XF_HV, NULL, NULL, NULL),
	HV__SPEC_ADDRESS_KEY(HvPciDev),
	K("permissive", HV__SK_XEN, xen_options, 0, NULL, NULL, xen_pci),
	K("msitranslate", HV__SK_XEN, xen_options, 0, NULL, NULL, xen_pci),
	K("power_mgmt", HV__SK_XEN, xen_options, 0, NULL, NULL, xen_pci),
	K("rdm_policy", HV__SK_XEN, xen_options, 0, NULL, NULL, xen_pci),
};

const HvSpecType hv__pci_spec =
	HV__SPEC_TYPE("pci", hv__pci_dev_desc, pci_keys, offsetof(HvPciDev, xen_options), pci_positional,
	              ",");
