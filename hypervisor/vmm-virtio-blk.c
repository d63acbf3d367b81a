/* vmm-virtio-blk: virtio block device (virtio 1.x, section 5.2). */
#include "config.h"

#include "vmm-virtio-blk.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "vmm-bus.h"
#include "vmm-iov.h"

#define VIRTIO_ID_BLOCK 2
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO      5
#define VIRTIO_BLK_F_FLUSH   9
#define VIRTIO_BLK_T_IN     0
#define VIRTIO_BLK_T_OUT    1
#define VIRTIO_BLK_T_FLUSH  4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2
#define VIRTIO_BLK_ID_BYTES 20
#define VMM_SECTOR 512
#define VMM_BLK_HDR 16
#define VMM_BLK_CONFIG_SIZE 24 /* capacity, size_max, seg_max, geometry, blk_size */

struct VmmBlk {
	int fd;
	uint64_t size;
	gboolean readonly;
	char serial[VIRTIO_BLK_ID_BYTES];
	VmmVqChain chain;
	struct iovec data[VMM_BLK_SEG_MAX + 2];
};

static void
vmm_blk_read_config(void *dev, guint offset, uint8_t *data, guint len)
{
	VmmBlk *blk = dev;
	uint8_t cfg[VMM_BLK_CONFIG_SIZE] = { 0 };
	vmm_le_put(cfg + 0, 8, blk->size / VMM_SECTOR);
	vmm_le_put(cfg + 12, 4, VMM_BLK_SEG_MAX);
	memcpy(data, cfg + offset, len);
}

/* Transfers the data part of a read or write; the status byte's value. */
static uint8_t
vmm_blk_rw(VmmBlk *blk, const VmmVqChain *c, gboolean write, uint64_t sector, gsize *written)
{
	const struct iovec *src = write ? c->iov : c->iov + c->n_out;
	guint n_src = write ? c->n_out : c->n_in;
	gsize skip = write ? VMM_BLK_HDR : 0;
	gsize len = write ? vmm_iov_size(c->iov, c->n_out) - VMM_BLK_HDR : c->in_len - 1;
	int n = vmm_iov_slice(src, n_src, skip, len, blk->data, G_N_ELEMENTS(blk->data));
	uint64_t offset = sector * VMM_SECTOR;
	if (n < 0 || len % VMM_SECTOR || sector > blk->size / VMM_SECTOR ||
	    len > blk->size - offset)
		return VIRTIO_BLK_S_IOERR;
	if (write && blk->readonly)
		return VIRTIO_BLK_S_IOERR;
	if (len == 0)
		return VIRTIO_BLK_S_OK;
	ssize_t r;
	do
		r = write ? pwritev(blk->fd, blk->data, n, (off_t)offset)
		          : preadv(blk->fd, blk->data, n, (off_t)offset);
	while (r < 0 && errno == EINTR);
	if (r != (ssize_t)len)
		return VIRTIO_BLK_S_IOERR;
	*written = write ? 0 : len;
	return VIRTIO_BLK_S_OK;
}

/* Executes one request; returns the bytes written into its buffers. */
static uint32_t
vmm_blk_request(void *dev, VmmVqChain *c)
{
	VmmBlk *blk = dev;
	uint8_t hdr[VMM_BLK_HDR];
	if (c->in_len == 0)
		return 0; /* no room even for a status byte */
	if (vmm_iov_to_buf(c->iov, c->n_out, 0, hdr, sizeof hdr) != sizeof hdr) {
		uint8_t bad = VIRTIO_BLK_S_IOERR;
		vmm_iov_from_buf(c->iov + c->n_out, c->n_in, c->in_len - 1, &bad, 1);
		return 1;
	}
	uint32_t type = (uint32_t)vmm_le_get(hdr, 4);
	uint64_t sector = vmm_le_get(hdr + 8, 8);
	gsize data = 0;
	uint8_t status;
	if (type == VIRTIO_BLK_T_IN || type == VIRTIO_BLK_T_OUT) {
		status = vmm_blk_rw(blk, c, type == VIRTIO_BLK_T_OUT, sector, &data);
	} else if (type == VIRTIO_BLK_T_FLUSH) {
		status = fdatasync(blk->fd) == 0 ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
	} else if (type == VIRTIO_BLK_T_GET_ID) {
		data = vmm_iov_from_buf(c->iov + c->n_out, c->n_in, 0, blk->serial,
		                        MIN(sizeof blk->serial, c->in_len - 1));
		status = VIRTIO_BLK_S_OK;
	} else {
		status = VIRTIO_BLK_S_UNSUPP;
	}
	vmm_iov_from_buf(c->iov + c->n_out, c->n_in, c->in_len - 1, &status, 1);
	return (uint32_t)(data + 1);
}

static void
vmm_blk_queue_notify(void *dev, VmmVirtio *v, G_GNUC_UNUSED guint queue)
{
	VmmBlk *blk = dev;
	vmm_virtio_process(v, 0, &blk->chain, vmm_blk_request, blk);
}

#define VMM_BLK_OPS(extra_features)                                                      \
	{                                                                                  \
		.name = "virtio-blk", .device_id = VIRTIO_ID_BLOCK, .num_queues = 1,        \
		.queue_max = VMM_BLK_QUEUE_SIZE,                                             \
		.features = (1ull << VIRTIO_BLK_F_SEG_MAX) | (1ull << VIRTIO_BLK_F_FLUSH) |  \
		            (extra_features),                                                \
		.config_size = VMM_BLK_CONFIG_SIZE, .read_config = vmm_blk_read_config,      \
		.queue_notify = vmm_blk_queue_notify,                                        \
	}

static const VmmVirtioOps vmm_blk_rw_ops = VMM_BLK_OPS(0);
static const VmmVirtioOps vmm_blk_ro_ops = VMM_BLK_OPS(1ull << VIRTIO_BLK_F_RO);

VmmBlk *
vmm_blk_new(int fd, uint64_t size, gboolean readonly, const char *serial)
{
	VmmBlk *blk = g_new0(VmmBlk, 1);
	blk->fd = fd;
	blk->size = size;
	blk->readonly = readonly;
	strncpy(blk->serial, serial ? serial : "", sizeof blk->serial);
	vmm_vq_chain_init(&blk->chain, VMM_BLK_SEG_MAX + 2);
	return blk;
}

const VmmVirtioOps *
vmm_blk_ops(const VmmBlk *blk)
{
	return blk->readonly ? &vmm_blk_ro_ops : &vmm_blk_rw_ops;
}

void
vmm_blk_free(VmmBlk *blk)
{
	if (!blk)
		return;
	vmm_vq_chain_clear(&blk->chain);
	g_free(blk);
}
