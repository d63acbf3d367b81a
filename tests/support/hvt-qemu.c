/* Test support: one QEMU process with a piped serial console and QMP. */
#include "config.h"

#include "hvt-qemu.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

struct HvtQemu {
	GPid pid;
	gboolean exited;
	int wait_status;
	int console_in;
	int console_out;
	int qmp_fd;
	GString *console;
	gsize console_scan;
	GString *qmp_in;
	GPtrArray *qmp_msgs; /* json_object *, received and not yet consumed */
	char *dir;
	char *stderr_path;
	gint64 started_us;
};

static void
hvt_json_free(gpointer obj)
{
	json_object_put(obj);
}

static gint64
hvt_deadline(guint timeout_ms)
{
	return g_get_monotonic_time() + (gint64)timeout_ms * 1000;
}

static void
hvt_qemu_reap(HvtQemu *q)
{
	if (q->exited)
		return;
	int status;
	if (waitpid(q->pid, &status, WNOHANG) == q->pid) {
		q->exited = TRUE;
		q->wait_status = status;
	}
}

static void
hvt_qmp_take_lines(HvtQemu *q)
{
	char *nl;
	while ((nl = memchr(q->qmp_in->str, '\n', q->qmp_in->len)) != NULL) {
		gsize len = (gsize)(nl - q->qmp_in->str);
		g_autofree char *line = g_strndup(q->qmp_in->str, len);
		g_string_erase(q->qmp_in, 0, (gssize)len + 1);
		json_object *msg = json_tokener_parse(g_strstrip(line));
		if (msg)
			g_ptr_array_add(q->qmp_msgs, msg);
	}
}

/* Reads whatever the console and QMP have for us, waiting until DEADLINE
 * for the first byte. FALSE once nothing can arrive any more. */
static gboolean
hvt_qemu_pump(HvtQemu *q, gint64 deadline)
{
	struct pollfd fds[2] = {
		{ .fd = q->console_out, .events = POLLIN },
		{ .fd = q->qmp_fd, .events = POLLIN },
	};
	gint64 left_ms = (deadline - g_get_monotonic_time()) / 1000;
	if (left_ms < 0)
		left_ms = 0;
	/* Wake at least every 100 ms to notice the process exiting. */
	int n = poll(fds, 2, (int)MIN(left_ms, 100));
	if (n < 0 && errno != EINTR)
		return FALSE;
	char buf[4096];
	if (fds[0].revents & (POLLIN | POLLHUP)) {
		ssize_t r = read(q->console_out, buf, sizeof buf);
		if (r > 0)
			g_string_append_len(q->console, buf, r);
		else if (r == 0)
			fds[0].fd = -1;
	}
	if (q->qmp_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP))) {
		ssize_t r = read(q->qmp_fd, buf, sizeof buf);
		if (r > 0) {
			g_string_append_len(q->qmp_in, buf, r);
			hvt_qmp_take_lines(q);
		} else if (r == 0) {
			close(q->qmp_fd);
			q->qmp_fd = -1;
		}
	}
	hvt_qemu_reap(q);
	return !q->exited || n > 0;
}

static json_object *
hvt_qmp_take(HvtQemu *q, const char *key, const char *event_name)
{
	for (guint i = 0; i < q->qmp_msgs->len; i++) {
		json_object *msg = g_ptr_array_index(q->qmp_msgs, i);
		json_object *val;
		if (!json_object_object_get_ex(msg, key, &val))
			continue;
		if (event_name && g_strcmp0(json_object_get_string(val), event_name) != 0)
			continue;
		return g_ptr_array_steal_index(q->qmp_msgs, i);
	}
	return NULL;
}

static json_object *
hvt_qmp_wait_key(HvtQemu *q, const char *key, const char *event_name, gint64 deadline)
{
	for (;;) {
		json_object *msg = hvt_qmp_take(q, key, event_name);
		if (msg)
			return msg;
		if (g_get_monotonic_time() >= deadline || q->qmp_fd < 0)
			return NULL;
		if (!hvt_qemu_pump(q, deadline))
			return NULL;
	}
}

static gboolean
hvt_write_all(int fd, const char *data, gsize len, GError **error)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errno), "write: %s",
			            g_strerror(errno));
			return FALSE;
		}
		data += w;
		len -= (gsize)w;
	}
	return TRUE;
}

static gboolean
hvt_qmp_connect(HvtQemu *q, GError **error)
{
	g_autofree char *path = g_build_filename(q->dir, "qmp.sock", NULL);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	g_strlcpy(addr.sun_path, path, sizeof addr.sun_path);
	gint64 deadline = hvt_deadline(20000);

	while (g_get_monotonic_time() < deadline) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) {
			q->qmp_fd = fd;
			break;
		}
		if (fd >= 0)
			close(fd);
		hvt_qemu_reap(q);
		if (q->exited)
			break;
		g_usleep(20000);
	}
	if (q->qmp_fd < 0) {
		g_autofree char *err = hvt_qemu_stderr(q);
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
		            "QMP socket never came up; QEMU said: %s", err);
		return FALSE;
	}
	g_autoptr(json_object) greeting = hvt_qmp_wait_key(q, "QMP", NULL, deadline);
	if (!greeting) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "no QMP greeting");
		return FALSE;
	}
	g_autoptr(json_object) ret = hvt_qmp_execute(q, "qmp_capabilities", NULL, error);
	return ret != NULL;
}

/* Starts FIXED (program and options) then QMP_OPTION with the socket path
 * (wrapped in QMP_PREFIX and QMP_SUFFIX), then ARGS. */
static HvtQemu *
hvt_spawn(const char *const *fixed, const char *qmp_option, const char *qmp_prefix,
          const char *qmp_suffix, const char *const *args, GError **error)
{
	g_autoptr(HvtQemu) q = g_new0(HvtQemu, 1);
	q->console_in = q->console_out = q->qmp_fd = -1;
	q->console = g_string_new(NULL);
	q->qmp_in = g_string_new(NULL);
	q->qmp_msgs = g_ptr_array_new_with_free_func(hvt_json_free);
	q->dir = g_dir_make_tmp("hvt-qemu-XXXXXX", error);
	if (!q->dir)
		return NULL;
	q->stderr_path = g_build_filename(q->dir, "stderr.log", NULL);

	g_autofree char *qmp = g_strconcat(qmp_prefix, q->dir, "/qmp.sock", qmp_suffix, NULL);
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	for (gsize i = 0; fixed[i]; i++)
		g_ptr_array_add(argv, (gpointer)fixed[i]);
	g_ptr_array_add(argv, (gpointer)qmp_option);
	g_ptr_array_add(argv, qmp);
	for (gsize i = 0; args[i]; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);

	int errfd = open(q->stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (errfd < 0) {
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errno), "%s: %s",
		            q->stderr_path, g_strerror(errno));
		return NULL;
	}
	q->started_us = g_get_monotonic_time();
	gboolean ok = g_spawn_async_with_pipes_and_fds(
		NULL, (const char *const *)argv->pdata, NULL,
		G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, -1, -1, errfd,
		NULL, NULL, 0, &q->pid, &q->console_in, &q->console_out, NULL, error);
	close(errfd);
	if (!ok)
		return NULL;
	if (!hvt_qmp_connect(q, error))
		return NULL;
	return g_steal_pointer(&q);
}

HvtQemu *
hvt_qemu_spawn(const char *const *args, GError **error)
{
	const char *fixed[] = { "qemu-system-x86_64", "-nodefaults", "-no-user-config",
		                "-display", "none", "-serial", "stdio", NULL };
	return hvt_spawn(fixed, "-qmp", "unix:", ",server=on,wait=off", args, error);
}

HvtQemu *
hvt_vmm_spawn(const char *vmm, const char *const *args, GError **error)
{
	const char *fixed[] = { vmm, NULL };
	return hvt_spawn(fixed, "--qmp", "", "", args, error);
}

GPid
hvt_qemu_pid(HvtQemu *q)
{
	return q->pid;
}

gboolean
hvt_qemu_wait_console(HvtQemu *q, const char *needle, guint timeout_ms)
{
	gint64 deadline = hvt_deadline(timeout_ms);
	for (;;) {
		const char *hit = strstr(q->console->str + q->console_scan, needle);
		if (hit) {
			q->console_scan = (gsize)(hit - q->console->str) + strlen(needle);
			return TRUE;
		}
		if (g_get_monotonic_time() >= deadline || !hvt_qemu_pump(q, deadline))
			return FALSE;
	}
}

gboolean
hvt_qemu_type(HvtQemu *q, const char *text, GError **error)
{
	return hvt_write_all(q->console_in, text, strlen(text), error);
}

json_object *
hvt_qmp_execute(HvtQemu *q, const char *command, const char *args_json, GError **error)
{
	if (q->qmp_fd < 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_CLOSED, "QMP connection is closed");
		return NULL;
	}
	g_autofree char *cmd = args_json
		? g_strdup_printf("{\"execute\":\"%s\",\"arguments\":%s}\n", command, args_json)
		: g_strdup_printf("{\"execute\":\"%s\"}\n", command);
	if (!hvt_write_all(q->qmp_fd, cmd, strlen(cmd), error))
		return NULL;

	gint64 deadline = hvt_deadline(20000);
	for (;;) {
		json_object *reply = hvt_qmp_take(q, "return", NULL);
		if (!reply)
			reply = hvt_qmp_take(q, "error", NULL);
		if (reply) {
			g_autoptr(json_object) owned = reply;
			json_object *val;
			if (json_object_object_get_ex(owned, "return", &val))
				return json_object_get(val);
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "QMP %s failed: %s", command,
			            json_object_to_json_string(owned));
			return NULL;
		}
		if (g_get_monotonic_time() >= deadline || q->qmp_fd < 0 ||
		    !hvt_qemu_pump(q, deadline)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no reply to QMP %s",
			            command);
			return NULL;
		}
	}
}

gboolean
hvt_qmp_wait_event(HvtQemu *q, const char *name, guint timeout_ms)
{
	g_autoptr(json_object) ev = hvt_qmp_wait_key(q, "event", name, hvt_deadline(timeout_ms));
	return ev != NULL;
}

json_object *
hvt_qmp_take_event(HvtQemu *q, const char *name, guint timeout_ms)
{
	return hvt_qmp_wait_key(q, "event", name, hvt_deadline(timeout_ms));
}

gboolean
hvt_qemu_wait_exit(HvtQemu *q, guint timeout_ms, int *status_r)
{
	gint64 deadline = hvt_deadline(timeout_ms);
	while (!q->exited && g_get_monotonic_time() < deadline)
		hvt_qemu_pump(q, deadline);
	if (q->exited && status_r)
		*status_r = q->wait_status;
	return q->exited;
}

double
hvt_qemu_elapsed(HvtQemu *q)
{
	return (double)(g_get_monotonic_time() - q->started_us) / G_USEC_PER_SEC;
}

const char *
hvt_qemu_console(HvtQemu *q)
{
	return q->console->str;
}

char *
hvt_qemu_stderr(HvtQemu *q)
{
	g_autofree char *text = NULL;
	gsize len = 0;
	if (!g_file_get_contents(q->stderr_path, &text, &len, NULL))
		return g_strdup("");
	return g_strdup(len > 2000 ? text + len - 2000 : text);
}

void
hvt_qemu_free(HvtQemu *q)
{
	if (!q)
		return;
	if (q->pid > 0 && !q->exited) {
		kill(q->pid, SIGKILL);
		waitpid(q->pid, NULL, 0);
	}
	if (q->console_in >= 0)
		close(q->console_in);
	if (q->console_out >= 0)
		close(q->console_out);
	if (q->qmp_fd >= 0)
		close(q->qmp_fd);
	if (q->dir) {
		g_autofree char *sock = g_build_filename(q->dir, "qmp.sock", NULL);
		g_unlink(sock);
		g_unlink(q->stderr_path);
		g_rmdir(q->dir);
	}
	g_string_free(q->console, TRUE);
	g_string_free(q->qmp_in, TRUE);
	g_ptr_array_unref(q->qmp_msgs);
	g_free(q->dir);
	g_free(q->stderr_path);
	g_free(q);
}

char *
hvt_guest_file(const char *file)
{
	const char *dir = g_getenv("HV_GUEST_DIR");
	if (!dir) {
		g_test_skip("HV_GUEST_DIR is not set (run through make check)");
		return NULL;
	}
	char *path = g_build_filename(dir, file, NULL);
	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_autofree char *msg = g_strdup_printf("test guest file %s is missing", path);
		g_test_skip(msg);
		g_free(path);
		return NULL;
	}
	return path;
}

gboolean
hvt_require_program(const char *program)
{
	g_autofree char *path = g_find_program_in_path(program);
	if (!path) {
		g_autofree char *msg = g_strdup_printf("%s is not installed", program);
		g_test_skip(msg);
		return FALSE;
	}
	return TRUE;
}
