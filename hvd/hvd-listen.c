/* hvd-listen: socket activation and the fallback that binds by hand. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <systemd/sd-daemon.h>

#include "hvd-listen.h"

void
hvd_socket_free(HvdSocket *sock)
{
	if (!sock)
		return;
	if (sock->fd >= 0)
		close(sock->fd);
	g_free(sock->path);
	g_free(sock);
}

static char *
hvd_listen_path_of(int fd)
{
	struct sockaddr_un addr;
	socklen_t len = sizeof(addr);
	memset(&addr, 0, sizeof(addr));
	if (getsockname(fd, (struct sockaddr *)&addr, &len) < 0 || addr.sun_family != AF_UNIX ||
	    addr.sun_path[0] == '\0')
		return NULL;
	return g_strndup(addr.sun_path, sizeof(addr.sun_path));
}

GPtrArray *
hvd_listen_activated(GError **error)
{
	GPtrArray *socks = g_ptr_array_new_with_free_func((GDestroyNotify)hvd_socket_free);
	char **names = NULL;
	int n = sd_listen_fds_with_names(TRUE, &names);
	if (n < 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(-n),
		            _("Cannot read the sockets passed by systemd: %s"), g_strerror(-n));
		g_ptr_array_unref(socks);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		HvdSocket *sock = g_new0(HvdSocket, 1);
		sock->fd = SD_LISTEN_FDS_START + i;
		sock->activated = TRUE;
		sock->path = hvd_listen_path_of(sock->fd);
		const char *name = names ? names[i] : "";
		sock->readonly = g_str_equal(name, "ro") || g_str_equal(name, "hvd-ro.socket") ||
		                 (sock->path && g_str_has_suffix(sock->path, "-ro"));
		g_ptr_array_add(socks, sock);
		if (sd_is_socket_unix(sock->fd, SOCK_STREAM, 1, NULL, 0) <= 0) {
			g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			            _("Socket %d passed by systemd (%s) is not a listening UNIX stream socket"),
			            sock->fd, name);
			g_ptr_array_unref(socks);
			socks = NULL;
			break;
		}
	}
	g_strfreev(names);
	return socks;
}

/* TRUE if a server answers on PATH. */
static gboolean
hvd_listen_in_use(const struct sockaddr_un *addr)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	gboolean live = fd >= 0 && connect(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0;
	if (fd >= 0)
		close(fd);
	return live;
}

static gboolean
hvd_listen_fail(GError **error, const char *what, const char *path, int err)
{
	g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), "%s %s: %s", what, path,
	            g_strerror(err));
	return FALSE;
}

static gboolean
hvd_listen_bind_fd(int fd, const char *path, mode_t mode, GError **error)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(addr.sun_path))
		return hvd_listen_fail(error, _("Socket path too long:"), path, ENAMETOOLONG);
	g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
	if (hvd_listen_in_use(&addr))
		return hvd_listen_fail(error, _("Another daemon already listens on"), path, EADDRINUSE);
	unlink(path); /* a stale socket from a daemon that was killed */
	mode_t old = umask(0077); /* never briefly more open than MODE */
	int r = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
	umask(old);
	if (r < 0)
		return hvd_listen_fail(error, _("Cannot bind"), path, errno);
	if (chmod(path, mode) < 0 || listen(fd, 128) < 0)
		return hvd_listen_fail(error, _("Cannot set up"), path, errno);
	return TRUE;
}

HvdSocket *
hvd_listen_bind(const char *path, mode_t mode, gboolean readonly, GError **error)
{
	g_autofree char *dir = g_path_get_dirname(path);
	if (g_mkdir_with_parents(dir, 0755) < 0) {
		hvd_listen_fail(error, _("Cannot create directory"), dir, errno);
		return NULL;
	}
	g_autoptr(HvdSocket) sock = g_new0(HvdSocket, 1);
	sock->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	sock->readonly = readonly;
	if (sock->fd < 0) {
		hvd_listen_fail(error, _("Cannot create a socket for"), path, errno);
		return NULL;
	}
	if (!hvd_listen_bind_fd(sock->fd, path, mode, error))
		return NULL;
	sock->path = g_strdup(path);
	return g_steal_pointer(&sock);
}
