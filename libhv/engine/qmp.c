/* QMP client: one line of JSON per message (QEMU and hv-vmm end each with
 * CRLF), greeting, qmp_capabilities, commands matched by id, events. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "engine/qmp.h"

typedef enum { QMP_GREETING, QMP_NEGOTIATING, QMP_READY, QMP_CLOSED } QmpPhase;

typedef struct {
	HvQmpReplyFunc func;
	gpointer user_data;
} QmpPending;

struct HvQmp {
	GMainContext *context;
	HvQmpStatusFunc status;
	HvQmpEventFunc event;
	gpointer user_data;
	int fd;
	GSource *in_source;
	GSource *out_source;
	GString *in;
	gsize scanned;          /* bytes of IN known to hold no newline */
	GString *out;
	GPtrArray *queued;      /* char *: lines to send once ready */
	GHashTable *pending;    /* id (guint64 as pointer key string) -> QmpPending */
	guint64 next_id;
	QmpPhase phase;
	int depth;              /* callbacks running: freeing waits for them */
	gboolean free_wanted;
};

static void qmp_close(HvQmp *qmp, GError *error);

HvQmp *
hv__qmp_new(GMainContext *context, HvQmpStatusFunc status, HvQmpEventFunc event, gpointer user_data)
{
	HvQmp *qmp = g_new0(HvQmp, 1);
	qmp->context = context ? g_main_context_ref(context) : NULL;
	qmp->status = status;
	qmp->event = event;
	qmp->user_data = user_data;
	qmp->fd = -1;
	qmp->in = g_string_new(NULL);
	qmp->out = g_string_new(NULL);
	qmp->queued = g_ptr_array_new_with_free_func(g_free);
	qmp->pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	qmp->next_id = 1;
	return qmp;
}

static void
qmp_stop_io(HvQmp *qmp)
{
	g_clear_pointer(&qmp->in_source, g_source_destroy);
	g_clear_pointer(&qmp->out_source, g_source_destroy);
	if (qmp->fd >= 0)
		close(qmp->fd);
	qmp->fd = -1;
}

static void
qmp_really_free(HvQmp *qmp)
{
	qmp_stop_io(qmp);
	g_string_free(qmp->in, TRUE);
	g_string_free(qmp->out, TRUE);
	g_ptr_array_unref(qmp->queued);
	g_hash_table_unref(qmp->pending);
	if (qmp->context)
		g_main_context_unref(qmp->context);
	g_free(qmp);
}

void
hv__qmp_free(HvQmp *qmp)
{
	if (!qmp)
		return;
	qmp->status = NULL;
	qmp->event = NULL;
	g_hash_table_remove_all(qmp->pending);
	if (qmp->depth > 0)
		qmp->free_wanted = TRUE;
	else
		qmp_really_free(qmp);
}

/* Callbacks may free the client; it then goes away when they return. */
static void
qmp_enter(HvQmp *qmp)
{
	qmp->depth++;
}

static gboolean
qmp_leave(HvQmp *qmp)
{
	if (--qmp->depth == 0 && qmp->free_wanted) {
		qmp_really_free(qmp);
		return FALSE;
	}
	return !qmp->free_wanted;
}

gboolean
hv__qmp_is_ready(HvQmp *qmp)
{
	return qmp->phase == QMP_READY;
}

static gboolean qmp_on_writable(gint fd, GIOCondition cond, gpointer data);

static void
qmp_flush(HvQmp *qmp)
{
	while (qmp->fd >= 0 && qmp->out->len > 0) {
		ssize_t n = send(qmp->fd, qmp->out->str, qmp->out->len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0) {
			qmp_close(qmp, g_error_new(HV_ERROR, HV_ERROR_IO, _("cannot write to the QMP socket: %s"),
			                           g_strerror(errno)));
			return;
		}
		g_string_erase(qmp->out, 0, n);
	}
	if (qmp->fd >= 0 && qmp->out->len > 0 && !qmp->out_source) {
		qmp->out_source = g_unix_fd_source_new(qmp->fd, G_IO_OUT);
		g_source_set_callback(qmp->out_source, G_SOURCE_FUNC(qmp_on_writable), qmp, NULL);
		g_source_attach(qmp->out_source, qmp->context);
		g_source_unref(qmp->out_source);
	}
}

static gboolean
qmp_on_writable(gint fd, GIOCondition cond, gpointer data)
{
	HvQmp *qmp = data;
	(void)fd;
	(void)cond;
	qmp->out_source = NULL;
	qmp_flush(qmp);
	return G_SOURCE_REMOVE;
}

static void
qmp_send_line(HvQmp *qmp, const char *line)
{
	g_string_append(qmp->out, line);
	g_string_append(qmp->out, "\r\n");
	qmp_flush(qmp);
}

static char *
qmp_format(HvQmp *qmp, const char *command, json_object *args, char **id_r)
{
	json_object *msg = json_object_new_object();
	*id_r = g_strdup_printf("hv-%" G_GUINT64_FORMAT, qmp->next_id++);
	json_object_object_add(msg, "execute", json_object_new_string(command));
	if (args)
		json_object_object_add(msg, "arguments", args);
	json_object_object_add(msg, "id", json_object_new_string(*id_r));
	char *line = g_strdup(json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN));
	json_object_put(msg);
	return line;
}

void
hv__qmp_command(HvQmp *qmp, const char *command, json_object *args, HvQmpReplyFunc reply,
                gpointer user_data)
{
	g_autofree char *id = NULL;
	g_autofree char *line = qmp_format(qmp, command, args, &id);
	QmpPending *p = g_new0(QmpPending, 1);
	p->func = reply;
	p->user_data = user_data;
	if (qmp->phase == QMP_CLOSED) {
		g_autoptr(GError) error = g_error_new(HV_ERROR, HV_ERROR_IO, _("the QMP connection is closed"));
		g_free(p);
		if (reply)
			reply(qmp, NULL, error, user_data);
		return;
	}
	g_hash_table_insert(qmp->pending, g_steal_pointer(&id), p);
	if (qmp->phase == QMP_READY)
		qmp_send_line(qmp, line);
	else
		g_ptr_array_add(qmp->queued, g_steal_pointer(&line));
}

/* Calls every pending reply with ERROR, then the status callback. */
static void
qmp_close(HvQmp *qmp, GError *error)
{
	if (qmp->phase == QMP_CLOSED) {
		g_error_free(error);
		return;
	}
	qmp->phase = QMP_CLOSED;
	qmp_stop_io(qmp);
	GHashTable *pending = g_steal_pointer(&qmp->pending);
	qmp->pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	qmp_enter(qmp);
	GHashTableIter it;
	gpointer value;
	g_hash_table_iter_init(&it, pending);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		QmpPending *p = value;
		if (p->func && !qmp->free_wanted)
			p->func(qmp, NULL, error, p->user_data);
	}
	g_hash_table_unref(pending);
	if (qmp->status && !qmp->free_wanted)
		qmp->status(qmp, error, qmp->user_data);
	g_error_free(error);
	qmp_leave(qmp);
}

void
hv__qmp_close(HvQmp *qmp)
{
	qmp_close(qmp, g_error_new(HV_ERROR, HV_ERROR_IO, _("the QMP connection was closed")));
}

static void
qmp_became_ready(HvQmp *qmp)
{
	qmp->phase = QMP_READY;
	for (guint i = 0; i < qmp->queued->len; i++)
		g_string_append_printf(qmp->out, "%s\r\n", (char *)qmp->queued->pdata[i]);
	g_ptr_array_set_size(qmp->queued, 0);
	qmp_flush(qmp);
	if (qmp->status && qmp->phase == QMP_READY)
		qmp->status(qmp, NULL, qmp->user_data);
}

static void
qmp_negotiate(HvQmp *qmp)
{
	qmp->phase = QMP_NEGOTIATING;
	g_autofree char *id = NULL;
	g_autofree char *line = qmp_format(qmp, "qmp_capabilities", NULL, &id);
	g_hash_table_insert(qmp->pending, g_steal_pointer(&id), g_new0(QmpPending, 1));
	qmp_send_line(qmp, line);
}

static GError *
qmp_error_from(json_object *err)
{
	json_object *cls = NULL, *desc = NULL;
	json_object_object_get_ex(err, "class", &cls);
	json_object_object_get_ex(err, "desc", &desc);
	return g_error_new(HV_ERROR, HV_ERROR_INTERNAL, _("QMP error %s: %s"),
	                   cls ? json_object_get_string(cls) : "?",
	                   desc ? json_object_get_string(desc) : _("no description"));
}

static void
qmp_handle_reply(HvQmp *qmp, json_object *msg, json_object *ret, json_object *err)
{
	json_object *idobj = NULL;
	if (!json_object_object_get_ex(msg, "id", &idobj) || !json_object_is_type(idobj, json_type_string))
		return; /* not one of ours */
	const char *id = json_object_get_string(idobj);
	gpointer key = NULL, value = NULL;
	if (!g_hash_table_steal_extended(qmp->pending, id, &key, &value))
		return;
	g_free(key);
	g_autofree QmpPending *p = value;
	if (qmp->phase == QMP_NEGOTIATING) {
		if (err)
			qmp_close(qmp, qmp_error_from(err));
		else
			qmp_became_ready(qmp);
		return;
	}
	g_autoptr(GError) error = err ? qmp_error_from(err) : NULL;
	if (p->func)
		p->func(qmp, error ? NULL : ret, error, p->user_data);
}

static void
qmp_handle_message(HvQmp *qmp, json_object *msg)
{
	json_object *v = NULL, *ret = NULL, *err = NULL;
	if (qmp->phase == QMP_GREETING) {
		if (json_object_object_get_ex(msg, "QMP", &v))
			qmp_negotiate(qmp);
		else
			qmp_close(qmp, g_error_new(HV_ERROR, HV_ERROR_IO, _("the QMP server sent no greeting")));
		return;
	}
	if (json_object_object_get_ex(msg, "event", &v)) {
		json_object *data = NULL;
		json_object_object_get_ex(msg, "data", &data);
		if (json_object_is_type(v, json_type_string) && qmp->event && qmp->phase == QMP_READY)
			qmp->event(qmp, json_object_get_string(v), data, qmp->user_data);
		return;
	}
	gboolean has_ret = json_object_object_get_ex(msg, "return", &ret);
	if (json_object_object_get_ex(msg, "error", &err) || has_ret)
		qmp_handle_reply(qmp, msg, ret, err);
}

static void
qmp_handle_line(HvQmp *qmp, const char *line, gsize len)
{
	json_tokener *tok = json_tokener_new();
	json_object *msg = json_tokener_parse_ex(tok, line, (int)len);
	gboolean ok = msg && json_tokener_get_error(tok) == json_tokener_success &&
	              json_object_is_type(msg, json_type_object);
	json_tokener_free(tok);
	if (ok)
		qmp_handle_message(qmp, msg);
	else if (len > 0)
		g_debug("qmp: ignoring a line that is not a JSON object: %.*s", (int)MIN(len, 200), line);
	json_object_put(msg);
}

void
hv__qmp_feed(HvQmp *qmp, const char *data, gsize len)
{
	g_string_append_len(qmp->in, data, len);
	qmp_enter(qmp);
	char *nl;
	while (qmp->phase != QMP_CLOSED && !qmp->free_wanted &&
	       (nl = memchr(qmp->in->str + qmp->scanned, '\n', qmp->in->len - qmp->scanned)) != NULL) {
		gsize n = (gsize)(nl - qmp->in->str) + 1;
		g_autofree char *line = g_strndup(qmp->in->str, n);
		g_string_erase(qmp->in, 0, n);
		qmp->scanned = 0;
		g_strstrip(line);
		qmp_handle_line(qmp, line, strlen(line));
	}
	qmp->scanned = qmp->in->len;
	if (qmp->phase != QMP_CLOSED && !qmp->free_wanted && qmp->in->len > HV__QMP_MAX_LINE)
		qmp_close(qmp, g_error_new(HV_ERROR, HV_ERROR_IO, _("a QMP message is longer than %u bytes"),
		                           HV__QMP_MAX_LINE));
	qmp_leave(qmp);
}

static gboolean
qmp_on_readable(gint fd, GIOCondition cond, gpointer data)
{
	HvQmp *qmp = data;
	char buf[65536];
	(void)cond;
	ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
		return G_SOURCE_CONTINUE;
	if (n <= 0) {
		qmp->in_source = NULL; /* removed by returning G_SOURCE_REMOVE */
		/* a peer that exits with our command unread resets the connection */
		GError *error = n == 0 || errno == ECONNRESET ? g_error_new(HV_ERROR, HV_ERROR_IO, _("the QMP connection was closed"))
		                       : g_error_new(HV_ERROR, HV_ERROR_IO, _("cannot read from the QMP socket: %s"),
		                                     g_strerror(errno));
		qmp_close(qmp, error);
		return G_SOURCE_REMOVE;
	}
	qmp_enter(qmp);
	hv__qmp_feed(qmp, buf, (gsize)n);
	gboolean alive = qmp_leave(qmp);
	return alive && qmp->phase != QMP_CLOSED ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
hv__qmp_attach_fd(HvQmp *qmp, int fd)
{
	qmp->fd = fd;
	qmp->phase = QMP_GREETING;
	qmp->in_source = g_unix_fd_source_new(fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
	g_source_set_callback(qmp->in_source, G_SOURCE_FUNC(qmp_on_readable), qmp, NULL);
	g_source_attach(qmp->in_source, qmp->context);
	g_source_unref(qmp->in_source);
}

gboolean
hv__qmp_connect(HvQmp *qmp, const char *path, GError **error)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(addr.sun_path)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("socket path '%s' is too long"), path);
		return FALSE;
	}
	strcpy(addr.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		g_set_error(error, HV_ERROR, HV_ERROR_IO, _("cannot connect to '%s': %s"), path, g_strerror(e));
		return FALSE;
	}
	hv__qmp_attach_fd(qmp, fd);
	return TRUE;
}
