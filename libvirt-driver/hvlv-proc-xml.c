/* hvlv-proc-xml: capabilities, domain capabilities and the native config
 * conversions (virsh capabilities, domcapabilities, domxml-to-native,
 * domxml-from-native). */
#include "config.h"

#include "hvlv-caps.h"
#include "hvlv-native.h"
#include "hvlv-private.h"
#include "hvlv-proc.h"

gboolean
hvlv_proc_get_capabilities(HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                           GError **error)
{
	char *caps = hvlv_caps_format(call->client->server->config.emulator, error);
	((hvlv_string_ret *)ret)->str = caps;
	return caps != NULL;
}

gboolean
hvlv_proc_get_domain_capabilities(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_get_domain_capabilities_args *a = args;
	char *caps = hvlv_domcaps_format(call->client->server->config.emulator,
	                                 a->emulatorbin ? *a->emulatorbin : NULL,
	                                 a->arch ? *a->arch : NULL, a->machine ? *a->machine : NULL,
	                                 a->virttype ? *a->virttype : NULL, a->flags, error);
	((hvlv_string_ret *)ret)->str = caps;
	return caps != NULL;
}

gboolean
hvlv_proc_domain_xml_from_native(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_xml_native_args *a = args;
	if (!hvlv_check_flags(a->flags, 0, call, error))
		return FALSE;
	char *xml = hvlv_xml_from_native(a->format, a->text, error);
	((hvlv_string_ret *)ret)->str = xml;
	return xml != NULL;
}

gboolean
hvlv_proc_domain_xml_to_native(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	const hvlv_domain_xml_native_args *a = args;
	if (!hvlv_check_flags(a->flags, 0, call, error))
		return FALSE;
	char *native = hvlv_native_from_xml(a->format, a->text, error);
	((hvlv_string_ret *)ret)->str = native;
	return native != NULL;
}
