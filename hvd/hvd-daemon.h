/* hvd-daemon: the daemon's life: directories, pid file, sockets, the RPC
 * server, signals through the main loop, sd_notify, the watchdog and the
 * idle timeout. */
#pragma once

#include <glib.h>

#include "hvd-settings.h"

typedef struct HvdDaemon HvdDaemon;

/* TRUE while something keeps the daemon from exiting when idle; the
 * domain code installs "a domain is running" here. */
typedef gboolean (*HvdBusyFunc)(gpointer data);

/* Prepares directories, the pid file and the sockets; takes SETTINGS. */
HvdDaemon *hvd_daemon_new(HvdSettings *settings, GError **error);

/* Installs the check the idle timeout asks before exiting. */
void hvd_daemon_set_busy_func(HvdDaemon *daemon, HvdBusyFunc func, gpointer data);

/* Serves until SIGTERM/SIGINT or the idle timeout; returns the exit code. */
int hvd_daemon_run(HvdDaemon *daemon);

void hvd_daemon_free(HvdDaemon *daemon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvdDaemon, hvd_daemon_free)

/* The whole program: options, logging, run. What main() calls. */
int hvd_main(int argc, char **argv);
