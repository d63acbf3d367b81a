/* hvlv-server: listeners, the set of clients, the worker pools. */
#define _GNU_SOURCE 1 /* accept4, struct ucred */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "hvlv-error.h"
#include "hvlv-private.h"

typedef struct {
	HvlvServer *server;
	int fd;
	gboolean readonly;
	GSource *source;
} HvlvListener;

static void hvlv_server_run_call(gpointer call, gpointer server);

static void
hvlv_listener_free(gpointer data)
{
	HvlvListener *l = data;
	if (l->source) {
		g_source_destroy(l->source);
		g_source_unref(l->source);
	}
	close(l->fd);
	g_free(l);
}

HvlvServer *
hvlv_server_new(const HvlvServerConfig *config, const HvlvProgram *program)
{
	HvlvServer *server = g_new0(HvlvServer, 1);
	server->config = *config;
	server->config.emulator = g_strdup(config->emulator);
	server->program = program;
	server->context = g_main_context_ref_thread_default();
	server->workers = g_thread_pool_new(hvlv_server_run_call, server,
	                                    (gint)MAX(config->max_workers, 1), FALSE, NULL);
	server->prio_workers = g_thread_pool_new(hvlv_server_run_call, server,
	                                         (gint)MAX(config->prio_workers, 1), FALSE, NULL);
	server->listeners = g_ptr_array_new_with_free_func(hvlv_listener_free);
	server->clients = g_hash_table_new(NULL, NULL);
	server->events = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	server->next_callback_id = 0; /* libvirtd counts from 0 too */
	g_mutex_init(&server->version_lock);
	return server;
}

void
hvlv_server_set_hooks(HvlvServer *server, const HvlvServerHooks *hooks)
{
	server->hooks = *hooks;
}

void
hvlv_server_update_config(HvlvServer *server, const HvlvServerConfig *config)
{
	server->config.keepalive_interval = config->keepalive_interval;
	server->config.keepalive_count = config->keepalive_count;
	server->config.max_client_requests = config->max_client_requests;
	server->config.max_clients = config->max_clients;
}

const HvlvServerConfig *
hvlv_server_config(HvlvServer *server)
{
	return &server->config;
}

void
hvlv_server_set_domains(HvlvServer *server, HvlvDomains *domains)
{
	server->domains = domains;
	if (domains)
		hvlv_domains_attach(domains, server);
}

HvlvDomains *
hvlv_server_domains(HvlvServer *server)
{
	return server->domains;
}

static void
hvlv_server_reject(HvlvServer *server, int fd)
{
	g_autoptr(GError) error = NULL;
	hvlv_set_error(&error, HVLV_ERR_RPC, HVLV_FROM_RPC,
	               _("Too many active clients (%u), dropping connection"), server->config.max_clients);
	if (server->hooks.client_closed)
		server->hooks.client_closed(NULL, error, server->hooks.data);
	close(fd);
}

static gboolean
hvlv_listener_accept(G_GNUC_UNUSED gint fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	HvlvListener *l = data;
	int cfd = accept4(l->fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (cfd < 0)
		return G_SOURCE_CONTINUE; /* EAGAIN, or a client that gave up: nothing to do */
	if (g_hash_table_size(l->server->clients) >= l->server->config.max_clients) {
		hvlv_server_reject(l->server, cfd);
		return G_SOURCE_CONTINUE;
	}
	HvlvClient *client = hvlv__client_new(l->server, cfd, l->readonly);
	g_hash_table_add(l->server->clients, client);
	if (l->server->hooks.activity)
		l->server->hooks.activity(l->server, l->server->hooks.data);
	return G_SOURCE_CONTINUE;
}

gboolean
hvlv_server_add_listener(HvlvServer *server, int fd, gboolean readonly, GError **error)
{
	if (!g_unix_set_fd_nonblocking(fd, TRUE, error))
		return FALSE;
	if (listen(fd, 128) < 0) { /* already listening when socket-activated: harmless */
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
		            _("Cannot listen on socket: %s"), g_strerror(errno));
		return FALSE;
	}
	HvlvListener *l = g_new0(HvlvListener, 1);
	l->server = server;
	l->fd = fd;
	l->readonly = readonly;
	l->source = g_unix_fd_source_new(fd, G_IO_IN);
	g_source_set_callback(l->source, G_SOURCE_FUNC(hvlv_listener_accept), l, NULL);
	g_source_attach(l->source, server->context);
	g_ptr_array_add(server->listeners, l);
	return TRUE;
}

guint
hvlv_server_n_clients(HvlvServer *server)
{
	return g_hash_table_size(server->clients);
}

guint
hvlv_server_n_calls(HvlvServer *server)
{
	return server->n_calls;
}

void
hvlv__server_invoke(HvlvServer *server, GSourceFunc func, gpointer data, GDestroyNotify free)
{
	GSource *source = g_idle_source_new();
	g_source_set_priority(source, G_PRIORITY_DEFAULT);
	g_source_set_callback(source, func, data, free);
	g_source_attach(source, server->context);
	g_source_unref(source);
}

static void
hvlv_server_run_call(gpointer call, gpointer data)
{
	HvlvServer *server = data;
	hvlv__dispatch_run(call);
	if (g_atomic_int_dec_and_test(&server->calls_in_workers))
		g_main_context_wakeup(server->context); /* a shutdown may wait for this */
}

void
hvlv__server_queue_call(HvlvServer *server, HvlvCall *call)
{
	GThreadPool *pool = (call->proc->flags & HVLV_PROC_PRIORITY) ? server->prio_workers
	                                                           : server->workers;
	g_atomic_int_inc(&server->calls_in_workers);
	g_thread_pool_push(pool, call, NULL);
}

static void
hvlv_server_drain(HvlvServer *server)
{
	while (g_main_context_iteration(server->context, FALSE))
		;
}

static void
hvlv_server_finish_calls(HvlvServer *server)
{
	if (!g_main_context_acquire(server->context))
		return;
	/* the last call to end wakes the context (hvlv_server_run_call) */
	while (g_atomic_int_get(&server->calls_in_workers) > 0)
		g_main_context_iteration(server->context, TRUE);
	g_main_context_release(server->context);
}

void
hvlv_server_shutdown(HvlvServer *server)
{
	if (server->shut_down)
		return;
	server->shut_down = TRUE;
	g_ptr_array_set_size(server->listeners, 0);
	GList *clients = g_hash_table_get_keys(server->clients);
	for (GList *l = clients; l; l = l->next)
		hvlv__client_close(l->data, NULL);
	g_list_free(clients);
	/* Workers finish what they run; their replies find closed clients. A
	 * worker may wait for an engine operation dispatched on this context
	 * (hvlv-domains-engine.c), so the context keeps turning until they are
	 * done; only then can freeing the pools wait for them. */
	hvlv_server_finish_calls(server);
	g_thread_pool_free(server->workers, FALSE, TRUE);
	g_thread_pool_free(server->prio_workers, FALSE, TRUE);
	server->workers = server->prio_workers = NULL;
	if (g_main_context_acquire(server->context)) {
		hvlv_server_drain(server);
		g_main_context_release(server->context);
	}
}

void
hvlv_server_free(HvlvServer *server)
{
	if (!server)
		return;
	hvlv_server_shutdown(server);
	g_ptr_array_unref(server->listeners);
	g_hash_table_unref(server->clients);
	g_hash_table_unref(server->events);
	g_main_context_unref(server->context);
	g_mutex_clear(&server->version_lock);
	g_free((char *)server->config.emulator);
	g_free(server);
}
