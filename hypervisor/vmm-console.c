/* vmm-console: standard input for the guest console. */
#include "config.h"

#include "vmm-console.h"

#include <errno.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#define VMM_ESCAPE 0x01 /* Ctrl-A */

struct VmmConsoleIn {
	VmmConsoleSink sink;
	GSourceFunc quit;
	void *opaque;
	guint watch;
	gboolean is_tty;
	gboolean escaped;
	struct termios saved;
};

/* Ctrl-A x quits, Ctrl-A Ctrl-A sends one Ctrl-A; the rest passes. */
static gsize
vmm_console_filter(VmmConsoleIn *in, uint8_t *buf, gsize len, gboolean *quit)
{
	gsize out = 0;
	for (gsize i = 0; i < len; i++) {
		uint8_t c = buf[i];
		if (in->escaped) {
			in->escaped = FALSE;
			if (c == 'x')
				*quit = TRUE;
			else if (c == VMM_ESCAPE)
				buf[out++] = c;
		} else if (c == VMM_ESCAPE) {
			in->escaped = TRUE;
		} else {
			buf[out++] = c;
		}
	}
	return out;
}

static gboolean
vmm_console_on_input(G_GNUC_UNUSED int fd, G_GNUC_UNUSED GIOCondition cond, gpointer data)
{
	VmmConsoleIn *in = data;
	uint8_t buf[1024];
	ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return G_SOURCE_CONTINUE;
	if (r <= 0) { /* end of input: the guest keeps running */
		in->watch = 0;
		return G_SOURCE_REMOVE;
	}
	gboolean quit = FALSE;
	gsize n = in->is_tty ? vmm_console_filter(in, buf, (gsize)r, &quit) : (gsize)r;
	if (n)
		in->sink(in->opaque, buf, n);
	if (quit)
		in->quit(in->opaque);
	return G_SOURCE_CONTINUE;
}

VmmConsoleIn *
vmm_console_in_new(VmmConsoleSink sink, GSourceFunc quit, void *opaque)
{
	VmmConsoleIn *in = g_new0(VmmConsoleIn, 1);
	in->sink = sink;
	in->quit = quit;
	in->opaque = opaque;
	in->is_tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &in->saved) == 0;
	if (in->is_tty) {
		struct termios raw = in->saved;
		cfmakeraw(&raw);
		raw.c_oflag |= OPOST | ONLCR; /* keep our own messages readable */
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	in->watch = g_unix_fd_add(STDIN_FILENO, G_IO_IN | G_IO_HUP, vmm_console_on_input, in);
	return in;
}

void
vmm_console_in_free(VmmConsoleIn *in)
{
	if (!in)
		return;
	if (in->watch)
		g_source_remove(in->watch);
	if (in->is_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &in->saved);
	g_free(in);
}
