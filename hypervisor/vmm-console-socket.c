/* vmm-console-socket: the guest console on a UNIX socket. */
#include "config.h"

#include "vmm-console-socket.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "vmm-error.h"
#include "vmm-socket.h"

struct VmmConsoleSocket {
	VmmConsoleSink sink;
	void *opaque;
	char *path;
	int listen_fd;
	int client_fd;
	int out_fd;        /* the real standard output */
	int pipe_fd;       /* read end of what standard output now is */
	guint listen_watch;
	guint client_watch;
	guint pipe_watch;
};

static void
vmm_console_socket_drop_client(VmmConsoleSocket *cs)
{
	if (cs->client_watch)
		g_source_remove(cs->client_watch);
	if (cs->client_fd >= 0)
		close(cs->client_fd);
	cs->client_watch = 0;
	cs->client_fd = -1;
}

static void
vmm_console_socket_write_all(int fd, const char *buf, gsize len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return;
		buf += w;
		len -= (gsize)w;
	}
}

static void
vmm_console_socket_pass_on(VmmConsoleSocket *cs, const char *buf, gsize len)
{
	vmm_console_socket_write_all(cs->out_fd, buf, len);
	if (cs->client_fd >= 0 && send(cs->client_fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
	    errno != EAGAIN && errno != EINTR)
		vmm_console_socket_drop_client(cs);
}

/* Everything goes to standard output; a client too slow to take it misses
 * output (as with QEMU's socket chardev when nobody reads), never the log. */
static gboolean
vmm_console_socket_on_output(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmConsoleSocket *cs = data;
	char buf[4096];
	ssize_t r = read(cs->pipe_fd, buf, sizeof buf);
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return G_SOURCE_CONTINUE;
	if (r <= 0) {
		cs->pipe_watch = 0;
		return G_SOURCE_REMOVE;
	}
	vmm_console_socket_pass_on(cs, buf, (gsize)r);
	return G_SOURCE_CONTINUE;
}

static gboolean
vmm_console_socket_on_input(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmConsoleSocket *cs = data;
	uint8_t buf[1024];
	ssize_t r = recv(cs->client_fd, buf, sizeof buf, 0);
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return G_SOURCE_CONTINUE;
	if (r <= 0) {
		cs->client_watch = 0; /* returning REMOVE takes this source away */
		vmm_console_socket_drop_client(cs);
		return G_SOURCE_REMOVE;
	}
	cs->sink(cs->opaque, buf, (gsize)r);
	return G_SOURCE_CONTINUE;
}

static gboolean
vmm_console_socket_on_connect(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmConsoleSocket *cs = data;
	int cfd = accept4(cs->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return G_SOURCE_CONTINUE;
	vmm_console_socket_drop_client(cs);
	cs->client_fd = cfd;
	cs->client_watch = g_unix_fd_add(cfd, G_IO_IN | G_IO_HUP | G_IO_ERR,
	                                 vmm_console_socket_on_input, cs);
	return G_SOURCE_CONTINUE;
}

/* Standard output becomes a pipe the main loop empties; the devices keep
 * writing to file descriptor 1 from their threads. */
static gboolean
vmm_console_socket_divert_stdout(VmmConsoleSocket *cs, GError **error)
{
	int p[2];
	cs->out_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (cs->out_fd < 0 || pipe2(p, O_CLOEXEC) < 0) {
		vmm_set_errno(error, errno, _("cannot set up the console output"));
		return FALSE;
	}
	cs->pipe_fd = p[0];
	g_unix_set_fd_nonblocking(p[0], TRUE, NULL);
	/* Between the loop's last turn and the vCPU threads' end a guest may
	 * still print; a roomy pipe keeps its writes from blocking them then
	 * (best effort: the default 64 KiB stays if the kernel refuses). */
	(void)fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
	int ok = dup2(p[1], STDOUT_FILENO);
	close(p[1]);
	if (ok < 0) {
		vmm_set_errno(error, errno, _("cannot set up the console output"));
		return FALSE;
	}
	cs->pipe_watch = g_unix_fd_add(cs->pipe_fd, G_IO_IN | G_IO_HUP, vmm_console_socket_on_output, cs);
	return TRUE;
}

VmmConsoleSocket *
vmm_console_socket_new(const char *path, VmmConsoleSink sink, void *opaque, GError **error)
{
	g_autoptr(VmmConsoleSocket) cs = g_new0(VmmConsoleSocket, 1);
	cs->sink = sink;
	cs->opaque = opaque;
	cs->client_fd = cs->out_fd = cs->pipe_fd = -1;
	cs->listen_fd = vmm_socket_listen(path, "console", error);
	if (cs->listen_fd < 0)
		return NULL;
	cs->path = g_strdup(path);
	cs->listen_watch = g_unix_fd_add(cs->listen_fd, G_IO_IN, vmm_console_socket_on_connect, cs);
	if (!vmm_console_socket_divert_stdout(cs, error))
		return NULL;
	return g_steal_pointer(&cs);
}

void
vmm_console_socket_free(VmmConsoleSocket *cs)
{
	if (!cs)
		return;
	vmm_console_socket_drop_client(cs);
	if (cs->pipe_watch)
		g_source_remove(cs->pipe_watch);
	if (cs->out_fd >= 0) {
		/* the vCPU threads are gone: pass on the rest, then restore stdout */
		char buf[4096];
		ssize_t r;
		while (cs->pipe_fd >= 0 && ((r = read(cs->pipe_fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR)))
			if (r > 0)
				vmm_console_socket_write_all(cs->out_fd, buf, (gsize)r);
		dup2(cs->out_fd, STDOUT_FILENO);
		close(cs->out_fd);
	}
	if (cs->pipe_fd >= 0)
		close(cs->pipe_fd);
	if (cs->listen_watch)
		g_source_remove(cs->listen_watch);
	if (cs->listen_fd >= 0)
		close(cs->listen_fd);
	if (cs->path)
		unlink(cs->path);
	g_free(cs->path);
	g_free(cs);
}
