/* hv-vmm's QMP server speaks QEMU's wire protocol: the greeting, the
 * negotiation, replies with the request's id, QEMU's error classes and
 * wording for bad input, events with timestamps only after negotiation, and
 * all of it over a real UNIX socket too. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vmm-control.h"
#include "vmm-qmp.h"

static int echo_calls;

static json_object *
cmd_echo(G_GNUC_UNUSED void *opaque, json_object *args, G_GNUC_UNUSED GError **error)
{
	echo_calls++;
	return json_object_get(args);
}

static json_object *
cmd_fail(G_GNUC_UNUSED void *opaque, G_GNUC_UNUSED json_object *args, GError **error)
{
	g_set_error(error, VMM_QMP_ERROR, VMM_QMP_ERROR_GENERIC, "Resetting the Virtual Machine is required");
	return NULL;
}

static json_object *
cmd_noargs(G_GNUC_UNUSED void *opaque, G_GNUC_UNUSED json_object *args,
           G_GNUC_UNUSED GError **error)
{
	return json_object_new_object();
}

static const VmmQmpCommand commands[] = {
	{ "echo", cmd_echo, TRUE },
	{ "fail", cmd_fail, FALSE },
	{ "stop", cmd_noargs, FALSE },
};

static VmmQmpServer *
new_server(void)
{
	return vmm_qmp_server_new(commands, G_N_ELEMENTS(commands), NULL, vmm_control_qmp_version());
}

/* Feeds INPUT and returns the one message it answered, parsed. */
static json_object *
roundtrip(VmmQmpSession *s, const char *input)
{
	vmm_qmp_session_input(s, input, strlen(input));
	g_autofree char *out = vmm_qmp_session_take_output(s);
	g_assert_true(g_str_has_suffix(out, "\r\n"));
	g_assert_true(strstr(out, "\r\n") == out + strlen(out) - 2); /* exactly one message */
	return json_tokener_parse(out);
}

static const char *
error_class(json_object *reply)
{
	json_object *err, *cls;
	if (!json_object_object_get_ex(reply, "error", &err) || !json_object_object_get_ex(err, "class", &cls))
		return NULL;
	return json_object_get_string(cls);
}

static const char *
error_desc(json_object *reply)
{
	json_object *err, *desc;
	if (!json_object_object_get_ex(reply, "error", &err) || !json_object_object_get_ex(err, "desc", &desc))
		return NULL;
	return json_object_get_string(desc);
}

static void
test_greeting(void)
{
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(VmmQmpSession) s = vmm_qmp_session_new(server);
	g_autofree char *out = vmm_qmp_session_take_output(s);
	g_autoptr(json_object) g = json_tokener_parse(out);
	json_object *qmp, *version, *qemu, *caps, *major;
	g_assert_true(json_object_object_get_ex(g, "QMP", &qmp));
	g_assert_true(json_object_object_get_ex(qmp, "version", &version));
	g_assert_true(json_object_object_get_ex(version, "qemu", &qemu));
	g_assert_true(json_object_object_get_ex(qemu, "major", &major));
	g_assert_true(json_object_is_type(major, json_type_int));
	g_assert_true(json_object_object_get_ex(qmp, "capabilities", &caps));
	g_assert_cmpuint(json_object_array_length(caps), ==, 0);
	g_assert_true(g_str_has_suffix(out, "}\r\n"));
}

static void
test_negotiation(void)
{
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(VmmQmpSession) s = vmm_qmp_session_new(server);
	g_free(vmm_qmp_session_take_output(s));

	g_autoptr(json_object) early = roundtrip(s, "{\"execute\": \"stop\"}");
	g_assert_cmpstr(error_class(early), ==, "CommandNotFound");
	g_assert_cmpstr(error_desc(early), ==, "Expecting capabilities negotiation with 'qmp_capabilities'");

	g_autoptr(json_object) ok = roundtrip(s, "{\"execute\": \"qmp_capabilities\", \"id\": 7}");
	json_object *ret, *id;
	g_assert_true(json_object_object_get_ex(ok, "return", &ret));
	g_assert_cmpuint(json_object_object_length(ret), ==, 0);
	g_assert_true(json_object_object_get_ex(ok, "id", &id));
	g_assert_cmpint(json_object_get_int(id), ==, 7);

	g_autoptr(json_object) again = roundtrip(s, "{\"execute\": \"qmp_capabilities\"}");
	g_assert_cmpstr(error_class(again), ==, "CommandNotFound");
	g_assert_cmpstr(error_desc(again), ==, "Capabilities negotiation is already complete, command ignored");
}

static VmmQmpSession *
negotiated(VmmQmpServer *server)
{
	VmmQmpSession *s = vmm_qmp_session_new(server);
	const char *cap = "{\"execute\":\"qmp_capabilities\"}";
	vmm_qmp_session_input(s, cap, strlen(cap));
	g_free(vmm_qmp_session_take_output(s));
	return s;
}

static void
test_commands(void)
{
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(VmmQmpSession) s = negotiated(server);

	g_autoptr(json_object) echo = roundtrip(s, "{\"execute\":\"echo\",\"arguments\":{\"a\":1},\"id\":\"x\"}");
	json_object *ret, *a, *id;
	g_assert_true(json_object_object_get_ex(echo, "return", &ret));
	g_assert_true(json_object_object_get_ex(ret, "a", &a));
	g_assert_cmpint(json_object_get_int(a), ==, 1);
	g_assert_true(json_object_object_get_ex(echo, "id", &id));
	g_assert_cmpstr(json_object_get_string(id), ==, "x");

	g_autoptr(json_object) unknown = roundtrip(s, "{\"execute\":\"nonesuch\",\"id\":[1]}");
	g_assert_cmpstr(error_class(unknown), ==, "CommandNotFound");
	g_assert_cmpstr(error_desc(unknown), ==, "The command nonesuch has not been found");
	g_assert_true(json_object_object_get_ex(unknown, "id", &id));
	g_assert_true(json_object_is_type(id, json_type_array));

	g_autoptr(json_object) failed = roundtrip(s, "{\"execute\":\"fail\"}");
	g_assert_cmpstr(error_class(failed), ==, "GenericError");
	g_assert_cmpstr(error_desc(failed), ==, "Resetting the Virtual Machine is required");

	g_autoptr(json_object) extra = roundtrip(s, "{\"execute\":\"stop\",\"arguments\":{\"force\":true}}");
	g_assert_cmpstr(error_desc(extra), ==, "Parameter 'force' is unexpected");
}

static void
test_bad_input(void)
{
	static const struct {
		const char *input;
		const char *desc;
	} cases[] = {
		{ "[1, 2]", "QMP input must be a JSON object" },
		{ "{\"arguments\": {}}", "QMP input lacks member 'execute'" },
		{ "{\"execute\": 5}", "QMP input member 'execute' must be a string" },
		{ "{\"execute\": \"stop\", \"arguments\": 3}", "QMP input member 'arguments' must be an object" },
		{ "{\"execute\": \"stop\", \"bogus\": 1}", "QMP input member 'bogus' is unexpected" },
	};
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(VmmQmpSession) s = negotiated(server);
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(json_object) r = roundtrip(s, cases[i].input);
		g_assert_cmpstr(error_class(r), ==, "GenericError");
		g_assert_cmpstr(error_desc(r), ==, cases[i].desc);
	}
	g_autoptr(json_object) broken = roundtrip(s, "{\"execute\": }");
	g_assert_cmpstr(error_class(broken), ==, "GenericError");
	g_assert_true(g_str_has_prefix(error_desc(broken), "JSON parse error"));
	/* The session recovers: the next command works. */
	g_autoptr(json_object) after = roundtrip(s, "{\"execute\":\"stop\"}");
	g_assert_true(json_object_object_get_ex(after, "return", NULL));
}

static void
test_split_and_batched_input(void)
{
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(VmmQmpSession) s = negotiated(server);
	echo_calls = 0;
	const char *part1 = "{\"execute\":\"ec", *part2 = "ho\"}\r\n{\"execute\":\"echo\"}{\"execute\":\"echo\"}";
	vmm_qmp_session_input(s, part1, strlen(part1));
	g_assert_cmpint(echo_calls, ==, 0);
	vmm_qmp_session_input(s, part2, strlen(part2));
	g_assert_cmpint(echo_calls, ==, 3);
	g_autofree char *out = vmm_qmp_session_take_output(s);
	g_auto(GStrv) lines = g_strsplit(out, "\r\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 4); /* three replies and the empty tail */
}

static void
test_events(void)
{
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(VmmQmpSession) fresh = vmm_qmp_session_new(server);
	g_autoptr(VmmQmpSession) s = negotiated(server);
	g_free(vmm_qmp_session_take_output(fresh));
	json_object *data = json_object_new_object();
	json_object_object_add(data, "guest", json_object_new_boolean(TRUE));
	json_object_object_add(data, "reason", json_object_new_string("guest-shutdown"));
	gint64 before = g_get_real_time() / G_USEC_PER_SEC;
	vmm_qmp_server_emit(server, "SHUTDOWN", data);

	g_autofree char *none = vmm_qmp_session_take_output(fresh);
	g_assert_cmpstr(none, ==, ""); /* events wait for the negotiation */
	g_autofree char *out = vmm_qmp_session_take_output(s);
	g_autoptr(json_object) ev = json_tokener_parse(out);
	json_object *name, *ts, *secs, *usecs, *d, *reason;
	g_assert_true(json_object_object_get_ex(ev, "event", &name));
	g_assert_cmpstr(json_object_get_string(name), ==, "SHUTDOWN");
	g_assert_true(json_object_object_get_ex(ev, "timestamp", &ts));
	g_assert_true(json_object_object_get_ex(ts, "seconds", &secs));
	g_assert_true(json_object_object_get_ex(ts, "microseconds", &usecs));
	g_assert_cmpint(json_object_get_int64(secs), >=, before);
	g_assert_cmpint(json_object_get_int64(usecs), <, 1000000);
	g_assert_true(json_object_object_get_ex(ev, "data", &d));
	g_assert_true(json_object_object_get_ex(d, "reason", &reason));
	g_assert_cmpstr(json_object_get_string(reason), ==, "guest-shutdown");
}

/* Reads from FD until a full CRLF-terminated message is there. */
static json_object *
socket_read(int fd)
{
	GString *buf = g_string_new(NULL);
	gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
	while (!g_str_has_suffix(buf->str, "\r\n") && g_get_monotonic_time() < deadline) {
		g_main_context_iteration(NULL, FALSE);
		char tmp[512];
		ssize_t r = recv(fd, tmp, sizeof tmp, MSG_DONTWAIT);
		if (r > 0)
			g_string_append_len(buf, tmp, r);
		else
			g_usleep(1000);
	}
	json_object *obj = json_tokener_parse(buf->str);
	g_string_free(buf, TRUE);
	return obj;
}

static void
test_socket(void)
{
	g_autofree char *dir = g_dir_make_tmp("vmm-qmp-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "qmp.sock", NULL);
	g_autoptr(VmmQmpServer) server = new_server();
	g_autoptr(GError) error = NULL;
	g_assert_true(vmm_qmp_server_listen(server, path, &error));
	g_assert_no_error(error);

	/* A second server on a live socket is refused. */
	g_autoptr(VmmQmpServer) other = new_server();
	g_autoptr(GError) busy = NULL;
	g_assert_false(vmm_qmp_server_listen(other, path, &busy));
	g_assert_nonnull(busy);

	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	g_strlcpy(addr.sun_path, path, sizeof addr.sun_path);
	g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof addr), ==, 0);
	g_autoptr(json_object) greeting = socket_read(fd);
	g_assert_true(json_object_object_get_ex(greeting, "QMP", NULL));
	const char *cap = "{\"execute\": \"qmp_capabilities\"}\n";
	g_assert_cmpint(write(fd, cap, strlen(cap)), ==, (ssize_t)strlen(cap));
	g_autoptr(json_object) reply = socket_read(fd);
	g_assert_true(json_object_object_get_ex(reply, "return", NULL));
	vmm_qmp_server_emit(server, "STOP", NULL);
	g_autoptr(json_object) ev = socket_read(fd);
	json_object *name;
	g_assert_true(json_object_object_get_ex(ev, "event", &name));
	g_assert_cmpstr(json_object_get_string(name), ==, "STOP");
	close(fd);

	g_clear_pointer(&server, vmm_qmp_server_free);
	g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS)); /* removed on exit */
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vmm/qmp/greeting", test_greeting);
	g_test_add_func("/vmm/qmp/negotiation", test_negotiation);
	g_test_add_func("/vmm/qmp/commands", test_commands);
	g_test_add_func("/vmm/qmp/bad-input", test_bad_input);
	g_test_add_func("/vmm/qmp/split-and-batched-input", test_split_and_batched_input);
	g_test_add_func("/vmm/qmp/events", test_events);
	g_test_add_func("/vmm/qmp/socket", test_socket);
	return g_test_run();
}
