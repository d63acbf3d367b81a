/* Events and streams: several clients registered for events each get them
 * with their own callback IDs; stream data follows its call's reply; and
 * the same through real clients (virsh event, python3-libvirt's streams). */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "hvlv-events.h"
#include "hvt-rpc.h"
#include "hvt-test-program.h"

#define URI "hv:///system"


static gint
register_event(HvtRpc *rpc, gint event_id, const guint8 *uuid)
{
	hvlv_nonnull_domain dom = { .name = (char *)"other", .id = -1 };
	if (uuid)
		memcpy(dom.uuid, uuid, 16);
	hvlv_event_register_args args = { event_id, uuid ? &dom : NULL };
	hvlv_event_register_ret ret = { -1 };
	g_assert_true(hvt_rpc_call_ok(rpc, 316, (xdrproc_t)xdr_hvlv_event_register_args, &args,
	                              (xdrproc_t)xdr_hvlv_event_register_ret, &ret));
	return ret.callback_id;
}

static void
emit(HvtServer *ts, HvlvLifecycleEvent event, gint detail)
{
	HvlvDomainRef dom = { .name = HVT_DOMAIN_NAME, .id = -1 };
	memcpy(dom.uuid, hvt_domain_uuid, 16);
	g_assert_true(hvlv_events_domain_lifecycle(hvt_server_get(ts), &dom, event, detail));
}

/* Reads the next lifecycle message; its callback ID, or -1 if none came. */
static gint
read_event(HvtRpc *rpc, guint timeout_ms, gint *event_r)
{
	g_autoptr(HvtMsg) m = hvt_rpc_recv(rpc, timeout_ms);
	if (!m)
		return -1;
	g_assert_cmpint(m->hdr.type, ==, HVLV_MESSAGE);
	g_assert_cmpint(m->hdr.proc, ==, HVLV_PROC_EVENT_CALLBACK_LIFECYCLE);
	g_assert_cmpuint(m->hdr.serial, ==, 1);
	gsize len;
	const guint8 *body = g_bytes_get_data(m->body, &len);
	XDR xdr;
	xdrmem_create(&xdr, (char *)body, (u_int)len, XDR_DECODE);
	gint callback_id = -1;
	hvlv_event_lifecycle_msg msg = { 0 };
	g_assert_true(xdr_int(&xdr, &callback_id) && xdr_hvlv_event_lifecycle_msg(&xdr, &msg));
	xdr_destroy(&xdr);
	g_assert_cmpstr(msg.dom.name, ==, HVT_DOMAIN_NAME);
	g_assert_cmpmem(msg.dom.uuid, 16, hvt_domain_uuid, 16);
	*event_r = msg.event;
	xdr_free((xdrproc_t)xdr_hvlv_event_lifecycle_msg, &msg);
	return callback_id;
}

static void
test_events_several_clients(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	HvtRpc *c[3];
	gint ids[3];
	for (guint i = 0; i < 3; i++) {
		c[i] = hvt_test_connect_open(ts);
		ids[i] = register_event(c[i], HVLV_DOMAIN_EVENT_ID_LIFECYCLE, NULL);
	}
	g_assert_cmpint(ids[0], !=, ids[1]);
	g_assert_cmpint(ids[1], !=, ids[2]);
	/* registered for another domain, or another event: gets nothing */
	g_autoptr(HvtRpc) other = hvt_test_connect_open(ts);
	static const guint8 other_uuid[16] = { 1 };
	register_event(other, HVLV_DOMAIN_EVENT_ID_LIFECYCLE, other_uuid);
	register_event(other, HVLV_DOMAIN_EVENT_ID_METADATA_CHANGE, NULL);
	emit(ts, HVLV_EVENT_DEFINED, 0);
	for (guint i = 0; i < 3; i++) {
		gint event = -1;
		g_assert_cmpint(read_event(c[i], 5000, &event), ==, ids[i]);
		g_assert_cmpint(event, ==, HVLV_EVENT_DEFINED);
	}
	/* deregistered and disconnected clients drop out */
	hvlv_event_deregister_args dereg = { ids[0] };
	g_assert_true(hvt_rpc_call_ok(c[0], 317, (xdrproc_t)xdr_hvlv_event_deregister_args, &dereg,
	                              NULL, NULL));
	hvt_rpc_free(c[1]);
	while (hvt_server_event_count(ts, HVLV_DOMAIN_EVENT_ID_LIFECYCLE) != 2)
		g_usleep(10000);
	emit(ts, HVLV_EVENT_UNDEFINED, 0);
	gint event = -1;
	g_assert_cmpint(read_event(c[2], 5000, &event), ==, ids[2]);
	g_assert_cmpint(event, ==, HVLV_EVENT_UNDEFINED);
	g_assert_cmpint(read_event(c[0], 300, &event), ==, -1);
	g_assert_cmpint(read_event(other, 300, &event), ==, -1);
	hvt_rpc_free(c[0]);
	hvt_rpc_free(c[2]);
}

static void
test_event_errors(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	hvlv_event_register_args bad = { 99, NULL };
	g_autofree char *m1 = NULL, *m2 = NULL;
	g_assert_cmpint(hvt_rpc_call_error(rpc, 316, (xdrproc_t)xdr_hvlv_event_register_args, &bad,
	                                   &m1), ==, 8);
	g_assert_cmpstr(m1, ==, "invalid argument: unsupported event ID 99");
	hvlv_event_deregister_args dereg = { 12345 };
	g_assert_cmpint(hvt_rpc_call_error(rpc, 317, (xdrproc_t)xdr_hvlv_event_deregister_args,
	                                   &dereg, &m2), ==, 39);
	g_assert_cmpstr(m2, ==, "domain event callback 12345 not registered");
}

static guint32
open_console(HvtRpc *rpc)
{
	hvlv_domain_open_console_args args = { .dom = { .name = (char *)HVT_DOMAIN_NAME, .id = 1 } };
	return hvt_rpc_call(rpc, 201, (xdrproc_t)xdr_hvlv_domain_open_console_args, &args);
}

static HvtMsg *
expect_stream(HvtRpc *rpc, guint32 serial, gint status)
{
	HvtMsg *m = hvt_rpc_recv(rpc, 5000);
	g_assert_nonnull(m);
	g_assert_cmpint(m->hdr.type, ==, HVLV_STREAM);
	g_assert_cmpint(m->hdr.proc, ==, 201);
	g_assert_cmpuint(m->hdr.serial, ==, serial);
	g_assert_cmpint(m->hdr.status, ==, status);
	return m;
}

static void
send_stream(HvtRpc *rpc, guint32 serial, gint status, const char *text)
{
	hvlv_header hdr = { HVLV_REMOTE_PROGRAM, 1, 201, HVLV_STREAM, serial,
	                    (hvlv_message_status)status };
	g_autoptr(GBytes) b = hvlv_message_encode_raw(&hdr, text, text ? strlen(text) : 0);
	g_assert_true(hvt_rpc_send_raw(rpc, g_bytes_get_data(b, NULL), g_bytes_get_size(b)));
}

static void
test_stream_raw(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	HvtStreamLog *log = hvt_test_stream_log();
	gint finished = g_atomic_int_get(&log->finished);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	guint32 serial = open_console(rpc);
	/* the reply first, although the data was sent inside the handler */
	g_autoptr(HvtMsg) reply = hvt_rpc_recv(rpc, 5000);
	g_assert_cmpint(reply->hdr.type, ==, HVLV_REPLY);
	g_assert_cmpint(reply->hdr.status, ==, HVLV_STATUS_OK);
	g_autoptr(HvtMsg) greet = expect_stream(rpc, serial, HVLV_STATUS_CONTINUE);
	g_assert_cmpmem(g_bytes_get_data(greet->body, NULL), g_bytes_get_size(greet->body),
	                "HV-CONSOLE-READY\n", 17);
	send_stream(rpc, serial, HVLV_STATUS_CONTINUE, "echo me");
	g_autoptr(HvtMsg) echo = expect_stream(rpc, serial, HVLV_STATUS_CONTINUE);
	g_assert_cmpmem(g_bytes_get_data(echo->body, NULL), g_bytes_get_size(echo->body), "ECHO ME", 7);
	/* the client finishes; the server confirms with OK */
	send_stream(rpc, serial, HVLV_STATUS_OK, NULL);
	g_autoptr(HvtMsg) done = expect_stream(rpc, serial, HVLV_STATUS_OK);
	g_assert_cmpuint(g_bytes_get_size(done->body), ==, 0);
	g_assert_cmpint(g_atomic_int_get(&log->finished), ==, finished + 1);
	/* packets for a finished stream are ignored, the client stays */
	send_stream(rpc, serial, HVLV_STATUS_CONTINUE, "late");
	hvlv_string_ret ret = { 0 };
	g_assert_true(hvt_rpc_call_ok(rpc, 110, NULL, NULL, (xdrproc_t)xdr_hvlv_string_ret, &ret));
	xdr_free((xdrproc_t)xdr_hvlv_string_ret, &ret);
}

/* The server's end of data is an empty CONTINUE, as libvirtd sends it (a
 * libvirt client drops the connection on an OK it did not ask for); the
 * client's finish then gets its OK. */
static void
test_stream_server_eof(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	guint32 serial = open_console(rpc);
	g_autoptr(HvtMsg) reply = hvt_rpc_recv(rpc, 5000);
	g_assert_cmpint(reply->hdr.status, ==, HVLV_STATUS_OK);
	g_autoptr(HvtMsg) greet = expect_stream(rpc, serial, HVLV_STATUS_CONTINUE);
	g_assert_cmpuint(g_bytes_get_size(greet->body), ==, 17);
	send_stream(rpc, serial, HVLV_STATUS_CONTINUE, "bye");
	g_autoptr(HvtMsg) eof = expect_stream(rpc, serial, HVLV_STATUS_CONTINUE);
	g_assert_cmpuint(g_bytes_get_size(eof->body), ==, 0);
	send_stream(rpc, serial, HVLV_STATUS_OK, NULL);
	g_autoptr(HvtMsg) done = expect_stream(rpc, serial, HVLV_STATUS_OK);
	g_assert_cmpuint(g_bytes_get_size(done->body), ==, 0);
	g_assert_null(hvt_rpc_recv(rpc, 300));
}

static void
test_stream_failed_call(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	HvtStreamLog *log = hvt_test_stream_log();
	gint aborted = g_atomic_int_get(&log->aborted);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	g_autofree char *msg = NULL;
	g_assert_cmpint(hvt_rpc_call_error(rpc, HVT_PROC_STREAM_FAIL, NULL, NULL, &msg), ==, 9);
	g_assert_cmpstr(msg, ==, "operation failed: the console is busy");
	g_assert_null(hvt_rpc_recv(rpc, 300)); /* no stream data after a failed call */
	g_assert_cmpint(g_atomic_int_get(&log->aborted), ==, aborted + 1);
}

static void
test_stream_client_disconnects(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	HvtStreamLog *log = hvt_test_stream_log();
	gint aborted = g_atomic_int_get(&log->aborted);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	open_console(rpc);
	g_autoptr(HvtMsg) reply = hvt_rpc_recv(rpc, 5000);
	g_assert_nonnull(reply);
	g_clear_pointer(&rpc, hvt_rpc_free);
	for (guint i = 0; i < 500 && g_atomic_int_get(&log->aborted) == aborted; i++)
		g_usleep(10000);
	g_assert_cmpint(g_atomic_int_get(&log->aborted), ==, aborted + 1);
}

/* Real clients. */
static char *
client_uri(HvtServer *ts)
{
	return g_strdup_printf("hv+unix:///system?socket=%s", hvt_server_rw_path(ts));
}

static void
test_virsh_event(void)
{
	g_autofree char *virsh_path = g_find_program_in_path("virsh");
	if (!virsh_path) {
		g_test_skip("virsh is not installed (package libvirt-clients)");
		return;
	}
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autofree char *uri = client_uri(ts);
	const char *argv[] = { "virsh", "-c", uri, "event", "--all", "--timeout", "20", NULL };
	GSubprocess *virsh[2];
	for (guint i = 0; i < 2; i++) {
		virsh[i] = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
		g_assert_nonnull(virsh[i]);
	}
	/* virsh --all registers all 27 event IDs; wait for both */
	for (guint i = 0; i < 1000 && hvt_server_event_count(ts, 26) < 2; i++)
		g_usleep(10000);
	g_assert_cmpuint(hvt_server_event_count(ts, HVLV_DOMAIN_EVENT_ID_LIFECYCLE), ==, 2);
	emit(ts, HVLV_EVENT_DEFINED, 0);
	for (guint i = 0; i < 2; i++) {
		g_autofree char *out = NULL;
		g_assert_true(g_subprocess_communicate_utf8(virsh[i], NULL, NULL, &out, NULL, NULL));
		g_assert_nonnull(strstr(out, "event 'lifecycle' for domain 't0': Defined Added"));
		g_assert_true(g_subprocess_get_successful(virsh[i]));
		g_object_unref(virsh[i]);
	}
}

static void
test_python_console_stream(void)
{
	const char *top = g_getenv("HV_TOP_SRCDIR");
	g_autofree char *script = g_build_filename(top ? top : ".", "tests", "hvd",
	                                           "python-client.py", NULL);
	const char *check[] = { "/usr/bin/python3", "-c", "import libvirt", NULL };
	gint status = -1;
	if (!g_spawn_sync(NULL, (char **)check, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
	                  NULL, &status, NULL) || status != 0) {
		g_test_skip("python3-libvirt is not installed");
		return;
	}
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autofree char *uri = client_uri(ts);
	const char *argv[] = { "/usr/bin/python3", script, "console", uri, NULL };
	g_autofree char *out = NULL, *err = NULL;
	g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
	                           &status, NULL));
	g_test_message("python: %s %s", out, err);
	g_assert_true(g_spawn_check_wait_status(status, NULL));
	g_assert_nonnull(strstr(out, "greeting: HV-CONSOLE-READY"));
	g_assert_nonnull(strstr(out, "echo: HELLO FROM PYTHON"));
	g_assert_nonnull(strstr(out, "finished"));
	HvtStreamLog *log = hvt_test_stream_log();
	g_assert_nonnull(strstr(log->received->str, "hello from python"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	signal(SIGPIPE, SIG_IGN);
	g_test_add_func("/events/several-clients", test_events_several_clients);
	g_test_add_func("/events/errors", test_event_errors);
	g_test_add_func("/streams/raw", test_stream_raw);
	g_test_add_func("/streams/server-eof", test_stream_server_eof);
	g_test_add_func("/streams/failed-call", test_stream_failed_call);
	g_test_add_func("/streams/client-disconnects", test_stream_client_disconnects);
	g_test_add_func("/clients/virsh-event", test_virsh_event);
	g_test_add_func("/clients/python-console-stream", test_python_console_stream);
	return g_test_run();
}
