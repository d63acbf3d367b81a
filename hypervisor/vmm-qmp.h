/* vmm-qmp: a QMP server speaking QEMU's wire protocol: the greeting,
 * capabilities negotiation, {"execute", "arguments", "id"} commands
 * answered with {"return"} or {"error": {"class", "desc"}}, and events with
 * timestamps, all as JSON objects ended by CRLF. The commands come from a
 * table, so a QMP client cannot tell hv-vmm's dialect from QEMU's for the
 * commands both have. */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_object, json_object_put)

/* A command: returns its "return" value (a new reference), or NULL with
 * ERROR set; ERROR's message becomes the "desc", VMM_QMP_ERROR codes pick
 * the "class". ARGS is the "arguments" object (never NULL). */
typedef json_object *(*VmmQmpHandler)(void *opaque, json_object *args, GError **error);

typedef struct {
	const char *name;
	VmmQmpHandler handler;
	gboolean takes_arguments; /* FALSE: any argument is refused */
} VmmQmpCommand;

#define VMM_QMP_ERROR (vmm_qmp_error_quark())
typedef enum {
	VMM_QMP_ERROR_GENERIC,            /* "GenericError" */
	VMM_QMP_ERROR_COMMAND_NOT_FOUND,  /* "CommandNotFound" */
} VmmQmpErrorCode;

/* The error domain of QMP command failures. */
GQuark vmm_qmp_error_quark(void);

typedef struct VmmQmpServer VmmQmpServer;
typedef struct VmmQmpSession VmmQmpSession;

/* A server for the N_COMMANDS in COMMANDS (called with OPAQUE); VERSION is
 * the "version" object of the greeting (taken). */
VmmQmpServer *vmm_qmp_server_new(const VmmQmpCommand *commands, guint n_commands, void *opaque,
                                 json_object *version);

/* Listens on UNIX socket PATH (replacing a stale socket) in the thread-default
 * main context. */
gboolean vmm_qmp_server_listen(VmmQmpServer *server, const char *path, GError **error);

/* Sends event NAME with DATA (taken; NULL for none) to every client that
 * has finished negotiation. */
void vmm_qmp_server_emit(VmmQmpServer *server, const char *name, json_object *data);

/* Writes out whatever clients have not received yet (before exiting). */
void vmm_qmp_server_flush(VmmQmpServer *server);

/* Closes all clients and the socket, removing its file. NULL-safe. */
void vmm_qmp_server_free(VmmQmpServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmQmpServer, vmm_qmp_server_free)

/* The names of the server's commands, as query-commands returns them. */
json_object *vmm_qmp_server_command_list(VmmQmpServer *server);

/* A session without a socket (tests, fuzzing): it gets the greeting on
 * creation; feed it bytes and read what it answers. */
VmmQmpSession *vmm_qmp_session_new(VmmQmpServer *server);

/* Processes LEN bytes of client input. */
void vmm_qmp_session_input(VmmQmpSession *s, const char *data, gsize len);

/* Takes what the session has written so far (to free with g_free). */
char *vmm_qmp_session_take_output(VmmQmpSession *s);

/* Ends a session. NULL-safe. */
void vmm_qmp_session_free(VmmQmpSession *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmQmpSession, vmm_qmp_session_free)
