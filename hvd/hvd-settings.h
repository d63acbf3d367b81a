/* hvd-settings: what hvd runs with. Defaults come from configure (system
 * mode) or the user's XDG directories (session mode, for non-root); the
 * config file (hvd.conf, a GLib key file) overrides them, and the command
 * line overrides both. */
#pragma once

#include <glib.h>

#include "hvd-log.h"
#include "hvlv-server.h"

typedef struct {
	gboolean session;       /* hv:///session, one socket under $XDG_RUNTIME_DIR/libvirt */
	char *config_file;
	gboolean config_required; /* named with --config: must exist */
	char *state_dir;
	char *run_dir;
	char *socket_dir;
	char *log_dir;
	guint timeout;          /* exit after this many idle seconds; 0: never */
	HvdLogLevel log_level;
	HvlvServerConfig server;
	char *emulator;         /* owns server.emulator; also the QEMU that runs guests */
	char *accel;            /* "kvm" or "tcg" forces the accelerator; NULL: kvm where usable */
} HvdSettings;

/* The defaults for system (root) or session mode. */
HvdSettings *hvd_settings_new(gboolean session);

void hvd_settings_free(HvdSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvdSettings, hvd_settings_free)

/* Reads the command line, then the config file it names (or the default
 * one, which may be absent), and applies the command line on top. Handles
 * --help and --version by printing and setting *EXIT_R to TRUE. */
HvdSettings *hvd_settings_from_args(int argc, char **argv, gboolean *exit_r, GError **error);

/* Applies the keys of the config file PATH over SETTINGS; a missing file
 * is an error only when REQUIRED. */
gboolean hvd_settings_load_file(HvdSettings *settings, const char *path, gboolean required,
                                GError **error);

/* The socket paths: read-write, and read-only (NULL in session mode). */
char *hvd_settings_rw_socket(const HvdSettings *settings);
char *hvd_settings_ro_socket(const HvdSettings *settings);
