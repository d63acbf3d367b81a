/* vmm-socket: listening UNIX sockets (QMP, the console). */
#pragma once

#include <glib.h>

/* A non-blocking listening socket at PATH, replacing a stale socket file a
 * dead process left; -1 with ERROR when PATH is live, no socket or too
 * long. WHAT names the socket in messages ("QMP", "console"). */
int vmm_socket_listen(const char *path, const char *what, GError **error);
