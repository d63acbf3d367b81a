/* vmm-virtio-console: virtio console, one port (virtio 1.x, section 5.3). */
#include "config.h"

#include "vmm-virtio-console.h"

#include <errno.h>
#include <unistd.h>


#define VIRTIO_ID_CONSOLE 3
#define VMM_CONSOLE_RX 0
#define VMM_CONSOLE_TX 1
#define VMM_CONSOLE_MAX_SEGS 64

struct VmmConsole {
	int out_fd;
	VmmVirtioRx rx;
	VmmVqChain tx_chain;
	VmmVqChain rx_chain;
};

static uint32_t
vmm_console_transmit_one(void *dev, VmmVqChain *c)
{
	VmmConsole *con = dev;
	for (guint i = 0; i < c->n_out; i++) {
		const uint8_t *p = c->iov[i].iov_base;
		gsize left = c->iov[i].iov_len;
		while (left > 0) {
			ssize_t w = write(con->out_fd, p, left);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return 0;
			p += w;
			left -= (gsize)w;
		}
	}
	return 0;
}

static void
vmm_console_receive(void *dev, VmmVirtio *v)
{
	VmmConsole *con = dev;
	vmm_virtio_rx_fill(v, &con->rx, &con->rx_chain);
}

static void
vmm_console_queue_notify(void *dev, VmmVirtio *v, guint queue)
{
	VmmConsole *con = dev;
	if (queue == VMM_CONSOLE_TX)
		vmm_virtio_process(v, VMM_CONSOLE_TX, &con->tx_chain, vmm_console_transmit_one, con);
	else
		con->rx.blocked = FALSE;
}

static int
vmm_console_backend_fd(void *dev, VmmVirtio *v)
{
	VmmConsole *con = dev;
	return vmm_virtio_rx_fd(v, &con->rx);
}

static void
vmm_console_reset(void *dev)
{
	VmmConsole *con = dev;
	con->rx.blocked = FALSE;
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
	con->rx = (VmmVirtioRx){ .fd = in_fd, .queue = VMM_CONSOLE_RX, .min_len = 1 };
	vmm_vq_chain_init(&con->tx_chain, VMM_CONSOLE_MAX_SEGS);
	vmm_vq_chain_init(&con->rx_chain, VMM_CONSOLE_MAX_SEGS);
	return con;
}

void
vmm_console_free(VmmConsole *con)
{
	if (!con)
		return;
	vmm_vq_chain_clear(&con->tx_chain);
	vmm_vq_chain_clear(&con->rx_chain);
	g_free(con);
}
