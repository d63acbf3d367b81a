/* hvd-log: where hvd's messages go (the journal when stderr is connected
 * to it, stderr otherwise) and which levels pass. */
#pragma once

#include <glib.h>

typedef enum {
	HVD_LOG_ERROR,
	HVD_LOG_WARNING,
	HVD_LOG_INFO,
	HVD_LOG_DEBUG,
} HvdLogLevel;

/* Parses "error", "warning", "info" or "debug" (or 1..4 as in libvirtd's
 * log_level, 1 being debug). */
gboolean hvd_log_level_parse(const char *text, HvdLogLevel *level_r);

/* Installs hvd's log writer for every GLib log domain. */
void hvd_log_init(HvdLogLevel level);

/* Changes the level of an installed writer (SIGHUP reload). */
void hvd_log_set_level(HvdLogLevel level);
