/* vmm-qmp-server: the QMP socket: clients come and go in the main loop;
 * replies and events are written without blocking it. */
#include "config.h"

#include "vmm-qmp-priv.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "vmm-error.h"
#include "vmm-socket.h"

VmmQmpServer *
vmm_qmp_server_new(const VmmQmpCommand *commands, guint n_commands, void *opaque,
                   json_object *version)
{
	VmmQmpServer *server = g_new0(VmmQmpServer, 1);
	server->commands = commands;
	server->n_commands = n_commands;
	server->opaque = opaque;
	server->version = version;
	server->listen_fd = -1;
	server->sessions = g_ptr_array_new();
	return server;
}

static void
vmm_qmp_close(VmmQmpSession *s)
{
	if (s->in_watch)
		g_source_remove(s->in_watch);
	if (s->out_watch)
		g_source_remove(s->out_watch);
	close(s->fd);
	g_ptr_array_remove(s->server->sessions, s);
	vmm_qmp_session_clear(s);
	g_free(s);
}

/* Writes what it can; FALSE if the client is gone. */
static gboolean
vmm_qmp_write_some(VmmQmpSession *s)
{
	while (s->out->len > 0) {
		ssize_t w = send(s->fd, s->out->str, s->out->len, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno == EAGAIN;
		g_string_erase(s->out, 0, w);
	}
	return TRUE;
}

static gboolean
vmm_qmp_on_writable(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmQmpSession *s = data;
	if (!vmm_qmp_write_some(s) || s->out->len == 0) {
		s->out_watch = 0;
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

void
vmm_qmp_session_kick(VmmQmpSession *s)
{
	if (s->fd < 0 || s->out_watch)
		return;
	if (vmm_qmp_write_some(s) && s->out->len > 0)
		s->out_watch = g_unix_fd_add(s->fd, G_IO_OUT, vmm_qmp_on_writable, s);
}

static gboolean
vmm_qmp_on_readable(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmQmpSession *s = data;
	char buf[4096];
	ssize_t r = recv(s->fd, buf, sizeof buf, 0);
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return G_SOURCE_CONTINUE;
	if (r <= 0) {
		s->in_watch = 0; /* returning REMOVE takes this source away */
		vmm_qmp_close(s);
		return G_SOURCE_REMOVE;
	}
	vmm_qmp_session_input(s, buf, (gsize)r);
	return G_SOURCE_CONTINUE;
}

static gboolean
vmm_qmp_on_connect(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmQmpServer *server = data;
	int cfd = accept4(server->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return G_SOURCE_CONTINUE;
	VmmQmpSession *s = g_new0(VmmQmpSession, 1);
	vmm_qmp_session_start(s, server, cfd);
	g_ptr_array_add(server->sessions, s);
	s->in_watch = g_unix_fd_add(cfd, G_IO_IN | G_IO_HUP | G_IO_ERR, vmm_qmp_on_readable, s);
	vmm_qmp_session_kick(s);
	return G_SOURCE_CONTINUE;
}

gboolean
vmm_qmp_server_listen(VmmQmpServer *server, const char *path, GError **error)
{
	server->listen_fd = vmm_socket_listen(path, "QMP", error);
	if (server->listen_fd < 0)
		return FALSE;
	server->path = g_strdup(path);
	server->listen_watch = g_unix_fd_add(server->listen_fd, G_IO_IN, vmm_qmp_on_connect, server);
	return TRUE;
}

void
vmm_qmp_server_emit(VmmQmpServer *server, const char *name, json_object *data)
{
	gint64 now = g_get_real_time();
	json_object *ts = json_object_new_object();
	json_object_object_add(ts, "seconds", json_object_new_int64(now / G_USEC_PER_SEC));
	json_object_object_add(ts, "microseconds", json_object_new_int64(now % G_USEC_PER_SEC));
	json_object *ev = json_object_new_object();
	json_object_object_add(ev, "event", json_object_new_string(name));
	if (data)
		json_object_object_add(ev, "data", data);
	json_object_object_add(ev, "timestamp", ts);
	for (guint i = 0; i < server->sessions->len; i++) {
		VmmQmpSession *s = g_ptr_array_index(server->sessions, i);
		if (!s->negotiated)
			continue;
		vmm_qmp_session_send(s, json_object_get(ev));
		vmm_qmp_session_kick(s);
	}
	json_object_put(ev);
}

void
vmm_qmp_server_flush(VmmQmpServer *server)
{
	for (guint i = 0; i < server->sessions->len; i++) {
		VmmQmpSession *s = g_ptr_array_index(server->sessions, i);
		if (s->fd < 0)
			continue;
		int flags = fcntl(s->fd, F_GETFL);
		if (flags >= 0)
			fcntl(s->fd, F_SETFL, flags & ~O_NONBLOCK);
		vmm_qmp_write_some(s);
	}
}

json_object *
vmm_qmp_server_command_list(VmmQmpServer *server)
{
	json_object *list = json_object_new_array();
	const char *builtin[] = { "qmp_capabilities" };
	for (guint i = 0; i < server->n_commands + 1; i++) {
		json_object *c = json_object_new_object();
		const char *name = i < server->n_commands ? server->commands[i].name : builtin[0];
		json_object_object_add(c, "name", json_object_new_string(name));
		json_object_array_add(list, c);
	}
	return list;
}

void
vmm_qmp_server_free(VmmQmpServer *server)
{
	if (!server)
		return;
	for (guint i = server->sessions->len; i > 0; i--) {
		VmmQmpSession *s = g_ptr_array_index(server->sessions, i - 1);
		if (s->fd >= 0)
			vmm_qmp_close(s);
	}
	g_ptr_array_unref(server->sessions);
	if (server->listen_watch)
		g_source_remove(server->listen_watch);
	if (server->listen_fd >= 0)
		close(server->listen_fd);
	if (server->path)
		unlink(server->path);
	g_free(server->path);
	json_object_put(server->version);
	g_free(server);
}
