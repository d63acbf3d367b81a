/* hvlv-save-image: the header of hv's save images, and where managed save
 * images live. Layout, all numbers big-endian:
 *   16 bytes magic "hv-saved-state\n\0", u32 version (1), u32 XML length,
 *   u32 was-running (0/1), u32 reserved (0), the XML, the engine stream. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <hv/store.h>

#include "hvlv-error.h"
#include "hvlv-save-image.h"

#define HVLV_SAVE_MAGIC "hv-saved-state\n"
#define HVLV_SAVE_VERSION 1u
#define HVLV_SAVE_HEADER_LEN 32u
#define HVLV_SAVE_XML_MAX (16u * 1024u * 1024u) /* a domain XML is far smaller */

void
hvlv_save_image_free(HvlvSaveImage *image)
{
	if (!image)
		return;
	g_free(image->xml);
	g_free(image);
}

static void
hvlv_put_u32(guint8 *p, guint32 v)
{
	v = GUINT32_TO_BE(v);
	memcpy(p, &v, sizeof(v));
}

static guint32
hvlv_get_u32(const guint8 *p)
{
	guint32 v;
	memcpy(&v, p, sizeof(v));
	return GUINT32_FROM_BE(v);
}

static gboolean
hvlv_save_system_error(GError **error, int err, const char *what, const char *path)
{
	hvlv_set_error(error, HVLV_ERR_SYSTEM_ERROR, HVLV_FROM_DRIVER, "%s '%s': %s", what, path,
	               g_strerror(err));
	return FALSE;
}

/* Writes (WRITING) or reads exactly LEN bytes at FD, past EINTR; FALSE
 * at an error or a short file. */
static gboolean
hvlv_fd_all(int fd, void *data, gsize len, gboolean writing)
{
	guint8 *p = data;
	while (len > 0) {
		ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return FALSE;
		p += n;
		len -= (gsize)n;
	}
	return TRUE;
}

char *
hvlv_save_image_begin(const char *path, const char *xml, gboolean running, GError **error)
{
	g_autofree char *dir = g_path_get_dirname(path);
	g_autofree char *base = g_path_get_basename(path);
	g_autofree char *temp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	int fd = g_mkstemp_full(temp, O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		hvlv_save_system_error(error, errno, _("Failed to create domain save file"), path);
		return NULL;
	}
	gsize xml_len = strlen(xml);
	guint8 header[HVLV_SAVE_HEADER_LEN] = { 0 };
	memcpy(header, HVLV_SAVE_MAGIC, sizeof(HVLV_SAVE_MAGIC));
	hvlv_put_u32(header + 16, HVLV_SAVE_VERSION);
	hvlv_put_u32(header + 20, (guint32)xml_len);
	hvlv_put_u32(header + 24, running ? 1 : 0);
	gboolean ok = hvlv_fd_all(fd, header, sizeof(header), TRUE) && hvlv_fd_all(fd, (char *)xml, xml_len, TRUE);
	int err = errno;
	close(fd);
	if (!ok) {
		g_unlink(temp);
		hvlv_save_system_error(error, err, _("Failed to write domain save file"), path);
		return NULL;
	}
	return g_steal_pointer(&temp);
}

gboolean
hvlv_save_image_commit(const char *temp, const char *path, GError **error)
{
	/* the engine's writer holds a lock until its last byte is in; then
	 * make the image durable before it counts */
	int fd = open(temp, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
			;
		fsync(fd);
		close(fd);
	}
	if (g_rename(temp, path) < 0)
		return hvlv_save_system_error(error, errno, _("Failed to move the saved state into place"), path);
	g_autofree char *dir = g_path_get_dirname(path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return TRUE;
}

static gboolean
hvlv_save_image_parse(int fd, HvlvSaveImage *image, GError **error)
{
	guint8 header[HVLV_SAVE_HEADER_LEN];
	if (!hvlv_fd_all(fd, header, sizeof(header), FALSE) ||
	    memcmp(header, HVLV_SAVE_MAGIC, sizeof(HVLV_SAVE_MAGIC)) != 0) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER, "%s",
		               _("image magic is incorrect"));
		return FALSE;
	}
	guint32 version = hvlv_get_u32(header + 16), xml_len = hvlv_get_u32(header + 20);
	if (version != HVLV_SAVE_VERSION) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER,
		               _("image version is not supported (%u > %u)"), version, HVLV_SAVE_VERSION);
		return FALSE;
	}
	image->xml = xml_len <= HVLV_SAVE_XML_MAX ? g_malloc0((gsize)xml_len + 1) : NULL;
	if (!image->xml || !hvlv_fd_all(fd, image->xml, xml_len, FALSE)) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_FAILED, HVLV_FROM_DRIVER, "%s",
		               _("failed to read domain XML from the saved image"));
		return FALSE;
	}
	image->running = hvlv_get_u32(header + 24) != 0;
	image->offset = (goffset)HVLV_SAVE_HEADER_LEN + xml_len;
	return TRUE;
}

HvlvSaveImage *
hvlv_save_image_read(const char *path, GError **error)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		hvlv_save_system_error(error, errno, _("Failed to open domain image file"), path);
		return NULL;
	}
	g_autoptr(HvlvSaveImage) image = g_new0(HvlvSaveImage, 1);
	gboolean ok = hvlv_save_image_parse(fd, image, error);
	close(fd);
	return ok ? g_steal_pointer(&image) : NULL;
}

char *
hvlv_managed_save_path(HvlvDomains *domains, const char *name)
{
	const char *state_dir = hv_store_get_state_dir(hvlv_domains_get_store(domains));
	g_autofree char *file = g_strconcat(name, ".save", NULL);
	return g_build_filename(state_dir, "save", file, NULL);
}

gboolean
hvlv_has_managed_save(HvlvDomains *domains, const char *name)
{
	g_autofree char *path = hvlv_managed_save_path(domains, name);
	return g_file_test(path, G_FILE_TEST_IS_REGULAR);
}
