/* hvt-test-program: test-only procedures around the real table. */
#include "config.h"

#include <string.h>

#include "hvlv-error.h"
#include "hvlv-stream.h"
#include "hvt-test-program.h"

const guint8 hvt_domain_uuid[16] = { 0x5a, 0x1e, 0x00, 0x01, 0x02, 0x03, 0x44, 0x05,
                                     0x86, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d };

static HvtStreamLog stream_log;
static GMutex stream_lock;

HvtStreamLog *
hvt_test_stream_log(void)
{
	return &stream_log;
}

static gboolean
hvt_proc_sleep(G_GNUC_UNUSED HvlvCall *call, gpointer args, gpointer ret,
               G_GNUC_UNUSED GError **error)
{
	gint ms = ((hvlv_supports_feature_args *)args)->feature;
	g_usleep((gulong)ms * 1000);
	((hvlv_supports_feature_ret *)ret)->supported = ms;
	return TRUE;
}

static gboolean
hvt_proc_lookup_by_name(G_GNUC_UNUSED HvlvCall *call, gpointer args, gpointer ret,
                        GError **error)
{
	const char *name = ((hvlv_domain_lookup_by_name_args *)args)->name;
	if (strcmp(name, HVT_DOMAIN_NAME) != 0) {
		hvlv_set_error(error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_DRIVER,
		               "no domain with matching name '%s'", name);
		return FALSE;
	}
	hvlv_domain_ret *r = ret;
	r->dom.name = g_strdup(name);
	memcpy(r->dom.uuid, hvt_domain_uuid, 16);
	r->dom.id = 1;
	return TRUE;
}

/* The console source: greets, echoes what the client types in upper case;
 * "bye" ends the server's side (as a guest that stops). */
static void
hvt_console_data(HvlvStream *stream, GBytes *data, G_GNUC_UNUSED gpointer user_data)
{
	gsize len;
	const char *bytes = g_bytes_get_data(data, &len);
	g_mutex_lock(&stream_lock);
	g_string_append_len(stream_log.received, bytes, (gssize)len);
	g_mutex_unlock(&stream_lock);
	if (len == 3 && memcmp(bytes, "bye", 3) == 0) {
		hvlv_stream_finish(stream);
		return;
	}
	g_autofree char *upper = g_ascii_strup(bytes, (gssize)len);
	hvlv_stream_send(stream, upper, len);
}

static void
hvt_console_finish(G_GNUC_UNUSED HvlvStream *stream, G_GNUC_UNUSED gpointer user_data)
{
	g_atomic_int_inc(&stream_log.finished);
}

static void
hvt_console_abort(G_GNUC_UNUSED HvlvStream *stream, G_GNUC_UNUSED gpointer user_data)
{
	g_atomic_int_inc(&stream_log.aborted);
}

static const HvlvStreamHandlers hvt_console_handlers = {
	hvt_console_data, hvt_console_finish, hvt_console_abort, NULL,
};

static gboolean
hvt_proc_open_console(HvlvCall *call, G_GNUC_UNUSED gpointer args, G_GNUC_UNUSED gpointer ret,
                      G_GNUC_UNUSED GError **error)
{
	g_autoptr(HvlvStream) stream = hvlv_stream_open(call, &hvt_console_handlers, NULL);
	g_atomic_int_inc(&stream_log.opened);
	/* sent before the reply is out: the stream holds it until then */
	hvlv_stream_send(stream, "HV-CONSOLE-READY\n", 17);
	return TRUE;
}

static gboolean
hvt_proc_stream_fail(HvlvCall *call, G_GNUC_UNUSED gpointer args, G_GNUC_UNUSED gpointer ret,
                     GError **error)
{
	g_autoptr(HvlvStream) stream = hvlv_stream_open(call, &hvt_console_handlers, NULL);
	hvlv_stream_send(stream, "never seen", 10);
	hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER, "the console is busy");
	return FALSE;
}

#define ARGS(type) (xdrproc_t)xdr_##type, sizeof(type)
static const HvlvProcedure hvt_extra[] = {
	{ 23, "virDomainLookupByName", hvt_proc_lookup_by_name,
	  ARGS(hvlv_domain_lookup_by_name_args), ARGS(hvlv_domain_ret), HVLV_PROC_PRIORITY },
	{ 201, "virDomainOpenConsole", hvt_proc_open_console, ARGS(hvlv_domain_open_console_args),
	  NULL, 0, HVLV_PROC_WRITE },
	{ HVT_PROC_SLEEP, "hvtSleep", hvt_proc_sleep, ARGS(hvlv_supports_feature_args),
	  ARGS(hvlv_supports_feature_ret), 0 },
	{ HVT_PROC_STREAM_FAIL, "hvtStreamFail", hvt_proc_stream_fail, NULL, 0, NULL, 0, 0 },
};

static gint
hvt_proc_cmp(gconstpointer a, gconstpointer b)
{
	guint32 x = ((const HvlvProcedure *)a)->number, y = ((const HvlvProcedure *)b)->number;
	return x < y ? -1 : x > y;
}

const HvlvProgram *
hvt_test_program(void)
{
	static HvlvProgram program;
	static gsize once;
	if (g_once_init_enter(&once)) {
		const HvlvProgram *real = hvlv_remote_program();
		GArray *rows = g_array_new(FALSE, FALSE, sizeof(HvlvProcedure));
		for (gsize i = 0; i < real->n_procs; i++) {
			gboolean replaced = FALSE;
			for (gsize j = 0; j < G_N_ELEMENTS(hvt_extra); j++)
				replaced |= hvt_extra[j].number == real->procs[i].number;
			if (!replaced)
				g_array_append_val(rows, real->procs[i]);
		}
		g_array_append_vals(rows, hvt_extra, G_N_ELEMENTS(hvt_extra));
		g_array_sort(rows, hvt_proc_cmp);
		program.last_known = real->last_known;
		program.n_procs = rows->len;
		program.procs = (const HvlvProcedure *)g_array_free(rows, FALSE);
		stream_log.received = g_string_new(NULL);
		g_once_init_leave(&once, 1);
	}
	return &program;
}

HvtServer *
hvt_test_server_start(gint keepalive_interval, guint keepalive_count)
{
	HvlvServerConfig config = HVLV_SERVER_CONFIG_DEFAULT;
	config.keepalive_interval = keepalive_interval;
	config.keepalive_count = keepalive_count;
	return hvt_server_start(&config, hvt_test_program());
}

HvtRpc *
hvt_test_connect_open(HvtServer *ts)
{
	HvtRpc *rpc = hvt_rpc_connect(hvt_server_rw_path(ts));
	g_assert_nonnull(rpc);
	g_assert_true(hvt_rpc_open(rpc, "hv:///system", 0, FALSE));
	return rpc;
}
