/* vmm-virtio-mmio: virtio-mmio v2 transport (virtio 1.x, section 4.2). */
#include "config.h"

#include "vmm-virtio-mmio.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "vmm-error.h"

#define MMIO_MAGIC            0x000
#define MMIO_VERSION          0x004
#define MMIO_DEVICE_ID        0x008
#define MMIO_VENDOR_ID        0x00c
#define MMIO_DEVICE_FEATURES  0x010
#define MMIO_DEVICE_FEAT_SEL  0x014
#define MMIO_DRIVER_FEATURES  0x020
#define MMIO_DRIVER_FEAT_SEL  0x024
#define MMIO_QUEUE_SEL        0x030
#define MMIO_QUEUE_NUM_MAX    0x034
#define MMIO_QUEUE_NUM        0x038
#define MMIO_QUEUE_READY      0x044
#define MMIO_QUEUE_NOTIFY     0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK    0x064
#define MMIO_STATUS           0x070
#define MMIO_QUEUE_DESC_LOW   0x080
#define MMIO_QUEUE_DESC_HIGH  0x084
#define MMIO_QUEUE_AVAIL_LOW  0x090
#define MMIO_QUEUE_AVAIL_HIGH 0x094
#define MMIO_QUEUE_USED_LOW   0x0a0
#define MMIO_QUEUE_USED_HIGH  0x0a4
#define MMIO_SHM_LEN_LOW      0x0b0
#define MMIO_SHM_LEN_HIGH     0x0b4
#define MMIO_CONFIG_GEN       0x0fc
#define MMIO_CONFIG           0x100

#define VIRTIO_MMIO_MAGIC   0x74726976 /* "virt" */
#define VIRTIO_MMIO_VENDOR  0x4d4d5648 /* "HVMM" */
#define STATUS_FEATURES_OK  0x08
#define STATUS_NEEDS_RESET  0x40
#define ISR_USED_BUFFER     0x1
#define ISR_CONFIG_CHANGE   0x2

struct VmmVirtio {
	const VmmVirtioOps *ops;
	void *dev;
	VmmMemory *mem;
	GMutex lock;
	uint32_t status;
	uint32_t device_features_sel;
	uint32_t driver_features_sel;
	uint64_t driver_features;
	uint32_t queue_sel;
	gint isr; /* atomic */
	VmmVirtqueue vq[VMM_VIRTIO_MAX_QUEUES];
	int queue_fd[VMM_VIRTIO_MAX_QUEUES];
	int irq_fd;
	int stop_fd;
	GThread *thread;
};

static uint64_t
vmm_virtio_device_features(VmmVirtio *v)
{
	return v->ops->features | VMM_VIRTIO_F_VERSION_1 | VMM_VIRTIO_F_INDIRECT_DESC;
}

static void
vmm_virtio_signal(int fd)
{
	uint64_t one = 1;
	while (write(fd, &one, sizeof one) < 0 && errno == EINTR)
		;
}

static void
vmm_virtio_interrupt(VmmVirtio *v, guint bits)
{
	g_atomic_int_or(&v->isr, bits);
	vmm_virtio_signal(v->irq_fd);
}

static void
vmm_virtio_reset(VmmVirtio *v)
{
	v->status = 0;
	v->driver_features = 0;
	v->device_features_sel = v->driver_features_sel = v->queue_sel = 0;
	g_atomic_int_set(&v->isr, 0);
	for (guint q = 0; q < VMM_VIRTIO_MAX_QUEUES; q++)
		vmm_vq_reset(&v->vq[q]);
	if (v->ops->reset)
		v->ops->reset(v->dev);
}

static VmmVirtqueue *
vmm_virtio_selected(VmmVirtio *v)
{
	return v->queue_sel < v->ops->num_queues ? &v->vq[v->queue_sel] : NULL;
}

static uint32_t
vmm_virtio_read_reg(VmmVirtio *v, uint64_t reg)
{
	VmmVirtqueue *vq = vmm_virtio_selected(v);
	switch (reg) {
	case MMIO_MAGIC:
		return VIRTIO_MMIO_MAGIC;
	case MMIO_VERSION:
		return 2;
	case MMIO_DEVICE_ID:
		return v->ops->device_id;
	case MMIO_VENDOR_ID:
		return VIRTIO_MMIO_VENDOR;
	case MMIO_DEVICE_FEATURES:
		return v->device_features_sel > 1
		               ? 0
		               : (uint32_t)(vmm_virtio_device_features(v) >> (32 * v->device_features_sel));
	case MMIO_QUEUE_NUM_MAX:
		return vq ? v->ops->queue_max : 0;
	case MMIO_QUEUE_READY:
		return vq ? vq->ready : 0;
	case MMIO_INTERRUPT_STATUS:
		return (uint32_t)g_atomic_int_get(&v->isr);
	case MMIO_STATUS:
		return v->status;
	case MMIO_SHM_LEN_LOW:
	case MMIO_SHM_LEN_HIGH:
		return 0xffffffff; /* no shared memory regions */
	default:
		return 0; /* write-only registers and CONFIG_GEN: never changes */
	}
}

/* FEATURES_OK sticks only if the driver took nothing we did not offer and
 * speaks virtio 1.x. */
static void
vmm_virtio_write_status(VmmVirtio *v, uint32_t value)
{
	if (value == 0) {
		vmm_virtio_reset(v);
		return;
	}
	if ((value & STATUS_FEATURES_OK) && !(v->status & STATUS_FEATURES_OK) &&
	    ((v->driver_features & ~vmm_virtio_device_features(v)) ||
	     !(v->driver_features & VMM_VIRTIO_F_VERSION_1)))
		value &= ~STATUS_FEATURES_OK;
	v->status = value | (v->status & STATUS_NEEDS_RESET);
}

static void
vmm_virtio_set_addr(uint64_t *addr, gboolean high, uint32_t value)
{
	if (high)
		*addr = (*addr & 0xffffffffull) | ((uint64_t)value << 32);
	else
		*addr = (*addr & ~0xffffffffull) | value;
}

static void
vmm_virtio_write_queue(VmmVirtio *v, VmmVirtqueue *vq, uint64_t reg, uint32_t value)
{
	if (vq->ready && reg != MMIO_QUEUE_READY)
		return; /* a live queue's layout cannot change */
	switch (reg) {
	case MMIO_QUEUE_NUM:
		vq->size = (uint16_t)MIN(value, v->ops->queue_max);
		break;
	case MMIO_QUEUE_READY:
		if (!value)
			vq->ready = FALSE;
		else if (!vq->ready && !vmm_vq_enable(vq, v->mem))
			vmm_virtio_set_broken(v);
		break;
	case MMIO_QUEUE_DESC_LOW:
	case MMIO_QUEUE_DESC_HIGH:
		vmm_virtio_set_addr(&vq->desc_gpa, reg == MMIO_QUEUE_DESC_HIGH, value);
		break;
	case MMIO_QUEUE_AVAIL_LOW:
	case MMIO_QUEUE_AVAIL_HIGH:
		vmm_virtio_set_addr(&vq->avail_gpa, reg == MMIO_QUEUE_AVAIL_HIGH, value);
		break;
	default:
		vmm_virtio_set_addr(&vq->used_gpa, reg == MMIO_QUEUE_USED_HIGH, value);
		break;
	}
}

static void
vmm_virtio_write_reg(VmmVirtio *v, uint64_t reg, uint32_t value)
{
	VmmVirtqueue *vq = vmm_virtio_selected(v);
	switch (reg) {
	case MMIO_DEVICE_FEAT_SEL:
		v->device_features_sel = value;
		break;
	case MMIO_DRIVER_FEATURES:
		if (v->driver_features_sel <= 1 && !(v->status & STATUS_FEATURES_OK))
			vmm_virtio_set_addr(&v->driver_features, v->driver_features_sel == 1, value);
		break;
	case MMIO_DRIVER_FEAT_SEL:
		v->driver_features_sel = value;
		break;
	case MMIO_QUEUE_SEL:
		v->queue_sel = value;
		break;
	case MMIO_QUEUE_NOTIFY:
		/* Normally the ioeventfd catches this in the kernel. */
		if (value < v->ops->num_queues)
			vmm_virtio_signal(v->queue_fd[value]);
		break;
	case MMIO_INTERRUPT_ACK:
		g_atomic_int_and(&v->isr, ~value);
		break;
	case MMIO_STATUS:
		vmm_virtio_write_status(v, value);
		break;
	case MMIO_QUEUE_NUM:
	case MMIO_QUEUE_READY:
	case MMIO_QUEUE_DESC_LOW:
	case MMIO_QUEUE_DESC_HIGH:
	case MMIO_QUEUE_AVAIL_LOW:
	case MMIO_QUEUE_AVAIL_HIGH:
	case MMIO_QUEUE_USED_LOW:
	case MMIO_QUEUE_USED_HIGH:
		if (vq)
			vmm_virtio_write_queue(v, vq, reg, value);
		break;
	default:
		break;
	}
}

static void
vmm_virtio_mmio_read(void *opaque, uint64_t offset, uint8_t *data, guint len)
{
	VmmVirtio *v = opaque;
	memset(data, 0, len);
	g_mutex_lock(&v->lock);
	if (offset >= MMIO_CONFIG) {
		guint off = (guint)(offset - MMIO_CONFIG);
		if (v->ops->read_config && off < v->ops->config_size && len <= v->ops->config_size - off)
			v->ops->read_config(v->dev, off, data, len);
	} else if (len == 4 && !(offset & 3)) {
		vmm_le_put(data, 4, vmm_virtio_read_reg(v, offset));
	}
	g_mutex_unlock(&v->lock);
}

static void
vmm_virtio_mmio_write(void *opaque, uint64_t offset, const uint8_t *data, guint len)
{
	VmmVirtio *v = opaque;
	if (offset >= MMIO_CONFIG || len != 4 || (offset & 3))
		return; /* our config spaces are read-only */
	g_mutex_lock(&v->lock);
	vmm_virtio_write_reg(v, offset, (uint32_t)vmm_le_get(data, 4));
	g_mutex_unlock(&v->lock);
}

const VmmBusOps vmm_virtio_mmio_ops = {
	.read = vmm_virtio_mmio_read,
	.write = vmm_virtio_mmio_write,
};

static gboolean
vmm_virtio_wire(VmmVirtio *v, VmmKvm *kvm, uint64_t base, guint gsi, GError **error)
{
	if (!kvm)
		return TRUE;
	for (guint q = 0; q < v->ops->num_queues; q++) {
		if (!vmm_kvm_ioeventfd(kvm, v->queue_fd[q], base + MMIO_QUEUE_NOTIFY, 4, q, error))
			return FALSE;
	}
	return vmm_kvm_irqfd(kvm, v->irq_fd, gsi, error);
}

VmmVirtio *
vmm_virtio_new(const VmmVirtioOps *ops, void *dev, VmmMemory *mem, VmmKvm *kvm, uint64_t base,
               guint gsi, GError **error)
{
	g_assert(ops->num_queues <= VMM_VIRTIO_MAX_QUEUES);
	VmmVirtio *v = g_new0(VmmVirtio, 1);
	v->ops = ops;
	v->dev = dev;
	v->mem = mem;
	g_mutex_init(&v->lock);
	v->irq_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	v->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	gboolean ok = v->irq_fd >= 0 && v->stop_fd >= 0;
	for (guint q = 0; q < VMM_VIRTIO_MAX_QUEUES; q++) {
		v->queue_fd[q] = q < ops->num_queues ? eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK) : -1;
		ok = ok && (q >= ops->num_queues || v->queue_fd[q] >= 0);
	}
	if (!ok)
		vmm_set_errno(error, errno, "eventfd for %s", ops->name);
	if (!ok || !vmm_virtio_wire(v, kvm, base, gsi, error)) {
		vmm_virtio_free(v);
		return NULL;
	}
	return v;
}

static void
vmm_virtio_drain(int fd)
{
	uint64_t count;
	while (read(fd, &count, sizeof count) < 0 && errno == EINTR)
		;
}

/* One round of the I/O thread: wait for a kick, the backend or the stop. */
static gboolean
vmm_virtio_iterate(VmmVirtio *v)
{
	struct pollfd pfd[VMM_VIRTIO_MAX_QUEUES + 2];
	guint nq = v->ops->num_queues;
	pfd[0] = (struct pollfd){ .fd = v->stop_fd, .events = POLLIN };
	for (guint q = 0; q < nq; q++)
		pfd[1 + q] = (struct pollfd){ .fd = v->queue_fd[q], .events = POLLIN };
	g_mutex_lock(&v->lock);
	int bfd = v->ops->backend_fd ? v->ops->backend_fd(v->dev, v) : -1;
	g_mutex_unlock(&v->lock);
	pfd[1 + nq] = (struct pollfd){ .fd = bfd, .events = POLLIN };
	if (poll(pfd, nq + 2, -1) < 0)
		return errno == EINTR;
	if (pfd[0].revents)
		return FALSE;
	for (guint q = 0; q < nq; q++) {
		if (!pfd[1 + q].revents)
			continue;
		vmm_virtio_drain(v->queue_fd[q]);
		g_mutex_lock(&v->lock);
		if (v->vq[q].ready)
			v->ops->queue_notify(v->dev, v, q);
		g_mutex_unlock(&v->lock);
	}
	if (bfd >= 0 && pfd[1 + nq].revents) {
		g_mutex_lock(&v->lock);
		v->ops->backend_ready(v->dev, v);
		g_mutex_unlock(&v->lock);
	}
	return TRUE;
}

static gpointer
vmm_virtio_thread(gpointer data)
{
	VmmVirtio *v = data;
	while (vmm_virtio_iterate(v))
		;
	return NULL;
}

gboolean
vmm_virtio_start(VmmVirtio *v, GError **error)
{
	v->thread = g_thread_try_new(v->ops->name, vmm_virtio_thread, v, error);
	return v->thread != NULL;
}

void
vmm_virtio_free(VmmVirtio *v)
{
	if (!v)
		return;
	if (v->thread) {
		vmm_virtio_signal(v->stop_fd);
		g_thread_join(v->thread);
	}
	for (guint q = 0; q < VMM_VIRTIO_MAX_QUEUES; q++) {
		if (v->queue_fd[q] >= 0)
			close(v->queue_fd[q]);
	}
	if (v->irq_fd >= 0)
		close(v->irq_fd);
	if (v->stop_fd >= 0)
		close(v->stop_fd);
	g_mutex_clear(&v->lock);
	g_free(v);
}

VmmVirtqueue *
vmm_virtio_queue(VmmVirtio *v, guint q)
{
	return &v->vq[q];
}

VmmMemory *
vmm_virtio_memory(VmmVirtio *v)
{
	return v->mem;
}

gboolean
vmm_virtio_has_feature(VmmVirtio *v, guint bit)
{
	return (v->driver_features >> bit) & 1;
}

void
vmm_virtio_notify(VmmVirtio *v, guint q)
{
	if (vmm_vq_wants_interrupt(&v->vq[q]))
		vmm_virtio_interrupt(v, ISR_USED_BUFFER);
}

void
vmm_virtio_set_broken(VmmVirtio *v)
{
	g_debug("%s: the driver set up a malformed queue or request; needs reset", v->ops->name);
	v->status |= STATUS_NEEDS_RESET;
	vmm_virtio_interrupt(v, ISR_CONFIG_CHANGE);
}

void
vmm_virtio_process(VmmVirtio *v, guint q, VmmVqChain *chain, VmmVirtioChainFunc func, void *dev)
{
	gboolean done = FALSE;
	int r;
	while ((r = vmm_vq_pop(&v->vq[q], v->mem, chain)) > 0) {
		vmm_vq_push(&v->vq[q], chain->head, func(dev, chain));
		done = TRUE;
	}
	if (r < 0)
		vmm_virtio_set_broken(v);
	if (done)
		vmm_virtio_notify(v, q);
}

int
vmm_virtio_rx_fd(VmmVirtio *v, VmmVirtioRx *rx)
{
	return v->vq[rx->queue].ready && !rx->blocked ? rx->fd : -1;
}

/* Reads into one popped chain; FALSE when nothing more can be received. */
static gboolean
vmm_virtio_rx_one(VmmVirtio *v, VmmVirtioRx *rx, VmmVqChain *c)
{
	if (c->in_len < MAX(rx->min_len, (gsize)1)) {
		vmm_virtio_set_broken(v);
		return FALSE;
	}
	ssize_t n = readv(rx->fd, c->iov + c->n_out, (int)c->n_in);
	if (n <= 0) {
		vmm_vq_unpop(&v->vq[rx->queue]);
		rx->blocked = n == 0; /* the input ended; EAGAIN just means later */
		return FALSE;
	}
	if (rx->filled)
		rx->filled(c);
	vmm_vq_push(&v->vq[rx->queue], c->head, (uint32_t)n);
	return TRUE;
}

void
vmm_virtio_rx_fill(VmmVirtio *v, VmmVirtioRx *rx, VmmVqChain *chain)
{
	gboolean done = FALSE;
	for (;;) {
		int r = vmm_vq_pop(&v->vq[rx->queue], v->mem, chain);
		if (r <= 0) {
			rx->blocked = r == 0;
			if (r < 0)
				vmm_virtio_set_broken(v);
			break;
		}
		if (!vmm_virtio_rx_one(v, rx, chain))
			break;
		done = TRUE;
	}
	if (done)
		vmm_virtio_notify(v, rx->queue);
}

int
vmm_virtio_irq_fd(VmmVirtio *v)
{
	return v->irq_fd;
}

VmmAml *
vmm_virtio_aml(guint index, uint64_t base, guint gsi)
{
	GByteArray *res = g_byte_array_new();
	vmm_aml_res_memory32(res, (uint32_t)base, 0x200);
	vmm_aml_res_interrupt(res, gsi, TRUE);
	VmmAml *body = vmm_aml_name("_HID", vmm_aml_str("LNRO0005"));
	vmm_aml_append(body, vmm_aml_name("_UID", vmm_aml_int(index)));
	vmm_aml_append(body, vmm_aml_name("_CRS", vmm_aml_resources(res)));
	g_autofree char *name = g_strdup_printf("VR%02u", index);
	return vmm_aml_device(name, body);
}
