/* hvt-server: an RPC server in a thread of the test process, on sockets in
 * a temporary directory, so tests can talk to it and reach inside it. */
#pragma once

#include <glib.h>

#include "hvlv-server.h"

typedef struct HvtServer HvtServer;

/* Starts a server answering PROGRAM with CONFIG on DIR/rw.sock and
 * DIR/ro.sock (read-only). */
HvtServer *hvt_server_start(const HvlvServerConfig *config, const HvlvProgram *program);

/* Stops the server and removes its directory. NULL-safe. */
void hvt_server_stop(HvtServer *ts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvtServer, hvt_server_stop)

const char *hvt_server_rw_path(HvtServer *ts);
const char *hvt_server_ro_path(HvtServer *ts);
HvlvServer *hvt_server_get(HvtServer *ts);

/* Runs FUNC(DATA) on the server's thread and waits for it. */
void hvt_server_sync(HvtServer *ts, GSourceFunc func, gpointer data);

/* The reasons clients were dropped for so far, joined by newlines. */
char *hvt_server_closed_reasons(HvtServer *ts);

/* Number of event registrations for EVENT_ID, read on the server thread. */
guint hvt_server_event_count(HvtServer *ts, gint event_id);
