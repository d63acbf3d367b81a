/* vmm-virtqueue: the device side of a virtio 1.x split virtqueue: taking
 * descriptor chains (direct or through an indirect table) off the
 * available ring as scatter-gather lists, and returning them on the used
 * ring. Every guest address is checked against guest memory; a malformed
 * chain marks the queue broken instead of touching anything outside RAM. */
#pragma once

#include <stdint.h>
#include <sys/uio.h>

#include <glib.h>

#include "vmm-memory.h"

#define VMM_VRING_DESC_F_NEXT     1
#define VMM_VRING_DESC_F_WRITE    2
#define VMM_VRING_DESC_F_INDIRECT 4
#define VMM_VRING_AVAIL_F_NO_INTERRUPT 1

typedef struct {
	uint16_t size;       /* QueueNum the driver chose */
	uint64_t desc_gpa;
	uint64_t avail_gpa;
	uint64_t used_gpa;
	gboolean ready;
	gboolean broken;     /* the driver handed us a malformed chain */
	uint8_t *desc;       /* host views of the three areas, set when enabled */
	uint8_t *avail;
	uint8_t *used;
	uint16_t last_avail; /* next available entry we will take */
	uint16_t used_idx;   /* our copy of used->idx */
} VmmVirtqueue;

/* One descriptor chain: the device-readable buffers, then the writable. */
typedef struct {
	uint16_t head;
	guint n_out;         /* readable entries: iov[0 .. n_out) */
	guint n_in;          /* writable entries: iov[n_out .. n_out + n_in) */
	gsize in_len;        /* total writable bytes */
	guint max;           /* room in iov */
	struct iovec *iov;
} VmmVqChain;

/* Allocates the iovec array of a chain for up to MAX buffers. */
void vmm_vq_chain_init(VmmVqChain *chain, guint max);

/* Frees the iovec array. */
void vmm_vq_chain_clear(VmmVqChain *chain);

/* Checks the rings the driver set up (size, alignment, all inside RAM) and
 * makes the queue ready; FALSE leaves it not ready. */
gboolean vmm_vq_enable(VmmVirtqueue *vq, VmmMemory *mem);

/* Back to the state after device reset (not ready, addresses cleared). */
void vmm_vq_reset(VmmVirtqueue *vq);

/* Takes the next available chain: 1 if one was taken, 0 if the ring is empty
 * (or the queue broken), -1 if the chain is malformed (the queue is then
 * broken; nothing is returned for it). */
int vmm_vq_pop(VmmVirtqueue *vq, VmmMemory *mem, VmmVqChain *chain);

/* Gives back the chain just popped, for a device that cannot use it yet. */
void vmm_vq_unpop(VmmVirtqueue *vq);

/* Returns chain HEAD to the driver with LEN bytes written into it. */
void vmm_vq_push(VmmVirtqueue *vq, uint16_t head, uint32_t len);

/* Whether the driver wants an interrupt for used buffers. */
gboolean vmm_vq_wants_interrupt(VmmVirtqueue *vq);
