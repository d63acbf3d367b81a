/* vmm-socket: listening UNIX sockets. */
#include "config.h"

#include "vmm-socket.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "vmm-error.h"

/* A socket file left by a process that is gone may be replaced; a live one not. */
static gboolean
vmm_socket_clear_stale(const char *path, const char *what, const struct sockaddr_un *addr,
                       GError **error)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return TRUE;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	gboolean live = fd >= 0 && S_ISSOCK(st.st_mode) &&
	                connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0;
	if (fd >= 0)
		close(fd);
	if (live || !S_ISSOCK(st.st_mode)) {
		if (live)
			g_set_error(error, VMM_ERROR, VMM_ERROR_BUSY,
			            _("%s socket %s is in use by another process"), what, path);
		else
			g_set_error(error, VMM_ERROR, VMM_ERROR_BUSY, _("%s exists and is not a socket"), path);
		return FALSE;
	}
	unlink(path);
	return TRUE;
}

int
vmm_socket_listen(const char *path, const char *what, GError **error)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof addr.sun_path) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, _("%s socket path %s is too long"), what,
		            path);
		return -1;
	}
	g_strlcpy(addr.sun_path, path, sizeof addr.sun_path);
	if (!vmm_socket_clear_stale(path, what, &addr, error))
		return -1;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 8) < 0) {
		vmm_set_errno(error, errno, _("cannot listen on %s"), path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}
