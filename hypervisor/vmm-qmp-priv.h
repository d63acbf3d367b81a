/* vmm-qmp-priv: what the QMP protocol (vmm-qmp-session.c) and the socket
 * server (vmm-qmp-server.c) share. */
#pragma once

#include "vmm-qmp.h"

struct VmmQmpServer {
	const VmmQmpCommand *commands;
	guint n_commands;
	void *opaque;
	json_object *version;
	char *path;
	int listen_fd;
	guint listen_watch;
	GPtrArray *sessions; /* VmmQmpSession, with a socket or not */
};

struct VmmQmpSession {
	VmmQmpServer *server;
	json_tokener *tok;
	gsize pending; /* bytes of the object being received */
	gboolean negotiated;
	GString *out;  /* written by the protocol, not yet sent */
	int fd;        /* -1 for sessions without a socket */
	guint in_watch;
	guint out_watch;
};

/* Queues OBJ (taken) as one message to S. */
void vmm_qmp_session_send(VmmQmpSession *s, json_object *obj);

/* Called after the protocol queued output, to send it (socket sessions). */
void vmm_qmp_session_kick(VmmQmpSession *s);

/* Initializes the protocol state of S and queues the greeting. */
void vmm_qmp_session_start(VmmQmpSession *s, VmmQmpServer *server, int fd);

/* Releases the protocol state of S. */
void vmm_qmp_session_clear(VmmQmpSession *s);
