/* type and builder: hvm and pvh map onto themselves; Xen's classic PV
 * (type "pv", builder "generic", or no type at all, which Xen treats as PV)
 * has no KVM equivalent, and its direct kernel boot is what a pvh domain
 * does, so such configs load as pvh, with a warning. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/keys.h"

static void
load_as_pvh(HvXlIn *in, HvCfgSetting *s, const char *why)
{
	in->dom->type = HV_DOMAIN_TYPE_PVH;
	in->was_pv = TRUE;
	hv__xl_warn(in, s,
	            _("%s: Xen PV guests do not exist on KVM; this domain is loaded as a pvh domain "
	              "that boots the same kernel directly (it needs a kernel with PVH or Linux boot "
	              "protocol support, and its disks appear as virtio disks)"),
	            why);
}

HV__XL_PARSER(type)
{
	const char *text;
	(void)k;
	if (!s) {
		/* no type: builder decides, else Xen's default, PV */
		if (!hv__cfg_lookup(in->cfg, "builder"))
			load_as_pvh(in, NULL, _("the config has no type, which Xen reads as type \"pv\""));
		return TRUE;
	}
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	if (strcmp(text, "pv") == 0)
		load_as_pvh(in, s, _("type \"pv\""));
	else if (!hv_enum_from_string(HV_ENUM_DOMAIN_TYPE, text, (int *)&in->dom->type))
		return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
		                   _("\"%s\" is not a domain type (hvm, pvh or pv)"), text);
	return TRUE;
}

HV__XL_FORMATTER(type)
{
	if (out->dom->type != HV_DOMAIN_TYPE_UNSET)
		hv__xl_emit_string(out, k->key, hv_enum_to_string(HV_ENUM_DOMAIN_TYPE, out->dom->type));
	(void)error;
	return TRUE;
}

/* builder, deprecated since Xen 4.10: "hvm" or "generic" (PV). */
HV__XL_PARSER(builder)
{
	const char *text;
	HvCfgSetting *type = hv__cfg_lookup(in->cfg, "type");
	(void)k;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	gboolean hvm = strcmp(text, "hvm") == 0;
	if (!hvm && strcmp(text, "generic") != 0)
		return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
		                   _("\"%s\" is not a builder (hvm or generic)"), text);
	if (type && (hvm != (in->dom->type == HV_DOMAIN_TYPE_HVM) || (!hvm && !in->was_pv)))
		return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
		                   _("builder \"%s\" contradicts type on line %d"), text, type->line);
	if (hvm)
		in->dom->type = HV_DOMAIN_TYPE_HVM;
	else if (!type)
		load_as_pvh(in, s, _("builder \"generic\""));
	return TRUE;
}

/* device_model_args_hvm: more QEMU arguments, after device_model_args. */
HV__XL_PARSER(append_strings)
{
	GPtrArray *list = NULL;
	if (!hv__xl_get_strings(in, s, FALSE, &list, error))
		return FALSE;
	GPtrArray *field = *(GPtrArray **)HV__XL_FIELD(in->dom, k);
	for (guint i = 0; i < list->len; i++)
		g_ptr_array_add(field, g_strdup(g_ptr_array_index(list, i)));
	g_ptr_array_unref(list);
	return TRUE;
}
