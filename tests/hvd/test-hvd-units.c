/* Unit tests: framing, the keepalive rules, the procedure table, host
 * parsing, hvd's settings. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hvd-settings.h"
#include "hvlv-error.h"
#include "hvlv-host.h"
#include "hvlv-keepalive.h"
#include "hvlv-message.h"
#include "hvlv-program.h"

static void
test_length(void)
{
	static const guint8 ok[] = { 0, 0, 0, 28 }, small[] = { 0, 0, 0, 27 },
	                    max[] = { 0x02, 0, 0, 0x04 }, big[] = { 0x02, 0, 0, 0x05 };
	guint32 len;
	g_autoptr(GError) e1 = NULL, e2 = NULL;
	g_assert_true(hvlv_message_read_length(ok, &len, NULL));
	g_assert_cmpuint(len, ==, 28);
	g_assert_true(hvlv_message_read_length(max, &len, NULL)); /* 32 MiB + the length word */
	g_assert_false(hvlv_message_read_length(small, &len, &e1));
	g_assert_false(hvlv_message_read_length(big, &len, &e2));
	g_assert_cmpint(hvlv_error_number(e2), ==, HVLV_ERR_RPC);
}

static void
test_encode_decode(void)
{
	hvlv_header hdr = { HVLV_REMOTE_PROGRAM, 1, 60, HVLV_CALL, 3, HVLV_STATUS_OK };
	hvlv_supports_feature_args args = { 10 };
	g_autoptr(GBytes) b = hvlv_message_encode(&hdr, NULL, (xdrproc_t)xdr_hvlv_supports_feature_args,
	                                          &args, NULL);
	static const guint8 expect[] = { 0, 0, 0, 0x20, 0x20, 0, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 0x3c,
	                                 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 10 };
	g_assert_cmpmem(g_bytes_get_data(b, NULL), g_bytes_get_size(b), expect, sizeof(expect));
	hvlv_header back;
	const guint8 *msg = (const guint8 *)g_bytes_get_data(b, NULL) + 4;
	g_assert_true(hvlv_message_decode_header(msg, 28, &back, NULL));
	g_assert_cmpint(back.proc, ==, 60);
	hvlv_supports_feature_args out = { 0 };
	g_assert_true(hvlv_message_decode_body(msg, 28, (xdrproc_t)xdr_hvlv_supports_feature_args,
	                                       &out, NULL));
	g_assert_cmpint(out.feature, ==, 10);
	/* NODE_GET_INFO's reply is 160 bytes: char model[32] goes as 32 ints */
	hvlv_node_get_info_ret info = { .model = "x86_64" };
	g_autoptr(GBytes) body = hvlv_xdr_encode((xdrproc_t)xdr_hvlv_node_get_info_ret, &info, NULL);
	g_assert_cmpuint(g_bytes_get_size(body), ==, 160);
}

static void
test_error_body(void)
{
	g_autoptr(GError) error = NULL;
	hvlv_set_error(&error, HVLV_ERR_NO_DOMAIN, HVLV_FROM_QEMU, "no domain with matching name '%s'", "x");
	g_assert_cmpstr(error->message, ==, "Domain not found: no domain with matching name 'x'");
	hvlv_header hdr = { HVLV_REMOTE_PROGRAM, 1, 23, HVLV_REPLY, 5, HVLV_STATUS_OK };
	g_autoptr(GBytes) b = hvlv_message_encode_error(&hdr, error);
	const guint8 *msg = (const guint8 *)g_bytes_get_data(b, NULL) + 4;
	gsize len = g_bytes_get_size(b) - 4;
	hvlv_header back;
	g_assert_true(hvlv_message_decode_header(msg, len, &back, NULL));
	g_assert_cmpint(back.status, ==, HVLV_STATUS_ERROR);
	hvlv_error err = { 0 };
	g_assert_true(hvlv_message_decode_body(msg, len, (xdrproc_t)xdr_hvlv_error, &err, NULL));
	g_assert_cmpint(err.code, ==, 42);
	g_assert_cmpint(err.domain, ==, 10);
	g_assert_cmpint(err.level, ==, 2);
	g_assert_cmpstr(*err.message, ==, error->message);
	xdr_free((xdrproc_t)xdr_hvlv_error, &err);
	/* errors from other domains are internal errors from the driver */
	g_autoptr(GError) other = g_error_new_literal(G_FILE_ERROR, G_FILE_ERROR_NOENT, "gone");
	g_assert_cmpint(hvlv_error_number(other), ==, HVLV_ERR_INTERNAL_ERROR);
}

static void
test_keepalive_rules(void)
{
	HvlvKeepalive ka;
	gint64 s = G_USEC_PER_SEC, next;
	hvlv_keepalive_start(&ka, 5, 2, 0);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 4 * s, &next), ==, HVLV_KEEPALIVE_WAIT);
	g_assert_cmpint(next, ==, 5 * s);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 5 * s, &next), ==, HVLV_KEEPALIVE_SEND_PING);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 10 * s, &next), ==, HVLV_KEEPALIVE_SEND_PING);
	/* any message resets the count */
	hvlv_keepalive_received(&ka, 11 * s);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 16 * s, &next), ==, HVLV_KEEPALIVE_SEND_PING);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 21 * s, &next), ==, HVLV_KEEPALIVE_SEND_PING);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 26 * s, &next), ==, HVLV_KEEPALIVE_DEAD);
	hvlv_keepalive_start(&ka, 0, 5, 0);
	g_assert_cmpint(hvlv_keepalive_check(&ka, 1000 * s, &next), ==, HVLV_KEEPALIVE_WAIT);
}

static void
test_procedure_table(void)
{
	const HvlvProgram *p = hvlv_remote_program();
	for (gsize i = 1; i < p->n_procs; i++)
		g_assert_cmpuint(p->procs[i - 1].number, <, p->procs[i].number);
	for (gsize i = 0; i < p->n_procs; i++) {
		const HvlvProcedure *row = &p->procs[i];
		g_assert_cmpuint(row->number, <=, p->last_known);
		g_assert_true(g_str_has_prefix(row->api, "vir"));
		g_assert_true((row->args_filter == NULL) == (row->args_size == 0));
		g_assert_true((row->ret_filter == NULL) == (row->ret_size == 0));
		g_assert_true(hvlv_program_find(p, row->number) == row);
	}
	g_assert_null(hvlv_program_find(p, 20)); /* a libvirt procedure without a row */
	const HvlvProcedure *define = hvlv_program_find(p, 11);
	g_assert_true(define->flags & HVLV_PROC_WRITE);
	g_assert_nonnull(define->handler);
	const HvlvProcedure *storage = hvlv_program_find(p, 77); /* not implemented yet */
	g_assert_true(storage->flags & HVLV_PROC_WRITE);
	g_assert_null(storage->handler);
	g_assert_true(hvlv_program_find(p, 1)->flags & HVLV_PROC_BEFORE_OPEN);
}

static void
test_host_parsers(void)
{
	guint8 map[2] = { 0 };
	guint max;
	g_assert_true(hvlv_host_parse_cpulist("0-2,5\n", map, 16, &max));
	g_assert_cmpuint(map[0], ==, 0x27);
	g_assert_cmpuint(max, ==, 5);
	g_assert_false(hvlv_host_parse_cpulist("3-1", NULL, 16, &max));
	g_assert_false(hvlv_host_parse_cpulist("99", NULL, 16, &max));
	guint64 v;
	g_assert_true(hvlv_host_parse_qemu_version("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)\n", &v));
	g_assert_cmpuint(v, ==, 7002022);
	g_assert_false(hvlv_host_parse_qemu_version("nothing here", &v));
	g_autofree char *dir = g_dir_make_tmp("hvt-host-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "meminfo", NULL);
	g_assert_true(g_file_set_contents(path, "Node 0 MemTotal:  1000 kB\nNode 0 MemFree: 7 kB\n", -1, NULL));
	g_assert_true(hvlv_host_meminfo(path, "MemFree", &v));
	g_assert_cmpuint(v, ==, 7);
	g_assert_false(hvlv_host_meminfo(path, "Cached", &v));
	g_unlink(path);
	g_rmdir(dir);
	HvlvNodeInfo info;
	g_assert_true(hvlv_host_node_info(NULL, NULL, &info, NULL));
	g_assert_cmpint(info.nodes * info.sockets * info.cores * info.threads, ==, info.cpus);
	g_assert_cmpint(info.cpus, ==, (gint)sysconf(_SC_NPROCESSORS_ONLN));
}

static void
test_settings(void)
{
	g_autofree char *dir = g_dir_make_tmp("hvt-conf-XXXXXX", NULL);
	g_autofree char *conf = g_build_filename(dir, "hvd.conf", NULL);
	g_assert_true(g_file_set_contents(conf,
		"[paths]\nstate_dir = /x/state\nsocket_dir = /x/sock\n"
		"[daemon]\nlog_level = debug\ntimeout = 30\n"
		"[rpc]\nkeepalive_interval = 0\nmax_workers = 3\n", -1, NULL));
	char *argv[] = { (char *)"hvd", (char *)"--config", conf, (char *)"--socket-dir=/y", NULL };
	gboolean done;
	g_autoptr(GError) error = NULL;
	g_autoptr(HvdSettings) s = hvd_settings_from_args(4, argv, &done, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(s->state_dir, ==, "/x/state");
	g_assert_cmpstr(s->socket_dir, ==, "/y"); /* the command line wins */
	g_assert_cmpint(s->log_level, ==, HVD_LOG_DEBUG);
	g_assert_cmpuint(s->timeout, ==, 30);
	g_assert_cmpint(s->server.keepalive_interval, ==, 0);
	g_assert_cmpuint(s->server.max_workers, ==, 3);
	g_autofree char *ro = hvd_settings_ro_socket(s);
	g_assert_cmpstr(ro, ==, "/y/virthvd-sock-ro");
	/* a bad value names the file and the key */
	g_assert_true(g_file_set_contents(conf, "[rpc]\nmax_clients = many\n", -1, NULL));
	g_autoptr(GError) bad = NULL;
	g_assert_null(hvd_settings_from_args(3, argv, &done, &bad));
	g_assert_nonnull(strstr(bad->message, "max_clients"));
	/* session mode: one socket under the runtime directory */
	g_autoptr(HvdSettings) session = hvd_settings_new(TRUE);
	g_assert_null(hvd_settings_ro_socket(session));
	g_assert_true(g_str_has_suffix(session->socket_dir, "/libvirt"));
	g_unlink(conf);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/message/length", test_length);
	g_test_add_func("/message/encode-decode", test_encode_decode);
	g_test_add_func("/message/error-body", test_error_body);
	g_test_add_func("/keepalive/rules", test_keepalive_rules);
	g_test_add_func("/program/table", test_procedure_table);
	g_test_add_func("/host/parsers", test_host_parsers);
	g_test_add_func("/settings/file-and-options", test_settings);
	return g_test_run();
}
