/* Engine processes: detached spawn, identity (pid + start time), CPU time,
 * log tails. */
#define _GNU_SOURCE 1 /* close_range */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "engine/engine-internal.h"

/* Fields after the command name of /proc/PID/stat (field 3 is index 0). */
static gchar **
proc_stat_fields(int pid)
{
	g_autofree char *path = g_strdup_printf("/proc/%d/stat", pid);
	g_autofree char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return NULL;
	const char *end = strrchr(text, ')');
	return end ? g_strsplit(end + 2, " ", -1) : NULL;
}

gint64
hv__process_start_time(int pid)
{
	g_auto(GStrv) f = proc_stat_fields(pid);
	if (!f || g_strv_length(f) < 20 || f[0][0] == 'Z' || f[0][0] == 'X')
		return -1;
	return g_ascii_strtoll(f[19], NULL, 10);
}

gboolean
hv__process_alive(const HvProcess *proc)
{
	return proc->pid > 0 && hv__process_start_time(proc->pid) == proc->start_time;
}

gboolean
hv__process_cpu_time(int pid, guint64 *ns_r, GError **error)
{
	g_auto(GStrv) f = proc_stat_fields(pid);
	if (!f || g_strv_length(f) < 20) {
		g_set_error(error, HV_ERROR, HV_ERROR_IO, _("cannot read the statistics of process %d"), pid);
		return FALSE;
	}
	guint64 ticks = g_ascii_strtoull(f[11], NULL, 10) + g_ascii_strtoull(f[12], NULL, 10);
	*ns_r = ticks * (1000000000ull / (guint64)sysconf(_SC_CLK_TCK));
	return TRUE;
}

char *
hv__log_tail(const char *path, gsize from, gsize max_bytes)
{
	g_autofree char *text = NULL;
	gsize len = 0;
	if (!path || !g_file_get_contents(path, &text, &len, NULL) || from > len)
		return g_strdup("");
	const char *start = text + from;
	len -= from;
	if (len > max_bytes) {
		start += len - max_bytes;
		const char *nl = strchr(start, '\n');
		start = nl ? nl + 1 : start;
	}
	return g_strchomp(g_strdup(start));
}

/* Closes every descriptor from 3 on but KEEP. close_range() is one call;
 * closing each possible descriptor costs thousands of system calls (a
 * noticeable part of a start under a high RLIMIT_NOFILE or a tracer). */
static void
close_inherited(int keep)
{
	unsigned k = (unsigned)keep;
	if ((k <= 3 || close_range(3, k - 1, 0) == 0) && close_range(MAX(k + 1, 3u), ~0U, 0) == 0)
		return;
	long max = sysconf(_SC_OPEN_MAX);
	for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
		if (fd != keep)
			close(fd);
}

/* In the engine process, before exec: only async-signal-safe calls. */
static void G_GNUC_NORETURN
exec_engine(char **argv, int devnull, int out_fd, int log_fd, int report_fd)
{
	sigset_t all;
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	if (dup2(devnull, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(log_fd, 2) < 0)
		goto fail;
	close_inherited(report_fd);
	execvp(argv[0], argv);
fail:;
	int e = errno;
	if (write(report_fd, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

/* The first child starts a new session and forks the engine, so the engine
 * is no child of the caller's and no session leader (it cannot get a
 * controlling terminal); it reports the engine's pid and exits. */
static void G_GNUC_NORETURN
spawn_child(char **argv, int devnull, int out_fd, int log_fd, int report_fd)
{
	setsid();
	pid_t pid = fork();
	if (pid == 0)
		exec_engine(argv, devnull, out_fd, log_fd, report_fd);
	int p = (int)pid;
	_exit(write(report_fd, &p, sizeof(p)) == sizeof(p) && pid > 0 ? 0 : 1);
}

static gboolean
read_report(int fd, int *value_r)
{
	gsize got = 0;
	while (got < sizeof(*value_r)) {
		ssize_t n = read(fd, (char *)value_r + got, sizeof(*value_r) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return FALSE;
		got += (gsize)n;
	}
	return TRUE;
}

static gboolean
spawn_error(GError **error, const char *what, int e, const char *program)
{
	g_set_error(error, HV_ERROR, HV_ERROR_IO, _("cannot start '%s': %s: %s"), program, what, g_strerror(e));
	return FALSE;
}

static int
open_log(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

gboolean
hv__spawn_detached(GPtrArray *argv, const char *log_path, const char *out_path, HvProcess *proc_r,
                   GError **error)
{
	char **args = (char **)argv->pdata;
	int log_fd = open_log(log_path);
	int out_fd = out_path ? open_log(out_path) : dup(log_fd);
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	int report[2] = { -1, -1 };
	if (log_fd < 0 || out_fd < 0 || devnull < 0 || !g_unix_open_pipe(report, FD_CLOEXEC, NULL)) {
		int e = errno;
		int fds[] = { log_fd, out_fd, devnull };
		for (guint i = 0; i < G_N_ELEMENTS(fds); i++)
			if (fds[i] >= 0)
				close(fds[i]);
		return spawn_error(error, log_fd < 0 ? log_path : out_fd < 0 ? out_path : "pipe", e, args[0]);
	}
	pid_t child = fork();
	if (child == 0)
		spawn_child(args, devnull, out_fd, log_fd, report[1]);
	int e = errno;
	close(report[1]);
	close(log_fd);
	close(out_fd);
	close(devnull);
	int pid = -1, exec_errno = 0;
	gboolean ok = child > 0 && read_report(report[0], &pid) && pid > 0;
	gboolean exec_failed = ok && read_report(report[0], &exec_errno);
	close(report[0]);
	if (child > 0)
		while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
			;
	if (!ok)
		return spawn_error(error, "fork", child < 0 ? e : EAGAIN, args[0]);
	if (exec_failed)
		return spawn_error(error, "exec", exec_errno, args[0]);
	proc_r->pid = pid;
	proc_r->start_time = hv__process_start_time(pid);
	return TRUE;
}
