/* hvlv-server: the libvirt RPC server. It accepts clients on listening
 * UNIX sockets, frames and decodes their messages on the GLib main context
 * it was created in, runs calls on worker threads (or inline when a row says
 * so), answers keepalive, and sends replies, events and stream data. */
#pragma once

#include <glib.h>

#include "hvlv-program.h"

typedef struct {
	guint max_clients;          /* further connections are closed at once */
	guint max_workers;          /* threads for ordinary calls */
	guint prio_workers;         /* threads for HVLV_PROC_PRIORITY calls */
	guint max_client_requests;  /* calls in flight per client before reading pauses */
	gint keepalive_interval;    /* seconds of silence before a PING; <= 0: never */
	guint keepalive_count;      /* unanswered PINGs before the client is dropped */
	gboolean session;           /* serve hv:///session rather than hv:///system */
	const char *emulator;       /* QEMU binary whose version is the hypervisor version */
} HvlvServerConfig;

/* libvirtd's defaults (libvirtd.conf), except max_client_requests: clients
 * pipeline up to ~20 calls (LIBVIRT-RPC-TRACE.md). */
#define HVLV_SERVER_CONFIG_DEFAULT \
	{ .max_clients = 5000, .max_workers = 20, .prio_workers = 5, .max_client_requests = 20, \
	  .keepalive_interval = 5, .keepalive_count = 5, .session = FALSE, \
	  .emulator = "qemu-system-x86_64" }

/* What the daemon wants to hear about; every hook runs on the main loop. */
typedef struct {
	/* A client went away; REASON is NULL for an orderly close or EOF. */
	void (*client_closed)(HvlvClient *client, const GError *reason, gpointer data);
	/* The number of clients or calls in flight changed. */
	void (*activity)(HvlvServer *server, gpointer data);
	gpointer data;
} HvlvServerHooks;

/* A server on the thread-default main context, answering PROGRAM (normally
 * hvlv_remote_program(); tests pass their own). CONFIG is copied. */
HvlvServer *hvlv_server_new(const HvlvServerConfig *config, const HvlvProgram *program);

void hvlv_server_set_hooks(HvlvServer *server, const HvlvServerHooks *hooks);

/* Applies the keepalive settings of CONFIG to clients from now on. */
void hvlv_server_update_config(HvlvServer *server, const HvlvServerConfig *config);

/* Starts accepting on the listening socket FD (the server owns it now);
 * READONLY clients may only call procedures without HVLV_PROC_WRITE. */
gboolean hvlv_server_add_listener(HvlvServer *server, int fd, gboolean readonly, GError **error);

typedef struct HvlvDomains HvlvDomains;

/* Serves DOMAINS (not taken; it must outlive the server; NULL: none) to
 * the domain procedures, and sends its events to this server's clients. */
void hvlv_server_set_domains(HvlvServer *server, HvlvDomains *domains);

/* The registry the domain procedures use; NULL if none was set. */
HvlvDomains *hvlv_server_domains(HvlvServer *server);

/* Number of connected clients, and of calls being worked on. */
guint hvlv_server_n_clients(HvlvServer *server);
guint hvlv_server_n_calls(HvlvServer *server);

const HvlvServerConfig *hvlv_server_config(HvlvServer *server);

/* Stops listening, closes every client, waits for running calls. */
void hvlv_server_shutdown(HvlvServer *server);

/* Shuts down (if not done) and frees. NULL-safe. */
void hvlv_server_free(HvlvServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvServer, hvlv_server_free)
