/* hvlv-private: the server's internals, shared by the files of
 * libvirt-driver/ that implement it; nothing outside includes this. */
#pragma once

#include <glib.h>

#include "hvlv-domains.h"
#include "hvlv-keepalive.h"
#include "hvlv-message.h"
#include "hvlv-server.h"
#include "hvlv-stream.h"

struct HvlvServer {
	HvlvServerConfig config;
	const HvlvProgram *program;
	GMainContext *context;
	GThreadPool *workers;
	GThreadPool *prio_workers;
	gint calls_in_workers;  /* queued or running in either pool (atomic) */
	GPtrArray *listeners;   /* HvlvListener */
	GHashTable *clients;    /* HvlvClient -> itself */
	GHashTable *events;     /* callback ID -> HvlvEventReg */
	gint next_callback_id;
	guint64 next_client_id;
	guint n_calls;
	gboolean shut_down;
	HvlvServerHooks hooks;
	GMutex version_lock;    /* guards the cached hypervisor version */
	guint64 hypervisor_version;
	gboolean hypervisor_version_known;
	HvlvDomains *domains;   /* the driver's domain registry; NULL in protocol tests */
};

struct HvlvClient {
	gatomicrefcount ref;
	HvlvServer *server;
	guint64 id;
	int fd;
	gboolean readonly;
	gboolean closed;
	gboolean close_after_flush;
	gint64 pid, uid;
	char *uri;              /* set by CONNECT_OPEN; read by workers after it */
	gboolean close_callback;
	GSource *in_source;
	GSource *out_source;
	guint8 len_buf[HVLV_MESSAGE_LEN_SIZE];
	gsize len_have;
	guint8 *msg;            /* the message being read, after its length word */
	gsize msg_len, msg_have;
	GQueue out;             /* GBytes still to write */
	gsize out_offset;       /* written bytes of the head of OUT */
	gsize out_bytes;
	guint in_flight;
	guint input_holds;      /* streams whose consumer is full: reading waits */
	GHashTable *streams;    /* serial -> HvlvStream */
	HvlvKeepalive keepalive;
	GSource *keepalive_source;
};

struct HvlvCall {
	HvlvClient *client;
	const HvlvProcedure *proc;
	hvlv_header hdr;
	gpointer args;
	gpointer ret;
	GError *error;
	GBytes *reply;          /* encoded by the worker */
	HvlvStream *stream;     /* opened by the handler, started with the reply */
};

/* hvlv-client.c */
HvlvClient *hvlv__client_new(HvlvServer *server, int fd, gboolean readonly);
HvlvClient *hvlv__client_ref(HvlvClient *client);
void hvlv__client_unref(HvlvClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvClient, hvlv__client_unref)
/* Queues BYTES (taken) for the client; main loop only. */
void hvlv__client_send(HvlvClient *client, GBytes *bytes);
/* Closes the client; REASON NULL for an orderly close. Main loop only. */
void hvlv__client_close(HvlvClient *client, const GError *reason);
/* Stops or resumes reading as the number of calls in flight allows. */
void hvlv__client_update_reading(HvlvClient *client);
/* Answers a keepalive program message (PING gets PONG). */
void hvlv__client_keepalive_message(HvlvClient *client, const hvlv_header *hdr);
/* Turns keepalive on for the client (feature 10 asked). */
void hvlv__client_start_keepalive(HvlvClient *client);
/* Runs FUNC(DATA) on the server's main loop, later (never inline). */
void hvlv__server_invoke(HvlvServer *server, GSourceFunc func, gpointer data, GDestroyNotify free);
/* Hands CALL to the worker pool its row asks for. */
void hvlv__server_queue_call(HvlvServer *server, HvlvCall *call);

/* hvlv-dispatch.c */
/* Handles one complete message MSG of LEN bytes (after its length word). */
void hvlv__dispatch_message(HvlvClient *client, const guint8 *msg, gsize len);
/* Runs CALL's handler (on a worker) and hands the result to the loop. */
void hvlv__dispatch_run(HvlvCall *call);

/* hvlv-stream.c */
/* Handles a STREAM message from the client. */
void hvlv__stream_incoming(HvlvClient *client, const hvlv_header *hdr, const guint8 *data,
                           gsize len);
/* The call's reply went out: STREAM starts sending (or is dropped on error). */
void hvlv__stream_start(HvlvStream *stream, gboolean reply_ok);
/* The client is gone: every stream is aborted. */
void hvlv__stream_client_closed(HvlvClient *client);

/* hvlv-events.c */
/* Registers CLIENT for EVENT_ID (UUID NULL: every domain); the callback ID. */
gint hvlv__events_register(HvlvClient *client, gint event_id, const guint8 *uuid);
/* Removes CLIENT's registration CALLBACK_ID; FALSE if it has none. */
gboolean hvlv__events_deregister(HvlvClient *client, gint callback_id);
/* Removes every event registration of CLIENT. */
void hvlv__events_client_closed(HvlvClient *client);
