/* The 16550A UART as the guest's 8250 driver sees it: probing (scratch,
 * loopback, FIFO), the divisor latch, transmitting to the output file and
 * the THRE interrupt, receiving console input with the data interrupt. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "vmm-serial.h"

#define THR 0
#define RBR 0
#define IER 1
#define IIR 2
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

typedef struct {
	VmmSerial *uart;
	int pipe[2];
	gboolean level;
	guint edges;
} Fixture;

static void
record_irq(void *opaque, gboolean level)
{
	Fixture *f = opaque;
	if (level && !f->level)
		f->edges++;
	f->level = level;
}

static void
setup(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	memset(f, 0, sizeof *f);
	g_assert_cmpint(pipe2(f->pipe, O_NONBLOCK), ==, 0);
	f->uart = vmm_serial_new(f->pipe[1], record_irq, f);
}

static void
teardown(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	vmm_serial_free(f->uart);
	close(f->pipe[0]);
	close(f->pipe[1]);
}

static uint8_t
rd(Fixture *f, guint reg)
{
	uint8_t v;
	vmm_serial_ops.read(f->uart, reg, &v, 1);
	return v;
}

static void
wr(Fixture *f, guint reg, uint8_t v)
{
	vmm_serial_ops.write(f->uart, reg, &v, 1);
}

static void
test_probe(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	wr(f, SCR, 0xa5);
	g_assert_cmphex(rd(f, SCR), ==, 0xa5);
	/* Loopback: MCR RTS|OUT2 shows up as CTS|DCD, Linux's UART check. */
	wr(f, MCR, 0x10 | 0x0a);
	g_assert_cmphex(rd(f, MSR) & 0xf0, ==, 0x90);
	wr(f, MCR, 0);
	g_assert_cmphex(rd(f, MSR), ==, 0xb0);
	/* A 16550A reports enabled FIFOs in IIR's top bits. */
	g_assert_cmphex(rd(f, IIR), ==, 0x01);
	wr(f, FCR, 0x01);
	g_assert_cmphex(rd(f, IIR) & 0xc0, ==, 0xc0);
	g_assert_cmphex(rd(f, LSR), ==, 0x60); /* THRE and TEMT, no data */
}

static void
test_divisor_latch(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	wr(f, IER, 0x01);
	wr(f, LCR, 0x83); /* DLAB, 8N1 */
	wr(f, 0, 0x01);
	wr(f, 1, 0x00);
	g_assert_cmphex(rd(f, 0), ==, 0x01);
	g_assert_cmphex(rd(f, 1), ==, 0x00);
	wr(f, LCR, 0x03);
	g_assert_cmphex(rd(f, IER), ==, 0x01); /* the latch did not touch IER */
	g_assert_cmphex(rd(f, LCR), ==, 0x03);
}

static void
test_transmit(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	wr(f, IER, 0x02); /* THRE interrupt on: the empty transmitter raises it */
	g_assert_true(f->level);
	g_assert_cmphex(rd(f, IIR) & 0x0f, ==, 0x02);
	g_assert_false(f->level); /* reading IIR acknowledged it */
	for (const char *p = "hi!"; *p; p++)
		wr(f, THR, (uint8_t)*p);
	g_assert_true(f->level);
	g_assert_cmpuint(f->edges, ==, 2);
	char buf[8] = { 0 };
	g_assert_cmpint(read(f->pipe[0], buf, sizeof buf), ==, 3);
	g_assert_cmpstr(buf, ==, "hi!");
	wr(f, IER, 0);
	g_assert_false(f->level);
}

static void
test_receive(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	wr(f, IER, 0x01);
	g_assert_cmpuint(vmm_serial_input(f->uart, (const uint8_t *)"ab", 2), ==, 2);
	g_assert_true(f->level);
	g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x01);
	g_assert_cmphex(rd(f, IIR) & 0x0f, ==, 0x04);
	g_assert_cmphex(rd(f, RBR), ==, 'a');
	g_assert_true(f->level);
	g_assert_cmphex(rd(f, RBR), ==, 'b');
	g_assert_false(f->level);
	g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x00);
	/* FCR's "clear receiver" drops what is queued. */
	vmm_serial_input(f->uart, (const uint8_t *)"xyz", 3);
	wr(f, FCR, 0x03);
	g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x00);
}

static void
test_receive_limit(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	uint8_t big[5000];
	memset(big, 'q', sizeof big);
	gsize taken = vmm_serial_input(f->uart, big, sizeof big);
	g_assert_cmpuint(taken, <, sizeof big);
	g_assert_cmpuint(vmm_serial_input(f->uart, big, 1), ==, 0);
	rd(f, RBR);
	g_assert_cmpuint(vmm_serial_input(f->uart, big, 1), ==, 1);
}

static void
test_loopback_data(Fixture *f, G_GNUC_UNUSED gconstpointer data)
{
	wr(f, MCR, 0x10);
	wr(f, THR, 0x5a);
	g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x01);
	g_assert_cmphex(rd(f, RBR), ==, 0x5a);
	char buf[4];
	g_assert_cmpint(read(f->pipe[0], buf, sizeof buf), ==, -1); /* nothing went out */
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/vmm/serial/probe", Fixture, NULL, setup, test_probe, teardown);
	g_test_add("/vmm/serial/divisor-latch", Fixture, NULL, setup, test_divisor_latch, teardown);
	g_test_add("/vmm/serial/transmit", Fixture, NULL, setup, test_transmit, teardown);
	g_test_add("/vmm/serial/receive", Fixture, NULL, setup, test_receive, teardown);
	g_test_add("/vmm/serial/receive-limit", Fixture, NULL, setup, test_receive_limit, teardown);
	g_test_add("/vmm/serial/loopback", Fixture, NULL, setup, test_loopback_data, teardown);
	return g_test_run();
}
