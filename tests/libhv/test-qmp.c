/* libhv's QMP client against a scripted server on a socket pair: the
 * handshake, commands answered out of order and in pieces, events between
 * replies, errors, garbage, an oversized message and disconnects. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>
#include <json-c/json.h>

#include <hv/error.h>

#include "engine/qmp.h"

#define GREETING "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": []}}\r\n"

typedef struct {
	HvQmp *qmp;
	int server;
	int ready;
	GError *closed;
	GPtrArray *log; /* char *: what the callbacks saw, in order */
	gboolean free_on_event;
} Fixture;

static void
on_status(HvQmp *qmp, const GError *error, gpointer data)
{
	Fixture *f = data;
	(void)qmp;
	if (error)
		f->closed = g_error_copy(error);
	else
		f->ready++;
}

static void
on_event(HvQmp *qmp, const char *name, json_object *d, gpointer data)
{
	Fixture *f = data;
	g_ptr_array_add(f->log, g_strdup_printf("event %s %s", name, d ? json_object_to_json_string(d) : "-"));
	if (f->free_on_event) {
		hv__qmp_free(qmp);
		f->qmp = NULL;
	}
}

/* Whose reply a callback gets. */
typedef struct {
	Fixture *f;
	const char *name;
} Tag;

static void
on_reply(HvQmp *qmp, json_object *ret, const GError *error, gpointer data)
{
	Tag *t = data;
	Fixture *f = t->f;
	const char *tag = t->name;
	(void)qmp;
	if (error)
		g_ptr_array_add(f->log, g_strdup_printf("reply %s error: %s", tag, error->message));
	else
		g_ptr_array_add(f->log, g_strdup_printf("reply %s %s", tag, ret ? json_object_to_json_string(ret) : "-"));
}

static void
fixture_setup(Fixture *f, gconstpointer data)
{
	(void)data;
	int sv[2];
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), ==, 0);
	f->server = sv[1];
	f->log = g_ptr_array_new_with_free_func(g_free);
	f->qmp = hv__qmp_new(NULL, on_status, on_event, f);
	hv__qmp_attach_fd(f->qmp, sv[0]);
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	(void)data;
	hv__qmp_free(f->qmp);
	if (f->server >= 0)
		close(f->server);
	g_clear_error(&f->closed);
	g_ptr_array_unref(f->log);
}

static void
spin(void)
{
	for (int i = 0; i < 50; i++)
		g_main_context_iteration(NULL, FALSE);
}

static void
server_send(Fixture *f, const char *text)
{
	g_assert_cmpint(write(f->server, text, strlen(text)), ==, (gssize)strlen(text));
	spin();
}

/* The next message the client sent, as JSON; its id in *ID_R. */
static json_object *
server_read(Fixture *f, char **id_r)
{
	GString *line = g_string_new(NULL);
	char c;
	spin();
	while (read(f->server, &c, 1) == 1 && c != '\n')
		g_string_append_c(line, c);
	json_object *msg = json_tokener_parse(line->str);
	g_assert_nonnull(msg);
	g_assert_true(g_str_has_suffix(line->str, "\r"));
	g_string_free(line, TRUE);
	json_object *id = NULL;
	g_assert_true(json_object_object_get_ex(msg, "id", &id));
	*id_r = g_strdup(json_object_get_string(id));
	return msg;
}

static const char *
command_of(json_object *msg)
{
	json_object *v = NULL;
	g_assert_true(json_object_object_get_ex(msg, "execute", &v));
	return json_object_get_string(v);
}

static void
handshake(Fixture *f)
{
	server_send(f, GREETING);
	g_autofree char *id = NULL;
	json_object *msg = server_read(f, &id);
	g_assert_cmpstr(command_of(msg), ==, "qmp_capabilities");
	json_object_put(msg);
	g_autofree char *reply = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}\r\n", id);
	server_send(f, reply);
	g_assert_cmpint(f->ready, ==, 1);
	g_assert_true(hv__qmp_is_ready(f->qmp));
}

static void
assert_log(Fixture *f, const char *const *expected)
{
	guint n = g_strv_length((char **)expected);
	for (guint i = 0; i < f->log->len; i++)
		g_test_message("log: %s", (char *)f->log->pdata[i]);
	g_assert_cmpuint(f->log->len, ==, n);
	for (guint i = 0; i < n; i++)
		g_assert_cmpstr(f->log->pdata[i], ==, expected[i]);
}

/* Commands given before the handshake wait for it; replies come back in
 * any order, with events between them, matched by id. */
static void
test_out_of_order(Fixture *f, gconstpointer data)
{
	(void)data;
	Tag a = { f, "a" };
	Tag b = { f, "b" };
	hv__qmp_command(f->qmp, "query-status", NULL, on_reply, &a);
	handshake(f);
	hv__qmp_command(f->qmp, "stop", NULL, on_reply, &b);
	g_autofree char *ida = NULL, *idb = NULL;
	json_object *ma = server_read(f, &ida);
	json_object *mb = server_read(f, &idb);
	g_assert_cmpstr(command_of(ma), ==, "query-status");
	g_assert_cmpstr(command_of(mb), ==, "stop");
	json_object_put(ma);
	json_object_put(mb);
	g_autofree char *rb = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}\r\n", idb);
	g_autofree char *ra = g_strdup_printf("{\"return\": {\"status\": \"paused\"}, \"id\": \"%s\"}\r\n", ida);
	server_send(f, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"STOP\"}\r\n");
	server_send(f, rb);
	server_send(f, "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true}}\r\n");
	server_send(f, ra);
	const char *expected[] = { "event STOP -", "reply b { }", "event SHUTDOWN { \"guest\": true }",
		                   "reply a { \"status\": \"paused\" }", NULL };
	assert_log(f, expected);
}

/* Messages split anywhere, several in one read, and LF-only endings. */
static void
test_partial_reads(Fixture *f, gconstpointer data)
{
	(void)data;
	const char *greeting = GREETING;
	for (const char *p = greeting; *p; p++) {
		char one[2] = { *p, 0 };
		server_send(f, one);
	}
	g_autofree char *id = NULL;
	json_object_put(server_read(f, &id));
	g_autofree char *reply = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}\n{\"event\": \"RESUME\"}\n{\"eve", id);
	server_send(f, reply);
	g_assert_cmpint(f->ready, ==, 1);
	server_send(f, "nt\": \"RESET\", \"data\": {\"reason\": \"guest-reset\"}}\r");
	server_send(f, "\n");
	const char *expected[] = { "event RESUME -", "event RESET { \"reason\": \"guest-reset\" }", NULL };
	assert_log(f, expected);
}

/* A QMP error is the command's error; garbage and foreign ids are ignored. */
static void
test_errors_and_garbage(Fixture *f, gconstpointer data)
{
	(void)data;
	Tag a = { f, "a" };
	handshake(f);
	hv__qmp_command(f->qmp, "bogus", json_object_new_object(), on_reply, &a);
	g_autofree char *id = NULL;
	json_object_put(server_read(f, &id));
	server_send(f, "this is not json\r\n[1,2]\r\n{\"return\": {}, \"id\": \"someone-else\"}\r\n{\"return\": 5}\r\n");
	g_autofree char *err = g_strdup_printf("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command bogus has not been found\"}, \"id\": \"%s\"}\r\n", id);
	server_send(f, err);
	const char *expected[] = { "reply a error: QMP error CommandNotFound: The command bogus has not been found", NULL };
	assert_log(f, expected);
	g_assert_null(f->closed);
}

/* The server goes away: pending commands fail, then the status says so;
 * later commands fail at once. */
static void
test_disconnect(Fixture *f, gconstpointer data)
{
	(void)data;
	Tag a = { f, "a" };
	Tag b = { f, "b" };
	handshake(f);
	hv__qmp_command(f->qmp, "query-status", NULL, on_reply, &a);
	server_send(f, "{\"return\": {}, \"i");
	close(f->server);
	f->server = -1;
	spin();
	g_assert_nonnull(f->closed);
	g_assert_false(hv__qmp_is_ready(f->qmp));
	hv__qmp_command(f->qmp, "cont", NULL, on_reply, &b);
	const char *expected[] = { "reply a error: the QMP connection was closed",
		                   "reply b error: the QMP connection is closed", NULL };
	assert_log(f, expected);
}

/* Something that is not a QMP server: the first message is no greeting. */
static void
test_no_greeting(Fixture *f, gconstpointer data)
{
	(void)data;
	server_send(f, "{\"return\": {}}\r\n");
	g_assert_nonnull(f->closed);
	g_assert_error(f->closed, HV_ERROR, HV_ERROR_IO);
	g_assert_cmpint(f->ready, ==, 0);
}

/* A message without end larger than the limit closes the connection. */
static void
test_oversized(Fixture *f, gconstpointer data)
{
	(void)data;
	handshake(f);
	char chunk[65536];
	memset(chunk, 'x', sizeof(chunk));
	gsize sent = 0;
	g_unix_set_fd_nonblocking(f->server, TRUE, NULL);
	while (!f->closed && sent <= HV__QMP_MAX_LINE + sizeof(chunk)) {
		gssize n = write(f->server, chunk, sizeof(chunk));
		sent += n > 0 ? (gsize)n : 0;
		spin();
	}
	g_assert_nonnull(f->closed);
	g_assert_nonnull(strstr(f->closed->message, "longer"));
}

/* The client may be freed from inside its own event callback. */
static void
test_free_in_callback(Fixture *f, gconstpointer data)
{
	(void)data;
	handshake(f);
	f->free_on_event = TRUE;
	server_send(f, "{\"event\": \"STOP\"}\r\n{\"event\": \"RESUME\"}\r\n");
	g_assert_null(f->qmp);
	const char *expected[] = { "event STOP -", NULL };
	assert_log(f, expected);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define T(path, fn) g_test_add("/qmp/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
	T("out-of-order", test_out_of_order);
	T("partial-reads", test_partial_reads);
	T("errors-and-garbage", test_errors_and_garbage);
	T("disconnect", test_disconnect);
	T("no-greeting", test_no_greeting);
	T("oversized", test_oversized);
	T("free-in-callback", test_free_in_callback);
	return g_test_run();
}
