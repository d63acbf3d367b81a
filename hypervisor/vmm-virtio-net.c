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
	gboolean rx_blocked; /* no receive buffers: wait for the driver's kick */
	VmmVqChain chain;
};

static void
vmm_net_read_config(void *dev, guint offset, uint8_t *data, guint len)
{
	VmmNet *net = dev;
	memcpy(data, net->mac + offset, len);
}

static void
vmm_net_transmit(VmmNet *net, VmmVirtio *v)
{
	VmmVirtqueue *vq = vmm_virtio_queue(v, VMM_NET_TX);
	VmmMemory *mem = vmm_virtio_memory(v);
	gboolean done = FALSE;
	int r;
	while ((r = vmm_vq_pop(vq, mem, &net->chain)) > 0) {
		/* A full tap drops the frame, as a full wire would. */
		if (writev(net->tap_fd, net->chain.iov, (int)net->chain.n_out) < 0)
			g_debug("virtio-net: tap write: %s", g_strerror(errno));
		vmm_vq_push(vq, net->chain.head, 0);
		done = TRUE;
	}
	if (r < 0)
		vmm_virtio_set_broken(v);
	if (done)
		vmm_virtio_notify(v, VMM_NET_TX);
}

/* Moves frames from the tap into receive buffers until either runs out. */
static void
vmm_net_receive(void *dev, VmmVirtio *v)
{
	VmmNet *net = dev;
	VmmVirtqueue *vq = vmm_virtio_queue(v, VMM_NET_RX);
	VmmMemory *mem = vmm_virtio_memory(v);
	gboolean done = FALSE;
	for (;;) {
		int r = vmm_vq_pop(vq, mem, &net->chain);
		if (r <= 0) {
			net->rx_blocked = r == 0;
			if (r < 0)
				vmm_virtio_set_broken(v);
			break;
		}
		VmmVqChain *c = &net->chain;
		if (c->in_len < VMM_NET_HDR_SIZE) {
			vmm_virtio_set_broken(v);
			break;
		}
		ssize_t n = readv(net->tap_fd, c->iov + c->n_out, (int)c->n_in);
		if (n < VMM_NET_HDR_SIZE) { /* nothing (left) to read */
			vmm_vq_unpop(vq);
			break;
		}
		static const uint8_t one_buffer[2] = { 1, 0 };
		vmm_iov_from_buf(c->iov + c->n_out, c->n_in, VMM_NET_NUM_BUFFERS_AT, one_buffer, 2);
		vmm_vq_push(vq, c->head, (uint32_t)n);
		done = TRUE;
	}
	if (done)
		vmm_virtio_notify(v, VMM_NET_RX);
}

static void
vmm_net_queue_notify(void *dev, VmmVirtio *v, guint queue)
{
	VmmNet *net = dev;
	if (queue == VMM_NET_TX)
		vmm_net_transmit(net, v);
	else
		net->rx_blocked = FALSE; /* new buffers: watch the tap again */
}

static int
vmm_net_backend_fd(void *dev, VmmVirtio *v)
{
	VmmNet *net = dev;
	gboolean ready = vmm_virtio_queue(v, VMM_NET_RX)->ready;
	return ready && !net->rx_blocked ? net->tap_fd : -1;
}

static void
vmm_net_reset(void *dev)
{
	VmmNet *net = dev;
	net->rx_blocked = FALSE;
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
	vmm_vq_chain_init(&net->chain, VMM_NET_MAX_SEGS);
	return net;
}

void
vmm_net_free(VmmNet *net)
{
	if (!net)
		return;
	vmm_vq_chain_clear(&net->chain);
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
