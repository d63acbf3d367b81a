/* The state directory's lock: one daemon per state directory. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "store/store-internal.h"

static void
report_holder(int fd, const char *dir, GError **error)
{
	char pid[32] = "";
	ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
	if (n > 0)
		pid[n] = '\0';
	g_strstrip(pid);
	if (*pid)
		g_set_error(error, HV_ERROR, HV_ERROR_BUSY,
		            _("the state directory %s is in use by another hv daemon (pid %s)"), dir, pid);
	else
		g_set_error(error, HV_ERROR, HV_ERROR_BUSY,
		            _("the state directory %s is in use by another hv daemon"), dir);
}

int
hv__lock_dir(const char *dir, GError **error)
{
	g_autofree char *path = g_build_filename(dir, "hv.lock", NULL);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		hv__io_error(error, _("open"), path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			report_holder(fd, dir, error);
		else
			hv__io_error(error, _("lock"), path);
		close(fd);
		return -1;
	}
	g_autofree char *pid = g_strdup_printf("%d\n", (int)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, strlen(pid), 0) != (ssize_t)strlen(pid)) {
		hv__io_error(error, _("write"), path);
		close(fd);
		return -1;
	}
	return fd;
}
