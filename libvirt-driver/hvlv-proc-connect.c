/* hvlv-proc-connect: the connection-level procedures. */
#include "config.h"

#include <fcntl.h>
#include <netdb.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hvlv-host.h"
#include "hvlv-private.h"
#include "hvlv-proc.h"

/* libvirt's virDrvFeature numbers that hv answers yes to. */
enum {
	HVLV_FEATURE_REMOTE = 2,
	HVLV_FEATURE_TYPED_PARAM_STRING = 9,
	HVLV_FEATURE_PROGRAM_KEEPALIVE = 10,
	HVLV_FEATURE_REMOTE_EVENT_CALLBACK = 14,
	HVLV_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
	HVLV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16,
};

#define HVLV_CONNECT_RO 1u /* VIR_CONNECT_RO */

gboolean
hvlv_check_flags(guint flags, guint supported, HvlvCall *call, GError **error)
{
	if ((flags & ~supported) == 0)
		return TRUE;
	hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
	               _("unsupported flags (0x%x) in function %s"), flags & ~supported,
	               hvlv_call_procedure(call)->api);
	return FALSE;
}

gboolean
hvlv_proc_auth_list(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                    G_GNUC_UNUSED GError **error)
{
	hvlv_auth_list_ret *r = ret;
	r->types.types_len = 1;
	r->types.types_val = g_new0(int, 1); /* REMOTE_AUTH_NONE: UNIX socket permissions */
	return TRUE;
}

gboolean
hvlv_proc_supports_feature(HvlvCall *call, gpointer args, gpointer ret,
                           G_GNUC_UNUSED GError **error)
{
	const hvlv_supports_feature_args *a = args;
	hvlv_supports_feature_ret *r = ret;
	switch (a->feature) {
	case HVLV_FEATURE_PROGRAM_KEEPALIVE:
		/* asking means the client answers PINGs: start sending them */
		hvlv__client_start_keepalive(hvlv_call_client(call));
		r->supported = 1;
		break;
	case HVLV_FEATURE_REMOTE:
	case HVLV_FEATURE_TYPED_PARAM_STRING:
	case HVLV_FEATURE_REMOTE_EVENT_CALLBACK:
	case HVLV_FEATURE_REMOTE_CLOSE_CALLBACK:
	case HVLV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER:
		r->supported = 1;
		break;
	default: /* migration features come with migration */
		r->supported = 0;
	}
	return TRUE;
}

/* Checks NAME like a libvirt driver: our scheme, then the path this daemon
 * serves (virConnectValidateURIPath); NULL means our default URI. */
static char *
hvlv_connect_check_uri(const char *name, gboolean session, GError **error)
{
	const char *path = session ? "/session" : "/system";
	if (!name || !*name)
		return g_strdup_printf("hv://%s", path);
	g_autoptr(GUri) uri = g_uri_parse(name, G_URI_FLAGS_NONE, NULL);
	if (!uri || g_ascii_strcasecmp(g_uri_get_scheme(uri), "hv") != 0 ||
	    (g_uri_get_host(uri) && *g_uri_get_host(uri))) {
		hvlv_set_error(error, HVLV_ERR_NO_CONNECT, HVLV_FROM_NONE, "%s", name);
		return NULL;
	}
	if (strcmp(g_uri_get_path(uri), path) != 0) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("unexpected hv URI path '%s', try hv://%s"), g_uri_get_path(uri), path);
		return NULL;
	}
	return g_strdup_printf("hv://%s", path);
}

gboolean
hvlv_proc_connect_open(HvlvCall *call, gpointer args, G_GNUC_UNUSED gpointer ret, GError **error)
{
	const hvlv_connect_open_args *a = args;
	HvlvClient *client = hvlv_call_client(call);
	/* Only VIR_CONNECT_RO matters here, as in libvirtd: the client library
	 * sets flags of its own (0x4 for session URIs). */
	if (hvlv_client_uri(client)) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_REMOTE,
		               _("connection already open"));
		return FALSE;
	}
	char *uri = hvlv_connect_check_uri(a->name ? *a->name : NULL, client->server->config.session,
	                                   error);
	if (!uri)
		return FALSE;
	if (a->flags & HVLV_CONNECT_RO)
		client->readonly = TRUE;
	g_atomic_pointer_set(&client->uri, uri);
	return TRUE;
}

gboolean
hvlv_proc_connect_close(HvlvCall *call, G_GNUC_UNUSED gpointer args, G_GNUC_UNUSED gpointer ret,
                        G_GNUC_UNUSED GError **error)
{
	/* The reply goes out first; then the connection closes (libvirtd too). */
	hvlv_call_client(call)->close_after_flush = TRUE;
	return TRUE;
}

gboolean
hvlv_proc_get_type(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                   G_GNUC_UNUSED GError **error)
{
	((hvlv_string_ret *)ret)->str = g_strdup(HVLV_HYPERVISOR_TYPE);
	return TRUE;
}

gboolean
hvlv_proc_get_version(HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret, GError **error)
{
	HvlvServer *server = hvlv_call_server(call);
	g_mutex_lock(&server->version_lock); /* the first caller asks QEMU, once */
	if (!server->hypervisor_version_known)
		server->hypervisor_version_known =
			hvlv_host_qemu_version(server->config.emulator, &server->hypervisor_version, error);
	gboolean known = server->hypervisor_version_known;
	((hvlv_version_ret *)ret)->ver = server->hypervisor_version;
	g_mutex_unlock(&server->version_lock);
	return known;
}

gboolean
hvlv_proc_get_lib_version(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args,
                          gpointer ret, G_GNUC_UNUSED GError **error)
{
	((hvlv_version_ret *)ret)->ver = HVLV_LIBVIRT_VERSION;
	return TRUE;
}

gboolean
hvlv_proc_get_hostname(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                       GError **error)
{
	char *hostname = hvlv_host_hostname(error);
	((hvlv_string_ret *)ret)->str = hostname;
	return hostname != NULL;
}

gboolean
hvlv_proc_get_uri(HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                  G_GNUC_UNUSED GError **error)
{
	((hvlv_string_ret *)ret)->str = g_strdup(hvlv_client_uri(hvlv_call_client(call)));
	return TRUE;
}

gboolean
hvlv_proc_get_sysinfo(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	if (!hvlv_check_flags(((hvlv_flags_args *)args)->flags, 0, call, error))
		return FALSE;
	((hvlv_string_ret *)ret)->str = hvlv_host_sysinfo_xml();
	return TRUE;
}

gboolean
hvlv_proc_get_max_vcpus(G_GNUC_UNUSED HvlvCall *call, gpointer args, gpointer ret,
                        GError **error)
{
	const hvlv_get_max_vcpus_args *a = args;
	const char *type = a->type ? *a->type : NULL;
	gint max = hvlv_host_max_vcpus(type, error);
	((hvlv_get_max_vcpus_ret *)ret)->max_vcpus = max;
	return max > 0;
}

gboolean
hvlv_proc_close_callback(HvlvCall *call, G_GNUC_UNUSED gpointer args, G_GNUC_UNUSED gpointer ret,
                         G_GNUC_UNUSED GError **error)
{
	/* hv never closes a connection from the driver side, so a registered
	 * close callback only needs remembering. */
	HvlvClient *client = hvlv_call_client(call);
	client->close_callback = hvlv_call_procedure(call)->number == 360;
	return TRUE;
}

gboolean
hvlv_proc_is_secure(G_GNUC_UNUSED HvlvCall *call, G_GNUC_UNUSED gpointer args, gpointer ret,
                    G_GNUC_UNUSED GError **error)
{
	/* what drivers inside the daemon answer; the client adds its transport's */
	((hvlv_is_secure_ret *)ret)->secure = 1;
	return TRUE;
}
