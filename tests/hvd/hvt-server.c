/* hvt-server: an in-process RPC server for tests. */
#include "config.h"

#include <glib/gstdio.h>

#include "hvd-listen.h"
#include "hvlv-events.h"
#include "hvt-server.h"

struct HvtServer {
	HvlvServerConfig config;
	const HvlvProgram *program;
	char *dir, *rw_path, *ro_path;
	GThread *thread;
	GMainContext *context;
	GMainLoop *loop;
	HvlvServer *server;
	GMutex lock;
	GCond cond;
	gboolean ready;
	GString *reasons;
};

static void
hvt_server_closed(G_GNUC_UNUSED HvlvClient *client, const GError *reason, gpointer data)
{
	HvtServer *ts = data;
	if (!reason)
		return;
	g_mutex_lock(&ts->lock);
	g_string_append_printf(ts->reasons, "%s\n", reason->message);
	g_mutex_unlock(&ts->lock);
}

static void
hvt_server_listen(HvtServer *ts, const char *path, gboolean readonly)
{
	g_autoptr(GError) error = NULL;
	HvdSocket *sock = hvd_listen_bind(path, readonly ? 0666 : 0600, readonly, &error);
	g_assert_no_error(error);
	g_assert_true(hvlv_server_add_listener(ts->server, sock->fd, readonly, &error));
	sock->fd = -1;
	hvd_socket_free(sock);
}

static gpointer
hvt_server_thread(gpointer data)
{
	HvtServer *ts = data;
	g_main_context_push_thread_default(ts->context);
	ts->server = hvlv_server_new(&ts->config, ts->program);
	HvlvServerHooks hooks = { hvt_server_closed, NULL, ts };
	hvlv_server_set_hooks(ts->server, &hooks);
	hvt_server_listen(ts, ts->rw_path, FALSE);
	hvt_server_listen(ts, ts->ro_path, TRUE);
	g_mutex_lock(&ts->lock);
	ts->ready = TRUE;
	g_cond_signal(&ts->cond);
	g_mutex_unlock(&ts->lock);
	g_main_loop_run(ts->loop);
	hvlv_server_free(ts->server);
	g_main_context_pop_thread_default(ts->context);
	return NULL;
}

/* The server logs every connection at debug level: keep test logs readable
 * unless HVT_DEBUG is set. */
static void
hvt_server_drop_debug(G_GNUC_UNUSED const char *domain, G_GNUC_UNUSED GLogLevelFlags level,
                      G_GNUC_UNUSED const char *message, G_GNUC_UNUSED gpointer data)
{
}

HvtServer *
hvt_server_start(const HvlvServerConfig *config, const HvlvProgram *program)
{
	static gsize quiet;
	if (g_once_init_enter(&quiet)) {
		if (!g_getenv("HVT_DEBUG"))
			g_log_set_handler(NULL, G_LOG_LEVEL_DEBUG, hvt_server_drop_debug, NULL);
		g_once_init_leave(&quiet, 1);
	}
	HvtServer *ts = g_new0(HvtServer, 1);
	ts->config = *config;
	ts->program = program;
	ts->dir = g_dir_make_tmp("hvt-rpc-XXXXXX", NULL);
	ts->rw_path = g_build_filename(ts->dir, "rw.sock", NULL);
	ts->ro_path = g_build_filename(ts->dir, "ro.sock", NULL);
	ts->context = g_main_context_new();
	ts->loop = g_main_loop_new(ts->context, FALSE);
	ts->reasons = g_string_new(NULL);
	g_mutex_init(&ts->lock);
	g_cond_init(&ts->cond);
	ts->thread = g_thread_new("hvt-server", hvt_server_thread, ts);
	g_mutex_lock(&ts->lock);
	while (!ts->ready)
		g_cond_wait(&ts->cond, &ts->lock);
	g_mutex_unlock(&ts->lock);
	return ts;
}

static gboolean
hvt_server_quit(gpointer data)
{
	g_main_loop_quit(((HvtServer *)data)->loop);
	return G_SOURCE_REMOVE;
}

void
hvt_server_stop(HvtServer *ts)
{
	if (!ts)
		return;
	g_main_context_invoke(ts->context, hvt_server_quit, ts);
	g_thread_join(ts->thread);
	g_main_loop_unref(ts->loop);
	g_main_context_unref(ts->context);
	g_unlink(ts->rw_path);
	g_unlink(ts->ro_path);
	g_rmdir(ts->dir);
	g_free(ts->dir);
	g_free(ts->rw_path);
	g_free(ts->ro_path);
	g_string_free(ts->reasons, TRUE);
	g_mutex_clear(&ts->lock);
	g_cond_clear(&ts->cond);
	g_free(ts);
}

const char *
hvt_server_rw_path(HvtServer *ts)
{
	return ts->rw_path;
}

const char *
hvt_server_ro_path(HvtServer *ts)
{
	return ts->ro_path;
}

HvlvServer *
hvt_server_get(HvtServer *ts)
{
	return ts->server;
}

typedef struct {
	GSourceFunc func;
	gpointer data;
	HvtServer *ts;
	gboolean done;
} HvtSync;

static gboolean
hvt_server_sync_run(gpointer data)
{
	HvtSync *s = data;
	s->func(s->data);
	g_mutex_lock(&s->ts->lock);
	s->done = TRUE;
	g_cond_broadcast(&s->ts->cond);
	g_mutex_unlock(&s->ts->lock);
	return G_SOURCE_REMOVE;
}

void
hvt_server_sync(HvtServer *ts, GSourceFunc func, gpointer data)
{
	HvtSync s = { func, data, ts, FALSE };
	g_main_context_invoke(ts->context, hvt_server_sync_run, &s);
	g_mutex_lock(&ts->lock);
	while (!s.done)
		g_cond_wait(&ts->cond, &ts->lock);
	g_mutex_unlock(&ts->lock);
}

char *
hvt_server_closed_reasons(HvtServer *ts)
{
	g_mutex_lock(&ts->lock);
	char *text = g_strdup(ts->reasons->str);
	g_mutex_unlock(&ts->lock);
	return text;
}

typedef struct {
	HvtServer *ts;
	gint event_id;
	guint count;
} HvtEventCount;

static gboolean
hvt_server_count_events(gpointer data)
{
	HvtEventCount *c = data;
	c->count = hvlv_events_count(c->ts->server, c->event_id);
	return G_SOURCE_REMOVE;
}

guint
hvt_server_event_count(HvtServer *ts, gint event_id)
{
	HvtEventCount c = { ts, event_id, 0 };
	hvt_server_sync(ts, hvt_server_count_events, &c);
	return c.count;
}
