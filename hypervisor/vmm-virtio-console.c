/* vmm-virtio-console: virtio console, one port (virtio 1.x, section 5.3). */
#include "config.h"

#include "vmm-virtio-console.h"

#include <errno.h>
#include <unistd.h>

#include "vmm-iov.h"

#define VIRTIO_ID_CONSOLE 3
#define VMM_CONSOLE_RX 0
#define VMM_CONSOLE_TX 1
#define VMM_CONSOLE_MAX_SEGS 64

struct VmmConsole {
	int out_fd;
	int in_fd;
	gboolean rx_blocked;
	VmmVqChain chain;
};

static void
vmm_console_write_all(int fd, const struct iovec *iov, guint n)
{
	for (guint i = 0; i < n; i++) {
		const uint8_t *p = iov[i].iov_base;
		gsize left = iov[i].iov_len;
		while (left > 0) {
			ssize_t w = write(fd, p, left);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return;
			p += w;
			left -= (gsize)w;
		}
	}
}

static void
vmm_console_transmit(VmmConsole *con, VmmVirtio *v)
{
	VmmVirtqueue *vq = vmm_virtio_queue(v, VMM_CONSOLE_TX);
	VmmMemory *mem = vmm_virtio_memory(v);
	gboolean done = FALSE;
	int r;
	while ((r = vmm_vq_pop(vq, mem, &con->chain)) > 0) {
		vmm_console_write_all(con->out_fd, con->chain.iov, con->chain.n_out);
		vmm_vq_push(vq, con->chain.head, 0);
		done = TRUE;
	}
	if (r < 0)
		vmm_virtio_set_broken(v);
	if (done)
		vmm_virtio_notify(v, VMM_CONSOLE_TX);
}

static void
vmm_console_receive(void *dev, VmmVirtio *v)
{
	VmmConsole *con = dev;
	VmmVirtqueue *vq = vmm_virtio_queue(v, VMM_CONSOLE_RX);
	int r = vmm_vq_pop(vq, vmm_virtio_memory(v), &con->chain);
	if (r <= 0) {
		con->rx_blocked = r == 0;
		if (r < 0)
			vmm_virtio_set_broken(v);
		return;
	}
	VmmVqChain *c = &con->chain;
	ssize_t n = c->n_in ? readv(con->in_fd, c->iov + c->n_out, (int)c->n_in) : 0;
	if (n <= 0) {
		vmm_vq_unpop(vq);
		con->rx_blocked = c->n_in == 0 || n == 0; /* no room, or input closed */
		return;
	}
	vmm_vq_push(vq, c->head, (uint32_t)n);
	vmm_virtio_notify(v, VMM_CONSOLE_RX);
}

static void
vmm_console_queue_notify(void *dev, VmmVirtio *v, guint queue)
{
	VmmConsole *con = dev;
	if (queue == VMM_CONSOLE_TX)
		vmm_console_transmit(con, v);
	else
		con->rx_blocked = FALSE;
}

static int
vmm_console_backend_fd(void *dev, VmmVirtio *v)
{
	VmmConsole *con = dev;
	gboolean ready = vmm_virtio_queue(v, VMM_CONSOLE_RX)->ready;
	return ready && !con->rx_blocked ? con->in_fd : -1;
}

static void
vmm_console_reset(void *dev)
{
	VmmConsole *con = dev;
	con->rx_blocked = FALSE;
}

const VmmVirtioOps vmm_console_ops = {
	.name = "virtio-console",
	.device_id = VIRTIO_ID_CONSOLE,
	.num_queues = 2,
	.queue_max = VMM_CONSOLE_QUEUE_SIZE,
	.queue_notify = vmm_console_queue_notify,
	.backend_fd = vmm_console_backend_fd,
	.backend_ready = vmm_console_receive,
	.reset = vmm_console_reset,
};

VmmConsole *
vmm_console_new(int out_fd, int in_fd)
{
	VmmConsole *con = g_new0(VmmConsole, 1);
	con->out_fd = out_fd;
	con->in_fd = in_fd;
	vmm_vq_chain_init(&con->chain, VMM_CONSOLE_MAX_SEGS);
	return con;
}

void
vmm_console_free(VmmConsole *con)
{
	if (!con)
		return;
	vmm_vq_chain_clear(&con->chain);
	g_free(con);
}
