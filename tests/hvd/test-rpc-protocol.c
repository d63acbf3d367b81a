/* The RPC server against a raw client: handshake, errors a real driver
 * gives, framing violations, pipelining, keepalive, read-only access. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "hvt-rpc.h"
#include "hvt-test-program.h"

#define URI "hv:///system"


static char *
get_string(HvtRpc *rpc, gint proc)
{
	hvlv_string_ret ret = { 0 };
	g_assert_true(hvt_rpc_call_ok(rpc, proc, NULL, NULL, (xdrproc_t)xdr_hvlv_string_ret, &ret));
	char *s = g_strdup(ret.str);
	xdr_free((xdrproc_t)xdr_hvlv_string_ret, &ret);
	return s;
}

static gint
feature(HvtRpc *rpc, gint number)
{
	hvlv_supports_feature_args args = { number };
	hvlv_supports_feature_ret ret = { -1 };
	g_assert_true(hvt_rpc_call_ok(rpc, 60, (xdrproc_t)xdr_hvlv_supports_feature_args, &args,
	                              (xdrproc_t)xdr_hvlv_supports_feature_ret, &ret));
	return ret.supported;
}

static void
test_handshake(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) rpc = hvt_rpc_connect(hvt_server_rw_path(ts));
	hvlv_auth_list_ret auth = { 0 };
	g_assert_true(hvt_rpc_call_ok(rpc, 66, NULL, NULL, (xdrproc_t)xdr_hvlv_auth_list_ret, &auth));
	g_assert_cmpuint(auth.types.types_len, ==, 1);
	g_assert_cmpint(auth.types.types_val[0], ==, 0); /* REMOTE_AUTH_NONE */
	xdr_free((xdrproc_t)xdr_hvlv_auth_list_ret, &auth);
	g_assert_cmpint(feature(rpc, 10), ==, 1);
	g_autofree char *msg = NULL;
	g_assert_cmpint(hvt_rpc_call_error(rpc, 3, NULL, NULL, &msg), ==, 1);
	g_assert_cmpstr(msg, ==, "internal error: connection not open");
	g_assert_true(hvt_rpc_open(rpc, URI, 0, FALSE));
	g_assert_cmpint(feature(rpc, 14), ==, 1);
	g_assert_cmpint(feature(rpc, 15), ==, 1);
	g_assert_cmpint(feature(rpc, 13), ==, 0);
	g_autofree char *type = get_string(rpc, 3);
	g_assert_cmpstr(type, ==, "QEMU");
	g_autofree char *uri = get_string(rpc, 110);
	g_assert_cmpstr(uri, ==, URI);
	hvlv_version_ret ver = { 0 };
	g_assert_true(hvt_rpc_call_ok(rpc, 157, NULL, NULL, (xdrproc_t)xdr_hvlv_version_ret, &ver));
	g_assert_cmpuint(ver.ver, ==, 9000000);
	g_assert_true(hvt_rpc_call_ok(rpc, 360, NULL, NULL, NULL, NULL));
	g_assert_true(hvt_rpc_call_ok(rpc, 361, NULL, NULL, NULL, NULL));
	/* CONNECT_CLOSE is answered, then the connection closes */
	g_assert_true(hvt_rpc_call_ok(rpc, 2, NULL, NULL, NULL, NULL));
	g_assert_true(hvt_rpc_wait_closed(rpc, 5000));
}

static gint
open_error(HvtServer *ts, const char *uri, char **msg)
{
	g_autoptr(HvtRpc) rpc = hvt_rpc_connect(hvt_server_rw_path(ts));
	char *name = (char *)uri;
	hvlv_connect_open_args args = { .name = &name };
	return hvt_rpc_call_error(rpc, 1, (xdrproc_t)xdr_hvlv_connect_open_args, &args, msg);
}

static void
test_open_uri(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL;
	g_assert_cmpint(open_error(ts, "qemu:///system", &m1), ==, 5); /* VIR_ERR_NO_CONNECT */
	g_assert_cmpstr(m1, ==, "no connection driver available for qemu:///system");
	g_assert_cmpint(open_error(ts, "hv:///session", &m2), ==, 1);
	g_assert_cmpstr(m2, ==, "internal error: unexpected hv URI path '/session', try hv:///system");
	g_assert_cmpint(open_error(ts, "hv://otherhost/system", &m3), ==, 5);
	/* a NULL URI means this daemon's own */
	g_autoptr(HvtRpc) rpc = hvt_rpc_connect(hvt_server_rw_path(ts));
	g_assert_true(hvt_rpc_open(rpc, NULL, 0, FALSE));
	g_autofree char *uri = get_string(rpc, 110);
	g_assert_cmpstr(uri, ==, URI);
	g_autofree char *again = NULL;
	char *name = (char *)URI;
	hvlv_connect_open_args args = { .name = &name };
	g_assert_cmpint(hvt_rpc_call_error(rpc, 1, (xdrproc_t)xdr_hvlv_connect_open_args, &args,
	                                   &again), ==, 1);
	g_assert_cmpstr(again, ==, "internal error: connection already open");
}

static void
test_unsupported(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL, *m4 = NULL;
	/* in the table, not implemented: the API's name, as libvirt words it */
	g_assert_cmpint(hvt_rpc_call_error(rpc, 281, NULL, NULL, &m1), ==, 3);
	g_assert_cmpstr(m1, ==, "this function is not supported by the connection driver: "
	                        "virConnectListAllStoragePools");
	/* a libvirt procedure without a row */
	g_assert_cmpint(hvt_rpc_call_error(rpc, 250, NULL, NULL, &m2), ==, 3);
	g_assert_nonnull(strstr(m2, "this function is not supported by the connection driver"));
	/* beyond libvirt's table: what libvirtd says */
	g_assert_cmpint(hvt_rpc_call_error(rpc, 4444, NULL, NULL, &m3), ==, 39);
	g_assert_cmpstr(m3, ==, "unknown procedure: 4444");
	g_assert_cmpint(hvt_rpc_call_error(rpc, 0, NULL, NULL, &m4), ==, 39);
	/* the connection is still good */
	g_autofree char *type = get_string(rpc, 3);
	g_assert_cmpstr(type, ==, "QEMU");
}

static void
test_readonly(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) ro = hvt_rpc_connect(hvt_server_ro_path(ts));
	g_assert_true(hvt_rpc_open(ro, URI, 1, FALSE));
	g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL;
	hvlv_domain_lookup_by_name_args xml = { .name = (char *)"<domain/>" };
	g_assert_cmpint(hvt_rpc_call_error(ro, 11, (xdrproc_t)xdr_hvlv_domain_lookup_by_name_args,
	                                   &xml, &m1), ==, 29);
	g_assert_cmpstr(m1, ==, "operation forbidden: read only access prevents virDomainDefineXML");
	/* reading still works, and an unimplemented read is NO_SUPPORT */
	g_autofree char *type = get_string(ro, 3);
	g_assert_cmpstr(type, ==, "QEMU");
	g_assert_cmpint(hvt_rpc_call_error(ro, 281, NULL, NULL, &m2), ==, 3);
	/* VIR_CONNECT_RO on the read-write socket makes the connection read-only */
	g_autoptr(HvtRpc) rw = hvt_rpc_connect(hvt_server_rw_path(ts));
	g_assert_true(hvt_rpc_open(rw, URI, 1, FALSE));
	g_assert_cmpint(hvt_rpc_call_error(rw, 12, NULL, NULL, &m3), ==, 29);
}

/* A 28-byte message with header fields of our choosing. */
static void
send_header(HvtRpc *rpc, guint32 prog, guint32 vers, gint proc, gint type)
{
	g_assert_true(hvt_rpc_send(rpc, prog, vers, proc, type, 7, HVLV_STATUS_OK, NULL, NULL));
}

static void
assert_dropped(HvtServer *ts, HvtRpc *rpc, const char *reason)
{
	g_assert_true(hvt_rpc_wait_closed(rpc, 5000));
	g_autofree char *reasons = hvt_server_closed_reasons(ts);
	if (!strstr(reasons, reason))
		g_error("'%s' not among the logged reasons:\n%s", reason, reasons);
}

static void
test_framing_violations(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) good = hvt_test_connect_open(ts);
	static const guint8 huge[] = { 0xff, 0xff, 0xff, 0xff };
	static const guint8 tiny[] = { 0, 0, 0, 3 };
	struct { const guint8 *bytes; gsize len; const char *reason; } raw[] = {
		{ huge, 4, "packet 4294967295 bytes received from client" },
		{ tiny, 4, "packet 3 bytes received from client" },
	};
	for (guint i = 0; i < G_N_ELEMENTS(raw); i++) {
		g_autoptr(HvtRpc) bad = hvt_rpc_connect(hvt_server_rw_path(ts));
		g_assert_true(hvt_rpc_send_raw(bad, raw[i].bytes, raw[i].len));
		assert_dropped(ts, bad, raw[i].reason);
	}
	struct { guint32 prog, vers; gint type; const char *reason; } hdrs[] = {
		{ 0x12345678, 1, HVLV_CALL, "Cannot find program 0x12345678 version 1" },
		{ HVLV_REMOTE_PROGRAM, 2, HVLV_CALL, "Cannot find program 0x20008086 version 2" },
		{ HVLV_REMOTE_PROGRAM, 1, HVLV_REPLY, "Unexpected message type 1" },
		{ HVLV_REMOTE_PROGRAM, 1, 99, "Unexpected message type 99" },
		{ HVLV_KEEPALIVE_PROGRAM, 1, HVLV_CALL, "Unexpected message type 0 for program 0x6b656570" },
	};
	for (guint i = 0; i < G_N_ELEMENTS(hdrs); i++) {
		g_autoptr(HvtRpc) bad = hvt_rpc_connect(hvt_server_rw_path(ts));
		send_header(bad, hdrs[i].prog, hdrs[i].vers, 3, hdrs[i].type);
		assert_dropped(ts, bad, hdrs[i].reason);
	}
	/* a truncated header, then the client goes away: nothing to answer */
	g_autoptr(HvtRpc) cut = hvt_rpc_connect(hvt_server_rw_path(ts));
	static const guint8 partial[] = { 0, 0, 0, 28, 0x20, 0, 0x80 };
	g_assert_true(hvt_rpc_send_raw(cut, partial, sizeof(partial)));
	g_clear_pointer(&cut, hvt_rpc_free);
	/* the well-behaved client never noticed */
	g_autofree char *type = get_string(good, 3);
	g_assert_cmpstr(type, ==, "QEMU");
}

static void
test_garbage_payload(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) rpc = hvt_rpc_connect(hvt_server_rw_path(ts));
	/* CONNECT_OPEN whose optional string claims 2 GiB of data */
	guint8 msg[28 + 12] = { 0, 0, 0, 40, 0x20, 0x00, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 1,
	                        0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0,
	                        0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 'h', 'v', ':', '/' };
	g_assert_true(hvt_rpc_send_raw(rpc, msg, sizeof(msg)));
	g_autoptr(HvtMsg) reply = hvt_rpc_reply(rpc, 9, 5000);
	g_assert_nonnull(reply);
	g_assert_cmpint(reply->hdr.status, ==, HVLV_STATUS_ERROR);
	hvlv_error err = { 0 };
	g_assert_true(hvt_msg_decode(reply, (xdrproc_t)xdr_hvlv_error, &err));
	g_assert_cmpint(err.code, ==, 39);
	g_assert_cmpstr(*err.message, ==, "Unable to decode message payload");
	xdr_free((xdrproc_t)xdr_hvlv_error, &err);
	/* a CALL with status ERROR is answered with an error, not obeyed */
	g_assert_true(hvt_rpc_send(rpc, HVLV_REMOTE_PROGRAM, 1, 66, HVLV_CALL, 10,
	                           HVLV_STATUS_ERROR, NULL, NULL));
	g_autoptr(HvtMsg) r2 = hvt_rpc_reply(rpc, 10, 5000);
	g_assert_cmpint(r2->hdr.status, ==, HVLV_STATUS_ERROR);
	/* the same client goes on normally */
	rpc->serial = 11;
	g_assert_true(hvt_rpc_open(rpc, URI, 0, FALSE));
}

static void
test_many_clients(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	enum { N = 200 };
	HvtRpc *clients[N];
	for (guint i = 0; i < N; i++) {
		clients[i] = hvt_rpc_connect(hvt_server_rw_path(ts));
		g_assert_nonnull(clients[i]);
	}
	/* every client's call is in before any reply is read */
	guint32 serials[N];
	for (guint i = 0; i < N; i++)
		serials[i] = hvt_rpc_call(clients[i], 66, NULL, NULL);
	for (guint i = 0; i < N; i++) {
		g_autoptr(HvtMsg) m = hvt_rpc_reply(clients[i], serials[i], 10000);
		g_assert_nonnull(m);
		g_assert_cmpint(m->hdr.status, ==, HVLV_STATUS_OK);
	}
	for (guint i = 0; i < N; i++)
		g_assert_true(hvt_rpc_open(clients[i], URI, 0, FALSE));
	g_assert_cmpuint(hvlv_server_n_clients(hvt_server_get(ts)), ==, N);
	for (guint i = 0; i < N; i++)
		hvt_rpc_free(clients[i]);
}

static void
test_pipelining(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	g_autoptr(HvtRpc) rpc = hvt_test_connect_open(ts);
	enum { N = 20 };
	GHashTable *expect = g_hash_table_new(NULL, NULL);
	/* later calls are quicker, so replies come back out of order */
	for (gint i = 0; i < N; i++) {
		hvlv_supports_feature_args ms = { (N - i) * 15 };
		guint32 serial = hvt_rpc_call(rpc, HVT_PROC_SLEEP, (xdrproc_t)xdr_hvlv_supports_feature_args, &ms);
		g_hash_table_insert(expect, GUINT_TO_POINTER(serial), GINT_TO_POINTER(ms.feature));
	}
	guint out_of_order = 0, got = 0;
	guint32 last = 0;
	while (got < N) {
		g_autoptr(HvtMsg) m = hvt_rpc_recv(rpc, 10000);
		g_assert_nonnull(m);
		g_assert_cmpint(m->hdr.type, ==, HVLV_REPLY);
		hvlv_supports_feature_ret ret;
		g_assert_true(hvt_msg_decode(m, (xdrproc_t)xdr_hvlv_supports_feature_ret, &ret));
		g_assert_true(g_hash_table_contains(expect, GUINT_TO_POINTER(m->hdr.serial)));
		g_assert_cmpint(ret.supported, ==,
		                GPOINTER_TO_INT(g_hash_table_lookup(expect, GUINT_TO_POINTER(m->hdr.serial))));
		g_hash_table_remove(expect, GUINT_TO_POINTER(m->hdr.serial));
		out_of_order += got > 0 && m->hdr.serial < last;
		last = m->hdr.serial;
		got++;
	}
	g_assert_cmpuint(out_of_order, >, 0);
	g_hash_table_unref(expect);
}

static void
test_slow_calls_stall_nobody(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(5, 5);
	/* two clients fill all 20 ordinary workers with 4-second calls */
	g_autoptr(HvtRpc) a = hvt_test_connect_open(ts);
	g_autoptr(HvtRpc) b = hvt_test_connect_open(ts);
	hvlv_supports_feature_args ms = { 4000 };
	for (guint i = 0; i < 10; i++) {
		hvt_rpc_call(a, HVT_PROC_SLEEP, (xdrproc_t)xdr_hvlv_supports_feature_args, &ms);
		hvt_rpc_call(b, HVT_PROC_SLEEP, (xdrproc_t)xdr_hvlv_supports_feature_args, &ms);
	}
	g_usleep(200000);
	/* a third client's inline and priority calls are answered at once */
	g_autoptr(HvtRpc) c = hvt_test_connect_open(ts);
	gint64 start_time = g_get_monotonic_time();
	g_autofree char *type = get_string(c, 3);
	hvlv_node_get_info_ret info;
	g_assert_true(hvt_rpc_call_ok(c, 6, NULL, NULL, (xdrproc_t)xdr_hvlv_node_get_info_ret, &info));
	g_assert_cmpint(g_get_monotonic_time() - start_time, <, 2 * G_USEC_PER_SEC);
	g_assert_cmpstr(type, ==, "QEMU");
	g_assert_cmpint(info.cpus, >, 0);
	/* the busy clients get all their replies */
	for (guint i = 0; i < 20; i++) {
		g_autoptr(HvtMsg) m = hvt_rpc_recv(i % 2 ? a : b, 10000);
		g_assert_nonnull(m);
		g_assert_cmpint(m->hdr.status, ==, HVLV_STATUS_OK);
	}
}

static void
test_keepalive_during_long_call(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(1, 3);
	g_autoptr(HvtRpc) rpc = hvt_rpc_connect(hvt_server_rw_path(ts));
	g_assert_true(hvt_rpc_open(rpc, URI, 0, TRUE));
	hvlv_supports_feature_args ms = { 3500 };
	guint32 serial = hvt_rpc_call(rpc, HVT_PROC_SLEEP, (xdrproc_t)xdr_hvlv_supports_feature_args, &ms);
	g_assert_true(hvt_rpc_send(rpc, HVLV_KEEPALIVE_PROGRAM, 1, HVLV_KEEPALIVE_PING, HVLV_MESSAGE,
	                           0, HVLV_STATUS_OK, NULL, NULL));
	gboolean pong = FALSE, server_ping = FALSE;
	for (;;) {
		g_autoptr(HvtMsg) m = hvt_rpc_recv(rpc, 10000);
		g_assert_nonnull(m);
		if (m->hdr.prog == HVLV_KEEPALIVE_PROGRAM && m->hdr.proc == HVLV_KEEPALIVE_PONG) {
			pong = TRUE;
		} else if (m->hdr.prog == HVLV_KEEPALIVE_PROGRAM) {
			g_assert_cmpint(m->hdr.type, ==, HVLV_MESSAGE);
			g_assert_cmpuint(m->hdr.serial, ==, 0);
			server_ping = TRUE;
			hvt_rpc_send(rpc, HVLV_KEEPALIVE_PROGRAM, 1, HVLV_KEEPALIVE_PONG, HVLV_MESSAGE, 0,
			             HVLV_STATUS_OK, NULL, NULL);
		} else {
			g_assert_cmpuint(m->hdr.serial, ==, serial);
			g_assert_true(pong); /* answered while the call still ran */
			break;
		}
	}
	g_assert_true(server_ping);
}

static void
test_keepalive_drops_silent_client(void)
{
	g_autoptr(HvtServer) ts = hvt_test_server_start(1, 2);
	g_autoptr(HvtRpc) silent = hvt_rpc_connect(hvt_server_rw_path(ts));
	g_assert_true(hvt_rpc_open(silent, URI, 0, TRUE));
	/* a client that never asked for keepalive is never pinged nor dropped */
	g_autoptr(HvtRpc) plain = hvt_test_connect_open(ts);
	gint64 start_time = g_get_monotonic_time();
	assert_dropped(ts, silent, "No response from client after 2 keepalive messages");
	gint64 elapsed_ms = (g_get_monotonic_time() - start_time) / 1000;
	g_assert_cmpint(elapsed_ms, >=, 2500); /* (count + 1) * interval */
	g_autofree char *type = get_string(plain, 3);
	g_assert_cmpstr(type, ==, "QEMU");
	g_assert_null(hvt_rpc_recv(plain, 100)); /* and got no PING */
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/rpc/handshake", test_handshake);
	g_test_add_func("/rpc/open-uri", test_open_uri);
	g_test_add_func("/rpc/unsupported", test_unsupported);
	g_test_add_func("/rpc/readonly", test_readonly);
	g_test_add_func("/rpc/framing-violations", test_framing_violations);
	g_test_add_func("/rpc/garbage-payload", test_garbage_payload);
	g_test_add_func("/rpc/many-clients", test_many_clients);
	g_test_add_func("/rpc/pipelining", test_pipelining);
	g_test_add_func("/rpc/slow-calls-stall-nobody", test_slow_calls_stall_nobody);
	g_test_add_func("/rpc/keepalive-during-long-call", test_keepalive_during_long_call);
	g_test_add_func("/rpc/keepalive-drops-silent-client", test_keepalive_drops_silent_client);
	return g_test_run();
}
