/* Split virtqueues as a driver fills them: chains of readable then writable
 * buffers, indirect tables, used-ring returns, interrupt suppression, and
 * the malformed chains a broken or hostile driver could hand us (loops,
 * addresses outside RAM, bad ordering, bad indices), which must break the
 * queue instead of touching anything outside guest memory. Also the
 * scatter-gather helpers the devices use. */
#include "config.h"

#include <string.h>

#include "vmm-iov.h"
#include "vmm-virtqueue.h"

#define MEM_SIZE 0x10000
#define QSIZE 8
#define DESC 0x1000
#define AVAIL 0x2000
#define USED 0x3000
#define DATA 0x4000

typedef struct {
	uint8_t *buf;
	VmmMemory *mem;
	VmmVirtqueue vq;
	VmmVqChain chain;
	uint16_t avail_idx;
} Fixture;

static void
setup(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	memset(f, 0, sizeof *f);
	f->buf = g_malloc0(MEM_SIZE);
	f->mem = vmm_memory_new_for_buffer(f->buf, 0, MEM_SIZE);
	f->vq.size = QSIZE;
	f->vq.desc_gpa = DESC;
	f->vq.avail_gpa = AVAIL;
	f->vq.used_gpa = USED;
	g_assert_true(vmm_vq_enable(&f->vq, f->mem));
	vmm_vq_chain_init(&f->chain, 16);
}

static void
teardown(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	vmm_vq_chain_clear(&f->chain);
	vmm_memory_free(f->mem);
	g_free(f->buf);
}

static void
put_desc(Fixture *f, uint64_t table, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags,
         uint16_t next)
{
	uint8_t *d = f->buf + table + 16 * i;
	memcpy(d, &addr, 8);
	memcpy(d + 8, &len, 4);
	memcpy(d + 12, &flags, 2);
	memcpy(d + 14, &next, 2);
}

static void
publish(Fixture *f, uint16_t head)
{
	memcpy(f->buf + AVAIL + 4 + 2 * (f->avail_idx % QSIZE), &head, 2);
	f->avail_idx++;
	memcpy(f->buf + AVAIL + 2, &f->avail_idx, 2);
}

static uint16_t
used_idx(Fixture *f)
{
	uint16_t v;
	memcpy(&v, f->buf + USED + 2, 2);
	return v;
}

static void
test_chain(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 0);
	memcpy(f->buf + DATA, "request", 7);
	put_desc(f, DESC, 3, DATA, 7, VMM_VRING_DESC_F_NEXT, 5);
	put_desc(f, DESC, 5, DATA + 0x100, 32, VMM_VRING_DESC_F_NEXT | VMM_VRING_DESC_F_WRITE, 6);
	put_desc(f, DESC, 6, DATA + 0x200, 1, VMM_VRING_DESC_F_WRITE, 0);
	publish(f, 3);
	g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 1);
	g_assert_cmpuint(f->chain.head, ==, 3);
	g_assert_cmpuint(f->chain.n_out, ==, 1);
	g_assert_cmpuint(f->chain.n_in, ==, 2);
	g_assert_cmpuint(f->chain.in_len, ==, 33);
	g_assert_true(memcmp(f->chain.iov[0].iov_base, "request", 7) == 0);
	g_assert_true(f->chain.iov[1].iov_base == f->buf + DATA + 0x100);
	g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 0);

	vmm_vq_push(&f->vq, 3, 17);
	g_assert_cmpuint(used_idx(f), ==, 1);
	uint32_t id, len;
	memcpy(&id, f->buf + USED + 4, 4);
	memcpy(&len, f->buf + USED + 8, 4);
	g_assert_cmpuint(id, ==, 3);
	g_assert_cmpuint(len, ==, 17);
}

static void
test_indirect(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	const uint64_t table = DATA + 0x1000;
	put_desc(f, table, 0, DATA, 16, VMM_VRING_DESC_F_NEXT, 2);
	put_desc(f, table, 2, DATA + 0x100, 512, VMM_VRING_DESC_F_NEXT | VMM_VRING_DESC_F_WRITE, 1);
	put_desc(f, table, 1, DATA + 0x400, 1, VMM_VRING_DESC_F_WRITE, 0);
	put_desc(f, DESC, 0, table, 3 * 16, VMM_VRING_DESC_F_INDIRECT, 0);
	publish(f, 0);
	g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 1);
	g_assert_cmpuint(f->chain.n_out, ==, 1);
	g_assert_cmpuint(f->chain.n_in, ==, 2);
	g_assert_cmpuint(f->chain.in_len, ==, 513);
}

static void
test_unpop_and_wrap(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	put_desc(f, DESC, 1, DATA, 4, VMM_VRING_DESC_F_WRITE, 0);
	for (guint round = 0; round < 3 * QSIZE; round++) {
		publish(f, 1);
		g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 1);
		vmm_vq_unpop(&f->vq);
		g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 1);
		vmm_vq_push(&f->vq, f->chain.head, 0);
	}
	g_assert_cmpuint(used_idx(f), ==, 3 * QSIZE);
}

static void
test_interrupt_suppression(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	g_assert_true(vmm_vq_wants_interrupt(&f->vq));
	uint16_t flags = VMM_VRING_AVAIL_F_NO_INTERRUPT;
	memcpy(f->buf + AVAIL, &flags, 2);
	g_assert_false(vmm_vq_wants_interrupt(&f->vq));
}

typedef void (*BadChain)(Fixture *f);

static void
bad_loop(Fixture *f)
{
	put_desc(f, DESC, 0, DATA, 4, VMM_VRING_DESC_F_NEXT, 1);
	put_desc(f, DESC, 1, DATA, 4, VMM_VRING_DESC_F_NEXT, 0);
	publish(f, 0);
}

static void
bad_outside_ram(Fixture *f)
{
	put_desc(f, DESC, 0, MEM_SIZE - 8, 16, 0, 0);
	publish(f, 0);
}

static void
bad_huge_length(Fixture *f)
{
	put_desc(f, DESC, 0, DATA, 0xffffffff, 0, 0);
	publish(f, 0);
}

static void
bad_order(Fixture *f)
{
	put_desc(f, DESC, 0, DATA, 4, VMM_VRING_DESC_F_NEXT | VMM_VRING_DESC_F_WRITE, 1);
	put_desc(f, DESC, 1, DATA, 4, 0, 0);
	publish(f, 0);
}

static void
bad_next(Fixture *f)
{
	put_desc(f, DESC, 0, DATA, 4, VMM_VRING_DESC_F_NEXT, QSIZE + 3);
	publish(f, 0);
}

static void
bad_head(Fixture *f)
{
	publish(f, 200);
}

static void
bad_nested_indirect(Fixture *f)
{
	const uint64_t table = DATA + 0x1000;
	put_desc(f, table, 0, table, 16, VMM_VRING_DESC_F_INDIRECT, 0);
	put_desc(f, DESC, 0, table, 16, VMM_VRING_DESC_F_INDIRECT, 0);
	publish(f, 0);
}

static void
bad_indirect_length(Fixture *f)
{
	put_desc(f, DESC, 0, DATA, 20, VMM_VRING_DESC_F_INDIRECT, 0);
	publish(f, 0);
}

static void
bad_avail_index(Fixture *f)
{
	uint16_t idx = QSIZE + 5; /* more entries than the ring holds */
	memcpy(f->buf + AVAIL + 2, &idx, 2);
}

static void
test_malformed(Fixture *f, gconstpointer data)
{
	BadChain make = (BadChain)data;
	make(f);
	g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, -1);
	g_assert_true(f->vq.broken);
	g_assert_cmpint(vmm_vq_pop(&f->vq, f->mem, &f->chain), ==, 0);
}

static void
test_bad_rings(void)
{
	g_autofree uint8_t *buf = g_malloc0(MEM_SIZE);
	g_autoptr(VmmMemory) mem = vmm_memory_new_for_buffer(buf, 0, MEM_SIZE);
	VmmVirtqueue vq = { .size = QSIZE, .desc_gpa = DESC, .avail_gpa = AVAIL, .used_gpa = USED };
	vq.size = 6; /* not a power of two */
	g_assert_false(vmm_vq_enable(&vq, mem));
	vq.size = QSIZE;
	vq.used_gpa = MEM_SIZE - 8; /* runs off the end of RAM */
	g_assert_false(vmm_vq_enable(&vq, mem));
	vq.used_gpa = USED + 2; /* misaligned */
	g_assert_false(vmm_vq_enable(&vq, mem));
	g_assert_false(vq.ready);
}

static void
test_iov(void)
{
	char a[] = "hello ", b[] = "wor", c[] = "ld";
	struct iovec iov[3] = { { a, 6 }, { b, 3 }, { c, 2 } };
	char out[16] = { 0 };
	g_assert_cmpuint(vmm_iov_size(iov, 3), ==, 11);
	g_assert_cmpuint(vmm_iov_to_buf(iov, 3, 4, out, sizeof out), ==, 7);
	g_assert_cmpstr(out, ==, "o world");
	g_assert_cmpuint(vmm_iov_from_buf(iov, 3, 8, "XYZ", 3), ==, 3);
	g_assert_true(memcmp(b, "woX", 3) == 0 && memcmp(c, "YZ", 2) == 0);
	struct iovec sub[3];
	g_assert_cmpint(vmm_iov_slice(iov, 3, 5, 5, sub, 3), ==, 3);
	g_assert_cmpuint(sub[0].iov_len, ==, 1);
	g_assert_cmpuint(sub[2].iov_len, ==, 1);
	g_assert_cmpint(vmm_iov_slice(iov, 3, 5, 5, sub, 2), ==, -1); /* no room */
	g_assert_cmpint(vmm_iov_slice(iov, 3, 5, 50, sub, 3), ==, -1); /* past the end */
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/vmm/virtqueue/chain", Fixture, NULL, setup, test_chain, teardown);
	g_test_add("/vmm/virtqueue/indirect", Fixture, NULL, setup, test_indirect, teardown);
	g_test_add("/vmm/virtqueue/unpop-and-wrap", Fixture, NULL, setup, test_unpop_and_wrap, teardown);
	g_test_add("/vmm/virtqueue/interrupt-suppression", Fixture, NULL, setup,
	           test_interrupt_suppression, teardown);
	static const struct {
		const char *name;
		BadChain make;
	} bad[] = {
		{ "loop", bad_loop },
		{ "outside-ram", bad_outside_ram },
		{ "huge-length", bad_huge_length },
		{ "writable-before-readable", bad_order },
		{ "next-out-of-range", bad_next },
		{ "head-out-of-range", bad_head },
		{ "nested-indirect", bad_nested_indirect },
		{ "indirect-length", bad_indirect_length },
		{ "avail-index", bad_avail_index },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autofree char *path = g_strdup_printf("/vmm/virtqueue/malformed/%s", bad[i].name);
		g_test_add(path, Fixture, (gconstpointer)bad[i].make, setup, test_malformed, teardown);
	}
	g_test_add_func("/vmm/virtqueue/bad-rings", test_bad_rings);
	g_test_add_func("/vmm/iov", test_iov);
	return g_test_run();
}
