/* vmm-virtio-blk: a virtio block device on a raw image (file or block
 * device): read, write, flush, get-id; read-only disks refuse writes. It
 * advertises a large seg_max, so the guest sends big requests whole
 * (one indirect descriptor table per request) instead of splitting them. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-virtio-mmio.h"

#define VMM_BLK_QUEUE_SIZE 256
#define VMM_BLK_SEG_MAX    1024 /* data segments per request */

typedef struct VmmBlk VmmBlk;

/* A disk on open image FD (not owned) of SIZE bytes; SERIAL is what the
 * guest reads with GET_ID (at most 20 bytes are used). */
VmmBlk *vmm_blk_new(int fd, uint64_t size, gboolean readonly, const char *serial);

/* Transport ops of the device (they differ for read-only disks). */
const VmmVirtioOps *vmm_blk_ops(const VmmBlk *blk);

/* Frees the device. NULL-safe. */
void vmm_blk_free(VmmBlk *blk);
