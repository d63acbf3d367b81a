/* vmm-backends: disk images, tap, console pipe. */
#include "config.h"

#include "vmm-backends.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "vmm-error.h"
#include "vmm-virtio-net.h"

VmmDiskBackend *
vmm_disk_open(const char *path, gboolean readonly, GError **error)
{
	int fd = open(path, (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (fd < 0) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, _("cannot open disk image %s: %s"),
		            path, g_strerror(errno));
		return NULL;
	}
	if (flock(fd, (readonly ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
		int err = errno;
		close(fd);
		g_set_error(error, VMM_ERROR, err == EWOULDBLOCK ? VMM_ERROR_BUSY : VMM_ERROR_FAILED,
		            _("disk image %s is in use by another process (%s)"), path,
		            g_strerror(err));
		return NULL;
	}
	off_t end = lseek(fd, 0, SEEK_END);
	if (end < 0) {
		vmm_set_errno(error, errno, "%s", path);
		close(fd);
		return NULL;
	}
	VmmDiskBackend *d = g_new0(VmmDiskBackend, 1);
	d->path = g_strdup(path);
	d->fd = fd;
	d->size = (uint64_t)end & ~(uint64_t)511; /* whole sectors */
	d->readonly = readonly;
	return d;
}

void
vmm_disk_close(VmmDiskBackend *disk)
{
	if (!disk)
		return;
	close(disk->fd);
	g_free(disk->path);
	g_free(disk);
}

static void
vmm_disk_close_cb(gpointer disk)
{
	vmm_disk_close(disk);
}

static void
vmm_backends_pick_mac(VmmBackends *be, const VmmNetConfig *net)
{
	if (net->has_mac) {
		memcpy(be->mac, net->mac, 6);
		return;
	}
	/* Locally administered unicast, as QEMU's defaults are. */
	uint32_t r = g_random_int();
	uint8_t mac[6] = { 0x52, 0x54, 0x00, (uint8_t)(r >> 16), (uint8_t)(r >> 8), (uint8_t)r };
	memcpy(be->mac, mac, 6);
}

VmmBackends *
vmm_backends_open(const VmmConfig *cfg, GError **error)
{
	g_autoptr(VmmBackends) be = g_new0(VmmBackends, 1);
	be->disks = g_ptr_array_new_with_free_func(vmm_disk_close_cb);
	be->tap_fd = -1;
	be->console_pipe[0] = be->console_pipe[1] = -1;
	for (guint i = 0; i < cfg->disks->len; i++) {
		const VmmDiskConfig *dc = g_ptr_array_index(cfg->disks, i);
		VmmDiskBackend *d = vmm_disk_open(dc->path, dc->readonly, error);
		if (!d)
			return NULL;
		g_ptr_array_add(be->disks, d);
	}
	if (cfg->net) {
		be->tap_fd = vmm_tap_open(cfg->net->tap, error);
		if (be->tap_fd < 0)
			return NULL;
		vmm_backends_pick_mac(be, cfg->net);
	}
	if (cfg->console == VMM_CONSOLE_VIRTIO &&
	    pipe2(be->console_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		vmm_set_errno(error, errno, "pipe");
		return NULL;
	}
	return g_steal_pointer(&be);
}

void
vmm_backends_free(VmmBackends *be)
{
	if (!be)
		return;
	g_ptr_array_unref(be->disks);
	if (be->tap_fd >= 0)
		close(be->tap_fd);
	for (guint i = 0; i < 2; i++) {
		if (be->console_pipe[i] >= 0)
			close(be->console_pipe[i]);
	}
	g_free(be);
}
