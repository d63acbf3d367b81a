/* hvd-daemon: runs the RPC server on a GLib main loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <systemd/sd-daemon.h>

#include "hvd-daemon.h"
#include "hvd-listen.h"
#include "hvlv-domains.h"
#include "hvlv-program.h"

struct HvdDaemon {
	HvdSettings *settings;
	GMainLoop *loop;
	HvlvServer *server;
	HvlvDomains *domains;
	HvRunner *runner;
	GPtrArray *sockets;     /* HvdSocket */
	int pidfile_fd;
	char *pidfile;
	guint idle_timer;
	HvdBusyFunc busy;
	gpointer busy_data;
	int exit_code;
	gboolean reconnected;
};

/* One hvd per run directory: a second one would fight over the sockets. */
static gboolean
hvd_daemon_lock_pidfile(HvdDaemon *d, GError **error)
{
	d->pidfile = g_build_filename(d->settings->run_dir, "hvd.pid", NULL);
	d->pidfile_fd = open(d->pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (d->pidfile_fd < 0 || flock(d->pidfile_fd, LOCK_EX | LOCK_NB) < 0) {
		int err = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            err == EWOULDBLOCK ? _("%s: another hvd is running") : _("%s: %s"),
		            d->pidfile, g_strerror(err));
		return FALSE;
	}
	g_autofree char *pid = g_strdup_printf("%d\n", (int)getpid());
	if (ftruncate(d->pidfile_fd, 0) < 0 || write(d->pidfile_fd, pid, strlen(pid)) < 0)
		g_debug("cannot write %s: %s", d->pidfile, g_strerror(errno));
	return TRUE;
}

static gboolean
hvd_daemon_make_dirs(HvdSettings *s, GError **error)
{
	const char *dirs[] = { s->state_dir, s->run_dir, s->log_dir };
	for (guint i = 0; i < G_N_ELEMENTS(dirs); i++) {
		if (g_mkdir_with_parents(dirs[i], 0755) < 0) {
			int err = errno;
			g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
			            _("Cannot create directory %s: %s"), dirs[i], g_strerror(err));
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
hvd_daemon_open_sockets(HvdDaemon *d, GError **error)
{
	d->sockets = hvd_listen_activated(error);
	if (!d->sockets)
		return FALSE;
	if (d->sockets->len > 0) {
		g_info("using %u sockets passed by systemd", d->sockets->len);
		return TRUE;
	}
	g_autofree char *rw = hvd_settings_rw_socket(d->settings);
	g_autofree char *ro = hvd_settings_ro_socket(d->settings);
	HvdSocket *sock = hvd_listen_bind(rw, 0600, FALSE, error);
	if (!sock)
		return FALSE;
	g_ptr_array_add(d->sockets, sock);
	if (ro) {
		if (!(sock = hvd_listen_bind(ro, 0666, TRUE, error)))
			return FALSE;
		g_ptr_array_add(d->sockets, sock);
	}
	return TRUE;
}

/* The domain registry on the state store; files the store put aside are
 * named in the log, since nobody else would learn of them. */
static gboolean
hvd_daemon_open_domains(HvdDaemon *d, GError **error)
{
	g_autoptr(GPtrArray) problems = NULL;
	d->domains = hvlv_domains_open(d->settings->state_dir, d->settings->run_dir, &problems, error);
	if (!d->domains)
		return FALSE;
	for (guint i = 0; problems && i < problems->len; i++)
		g_warning("state directory: %s", (const char *)g_ptr_array_index(problems, i));
	return TRUE;
}

/* The engine runner on the main loop, its events into the registry. */
static gboolean
hvd_daemon_open_runner(HvdDaemon *d, GError **error)
{
	HvdSettings *s = d->settings;
	HvRunnerSettings rs = { .qemu = s->emulator, .log_dir = s->log_dir };
	if (s->accel)
		rs.accel = g_str_equal(s->accel, "kvm") ? HV_ACCEL_KVM : HV_ACCEL_TCG;
	d->runner = hv_runner_new(hvlv_domains_get_store(d->domains), &rs, NULL, error);
	if (!d->runner)
		return FALSE;
	hvlv_domains_set_runner(d->domains, d->runner, NULL);
	return TRUE;
}

static void
hvd_daemon_reconnected(GObject *source, GAsyncResult *result, gpointer data)
{
	(void)source;
	HvdDaemon *d = data;
	g_autoptr(GError) error = NULL;
	if (!hv_runner_finish(d->runner, result, &error))
		g_warning("taking back running domains: %s", error->message);
	hvlv_domains_adopt_running(d->domains);
	d->reconnected = TRUE;
}

/* Guests outlive hvd: take back those still running (a dead one is
 * reported stopped/failed) before serving anyone. */
static void
hvd_daemon_reconnect(HvdDaemon *d)
{
	hv_runner_reconnect(d->runner, hvd_daemon_reconnected, d);
	while (!d->reconnected)
		g_main_context_iteration(NULL, TRUE);
}

static gboolean
hvd_daemon_domains_busy(gpointer data)
{
	return hvlv_domains_count_active(data) > 0;
}

/* libvirtd starts the autostart domains when it starts; so does hvd. */
static void
hvd_daemon_autostart(HvdDaemon *d)
{
	g_autoptr(GPtrArray) names = hvlv_domains_autostart_names(d->domains);
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		g_autoptr(GError) error = NULL;
		g_autoptr(HvlvDomainObj) obj = hvlv_domains_lookup_by_name(d->domains, name, &error);
		g_autoptr(HvlvDomainInfo) info = obj ? hvlv_domain_obj_info(obj, TRUE) : NULL;
		if (!info || !hvlv_domains_engine_run(d->domains, HVLV_ENGINE_START, NULL, info->def, 0,
		                                      &error))
			g_warning("autostart: cannot start domain '%s': %s", name, error->message);
	}
}

static void
hvd_daemon_client_closed(HvlvClient *client, const GError *reason, G_GNUC_UNUSED gpointer data)
{
	if (!reason)
		return;
	if (!client) {
		g_warning("%s", reason->message);
		return;
	}
	g_warning("client %" G_GUINT64_FORMAT " (pid %" G_GINT64_FORMAT ", uid %" G_GINT64_FORMAT
	          ") closed: %s", hvlv_client_id(client), hvlv_client_pid(client),
	          hvlv_client_uid(client), reason->message);
}

static gboolean hvd_daemon_idle_expired(gpointer data);

/* Arms the idle timer when nothing is connected or running, else stops it. */
static void
hvd_daemon_activity(HvlvServer *server, gpointer data)
{
	HvdDaemon *d = data;
	gboolean idle = hvlv_server_n_clients(server) == 0 && hvlv_server_n_calls(server) == 0;
	if (d->settings->timeout == 0 || idle == (d->idle_timer != 0))
		return;
	if (idle)
		d->idle_timer = g_timeout_add_seconds(d->settings->timeout, hvd_daemon_idle_expired, d);
	else
		g_clear_handle_id(&d->idle_timer, g_source_remove);
}

static gboolean
hvd_daemon_idle_expired(gpointer data)
{
	HvdDaemon *d = data;
	if (d->busy && d->busy(d->busy_data))
		return G_SOURCE_CONTINUE; /* a domain runs: ask again after another timeout */
	g_info("idle for %u seconds: exiting", d->settings->timeout);
	d->idle_timer = 0;
	g_main_loop_quit(d->loop);
	return G_SOURCE_REMOVE;
}

HvdDaemon *
hvd_daemon_new(HvdSettings *settings, GError **error)
{
	g_autoptr(HvdDaemon) d = g_new0(HvdDaemon, 1);
	d->settings = settings;
	d->pidfile_fd = -1;
	if (!hvd_daemon_make_dirs(settings, error) || !hvd_daemon_lock_pidfile(d, error) ||
	    !hvd_daemon_open_domains(d, error) || !hvd_daemon_open_runner(d, error) ||
	    !hvd_daemon_open_sockets(d, error))
		return NULL;
	d->loop = g_main_loop_new(NULL, FALSE);
	d->server = hvlv_server_new(&settings->server, hvlv_remote_program());
	hvlv_server_set_domains(d->server, d->domains);
	hvd_daemon_set_busy_func(d, hvd_daemon_domains_busy, d->domains);
	HvlvServerHooks hooks = { hvd_daemon_client_closed, hvd_daemon_activity, d };
	hvlv_server_set_hooks(d->server, &hooks);
	for (guint i = 0; i < d->sockets->len; i++) {
		HvdSocket *sock = g_ptr_array_index(d->sockets, i);
		if (!hvlv_server_add_listener(d->server, sock->fd, sock->readonly, error))
			return NULL;
		sock->fd = -1; /* the server owns it now */
	}
	return g_steal_pointer(&d);
}

void
hvd_daemon_set_busy_func(HvdDaemon *d, HvdBusyFunc func, gpointer data)
{
	d->busy = func;
	d->busy_data = data;
}

static gboolean
hvd_daemon_on_stop(gpointer data)
{
	HvdDaemon *d = data;
	g_info("stopping on signal; running guests keep running");
	g_main_loop_quit(d->loop);
	return G_SOURCE_CONTINUE;
}

/* SIGHUP: read the config file again for what can change while running. */
static gboolean
hvd_daemon_on_reload(gpointer data)
{
	HvdDaemon *d = data;
	g_autoptr(GError) error = NULL;
	sd_notify(0, "RELOADING=1");
	if (hvd_settings_load_file(d->settings, d->settings->config_file,
	                           d->settings->config_required, &error)) {
		hvd_log_set_level(d->settings->log_level);
		hvlv_server_update_config(d->server, &d->settings->server);
		g_info("reloaded %s", d->settings->config_file);
	} else {
		g_warning("reload failed, keeping the old settings: %s", error->message);
	}
	sd_notify(0, "READY=1");
	return G_SOURCE_CONTINUE;
}

static gboolean
hvd_daemon_watchdog(G_GNUC_UNUSED gpointer data)
{
	sd_notify(0, "WATCHDOG=1");
	return G_SOURCE_CONTINUE;
}

static void
hvd_daemon_install_sources(HvdDaemon *d)
{
	signal(SIGPIPE, SIG_IGN);
	g_unix_signal_add(SIGTERM, hvd_daemon_on_stop, d);
	g_unix_signal_add(SIGINT, hvd_daemon_on_stop, d);
	g_unix_signal_add(SIGHUP, hvd_daemon_on_reload, d);
	guint64 usec = 0;
	if (sd_watchdog_enabled(TRUE, &usec) > 0 && usec > 0) /* TRUE: guests must not inherit it */
		g_timeout_add((guint)MAX(usec / 2000, 1), hvd_daemon_watchdog, d);
	hvd_daemon_activity(d->server, d);
}

int
hvd_daemon_run(HvdDaemon *d)
{
	hvd_daemon_install_sources(d);
	hvd_daemon_reconnect(d);
	hvd_daemon_autostart(d);
	HvdSocket *first = g_ptr_array_index(d->sockets, 0);
	const char *rw = first->path ? first->path : "a socket from systemd";
	sd_notifyf(0, "READY=1\nSTATUS=Serving %s on %s\nMAINPID=%d",
	           d->settings->session ? "hv:///session" : "hv:///system", rw, (int)getpid());
	g_info("serving %s on %s", d->settings->session ? "hv:///session" : "hv:///system", rw);
	g_main_loop_run(d->loop);
	sd_notify(0, "STOPPING=1\nSTATUS=Stopping");
	hvlv_server_shutdown(d->server);
	return d->exit_code;
}

void
hvd_daemon_free(HvdDaemon *d)
{
	if (!d)
		return;
	hvlv_server_free(d->server);
	hv_runner_free(d->runner); /* the guests run on; the next hvd takes them back */
	hvlv_domains_free(d->domains); /* after the server and runner: they use the registry */
	for (guint i = 0; d->sockets && i < d->sockets->len; i++) {
		HvdSocket *sock = g_ptr_array_index(d->sockets, i);
		if (!sock->activated && sock->path)
			unlink(sock->path); /* systemd owns the files of activated sockets */
	}
	g_clear_pointer(&d->sockets, g_ptr_array_unref);
	g_clear_handle_id(&d->idle_timer, g_source_remove);
	if (d->pidfile_fd >= 0) {
		unlink(d->pidfile);
		close(d->pidfile_fd);
	}
	g_free(d->pidfile);
	g_clear_pointer(&d->loop, g_main_loop_unref);
	hvd_settings_free(d->settings);
	g_free(d);
}

int
hvd_main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	g_autoptr(GError) error = NULL;
	gboolean done;
	HvdSettings *settings = hvd_settings_from_args(argc, argv, &done, &error);
	if (done)
		return 0;
	if (!settings) {
		fprintf(stderr, "hvd: %s\n", error->message);
		return 2;
	}
	hvd_log_init(settings->log_level);
	g_autoptr(HvdDaemon) daemon = hvd_daemon_new(settings, &error);
	if (!daemon) {
		g_critical("%s", error->message);
		sd_notifyf(0, "STATUS=Failed: %s\nERRNO=%d", error->message, EINVAL);
		return 1;
	}
	return hvd_daemon_run(daemon);
}
