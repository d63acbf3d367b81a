/* Atomic file replacement: what a reader finds at PATH is always a whole
 * old file or a whole new one, whatever happens to the writer or the host. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <hv/error.h>
#include <hv/store.h>

#include "store/store-internal.h"

gboolean
hv__io_error(GError **error, const char *what, const char *path)
{
	int errsv = errno;
	g_set_error(error, HV_ERROR, HV_ERROR_IO, _("cannot %s %s: %s"), what, path, g_strerror(errsv));
	errno = errsv;
	return FALSE;
}

static gboolean
write_all(int fd, const char *data, gsize len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}

gboolean
hv__fsync_dir(const char *dir, GError **error)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return hv__io_error(error, _("open directory"), dir);
	gboolean ok = fsync(fd) == 0 || hv__io_error(error, _("sync directory"), dir);
	close(fd);
	return ok;
}

gboolean
hv_file_write_atomic(const char *path, const char *data, gsize len, int mode, GError **error)
{
	g_autofree char *dir = g_path_get_dirname(path);
	g_autofree char *base = g_path_get_basename(path);
	g_autofree char *tmp = g_strdup_printf("%s/.%s" HV__TMP_SUFFIX "XXXXXX", dir, base);
	int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode);
	if (fd < 0)
		return hv__io_error(error, _("create"), tmp);
	if (!write_all(fd, data, len) || fsync(fd) != 0) {
		hv__io_error(error, _("write"), tmp);
		close(fd);
		g_unlink(tmp);
		return FALSE;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		hv__io_error(error, _("replace"), path);
		g_unlink(tmp);
		return FALSE;
	}
	return hv__fsync_dir(dir, error);
}
