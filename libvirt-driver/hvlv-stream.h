/* hvlv-stream: data streams tied to a call (DOMAIN_OPEN_CONSOLE, volume
 * upload/download). A handler opens the stream; data flows once the call's
 * reply has gone out, as STREAM messages on the call's serial: CONTINUE
 * with raw bytes (empty: the server's end of data), OK to confirm the
 * client's finish, ERROR to abort. Sending functions may be
 * called from any thread; the handlers run on the main loop and must not
 * block. */
#pragma once

#include <glib.h>

#include "hvlv-program.h"

typedef struct HvlvStream HvlvStream;

typedef struct {
	/* The client sent DATA (never empty). */
	void (*data)(HvlvStream *stream, GBytes *data, gpointer user_data);
	/* The client finished its side (the server has answered OK). */
	void (*finish)(HvlvStream *stream, gpointer user_data);
	/* The client aborted, disconnected, or the call failed; nothing more
	 * will be delivered and sending is ignored from now on. */
	void (*abort)(HvlvStream *stream, gpointer user_data);
	/* USER_DATA is no longer used. */
	GDestroyNotify free_user_data;
} HvlvStreamHandlers;

/* Opens a stream on CALL (inside its handler). The stream lives until it
 * is finished or aborted by either side and the caller's reference is
 * dropped with hvlv_stream_unref(); the returned reference is the caller's. */
HvlvStream *hvlv_stream_open(HvlvCall *call, const HvlvStreamHandlers *handlers,
                             gpointer user_data);

/* Sends LEN bytes (split into chunks clients accept); FALSE once the
 * stream is closed. Thread-safe. */
gboolean hvlv_stream_send(HvlvStream *stream, const void *data, gsize len);

/* Ends the server's data with an empty CONTINUE packet (EOF, as libvirtd);
 * the client then finishes or aborts. Thread-safe. */
void hvlv_stream_finish(HvlvStream *stream);

/* Ends the stream with STREAM ERROR carrying ERROR. Thread-safe. */
void hvlv_stream_abort(HvlvStream *stream, const GError *error);

/* Back-pressure (main loop only): while held, nothing more is read from
 * the stream's client (its calls wait too, as with libvirtd's request
 * limit), so a consumer that cannot take more data is not flooded.
 * Released when the stream ends. */
void hvlv_stream_hold_input(HvlvStream *stream, gboolean hold);

/* The main loop's context, where the handlers run. */
GMainContext *hvlv_stream_get_context(HvlvStream *stream);

/* FALSE once the stream was finished or aborted by either side. */
gboolean hvlv_stream_is_open(HvlvStream *stream);

HvlvStream *hvlv_stream_ref(HvlvStream *stream);
void hvlv_stream_unref(HvlvStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvStream, hvlv_stream_unref)
