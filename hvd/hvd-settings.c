/* hvd-settings: defaults, hvd.conf and the command line. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hvd-settings.h"

#define HVD_SOCKET_NAME "virthvd-sock"

static void
hvd_settings_set(char **field, const char *value)
{
	g_free(*field);
	*field = g_strdup(value);
}

HvdSettings *
hvd_settings_new(gboolean session)
{
	HvdSettings *s = g_new0(HvdSettings, 1);
	HvlvServerConfig server = HVLV_SERVER_CONFIG_DEFAULT;
	s->session = session;
	s->log_level = HVD_LOG_INFO;
	s->server = server;
	s->emulator = g_strdup(server.emulator);
	s->server.emulator = s->emulator;
	s->server.session = session;
	if (!session) {
		s->config_file = g_build_filename(HV_CONF_DIR, "hvd.conf", NULL);
		s->state_dir = g_strdup(HV_STATE_DIR);
		s->run_dir = g_strdup(HV_RUN_DIR);
		s->socket_dir = g_strdup(HV_SOCKET_DIR);
		s->log_dir = g_strdup(HV_LOG_DIR);
		return s;
	}
	/* libvirt's clients look for session sockets in $XDG_RUNTIME_DIR/libvirt,
	 * or ~/.cache/libvirt without it; GLib falls back the same way. */
	const char *runtime = g_get_user_runtime_dir();
	s->config_file = g_build_filename(g_get_user_config_dir(), "hv", "hvd.conf", NULL);
	s->state_dir = g_build_filename(g_get_user_data_dir(), "hv", NULL);
	s->run_dir = g_build_filename(runtime, "hv", NULL);
	s->socket_dir = g_build_filename(runtime, "libvirt", NULL);
	s->log_dir = g_build_filename(g_get_user_data_dir(), "hv", "log", NULL);
	return s;
}

void
hvd_settings_free(HvdSettings *s)
{
	if (!s)
		return;
	g_free(s->config_file);
	g_free(s->state_dir);
	g_free(s->run_dir);
	g_free(s->socket_dir);
	g_free(s->log_dir);
	g_free(s->emulator);
	g_free(s->accel);
	g_free(s);
}

char *
hvd_settings_rw_socket(const HvdSettings *s)
{
	return g_build_filename(s->socket_dir, HVD_SOCKET_NAME, NULL);
}

char *
hvd_settings_ro_socket(const HvdSettings *s)
{
	return s->session ? NULL : g_build_filename(s->socket_dir, HVD_SOCKET_NAME "-ro", NULL);
}

/* Reads an unsigned key when present; FALSE only for a bad value. */
static gboolean
hvd_keyfile_uint(GKeyFile *kf, const char *group, const char *key, guint *value, GError **error)
{
	g_autofree char *text = g_key_file_get_value(kf, group, key, NULL);
	if (!text)
		return TRUE;
	guint64 v;
	if (!g_ascii_string_to_unsigned(g_strstrip(text), 10, 0, G_MAXINT, &v, NULL)) {
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
		            _("[%s] %s: '%s' is not a number"), group, key, text);
		return FALSE;
	}
	*value = (guint)v;
	return TRUE;
}

static void
hvd_keyfile_string(GKeyFile *kf, const char *group, const char *key, char **value)
{
	g_autofree char *text = g_key_file_get_string(kf, group, key, NULL);
	if (text && *g_strstrip(text))
		hvd_settings_set(value, text);
}

static gboolean
hvd_settings_apply_keyfile(HvdSettings *s, GKeyFile *kf, GError **error)
{
	hvd_keyfile_string(kf, "paths", "state_dir", &s->state_dir);
	hvd_keyfile_string(kf, "paths", "run_dir", &s->run_dir);
	hvd_keyfile_string(kf, "paths", "socket_dir", &s->socket_dir);
	hvd_keyfile_string(kf, "paths", "log_dir", &s->log_dir);
	hvd_keyfile_string(kf, "hypervisor", "emulator", &s->emulator);
	s->server.emulator = s->emulator;
	hvd_keyfile_string(kf, "hypervisor", "accel", &s->accel);
	if (s->accel && !g_str_equal(s->accel, "kvm") && !g_str_equal(s->accel, "tcg")) {
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
		            _("[hypervisor] accel: '%s' is not kvm or tcg"), s->accel);
		return FALSE;
	}
	g_autofree char *level = g_key_file_get_string(kf, "daemon", "log_level", NULL);
	if (level && !hvd_log_level_parse(g_strstrip(level), &s->log_level)) {
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
		            _("[daemon] log_level: '%s' is not error, warning, info or debug"), level);
		return FALSE;
	}
	guint interval = (guint)MAX(s->server.keepalive_interval, 0);
	gboolean ok = hvd_keyfile_uint(kf, "daemon", "timeout", &s->timeout, error) &&
	              hvd_keyfile_uint(kf, "rpc", "max_clients", &s->server.max_clients, error) &&
	              hvd_keyfile_uint(kf, "rpc", "max_workers", &s->server.max_workers, error) &&
	              hvd_keyfile_uint(kf, "rpc", "prio_workers", &s->server.prio_workers, error) &&
	              hvd_keyfile_uint(kf, "rpc", "max_client_requests",
	                               &s->server.max_client_requests, error) &&
	              hvd_keyfile_uint(kf, "rpc", "keepalive_interval", &interval, error) &&
	              hvd_keyfile_uint(kf, "rpc", "keepalive_count", &s->server.keepalive_count, error);
	s->server.keepalive_interval = (gint)interval;
	return ok;
}

gboolean
hvd_settings_load_file(HvdSettings *s, const char *path, gboolean required, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) local = NULL;
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local)) {
		if (!required && g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return TRUE;
		g_propagate_prefixed_error(error, g_steal_pointer(&local), "%s: ", path);
		return FALSE;
	}
	if (!hvd_settings_apply_keyfile(s, kf, error)) {
		g_prefix_error(error, "%s: ", path);
		return FALSE;
	}
	return TRUE;
}

/* The command line, kept apart so it can be applied after the file. */
typedef struct {
	char *config, *state_dir, *run_dir, *socket_dir, *log_dir, *log_level;
	gint timeout;
	gboolean verbose, version, session;
} HvdArgs;

static gboolean
hvd_args_parse(HvdArgs *a, int argc, char **argv, GError **error)
{
	const GOptionEntry entries[] = {
		{ "config", 'f', 0, G_OPTION_ARG_FILENAME, &a->config, N_("Read settings from FILE"), N_("FILE") },
		{ "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->state_dir, N_("Keep domain configs in DIR"), N_("DIR") },
		{ "run-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->run_dir, N_("Keep runtime state in DIR"), N_("DIR") },
		{ "socket-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->socket_dir, N_("Create the libvirt sockets in DIR"), N_("DIR") },
		{ "log-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->log_dir, N_("Write guest logs to DIR"), N_("DIR") },
		{ "timeout", 't', 0, G_OPTION_ARG_INT, &a->timeout, N_("Exit after SECS idle seconds with no domain running"), N_("SECS") },
		{ "log-level", 0, 0, G_OPTION_ARG_STRING, &a->log_level, N_("Log error, warning, info or debug messages"), N_("LEVEL") },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &a->verbose, N_("Log debug messages"), NULL },
		{ "session", 0, 0, G_OPTION_ARG_NONE, &a->session, N_("Serve hv:///session even when run as root"), NULL },
		{ "version", 'V', 0, G_OPTION_ARG_NONE, &a->version, N_("Show the version and exit"), NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
	g_option_context_set_summary(ctx, _("The hv daemon: serves libvirt's remote protocol for "
	                                    "hv:///system (as root) or hv:///session."));
	g_option_context_add_main_entries(ctx, entries, GETTEXT_PACKAGE);
	a->timeout = -1;
	/* GOption reorders the vector it parses: give it a copy */
	g_autofree char **args = g_new0(char *, argc + 1);
	memcpy(args, argv, sizeof(char *) * (gsize)argc);
	if (!g_option_context_parse(ctx, &argc, &args, error))
		return FALSE;
	if (argc > 1) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
		            _("unexpected argument '%s'; see 'hvd --help'"), args[1]);
		return FALSE;
	}
	return TRUE;
}

static void
hvd_args_clear(HvdArgs *a)
{
	g_free(a->config);
	g_free(a->state_dir);
	g_free(a->run_dir);
	g_free(a->socket_dir);
	g_free(a->log_dir);
	g_free(a->log_level);
}

static gboolean
hvd_args_apply(const HvdArgs *a, HvdSettings *s, GError **error)
{
	if (a->state_dir)
		hvd_settings_set(&s->state_dir, a->state_dir);
	if (a->run_dir)
		hvd_settings_set(&s->run_dir, a->run_dir);
	if (a->socket_dir)
		hvd_settings_set(&s->socket_dir, a->socket_dir);
	if (a->log_dir)
		hvd_settings_set(&s->log_dir, a->log_dir);
	if (a->timeout >= 0)
		s->timeout = (guint)a->timeout;
	if (a->verbose)
		s->log_level = HVD_LOG_DEBUG;
	if (a->log_level && !hvd_log_level_parse(a->log_level, &s->log_level)) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
		            _("--log-level: '%s' is not error, warning, info or debug"), a->log_level);
		return FALSE;
	}
	return TRUE;
}

/* [hypervisor] emulator as an absolute path, looked up on PATH once at start:
 * the runner starts guests with it and the capabilities name it. Left as
 * configured when it is not found (guests then fail to start, saying so). */
static void
hvd_settings_resolve_emulator(HvdSettings *s)
{
	g_autofree char *found = g_find_program_in_path(s->emulator);
	if (found) {
		g_free(s->emulator);
		s->emulator = g_canonicalize_filename(found, NULL);
	} else
		g_warning(_("[hypervisor] emulator: '%s' is not found"), s->emulator);
	s->server.emulator = s->emulator;
}

HvdSettings *
hvd_settings_from_args(int argc, char **argv, gboolean *exit_r, GError **error)
{
	HvdArgs a = { 0 };
	*exit_r = FALSE;
	if (!hvd_args_parse(&a, argc, argv, error)) {
		hvd_args_clear(&a);
		return NULL;
	}
	if (a.version) {
		printf("hvd (hv) %s\n", PACKAGE_VERSION);
		*exit_r = TRUE;
		hvd_args_clear(&a);
		return NULL;
	}
	g_autoptr(HvdSettings) s = hvd_settings_new(a.session || geteuid() != 0);
	if (a.config)
		hvd_settings_set(&s->config_file, a.config);
	s->config_required = a.config != NULL;
	gboolean ok = hvd_settings_load_file(s, s->config_file, s->config_required, error) &&
	              hvd_args_apply(&a, s, error);
	hvd_args_clear(&a);
	if (ok)
		hvd_settings_resolve_emulator(s);
	return ok ? g_steal_pointer(&s) : NULL;
}
