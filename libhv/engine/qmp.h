/* The QMP client libhv uses for both engines (QEMU and hv-vmm speak the
 * same dialect): non-blocking on a GMainContext, commands answered
 * asynchronously and matched by id, events and end of connection handed to
 * callbacks. Internal to libhv (prefix hv__). */
#pragma once

#include <glib.h>
#include <json-c/json.h>

typedef struct HvQmp HvQmp;

/* An asynchronous QMP event: NAME ("SHUTDOWN", ...) and its "data" member
 * (may be NULL), valid during the call. */
typedef void (*HvQmpEventFunc)(HvQmp *qmp, const char *name, json_object *data, gpointer user_data);

/* The connection is ready (greeting seen, capabilities negotiated), or
 * failed/closed: ERROR is NULL for ready, set otherwise. Closing is final. */
typedef void (*HvQmpStatusFunc)(HvQmp *qmp, const GError *error, gpointer user_data);

/* A command's outcome: its "return" value (may be NULL) or ERROR (a QMP
 * error, or the connection closed before the answer). */
typedef void (*HvQmpReplyFunc)(HvQmp *qmp, json_object *ret, const GError *error, gpointer user_data);

/* A client on CONTEXT (NULL: the global default). STATUS is called once
 * when ready and once when closed; EVENT for each event. */
HvQmp *hv__qmp_new(GMainContext *context, HvQmpStatusFunc status, HvQmpEventFunc event,
                   gpointer user_data);

/* Frees the client, closing the connection; pending commands are dropped
 * without their callbacks being called. NULL is fine. */
void hv__qmp_free(HvQmp *qmp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvQmp, hv__qmp_free)

/* Connects to the UNIX socket PATH. FALSE (without side effects) when the
 * socket is not there or nobody listens yet, so a caller can try again. */
gboolean hv__qmp_connect(HvQmp *qmp, const char *path, GError **error);

/* Uses the connected socket FD (taken over) instead of connecting. */
void hv__qmp_attach_fd(HvQmp *qmp, int fd);

/* Sends COMMAND with ARGS (taken over; may be NULL). Commands given before
 * the connection is ready are sent once it is. REPLY may be NULL. */
void hv__qmp_command(HvQmp *qmp, const char *command, json_object *args, HvQmpReplyFunc reply,
                     gpointer user_data);

/* Closes the connection as if the server had: pending commands fail and
 * the status callback hears of it. Nothing happens when already closed. */
void hv__qmp_close(HvQmp *qmp);

/* Whether the handshake completed and the connection is still open. */
gboolean hv__qmp_is_ready(HvQmp *qmp);

/* Hands received bytes to the parser: what the socket reader does, public
 * for the unit tests and the fuzz target. */
void hv__qmp_feed(HvQmp *qmp, const char *data, gsize len);

/* Longest message accepted; a longer line closes the connection. */
#define HV__QMP_MAX_LINE (16u * 1024u * 1024u)
