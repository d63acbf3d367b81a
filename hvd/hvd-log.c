/* hvd-log: a GLib log writer with a level filter. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hvd-log.h"

static gint hvd_log_level = HVD_LOG_INFO;

gboolean
hvd_log_level_parse(const char *text, HvdLogLevel *level_r)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		if (g_ascii_strcasecmp(text, names[i]) == 0) {
			*level_r = (HvdLogLevel)i;
			return TRUE;
		}
	}
	/* libvirtd's numbers: 1 debug, 2 info, 3 warning, 4 error */
	if (strlen(text) == 1 && text[0] >= '1' && text[0] <= '4') {
		*level_r = (HvdLogLevel)('4' - text[0]);
		return TRUE;
	}
	return FALSE;
}

static HvdLogLevel
hvd_log_level_of(GLogLevelFlags flags)
{
	if (flags & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
		return HVD_LOG_ERROR;
	if (flags & G_LOG_LEVEL_WARNING)
		return HVD_LOG_WARNING;
	if (flags & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO))
		return HVD_LOG_INFO;
	return HVD_LOG_DEBUG;
}

static const char *
hvd_log_field(const GLogField *fields, gsize n, const char *key)
{
	for (gsize i = 0; i < n; i++)
		if (strcmp(fields[i].key, key) == 0)
			return fields[i].length < 0 ? fields[i].value : NULL;
	return NULL;
}

static GLogWriterOutput
hvd_log_writer(GLogLevelFlags flags, const GLogField *fields, gsize n, G_GNUC_UNUSED gpointer data)
{
	HvdLogLevel level = hvd_log_level_of(flags);
	if ((gint)level > g_atomic_int_get(&hvd_log_level))
		return G_LOG_WRITER_HANDLED;
	if (g_log_writer_is_journald(fileno(stderr)) &&
	    g_log_writer_journald(flags, fields, n, NULL) == G_LOG_WRITER_HANDLED)
		return G_LOG_WRITER_HANDLED;
	static const char *const names[] = { "error", "warning", "info", "debug" };
	const char *message = hvd_log_field(fields, n, "MESSAGE");
	fprintf(stderr, "hvd[%d]: %s: %s\n", (int)getpid(), names[level], message ? message : "");
	return G_LOG_WRITER_HANDLED;
}

void
hvd_log_init(HvdLogLevel level)
{
	hvd_log_set_level(level);
	g_log_set_writer_func(hvd_log_writer, NULL, NULL);
}

void
hvd_log_set_level(HvdLogLevel level)
{
	g_atomic_int_set(&hvd_log_level, (gint)level);
}
