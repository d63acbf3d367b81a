/* hvlv-proc-domain-console: DOMAIN_OPEN_CONSOLE. The call's stream is
 * bridged to the engine's console socket: a thread copies what the guest
 * prints into the stream; what the client sends is queued and written to
 * the socket without blocking from the main loop, and a full queue stops
 * reading the client (back-pressure), so an engine that stops reading its
 * console cannot stall hvd. Either side closing ends both. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "hvlv-domains.h"
#include "hvlv-error.h"
#include "hvlv-proc.h"
#include "hvlv-stream.h"

/* virDomainConsoleFlags */
enum { CONSOLE_FORCE = 1 << 0, CONSOLE_SAFE = 1 << 1 };

/* Bytes from the client waiting for the engine: reading the client stops
 * at the high mark and goes on below the low one. */
#define HVLV_CONSOLE_QUEUE_HIGH ((gsize)256 * 1024)
#define HVLV_CONSOLE_QUEUE_LOW ((gsize)64 * 1024)

typedef struct {
	gatomicrefcount ref;
	int fd;
	HvlvStream *stream;
	GQueue out;             /* main loop: GBytes for the engine */
	gsize out_offset;       /* main loop: bytes of the head already written */
	gsize out_bytes;        /* main loop: queued bytes not yet written */
	GSource *out_source;    /* main loop: waits for the socket to take more */
	gboolean finishing;     /* main loop: the client finished; end once written */
} HvlvConsole;

static HvlvConsole *
hvlv_console_ref(HvlvConsole *c)
{
	g_atomic_ref_count_inc(&c->ref);
	return c;
}

static void
hvlv_console_unref(gpointer data)
{
	HvlvConsole *c = data;
	if (!g_atomic_ref_count_dec(&c->ref))
		return;
	g_queue_clear_full(&c->out, (GDestroyNotify)g_bytes_unref);
	close(c->fd);
	hvlv_stream_unref(c->stream);
	g_free(c);
}

/* Main loop: no more writing (the engine's side failed or the client is
 * gone); the queue is dropped and the client is not held any more. */
static void
hvlv_console_stop_writing(HvlvConsole *c)
{
	if (c->out_source) {
		g_source_destroy(c->out_source);
		g_source_unref(g_steal_pointer(&c->out_source));
	}
	g_queue_clear_full(&c->out, (GDestroyNotify)g_bytes_unref);
	c->out_bytes = c->out_offset = 0;
	hvlv_stream_hold_input(c->stream, FALSE);
}

/* Main loop: writes what the socket takes now; FALSE when it failed. */
static gboolean
hvlv_console_flush(HvlvConsole *c)
{
	GBytes *head;
	while ((head = g_queue_peek_head(&c->out)) != NULL) {
		gsize len;
		const guint8 *p = g_bytes_get_data(head, &len);
		ssize_t n = send(c->fd, p + c->out_offset, len - c->out_offset,
		                 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return TRUE;
		if (n <= 0)
			return FALSE;
		c->out_offset += (gsize)n;
		c->out_bytes -= (gsize)n;
		if (c->out_offset == len) {
			g_bytes_unref(g_queue_pop_head(&c->out));
			c->out_offset = 0;
		}
	}
	return TRUE;
}

static gboolean hvlv_console_writable(gint fd, GIOCondition cond, gpointer data);

/* Main loop: writes, then waits for the socket (or not) and holds or
 * releases the client by the queue's size. */
static void
hvlv_console_pump(HvlvConsole *c)
{
	if (!hvlv_console_flush(c)) {
		hvlv_console_stop_writing(c);
		shutdown(c->fd, SHUT_RDWR); /* the reader ends the stream */
		return;
	}
	if (c->out_bytes > 0 && !c->out_source) {
		c->out_source = g_unix_fd_source_new(c->fd, G_IO_OUT);
		g_source_set_callback(c->out_source, G_SOURCE_FUNC(hvlv_console_writable),
		                      hvlv_console_ref(c), hvlv_console_unref);
		g_source_attach(c->out_source, hvlv_stream_get_context(c->stream));
	} else if (c->out_bytes == 0 && c->out_source) {
		g_source_destroy(c->out_source);
		g_source_unref(g_steal_pointer(&c->out_source));
	}
	if (c->finishing && c->out_bytes == 0)
		shutdown(c->fd, SHUT_RDWR);
	if (c->out_bytes >= HVLV_CONSOLE_QUEUE_HIGH)
		hvlv_stream_hold_input(c->stream, TRUE);
	else if (c->out_bytes < HVLV_CONSOLE_QUEUE_LOW)
		hvlv_stream_hold_input(c->stream, FALSE);
}

static gboolean
hvlv_console_writable(G_GNUC_UNUSED gint fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	hvlv_console_pump(data);
	return G_SOURCE_CONTINUE; /* pump removes the source when the queue is empty */
}

/* Main loop: the client typed (or pasted) something. */
static void
hvlv_console_on_data(HvlvStream *stream, GBytes *data, gpointer user_data)
{
	(void)stream;
	HvlvConsole *c = user_data;
	c->out_bytes += g_bytes_get_size(data);
	g_queue_push_tail(&c->out, g_bytes_ref(data));
	hvlv_console_pump(c);
}

/* Main loop: the client finished its side: what it sent is still written,
 * then the socket is shut down, which ends the reader. */
static void
hvlv_console_on_finish(HvlvStream *stream, gpointer user_data)
{
	(void)stream;
	HvlvConsole *c = user_data;
	c->finishing = TRUE;
	hvlv_console_pump(c);
}

/* Main loop: the client aborted or is gone; wake the reader so that it ends. */
static void
hvlv_console_on_abort(HvlvStream *stream, gpointer user_data)
{
	(void)stream;
	HvlvConsole *c = user_data;
	hvlv_console_stop_writing(c);
	shutdown(c->fd, SHUT_RDWR);
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
	g_queue_init(&c->out);
	HvlvStreamHandlers handlers = { hvlv_console_on_data, hvlv_console_on_finish,
	                                hvlv_console_on_abort, hvlv_console_unref };
	c->stream = hvlv_stream_open(call, &handlers, c);
	g_thread_unref(g_thread_new("hvlv-console", hvlv_console_reader, c));
	return TRUE;
}
