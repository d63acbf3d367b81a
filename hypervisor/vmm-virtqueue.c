/* vmm-virtqueue: split virtqueues (virtio 1.x, section 2.7). */
#include "config.h"

#include "vmm-virtqueue.h"

#include <string.h>

#define VMM_VQ_MAX_SIZE 32768
#define VMM_DESC_SIZE 16

typedef struct {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
} VmmVringDesc;

void
vmm_vq_chain_init(VmmVqChain *chain, guint max)
{
	memset(chain, 0, sizeof *chain);
	chain->max = max;
	chain->iov = g_new0(struct iovec, max);
}

void
vmm_vq_chain_clear(VmmVqChain *chain)
{
	g_clear_pointer(&chain->iov, g_free);
}

gboolean
vmm_vq_enable(VmmVirtqueue *vq, VmmMemory *mem)
{
	uint64_t n = vq->size;
	if (n == 0 || n > VMM_VQ_MAX_SIZE || (n & (n - 1)) || (vq->desc_gpa & 15) ||
	    (vq->avail_gpa & 1) || (vq->used_gpa & 3))
		return FALSE;
	vq->desc = vmm_memory_ptr(mem, vq->desc_gpa, n * VMM_DESC_SIZE);
	vq->avail = vmm_memory_ptr(mem, vq->avail_gpa, 6 + 2 * n);
	vq->used = vmm_memory_ptr(mem, vq->used_gpa, 6 + 8 * n);
	if (!vq->desc || !vq->avail || !vq->used)
		return FALSE;
	vq->last_avail = 0;
	vq->used_idx = 0;
	vq->broken = FALSE;
	vq->ready = TRUE;
	return TRUE;
}

void
vmm_vq_reset(VmmVirtqueue *vq)
{
	memset(vq, 0, sizeof *vq);
}

static uint16_t
vmm_vq_avail_idx(VmmVirtqueue *vq)
{
	return __atomic_load_n((uint16_t *)(vq->avail + 2), __ATOMIC_ACQUIRE);
}

static VmmVringDesc
vmm_vq_desc(const uint8_t *table, uint16_t i)
{
	VmmVringDesc d;
	memcpy(&d, table + (gsize)i * VMM_DESC_SIZE, sizeof d);
	return d;
}

/* Adds descriptor D to CHAIN; readable buffers must all come first. */
static gboolean
vmm_vq_add(VmmVqChain *chain, VmmMemory *mem, const VmmVringDesc *d)
{
	gboolean writable = d->flags & VMM_VRING_DESC_F_WRITE;
	guint used = chain->n_out + chain->n_in;
	if (used == chain->max || (!writable && chain->n_in > 0))
		return FALSE;
	void *p = vmm_memory_ptr(mem, d->addr, d->len);
	if (!p)
		return FALSE;
	chain->iov[used] = (struct iovec){ .iov_base = p, .iov_len = d->len };
	if (writable) {
		chain->n_in++;
		chain->in_len += d->len;
	} else {
		chain->n_out++;
	}
	return TRUE;
}

/* Walks the chain starting at FIRST in TABLE (N entries); the walk may not
 * take more than N steps, which also stops loops. */
static gboolean
vmm_vq_walk(VmmVqChain *chain, VmmMemory *mem, const uint8_t *table, uint16_t n, uint16_t first,
            gboolean indirect_allowed)
{
	uint16_t i = first;
	for (guint steps = 0; steps < n; steps++) {
		if (i >= n)
			return FALSE;
		VmmVringDesc d = vmm_vq_desc(table, i);
		if (d.flags & VMM_VRING_DESC_F_INDIRECT) {
			if (!indirect_allowed || (d.flags & VMM_VRING_DESC_F_NEXT) || d.len == 0 ||
			    d.len % VMM_DESC_SIZE || d.len / VMM_DESC_SIZE > VMM_VQ_MAX_SIZE)
				return FALSE;
			const uint8_t *sub = vmm_memory_ptr(mem, d.addr, d.len);
			return sub && vmm_vq_walk(chain, mem, sub, (uint16_t)(d.len / VMM_DESC_SIZE), 0,
			                          FALSE);
		}
		if (!vmm_vq_add(chain, mem, &d))
			return FALSE;
		if (!(d.flags & VMM_VRING_DESC_F_NEXT))
			return TRUE;
		i = d.next;
	}
	return FALSE;
}

int
vmm_vq_pop(VmmVirtqueue *vq, VmmMemory *mem, VmmVqChain *chain)
{
	if (!vq->ready || vq->broken)
		return 0;
	uint16_t avail = vmm_vq_avail_idx(vq);
	if (avail == vq->last_avail)
		return 0;
	if ((uint16_t)(avail - vq->last_avail) > vq->size) {
		vq->broken = TRUE; /* the driver claims more entries than the ring has */
		return -1;
	}
	uint16_t slot = vq->last_avail % vq->size;
	uint16_t head;
	memcpy(&head, vq->avail + 4 + 2 * slot, 2);
	vq->last_avail++;
	chain->head = head;
	chain->n_out = chain->n_in = 0;
	chain->in_len = 0;
	if (!vmm_vq_walk(chain, mem, vq->desc, vq->size, head, TRUE)) {
		vq->broken = TRUE;
		return -1;
	}
	return 1;
}

void
vmm_vq_unpop(VmmVirtqueue *vq)
{
	vq->last_avail--;
}

void
vmm_vq_push(VmmVirtqueue *vq, uint16_t head, uint32_t len)
{
	uint8_t *elem = vq->used + 4 + 8 * (gsize)(vq->used_idx % vq->size);
	uint32_t id = head;
	memcpy(elem, &id, 4);
	memcpy(elem + 4, &len, 4);
	vq->used_idx++;
	/* The element must be visible before the index that publishes it. */
	__atomic_store_n((uint16_t *)(vq->used + 2), vq->used_idx, __ATOMIC_RELEASE);
}

gboolean
vmm_vq_wants_interrupt(VmmVirtqueue *vq)
{
	/* Order our used->idx store before reading the driver's flags. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint16_t flags = __atomic_load_n((uint16_t *)vq->avail, __ATOMIC_RELAXED);
	return !(flags & VMM_VRING_AVAIL_F_NO_INTERRUPT);
}
