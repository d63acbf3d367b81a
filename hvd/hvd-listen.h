/* hvd-listen: the listening sockets, from systemd (socket activation) or
 * bound by hvd itself when started by hand. */
#pragma once

#include <sys/types.h>

#include <glib.h>

typedef struct {
	int fd;
	gboolean readonly;
	char *path;             /* NULL when systemd passed it and it has no path */
	gboolean activated;     /* passed by systemd: not ours to unlink */
} HvdSocket;

void hvd_socket_free(HvdSocket *sock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvdSocket, hvd_socket_free)

/* The UNIX stream sockets systemd passed (sd_listen_fds_with_names); an
 * empty array when there are none. A socket is read-only when its name is
 * "ro" or "hvd-ro.socket" or its path ends in "-ro". */
GPtrArray *hvd_listen_activated(GError **error);

/* Binds and listens on PATH with permissions MODE, creating its directory;
 * a stale socket file is replaced, a live one (another hvd) is an error. */
HvdSocket *hvd_listen_bind(const char *path, mode_t mode, gboolean readonly, GError **error);
