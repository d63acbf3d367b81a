/* The virtio-mmio transport and devices, driven as the guest's drivers
 * drive them but without KVM: registers through the MMIO ops, requests in
 * guest memory, QueueNotify kicking the device's I/O thread, completions
 * signalled on the interrupt eventfd. virtio-blk on a temporary image,
 * virtio-net on a socket pair standing in for the tap, virtio-console on
 * pipes; malformed requests mark the device as needing a reset. */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vmm-bus.h"
#include "vmm-virtio-blk.h"
#include "vmm-virtio-console.h"
#include "vmm-virtio-mmio.h"
#include "vmm-virtio-net.h"

#define MEM 0x100000
#define QSZ 16
#define STATUS_ACK 1
#define STATUS_DRIVER 2
#define STATUS_DRIVER_OK 4
#define STATUS_FEATURES_OK 8
#define STATUS_NEEDS_RESET 0x40

typedef struct {
	uint8_t *ram;
	VmmMemory *mem;
	VmmVirtio *v;
	uint16_t avail[4];
	uint16_t used_seen[4];
	uint64_t next_data; /* bump allocator for request buffers */
} Drv;

static uint32_t
reg_read(Drv *d, uint64_t off)
{
	uint8_t b[4];
	vmm_virtio_mmio_ops.read(d->v, off, b, 4);
	return (uint32_t)vmm_le_get(b, 4);
}

static void
reg_write(Drv *d, uint64_t off, uint32_t val)
{
	uint8_t b[4];
	vmm_le_put(b, 4, val);
	vmm_virtio_mmio_ops.write(d->v, off, b, 4);
}

static uint64_t ring_base(guint q) { return 0x1000 + q * 0x1000; }

static void
setup_queue(Drv *d, guint q)
{
	reg_write(d, 0x030, q);
	g_assert_cmpuint(reg_read(d, 0x034), >=, QSZ);
	reg_write(d, 0x038, QSZ);
	reg_write(d, 0x080, (uint32_t)ring_base(q));
	reg_write(d, 0x090, (uint32_t)ring_base(q) + 0x400);
	reg_write(d, 0x0a0, (uint32_t)ring_base(q) + 0x800);
	reg_write(d, 0x044, 1);
	g_assert_cmpuint(reg_read(d, 0x044), ==, 1);
}

/* The Linux driver's sequence: reset, ACK, DRIVER, features, FEATURES_OK,
 * queues, DRIVER_OK. FEATURES is what the driver accepts. */
static Drv *
drv_new(const VmmVirtioOps *ops, void *dev, guint nq, uint64_t features)
{
	Drv *d = g_new0(Drv, 1);
	d->ram = g_malloc0(MEM);
	d->mem = vmm_memory_new_for_buffer(d->ram, 0, MEM);
	d->next_data = 0x10000;
	g_autoptr(GError) error = NULL;
	d->v = vmm_virtio_new(ops, dev, d->mem, NULL, 0, 0, &error);
	g_assert_no_error(error);
	reg_write(d, 0x070, 0);
	reg_write(d, 0x070, STATUS_ACK | STATUS_DRIVER);
	reg_write(d, 0x024, 0);
	reg_write(d, 0x020, (uint32_t)features);
	reg_write(d, 0x024, 1);
	reg_write(d, 0x020, (uint32_t)(features >> 32));
	reg_write(d, 0x070, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	for (guint q = 0; q < nq; q++)
		setup_queue(d, q);
	reg_write(d, 0x070, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
	g_assert_true(vmm_virtio_start(d->v, &error));
	return d;
}

static void
drv_free(Drv *d)
{
	vmm_virtio_free(d->v);
	vmm_memory_free(d->mem);
	g_free(d->ram);
	g_free(d);
}

/* Copies LEN bytes (or zeros for NULL) into fresh guest memory. */
static uint64_t
drv_buf(Drv *d, const void *data, gsize len)
{
	uint64_t at = d->next_data;
	d->next_data += (len + 15) & ~(gsize)15;
	g_assert_cmpuint(d->next_data, <, MEM);
	if (data)
		memcpy(d->ram + at, data, len);
	else
		memset(d->ram + at, 0, len);
	return at;
}

typedef struct {
	uint64_t addr;
	uint32_t len;
	gboolean writable;
} Seg;

/* Puts a chain of N segments on queue Q and makes it available. */
static void
drv_submit(Drv *d, guint q, const Seg *segs, guint n)
{
	uint8_t *desc = d->ram + ring_base(q);
	uint16_t head = (uint16_t)((d->avail[q] * 4) % QSZ);
	for (guint i = 0; i < n; i++) {
		uint8_t *e = desc + 16 * ((head + i) % QSZ);
		uint16_t flags = (i + 1 < n ? 1 : 0) | (segs[i].writable ? 2 : 0);
		uint16_t next = (uint16_t)((head + i + 1) % QSZ);
		vmm_le_put(e, 8, segs[i].addr);
		vmm_le_put(e + 8, 4, segs[i].len);
		vmm_le_put(e + 12, 2, flags);
		vmm_le_put(e + 14, 2, next);
	}
	uint8_t *avail = d->ram + ring_base(q) + 0x400;
	vmm_le_put(avail + 4 + 2 * (d->avail[q] % QSZ), 2, head);
	d->avail[q]++;
	vmm_le_put(avail + 2, 2, d->avail[q]);
}

static void
drv_kick(Drv *d, guint q)
{
	reg_write(d, 0x050, q);
}

/* Waits for the interrupt eventfd, then acknowledges the interrupt. */
static gboolean
drv_wait_irq(Drv *d)
{
	struct pollfd p = { .fd = vmm_virtio_irq_fd(d->v), .events = POLLIN };
	if (poll(&p, 1, 5000) != 1)
		return FALSE;
	uint64_t n;
	g_assert_cmpint(read(p.fd, &n, sizeof n), ==, sizeof n);
	reg_write(d, 0x064, reg_read(d, 0x060));
	return TRUE;
}

/* The used element for the next completion on queue Q: its length. */
static uint32_t
drv_used(Drv *d, guint q)
{
	uint8_t *used = d->ram + ring_base(q) + 0x800;
	for (int tries = 0; tries < 500 && vmm_le_get(used + 2, 2) == d->used_seen[q]; tries++)
		g_usleep(10000);
	g_assert_cmpuint(vmm_le_get(used + 2, 2), !=, d->used_seen[q]);
	uint8_t *elem = used + 4 + 8 * (d->used_seen[q] % QSZ);
	d->used_seen[q]++;
	return (uint32_t)vmm_le_get(elem + 4, 4);
}

/* --- transport ---------------------------------------------------------- */

static void
test_registers(void)
{
	VmmBlk *blk = vmm_blk_new(-1, 4096, FALSE, "x");
	g_autofree uint8_t *ram = g_malloc0(MEM);
	g_autoptr(VmmMemory) mem = vmm_memory_new_for_buffer(ram, 0, MEM);
	Drv d = { .ram = ram, .mem = mem };
	d.v = vmm_virtio_new(vmm_blk_ops(blk), blk, mem, NULL, 0, 0, NULL);
	g_assert_cmphex(reg_read(&d, 0x000), ==, 0x74726976);
	g_assert_cmpuint(reg_read(&d, 0x004), ==, 2);
	g_assert_cmpuint(reg_read(&d, 0x008), ==, 2); /* block */
	reg_write(&d, 0x014, 1);
	g_assert_true(reg_read(&d, 0x010) & 1); /* VIRTIO_F_VERSION_1 */
	reg_write(&d, 0x014, 0);
	g_assert_true(reg_read(&d, 0x010) & (1u << 28)); /* indirect descriptors */
	reg_write(&d, 0x030, 0);
	g_assert_cmpuint(reg_read(&d, 0x034), ==, VMM_BLK_QUEUE_SIZE);
	reg_write(&d, 0x030, 5);
	g_assert_cmpuint(reg_read(&d, 0x034), ==, 0); /* no such queue */
	/* Config space: capacity in sectors, seg_max. */
	uint8_t cfg[4];
	vmm_virtio_mmio_ops.read(d.v, 0x100, cfg, 4);
	g_assert_cmpuint(vmm_le_get(cfg, 4), ==, 8);
	vmm_virtio_mmio_ops.read(d.v, 0x100 + 12, cfg, 4);
	g_assert_cmpuint(vmm_le_get(cfg, 4), ==, VMM_BLK_SEG_MAX);

	/* A driver without VERSION_1 (legacy) is refused FEATURES_OK. */
	reg_write(&d, 0x070, 0);
	reg_write(&d, 0x070, STATUS_ACK | STATUS_DRIVER);
	reg_write(&d, 0x024, 0);
	reg_write(&d, 0x020, 1u << 9);
	reg_write(&d, 0x070, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	g_assert_false(reg_read(&d, 0x070) & STATUS_FEATURES_OK);
	/* So is one asking for a feature that was not offered. */
	reg_write(&d, 0x070, 0);
	reg_write(&d, 0x024, 1);
	reg_write(&d, 0x020, 1u | (1u << 20));
	reg_write(&d, 0x070, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	g_assert_false(reg_read(&d, 0x070) & STATUS_FEATURES_OK);
	vmm_virtio_free(d.v);
	vmm_blk_free(blk);
}

/* --- virtio-blk -------------------------------------------------------- */

typedef struct {
	char *path;
	int fd;
	VmmBlk *blk;
	Drv *d;
} BlkFixture;

static void
blk_setup(BlkFixture *f, gconstpointer readonly)
{
	f->fd = g_file_open_tmp("vmm-blk-XXXXXX", &f->path, NULL);
	g_autofree uint8_t *img = g_malloc(64 * 1024);
	for (guint i = 0; i < 64 * 1024; i++)
		img[i] = (uint8_t)(i / 512);
	g_assert_cmpint(write(f->fd, img, 64 * 1024), ==, 64 * 1024);
	f->blk = vmm_blk_new(f->fd, 64 * 1024, GPOINTER_TO_INT(readonly), "hv-test-serial");
	f->d = drv_new(vmm_blk_ops(f->blk), f->blk, 1, (1ull << 32) | (1ull << 28) | (1ull << 9));
}

static void
blk_teardown(BlkFixture *f, G_GNUC_UNUSED gconstpointer data)
{
	drv_free(f->d);
	vmm_blk_free(f->blk);
	close(f->fd);
	g_unlink(f->path);
	g_free(f->path);
}

/* Sends a request of TYPE at SECTOR with DATA_LEN bytes of data (split into
 * two segments) and returns its status byte; DATA_R gets the data address. */
static uint8_t
blk_request(BlkFixture *f, uint32_t type, uint64_t sector, const void *payload, uint32_t data_len,
            uint64_t *data_r, uint32_t *used_len_r)
{
	uint8_t hdr[16] = { 0 };
	vmm_le_put(hdr, 4, type);
	vmm_le_put(hdr + 8, 8, sector);
	gboolean in = type != 1;
	uint64_t data = drv_buf(f->d, payload, data_len ? data_len : 1);
	uint64_t status = drv_buf(f->d, NULL, 1);
	f->d->ram[status] = 0xee;
	Seg segs[4] = { { drv_buf(f->d, hdr, 16), 16, FALSE } };
	guint n = 1;
	if (data_len) {
		uint32_t half = data_len / 2;
		segs[n++] = (Seg){ data, half, in };
		segs[n++] = (Seg){ data + half, data_len - half, in };
	}
	segs[n++] = (Seg){ status, 1, TRUE };
	drv_submit(f->d, 0, segs, n);
	drv_kick(f->d, 0);
	g_assert_true(drv_wait_irq(f->d));
	uint32_t used = drv_used(f->d, 0);
	if (data_r)
		*data_r = data;
	if (used_len_r)
		*used_len_r = used;
	return f->d->ram[status];
}

static void
test_blk_read_write(BlkFixture *f, G_GNUC_UNUSED gconstpointer data)
{
	uint64_t at;
	uint32_t used;
	g_assert_cmpuint(blk_request(f, 0, 3, NULL, 1024, &at, &used), ==, 0);
	g_assert_cmpuint(used, ==, 1025);
	g_assert_cmpuint(f->d->ram[at], ==, 3);
	g_assert_cmpuint(f->d->ram[at + 1023], ==, 4);

	uint8_t payload[512];
	memset(payload, 0xab, sizeof payload);
	g_assert_cmpuint(blk_request(f, 1, 10, payload, 512, NULL, &used), ==, 0);
	g_assert_cmpuint(used, ==, 1);
	uint8_t back[512];
	g_assert_cmpint(pread(f->fd, back, 512, 10 * 512), ==, 512);
	g_assert_true(memcmp(back, payload, 512) == 0);

	g_assert_cmpuint(blk_request(f, 4, 0, NULL, 0, NULL, NULL), ==, 0); /* flush */
	g_assert_cmpuint(blk_request(f, 8, 0, NULL, 20, &at, &used), ==, 0); /* get id */
	g_assert_cmpstr((char *)f->d->ram + at, ==, "hv-test-serial");
	g_assert_cmpuint(blk_request(f, 99, 0, NULL, 0, NULL, NULL), ==, 2); /* unsupported */
	g_assert_cmpuint(blk_request(f, 0, 127, NULL, 1024, NULL, NULL), ==, 1); /* past the end */
	g_assert_cmpuint(blk_request(f, 0, G_MAXUINT64 / 2, NULL, 512, NULL, NULL), ==, 1);
}

static void
test_blk_readonly(BlkFixture *f, G_GNUC_UNUSED gconstpointer data)
{
	uint8_t payload[512] = { 1 };
	g_assert_cmpuint(blk_request(f, 1, 0, payload, 512, NULL, NULL), ==, 1);
	uint8_t back;
	g_assert_cmpint(pread(f->fd, &back, 1, 0), ==, 1);
	g_assert_cmpuint(back, ==, 0); /* unchanged */
	g_assert_cmpuint(blk_request(f, 0, 0, NULL, 512, NULL, NULL), ==, 0);
}

static void
test_blk_malformed(BlkFixture *f, G_GNUC_UNUSED gconstpointer data)
{
	Seg bad[2] = { { MEM - 4, 16, FALSE }, { 0x20000, 1, TRUE } };
	drv_submit(f->d, 0, bad, 2);
	drv_kick(f->d, 0);
	g_assert_true(drv_wait_irq(f->d));
	g_assert_true(reg_read(f->d, 0x070) & STATUS_NEEDS_RESET);
	/* A reset brings it back. */
	reg_write(f->d, 0x070, 0);
	g_assert_cmpuint(reg_read(f->d, 0x070), ==, 0);
	reg_write(f->d, 0x030, 0);
	g_assert_cmpuint(reg_read(f->d, 0x044), ==, 0);
}

/* --- virtio-net --------------------------------------------------------- */

static void
test_net(void)
{
	int sp[2];
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sp), ==, 0);
	const uint8_t mac[6] = { 0x52, 0x54, 0, 1, 2, 3 };
	VmmNet *net = vmm_net_new(sp[0], mac);
	Drv *d = drv_new(&vmm_net_ops, net, 2, (1ull << 32) | (1ull << 5));
	uint8_t cfg[6];
	vmm_virtio_mmio_ops.read(d->v, 0x100, cfg, 6);
	g_assert_true(memcmp(cfg, mac, 6) == 0);

	/* Transmit: header and frame come out of the "tap" as one packet. */
	uint8_t frame[12 + 60] = { 0 };
	memset(frame + 12, 0x42, 60);
	Seg tx[2] = { { drv_buf(d, frame, 12), 12, FALSE }, { drv_buf(d, frame + 12, 60), 60, FALSE } };
	drv_submit(d, 1, tx, 2);
	drv_kick(d, 1);
	g_assert_true(drv_wait_irq(d));
	uint8_t got[256];
	g_assert_cmpint(recv(sp[1], got, sizeof got, 0), ==, 72);
	g_assert_cmpuint(got[12], ==, 0x42);

	/* Receive: a packet waits in the tap until a buffer is posted. */
	memset(frame + 12, 0x24, 60);
	g_assert_cmpint(send(sp[1], frame, sizeof frame, 0), ==, sizeof frame);
	uint64_t rx = drv_buf(d, NULL, 1526);
	Seg rxs[1] = { { rx, 1526, TRUE } };
	drv_submit(d, 0, rxs, 1);
	drv_kick(d, 0);
	g_assert_true(drv_wait_irq(d));
	g_assert_cmpuint(drv_used(d, 0), ==, sizeof frame);
	g_assert_cmpuint(vmm_le_get(d->ram + rx + 10, 2), ==, 1); /* num_buffers */
	g_assert_cmpuint(d->ram[rx + 12], ==, 0x24);
	drv_free(d);
	vmm_net_free(net);
	close(sp[0]);
	close(sp[1]);
}

/* --- virtio-console ------------------------------------------------------ */

static void
test_console(void)
{
	int out[2], in[2];
	g_assert_cmpint(pipe2(out, O_NONBLOCK), ==, 0);
	g_assert_cmpint(pipe2(in, O_NONBLOCK), ==, 0);
	VmmConsole *con = vmm_console_new(out[1], in[0]);
	Drv *d = drv_new(&vmm_console_ops, con, 2, 1ull << 32);

	Seg tx[1] = { { drv_buf(d, "hello hvc0\n", 11), 11, FALSE } };
	drv_submit(d, 1, tx, 1);
	drv_kick(d, 1);
	g_assert_true(drv_wait_irq(d));
	char buf[32] = { 0 };
	g_assert_cmpint(read(out[0], buf, sizeof buf), ==, 11);
	g_assert_cmpstr(buf, ==, "hello hvc0\n");

	uint64_t rx = drv_buf(d, NULL, 64);
	Seg rxs[1] = { { rx, 64, TRUE } };
	drv_submit(d, 0, rxs, 1);
	drv_kick(d, 0);
	g_assert_cmpint(write(in[1], "ls\n", 3), ==, 3);
	g_assert_true(drv_wait_irq(d));
	g_assert_cmpuint(drv_used(d, 0), ==, 3);
	g_assert_true(memcmp(d->ram + rx, "ls\n", 3) == 0);
	drv_free(d);
	vmm_console_free(con);
	for (int i = 0; i < 2; i++) {
		close(out[i]);
		close(in[i]);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vmm/virtio/registers-and-features", test_registers);
	g_test_add("/vmm/virtio/blk/read-write", BlkFixture, GINT_TO_POINTER(FALSE), blk_setup,
	           test_blk_read_write, blk_teardown);
	g_test_add("/vmm/virtio/blk/readonly", BlkFixture, GINT_TO_POINTER(TRUE), blk_setup,
	           test_blk_readonly, blk_teardown);
	g_test_add("/vmm/virtio/blk/malformed", BlkFixture, GINT_TO_POINTER(FALSE), blk_setup,
	           test_blk_malformed, blk_teardown);
	g_test_add_func("/vmm/virtio/net", test_net);
	g_test_add_func("/vmm/virtio/console", test_console);
	return g_test_run();
}
