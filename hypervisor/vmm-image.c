/* vmm-image: reading kernel and initrd files. */
#include "config.h"

#include "vmm-image.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "vmm-error.h"

VmmImage *
vmm_image_open(const char *path, GError **error)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, _("cannot open %s: %s"), path,
		            g_strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, _("%s is not a regular file"), path);
		close(fd);
		return NULL;
	}
	VmmImage *img = g_new0(VmmImage, 1);
	img->fd = fd;
	img->size = (uint64_t)st.st_size;
	img->path = g_strdup(path);
	return img;
}

void
vmm_image_free(VmmImage *img)
{
	if (!img)
		return;
	close(img->fd);
	g_free(img->path);
	g_free(img);
}

gboolean
vmm_image_read(VmmImage *img, uint64_t offset, void *buf, uint64_t len, GError **error)
{
	if (offset > img->size || len > img->size - offset) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_KERNEL,
		            _("%s is truncated: it ends before byte %" G_GUINT64_FORMAT), img->path,
		            offset + len);
		return FALSE;
	}
	uint8_t *p = buf;
	while (len > 0) {
		ssize_t r = pread(img->fd, p, MIN(len, (uint64_t)G_MAXSSIZE), (off_t)offset);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			vmm_set_errno(error, r < 0 ? errno : EIO, "%s", img->path);
			return FALSE;
		}
		p += r;
		offset += (uint64_t)r;
		len -= (uint64_t)r;
	}
	return TRUE;
}
