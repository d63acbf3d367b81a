/* hvlv-proc-domain-console: DOMAIN_OPEN_CONSOLE. The call's stream is
 * bridged to the engine's console socket: a thread copies what the guest
 * prints into the stream, and what the client sends is written to the
 * socket. Either side closing ends both. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-error.h"
#include "hvlv-proc.h"
#include "hvlv-stream.h"

/* virDomainConsoleFlags */
enum { CONSOLE_FORCE = 1 << 0, CONSOLE_SAFE = 1 << 1 };

typedef struct {
	gatomicrefcount ref;
	int fd;
	HvlvStream *stream;
} HvlvConsole;

static void
hvlv_console_unref(gpointer data)
{
	HvlvConsole *c = data;
	if (!g_atomic_ref_count_dec(&c->ref))
		return;
	close(c->fd);
	hvlv_stream_unref(c->stream);
	g_free(c);
}

/* Main loop: the client typed something. */
static void
hvlv_console_on_data(HvlvStream *stream, GBytes *data, gpointer user_data)
{
	(void)stream;
	HvlvConsole *c = user_data;
	gsize len;
	const guint8 *p = g_bytes_get_data(data, &len);
	while (len > 0) {
		ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			shutdown(c->fd, SHUT_RDWR);
			return;
		}
		p += n;
		len -= (gsize)n;
	}
}

/* Main loop: the client is gone; wake the reader so that it ends. */
static void
hvlv_console_on_close(HvlvStream *stream, gpointer user_data)
{
	(void)stream;
	shutdown(((HvlvConsole *)user_data)->fd, SHUT_RDWR);
}

/* Reader thread: the guest's output into the stream until either ends. */
static gpointer
hvlv_console_reader(gpointer data)
{
	HvlvConsole *c = data;
	char buf[4096];
	for (;;) {
		ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || !hvlv_stream_send(c->stream, buf, (gsize)n))
			break;
	}
	hvlv_stream_finish(c->stream);
	hvlv_console_unref(c);
	return NULL;
}

static int
hvlv_console_connect(const char *path, GError **error)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (strlen(path) >= sizeof(addr.sun_path) || fd < 0) {
		if (fd >= 0)
			close(fd);
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
		               _("cannot open console socket %s"), path);
		return -1;
	}
	strcpy(addr.sun_path, path);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int err = errno;
		close(fd);
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER,
		               _("cannot connect to the console %s: %s"), path, g_strerror(err));
		return -1;
	}
	return fd;
}

/* The domain's console: libvirt accepts no name (the first console) or the
 * alias of a serial port or console; hv's domains have one. */
static gboolean
hvlv_console_name_ok(const char *name, GError **error)
{
	if (!name || g_str_equal(name, "serial0") || g_str_equal(name, "console0"))
		return TRUE;
	hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
	               _("cannot find character device %s"), name);
	return FALSE;
}

gboolean
hvlv_proc_domain_open_console(HvlvCall *call, gpointer args, gpointer ret, GError **error)
{
	(void)ret;
	const hvlv_domain_open_console_args *a = args;
	if (!hvlv_check_flags(a->flags, CONSOLE_FORCE | CONSOLE_SAFE, call, error) ||
	    !hvlv_console_name_ok(a->dev_name ? *a->dev_name : NULL, error))
		return FALSE;
	g_autoptr(HvlvDomainObj) obj = hvlv_call_domain_obj(call, &a->dom, error);
	if (!obj)
		return FALSE;
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	if (info->id < 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("domain is not running"));
		return FALSE;
	}
	char uuid[37];
	hvlv_uuid_format(info->uuid, uuid);
	g_autofree char *path = hvlv_domains_engine_console(hvlv_call_domains(call, NULL), uuid, error);
	int fd = path ? hvlv_console_connect(path, error) : -1;
	if (fd < 0)
		return FALSE;
	HvlvConsole *c = g_new0(HvlvConsole, 1);
	g_atomic_ref_count_init(&c->ref);
	g_atomic_ref_count_inc(&c->ref); /* one for the stream, one for the reader */
	c->fd = fd;
	HvlvStreamHandlers handlers = { hvlv_console_on_data, hvlv_console_on_close,
	                                hvlv_console_on_close, hvlv_console_unref };
	c->stream = hvlv_stream_open(call, &handlers, c);
	g_thread_unref(g_thread_new("hvlv-console", hvlv_console_reader, c));
	return TRUE;
}
