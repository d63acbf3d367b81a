/* The domain procedures over the wire against the real remote program and
 * registry, in-process, so a test can play the engine: running, paused and
 * transient domains (which nothing else can make yet) for the list-all
 * filters, IDs, undefine of a running domain; plus the state store across
 * a restart and broken files put aside. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hvlv-domains.h"
#include "hvt-rpc.h"
#include "hvt-server.h"

#define URI "hv:///system"

typedef struct {
	char *dir;
	HvlvDomains *domains;
	HvtServer *ts;
	HvtRpc *rpc;
} Fixture;

static void
fixture_set_up(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	f->dir = g_dir_make_tmp("hvt-domains-XXXXXX", NULL);
	g_autofree char *state = g_build_filename(f->dir, "state", NULL);
	g_autofree char *run = g_build_filename(f->dir, "run", NULL);
	f->domains = hvlv_domains_open(state, run, NULL, NULL);
	g_assert_nonnull(f->domains);
	HvlvServerConfig config = HVLV_SERVER_CONFIG_DEFAULT;
	f->ts = hvt_server_start(&config, hvlv_remote_program());
	hvlv_server_set_domains(hvt_server_get(f->ts), f->domains);
	f->rpc = hvt_rpc_connect(hvt_server_rw_path(f->ts));
	g_assert_true(hvt_rpc_open(f->rpc, URI, 0, FALSE));
}

static void
fixture_tear_down(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	hvt_rpc_free(f->rpc);
	hvt_server_stop(f->ts);
	hvlv_domains_free(f->domains);
	g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);
	g_assert_cmpint(system(cmd), ==, 0);
	g_free(f->dir);
}

static void
define(Fixture *f, const char *name, const char *extra)
{
	g_autofree char *xml = g_strdup_printf(
		"<domain type='qemu'><name>%s</name><memory>131072</memory>"
		"<os><type arch='x86_64'>hvm</type></os>%s</domain>", name, extra);
	hvlv_domain_define_xml_args args = { xml };
	hvlv_domain_ret ret = { 0 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, 11, (xdrproc_t)xdr_hvlv_domain_define_xml_args, &args,
	                              (xdrproc_t)xdr_hvlv_domain_ret, &ret));
	g_assert_cmpstr(ret.dom.name, ==, name);
	g_assert_cmpint(ret.dom.id, ==, -1);
	xdr_free((xdrproc_t)xdr_hvlv_domain_ret, &ret);
}

/* Plays the engine: NAME is now in STATE. */
static void
engine_sets(Fixture *f, const char *name, HvlvDomainState state)
{
	g_autoptr(HvlvDomainObj) obj = hvlv_domains_lookup_by_name(f->domains, name, NULL);
	g_assert_nonnull(obj);
	hvlv_domains_set_state(f->domains, obj, state, 1, NULL, -1, 0);
}

/* The names CONNECT_LIST_ALL_DOMAINS gives for FLAGS, joined by spaces. */
static char *
list_all(Fixture *f, guint flags)
{
	hvlv_list_all_domains_args args = { 1, flags };
	hvlv_list_all_domains_ret ret = { 0 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, 273, (xdrproc_t)xdr_hvlv_list_all_domains_args, &args,
	                              (xdrproc_t)xdr_hvlv_list_all_domains_ret, &ret));
	g_assert_cmpuint(ret.ret, ==, ret.domains.domains_len);
	GString *names = g_string_new(NULL);
	for (guint i = 0; i < ret.domains.domains_len; i++)
		g_string_append_printf(names, "%s%s", i ? " " : "", ret.domains.domains_val[i].name);
	xdr_free((xdrproc_t)xdr_hvlv_list_all_domains_ret, &ret);
	return g_string_free(names, FALSE);
}

#define assert_list(f, flags, expected) \
	do { \
		g_autofree char *got_ = list_all(f, flags); \
		g_assert_cmpstr(got_, ==, expected); \
	} while (0)

static gint
num(Fixture *f, gint proc)
{
	hvlv_num_ret ret = { -1 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, proc, NULL, NULL, (xdrproc_t)xdr_hvlv_num_ret, &ret));
	return ret.num;
}

static void
set_up_four(Fixture *f)
{
	define(f, "run", "");
	define(f, "pause", "");
	define(f, "off", "");
	define(f, "auto", "");
	engine_sets(f, "run", HVLV_DOMAIN_RUNNING);
	engine_sets(f, "pause", HVLV_DOMAIN_PAUSED);
	g_autoptr(HvlvDomainObj) obj = hvlv_domains_lookup_by_name(f->domains, "auto", NULL);
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	hvlv_domain_set_autostart_args args = { { "auto", { 0 }, -1 }, 1 };
	memcpy(args.dom.uuid, info->uuid, 16);
	g_assert_true(hvt_rpc_call_ok(f->rpc, 29, (xdrproc_t)xdr_hvlv_domain_set_autostart_args, &args,
	                              NULL, NULL));
}

static void
test_list_all_flags(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	set_up_four(f);
	assert_list(f, 0, "auto off pause run");
	assert_list(f, 1 /* ACTIVE */, "pause run");
	assert_list(f, 2 /* INACTIVE */, "auto off");
	assert_list(f, 3, "auto off pause run");
	assert_list(f, 4 /* PERSISTENT */, "auto off pause run");
	assert_list(f, 8 /* TRANSIENT */, "");
	assert_list(f, 16 /* RUNNING */, "run");
	assert_list(f, 32 /* PAUSED */, "pause");
	assert_list(f, 64 /* SHUTOFF */, "auto off");
	assert_list(f, 128 /* OTHER */, "");
	assert_list(f, 16 | 32, "pause run");
	assert_list(f, 256 /* MANAGEDSAVE */, "");
	assert_list(f, 512 /* NO_MANAGEDSAVE */, "auto off pause run");
	assert_list(f, 1024 /* AUTOSTART */, "auto");
	assert_list(f, 2048 /* NO_AUTOSTART */, "off pause run");
	assert_list(f, 2 | 1024, "auto");
	assert_list(f, 4096 /* HAS_SNAPSHOT */, "");
	assert_list(f, 8192 | 32768 /* NO_SNAPSHOT, NO_CHECKPOINT */, "auto off pause run");
	hvlv_list_all_domains_args args = { 0, 0 };
	hvlv_list_all_domains_ret ret = { 0 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, 273, (xdrproc_t)xdr_hvlv_list_all_domains_args, &args,
	                              (xdrproc_t)xdr_hvlv_list_all_domains_ret, &ret));
	g_assert_cmpuint(ret.ret, ==, 4); /* need_results 0: the count only */
	g_assert_cmpuint(ret.domains.domains_len, ==, 0);
	args.flags = 1u << 16;
	g_autofree char *msg = NULL;
	g_assert_cmpint(hvt_rpc_call_error(f->rpc, 273, (xdrproc_t)xdr_hvlv_list_all_domains_args,
	                                   &args, &msg), ==, 8 /* INVALID_ARG */);
	g_assert_cmpstr(msg, ==,
	                "invalid argument: unsupported flags (0x10000) in function virConnectListAllDomains");
}

static void
test_old_lists_and_ids(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	set_up_four(f);
	g_assert_cmpint(num(f, 51), ==, 2);  /* NUM_OF_DOMAINS: active */
	g_assert_cmpint(num(f, 25), ==, 2);  /* NUM_OF_DEFINED_DOMAINS: inactive */
	hvlv_list_domains_args largs = { 10 };
	hvlv_list_domains_ret lret = { 0 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, 37, (xdrproc_t)xdr_hvlv_list_domains_args, &largs,
	                              (xdrproc_t)xdr_hvlv_list_domains_ret, &lret));
	g_assert_cmpuint(lret.ids.ids_len, ==, 2);
	/* IDs are given in the order domains start, from 1 */
	hvlv_domain_lookup_by_id_args id_args = { 1 };
	hvlv_domain_ret dret = { 0 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, 22, (xdrproc_t)xdr_hvlv_domain_lookup_by_id_args,
	                              &id_args, (xdrproc_t)xdr_hvlv_domain_ret, &dret));
	g_assert_cmpstr(dret.dom.name, ==, "run");
	g_assert_cmpint(dret.dom.id, ==, 1);
	xdr_free((xdrproc_t)xdr_hvlv_domain_ret, &dret);
	xdr_free((xdrproc_t)xdr_hvlv_list_domains_ret, &lret);
	id_args.id = 7;
	g_autofree char *msg = NULL;
	g_assert_cmpint(hvt_rpc_call_error(f->rpc, 22, (xdrproc_t)xdr_hvlv_domain_lookup_by_id_args,
	                                   &id_args, &msg), ==, 42 /* NO_DOMAIN */);
	g_assert_cmpstr(msg, ==, "Domain not found: no domain with matching id 7");
	hvlv_list_defined_domains_args dargs = { 1 };
	hvlv_list_defined_domains_ret names = { 0 };
	g_assert_true(hvt_rpc_call_ok(f->rpc, 21, (xdrproc_t)xdr_hvlv_list_defined_domains_args,
	                              &dargs, (xdrproc_t)xdr_hvlv_list_defined_domains_ret, &names));
	g_assert_cmpuint(names.names.names_len, ==, 1); /* maxnames 1 */
	g_assert_cmpstr(names.names.names_val[0], ==, "auto");
	xdr_free((xdrproc_t)xdr_hvlv_list_defined_domains_ret, &names);
}

static gboolean
undefine(Fixture *f, const char *name, gint *code_r)
{
	g_autoptr(HvlvDomainObj) obj = hvlv_domains_lookup_by_name(f->domains, name, NULL);
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	hvlv_domain_flags_args args = { { (char *)name, { 0 }, info->id }, 0 };
	memcpy(args.dom.uuid, info->uuid, 16);
	*code_r = hvt_rpc_call_error(f->rpc, 231, (xdrproc_t)xdr_hvlv_domain_flags_args, &args, NULL);
	return *code_r == -1;
}

static void
test_undefine_running(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	set_up_four(f);
	gint code;
	/* a running domain loses its definition but runs on, transient */
	g_assert_true(undefine(f, "run", &code));
	assert_list(f, 8 /* TRANSIENT */, "run");
	assert_list(f, 4 /* PERSISTENT */, "auto off pause");
	g_assert_false(undefine(f, "run", &code));
	g_assert_cmpint(code, ==, 55 /* OPERATION_INVALID: cannot undefine transient domain */);
	/* when it stops, it is gone */
	engine_sets(f, "run", HVLV_DOMAIN_SHUTOFF);
	assert_list(f, 0, "auto off pause");
	g_assert_cmpint(num(f, 51), ==, 1);
	/* an inactive one goes at once */
	g_assert_true(undefine(f, "off", &code));
	assert_list(f, 0, "auto pause");
}

static void
test_state_survives_restart(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	set_up_four(f);
	gint code;
	g_assert_true(undefine(f, "off", &code));
	g_autofree char *state = g_build_filename(f->dir, "state", NULL);
	g_autofree char *run = g_build_filename(f->dir, "run", NULL);
	g_autofree char *broken = g_build_filename(state, "0badf11e-0000-4000-8000-000000000000.json",
	                                           NULL);
	g_assert_true(g_file_set_contents(broken, "{ not json", -1, NULL));
	/* a second registry on the same state directory is refused (the store's lock) */
	g_autoptr(GError) error = NULL;
	g_assert_null(hvlv_domains_open(state, run, NULL, &error));
	g_assert_nonnull(error);
	hvlv_server_set_domains(hvt_server_get(f->ts), NULL);
	g_clear_pointer(&f->domains, hvlv_domains_free);
	g_autoptr(GPtrArray) problems = NULL;
	f->domains = hvlv_domains_open(state, run, &problems, NULL);
	g_assert_nonnull(f->domains);
	g_assert_cmpuint(problems->len, ==, 1);
	g_assert_nonnull(strstr(g_ptr_array_index(problems, 0), "0badf11e"));
	hvlv_server_set_domains(hvt_server_get(f->ts), f->domains);
	/* every definition is back, autostart kept, nothing running */
	assert_list(f, 0, "auto pause run");
	assert_list(f, 1024, "auto");
	assert_list(f, 1, "");
}

/* Bodies that do not decode as the procedure's arguments: an error reply
 * each, the registry untouched, the client still served. */
static void
test_garbage_payloads(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	define(f, "keep", "");
	static const gint procs[] = { 11, 350, 14, 29, 231, 264, 265, 273 };
	hvlv_num_ret huge_length = { 0x7fffffff }; /* a string "of 2 GiB", or a body cut short */
	for (guint i = 0; i < G_N_ELEMENTS(procs); i++) {
		guint32 serial = 100 + i;
		g_assert_true(hvt_rpc_send(f->rpc, HVLV_REMOTE_PROGRAM, 1, procs[i], HVLV_CALL, serial,
		                           HVLV_STATUS_OK, (xdrproc_t)xdr_hvlv_num_ret, &huge_length));
		g_autoptr(HvtMsg) reply = hvt_rpc_reply(f->rpc, serial, 5000);
		g_assert_nonnull(reply);
		g_assert_cmpint(reply->hdr.status, ==, HVLV_STATUS_ERROR);
		hvlv_error err = { 0 };
		g_assert_true(hvt_msg_decode(reply, (xdrproc_t)xdr_hvlv_error, &err));
		g_assert_cmpint(err.code, ==, 39 /* VIR_ERR_RPC */);
		g_assert_cmpstr(*err.message, ==, "Unable to decode message payload");
		xdr_free((xdrproc_t)xdr_hvlv_error, &err);
	}
	f->rpc->serial = 200;
	assert_list(f, 0, "keep");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, func) \
	g_test_add(path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
	ADD("/domains/list-all-flags", test_list_all_flags);
	ADD("/domains/old-lists-and-ids", test_old_lists_and_ids);
	ADD("/domains/undefine-running", test_undefine_running);
	ADD("/domains/state-survives-restart", test_state_survives_restart);
	ADD("/domains/garbage-payloads", test_garbage_payloads);
	return g_test_run();
}
