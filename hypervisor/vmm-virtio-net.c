/* vmm-virtio-net: virtio network device on a tap (virtio 1.x, section 5.1). */
#include "config.h"

#include "vmm-virtio-net.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "vmm-error.h"
#include "vmm-iov.h"

#define VIRTIO_ID_NET 1
#define VIRTIO_NET_F_MAC 5
#define VMM_NET_RX 0
#define VMM_NET_TX 1
#define VMM_NET_NUM_BUFFERS_AT 10
#define VMM_NET_MAX_SEGS 64

struct VmmNet {
	int tap_fd;
	uint8_t mac[6];
	VmmVirtioRx rx;
	VmmVqChain tx_chain; /* transmit and receive run on the same I/O thread, */
	VmmVqChain rx_chain; /* but each keeps its own chain to stay simple */
};

static void
vmm_net_read_config(void *dev, guint offset, uint8_t *data, guint len)
{
	VmmNet *net = dev;
	memcpy(data, net->mac + offset, len);
}

static uint32_t
vmm_net_transmit_one(void *dev, VmmVqChain *c)
{
	VmmNet *net = dev;
	/* A full tap drops the frame, as a full wire would. */
	if (writev(net->tap_fd, c->iov, (int)c->n_out) < 0)
		g_debug("virtio-net: tap write: %s", g_strerror(errno));
	return 0;
}

/* Without VIRTIO_NET_F_MRG_RXBUF every frame fills exactly one buffer. */
static void
vmm_net_received(VmmVqChain *c)
{
	static const uint8_t one_buffer[2] = { 1, 0 };
	vmm_iov_from_buf(c->iov + c->n_out, c->n_in, VMM_NET_NUM_BUFFERS_AT, one_buffer, 2);
}

static void
vmm_net_receive(void *dev, VmmVirtio *v)
{
	VmmNet *net = dev;
	vmm_virtio_rx_fill(v, &net->rx, &net->rx_chain);
}

static void
vmm_net_queue_notify(void *dev, VmmVirtio *v, guint queue)
{
	VmmNet *net = dev;
	if (queue == VMM_NET_TX)
		vmm_virtio_process(v, VMM_NET_TX, &net->tx_chain, vmm_net_transmit_one, net);
	else
		net->rx.blocked = FALSE; /* new buffers: watch the tap again */
}

static int
vmm_net_backend_fd(void *dev, VmmVirtio *v)
{
	VmmNet *net = dev;
	return vmm_virtio_rx_fd(v, &net->rx);
}

static void
vmm_net_reset(void *dev)
{
	VmmNet *net = dev;
	net->rx.blocked = FALSE;
}

const VmmVirtioOps vmm_net_ops = {
	.name = "virtio-net",
	.device_id = VIRTIO_ID_NET,
	.num_queues = 2,
	.queue_max = VMM_NET_QUEUE_SIZE,
	.features = 1ull << VIRTIO_NET_F_MAC,
	.config_size = 6,
	.read_config = vmm_net_read_config,
	.queue_notify = vmm_net_queue_notify,
	.backend_fd = vmm_net_backend_fd,
	.backend_ready = vmm_net_receive,
	.reset = vmm_net_reset,
};

VmmNet *
vmm_net_new(int tap_fd, const uint8_t mac[6])
{
	VmmNet *net = g_new0(VmmNet, 1);
	net->tap_fd = tap_fd;
	memcpy(net->mac, mac, 6);
	net->rx = (VmmVirtioRx){ .fd = tap_fd, .queue = VMM_NET_RX, .min_len = VMM_NET_HDR_SIZE,
		                 .filled = vmm_net_received };
	vmm_vq_chain_init(&net->tx_chain, VMM_NET_MAX_SEGS);
	vmm_vq_chain_init(&net->rx_chain, VMM_NET_MAX_SEGS);
	return net;
}

void
vmm_net_free(VmmNet *net)
{
	if (!net)
		return;
	vmm_vq_chain_clear(&net->tx_chain);
	vmm_vq_chain_clear(&net->rx_chain);
	g_free(net);
}

int
vmm_tap_open(const char *name, GError **error)
{
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		vmm_set_errno(error, errno, "/dev/net/tun");
		return -1;
	}
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR };
	g_strlcpy(ifr.ifr_name, name, sizeof ifr.ifr_name);
	int hdr = VMM_NET_HDR_SIZE;
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int err = errno;
		g_set_error(error, VMM_ERROR, err == EBUSY ? VMM_ERROR_BUSY : VMM_ERROR_FAILED,
		            _("cannot attach to tap %s: %s"), name, g_strerror(err));
		close(fd);
		return -1;
	}
	if (ioctl(fd, TUNSETVNETHDRSZ, &hdr) < 0 || ioctl(fd, TUNSETOFFLOAD, 0) < 0) {
		vmm_set_errno(error, errno, "tap %s", name);
		close(fd);
		return -1;
	}
	return fd;
}
