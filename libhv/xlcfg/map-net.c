/* vif = [ "NETSPEC", ... ] (xl-network-configuration(5)). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/devices.h"

char *
hv__xl_parse_mac(const char *text)
{
	g_auto(GStrv) groups = g_strsplit(text, ":", -1);
	if (g_strv_length(groups) != 6)
		return NULL;
	guint8 bytes[6];
	for (int i = 0; i < 6; i++) {
		guint64 v;
		size_t n = strlen(groups[i]);
		if (n < 1 || n > 2 || !g_ascii_string_to_unsigned(groups[i], 16, 0, 255, &v, NULL))
			return NULL;
		bytes[i] = (guint8)v;
	}
	return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2],
	                       bytes[3], bytes[4], bytes[5]);
}

gboolean
hv__spec_parse_mac(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	char **field = HV__SPEC_FIELD(in->obj, k);
	char *mac = hv__xl_parse_mac(value);
	if (!mac)
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("%s: \"%s\" is not a MAC address (xx:xx:xx:xx:xx:xx)"), k->key, value);
	g_free(*field);
	*field = mac;
	return TRUE;
}

static gboolean
parse_rate(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvNic *nic = in->obj;
	GError *local = NULL;
	(void)k;
	if (!hv_nic_rate_parse(value, NULL, NULL, &local)) {
		hv__spec_fail(in, HV_ERROR_INVALID, error, "rate: %s", local->message);
		g_error_free(local);
		return FALSE;
	}
	g_free(nic->rate);
	nic->rate = g_strdup(value);
	return TRUE;
}

/* hv's nettype: Xen's xl knows only bridges, which bridge= implies. */
static gboolean
format_nettype(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvNic *nic = out->obj;
	if (nic->type == HV_NIC_TYPE_UNSET)
		return TRUE;
	if (out->xl->dialect == HV_XLCFG_XEN && nic->type == HV_NIC_TYPE_BRIDGE && nic->bridge)
		return TRUE;
	g_autofree char *what = g_strdup_printf(_("interface type %s"),
	                                        hv_enum_to_string(HV_ENUM_NIC_TYPE, nic->type));
	return hv__xl_hv_only(out->xl, what, "nettype=", error) && hv__spec_format_enum(out, k, error);
}

static gboolean
parse_nettype(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	if (!hv_enum_from_string(k->enum_id, value, HV__SPEC_FIELD(in->obj, k)))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("nettype: \"%s\" is not bridge, network, ethernet or user"), value);
	return TRUE;
}

#define K(key, kind, field, e, fl, p, f, note) \
	{ key, kind, offsetof(HvNic, field), e, fl, p, f, note }

static const char xen_net[] = N_("a setting of Xen's network backends");
static const char no_colo[] = N_("COLO replication is not supported by hv");

static const HvSpecKey vif_keys[] = {
	K("nettype", HV__SK_CUSTOM, type, HV_ENUM_NIC_TYPE, HV__XF_HV, parse_nettype, format_nettype, NULL),
	K("mac", HV__SK_CUSTOM, mac, 0, 0, hv__spec_parse_mac, hv__spec_format_string, NULL),
	K("bridge", HV__SK_STRING, bridge, 0, 0, NULL, NULL, NULL),
	K("network", HV__SK_STRING, network, 0, HV__XF_HV, NULL, NULL, NULL),
	K("model", HV__SK_STRING, model, 0, 0, NULL, NULL, NULL),
	K("type", HV__SK_ENUM, vif_type, HV_ENUM_VIF_TYPE, 0, NULL, NULL, NULL),
	K("script", HV__SK_STRING, script, 0, 0, NULL, NULL, NULL),
	K("ip", HV__SK_STRING, ip, 0, 0, NULL, NULL, NULL),
	K("vifname", HV__SK_STRING, vifname, 0, 0, NULL, NULL, NULL),
	K("rate", HV__SK_CUSTOM, rate, 0, 0, parse_rate, hv__spec_format_string, NULL),
	K("mtu", HV__SK_INT, mtu, 0, 0, NULL, NULL, NULL),
	K("vlan", HV__SK_STRING, vlan, 0, 0, NULL, NULL, NULL),
	K("queues", HV__SK_INT, queues, 0, HV__XF_HV, NULL, NULL, NULL),
	K("boot-order", HV__SK_INT, boot_order, 0, HV__XF_HV, NULL, NULL, NULL),
	HV__SPEC_ADDRESS_KEY(HvNic),
	K("backend", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, N_("driver domains do not exist on KVM")),
	K("gatewaydev", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, xen_net),
	K("netdev", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, xen_net),
	K("accel", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, xen_net),
	K("devid", HV__SK_XEN, xen_options, 0, 0, NULL, NULL, xen_net),
	K("trusted", HV__SK_XEN, xen_options, 0, HV__XF_FLAG, NULL, NULL, xen_net),
	K("untrusted", HV__SK_XEN, xen_options, 0, HV__XF_FLAG, NULL, NULL, xen_net),
	K("forwarddev", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, no_colo),
	K("colo_*", HV__SK_REJECT, xen_options, 0, 0, NULL, NULL, no_colo),
};

const HvSpecType hv__vif_spec =
	HV__SPEC_TYPE("vif", hv__nic_desc, vif_keys, offsetof(HvNic, xen_options), NULL, ",");
