/* vmm-serial: 16550A UART. */
#include "config.h"

#include "vmm-serial.h"

#include <errno.h>
#include <unistd.h>

#define UART_RX 0 /* and THR, DLL */
#define UART_IER 1 /* and DLM */
#define UART_IIR 2 /* read; FCR on write */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7

#define UART_IER_RDI  0x01
#define UART_IER_THRI 0x02
#define UART_IIR_NO_INT 0x01
#define UART_IIR_THRI   0x02
#define UART_IIR_RDI    0x04
#define UART_IIR_FIFO   0xc0
#define UART_FCR_ENABLE 0x01
#define UART_FCR_CLEAR_RX 0x02
#define UART_LCR_DLAB 0x80
#define UART_MCR_LOOP 0x10
#define UART_LSR_DR   0x01
#define UART_LSR_THRE 0x20
#define UART_LSR_TEMT 0x40
#define UART_MSR_IDLE 0xb0 /* DCD, DSR, CTS */

#define VMM_SERIAL_RX_SIZE 4096

struct VmmSerial {
	GMutex lock;
	int out_fd;
	VmmIrqFunc irq;
	void *irq_opaque;
	gboolean irq_level;
	uint8_t ier, lcr, mcr, scr, fcr, dll, dlm;
	gboolean thr_pending; /* "transmitter empty" interrupt not yet seen */
	uint8_t rx[VMM_SERIAL_RX_SIZE];
	guint rx_head, rx_count;
};

VmmSerial *
vmm_serial_new(int out_fd, VmmIrqFunc irq, void *irq_opaque)
{
	VmmSerial *s = g_new0(VmmSerial, 1);
	g_mutex_init(&s->lock);
	s->out_fd = out_fd;
	s->irq = irq;
	s->irq_opaque = irq_opaque;
	s->dll = 12; /* 9600 baud until the guest sets it */
	return s;
}

void
vmm_serial_free(VmmSerial *s)
{
	if (!s)
		return;
	g_mutex_clear(&s->lock);
	g_free(s);
}

/* The interrupt identification, by priority: received data, then THRE. */
static uint8_t
vmm_serial_iir(VmmSerial *s)
{
	uint8_t fifo = (s->fcr & UART_FCR_ENABLE) ? UART_IIR_FIFO : 0;
	if ((s->ier & UART_IER_RDI) && s->rx_count)
		return fifo | UART_IIR_RDI;
	if ((s->ier & UART_IER_THRI) && s->thr_pending)
		return fifo | UART_IIR_THRI;
	return fifo | UART_IIR_NO_INT;
}

static void
vmm_serial_update_irq(VmmSerial *s)
{
	gboolean level = !(vmm_serial_iir(s) & UART_IIR_NO_INT);
	if (level != s->irq_level) {
		s->irq_level = level;
		s->irq(s->irq_opaque, level);
	}
}

static void
vmm_serial_push_rx(VmmSerial *s, uint8_t byte)
{
	if (s->rx_count == VMM_SERIAL_RX_SIZE)
		return;
	s->rx[(s->rx_head + s->rx_count) % VMM_SERIAL_RX_SIZE] = byte;
	s->rx_count++;
}

static uint8_t
vmm_serial_pop_rx(VmmSerial *s)
{
	if (!s->rx_count)
		return 0;
	uint8_t byte = s->rx[s->rx_head];
	s->rx_head = (s->rx_head + 1) % VMM_SERIAL_RX_SIZE;
	s->rx_count--;
	return byte;
}

/* Loopback wires DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD. */
static uint8_t
vmm_serial_msr(VmmSerial *s)
{
	if (!(s->mcr & UART_MCR_LOOP))
		return UART_MSR_IDLE;
	return (uint8_t)(((s->mcr & 0x1) << 5) | ((s->mcr & 0x2) << 3) | ((s->mcr & 0xc) << 4));
}

static uint8_t
vmm_serial_read_reg(VmmSerial *s, guint reg)
{
	gboolean dlab = s->lcr & UART_LCR_DLAB;
	switch (reg) {
	case UART_RX:
		return dlab ? s->dll : vmm_serial_pop_rx(s);
	case UART_IER:
		return dlab ? s->dlm : s->ier;
	case UART_IIR: {
		uint8_t iir = vmm_serial_iir(s);
		if ((iir & 0x0f) == UART_IIR_THRI)
			s->thr_pending = FALSE; /* reading IIR acknowledges THRE */
		return iir;
	}
	case UART_LCR:
		return s->lcr;
	case UART_MCR:
		return s->mcr;
	case UART_LSR:
		return (s->rx_count ? UART_LSR_DR : 0) | UART_LSR_THRE | UART_LSR_TEMT;
	case UART_MSR:
		return vmm_serial_msr(s);
	default:
		return s->scr;
	}
}

static void
vmm_serial_transmit(VmmSerial *s, uint8_t byte)
{
	s->thr_pending = TRUE;
	if (s->mcr & UART_MCR_LOOP) {
		vmm_serial_push_rx(s, byte);
		return;
	}
	while (write(s->out_fd, &byte, 1) < 0 && errno == EINTR)
		;
}

static void
vmm_serial_write_reg(VmmSerial *s, guint reg, uint8_t v)
{
	gboolean dlab = s->lcr & UART_LCR_DLAB;
	switch (reg) {
	case UART_RX:
		if (dlab)
			s->dll = v;
		else
			vmm_serial_transmit(s, v);
		break;
	case UART_IER:
		if (dlab) {
			s->dlm = v;
		} else {
			/* Enabling THRE with an empty transmitter raises it at once. */
			if ((v & UART_IER_THRI) && !(s->ier & UART_IER_THRI))
				s->thr_pending = TRUE;
			s->ier = v & 0x0f;
		}
		break;
	case UART_IIR:
		s->fcr = v & 0xc9;
		if (v & UART_FCR_CLEAR_RX)
			s->rx_head = s->rx_count = 0;
		break;
	case UART_LCR:
		s->lcr = v;
		break;
	case UART_MCR:
		s->mcr = v & 0x1f;
		break;
	case UART_SCR:
		s->scr = v;
		break;
	default: /* LSR and MSR are read-only */
		break;
	}
}

static void
vmm_serial_read(void *opaque, uint64_t offset, uint8_t *data, guint len)
{
	VmmSerial *s = opaque;
	g_mutex_lock(&s->lock);
	for (guint i = 0; i < len; i++)
		data[i] = vmm_serial_read_reg(s, (guint)(offset + i) & 7);
	vmm_serial_update_irq(s);
	g_mutex_unlock(&s->lock);
}

static void
vmm_serial_write(void *opaque, uint64_t offset, const uint8_t *data, guint len)
{
	VmmSerial *s = opaque;
	g_mutex_lock(&s->lock);
	for (guint i = 0; i < len; i++)
		vmm_serial_write_reg(s, (guint)(offset + i) & 7, data[i]);
	vmm_serial_update_irq(s);
	g_mutex_unlock(&s->lock);
}

const VmmBusOps vmm_serial_ops = {
	.read = vmm_serial_read,
	.write = vmm_serial_write,
};

gsize
vmm_serial_input(VmmSerial *s, const uint8_t *data, gsize len)
{
	g_mutex_lock(&s->lock);
	gsize n = MIN(len, (gsize)(VMM_SERIAL_RX_SIZE - s->rx_count));
	for (gsize i = 0; i < n; i++)
		vmm_serial_push_rx(s, data[i]);
	vmm_serial_update_irq(s);
	g_mutex_unlock(&s->lock);
	return n;
}

VmmAml *
vmm_serial_aml(uint16_t port, guint gsi)
{
	GByteArray *res = g_byte_array_new();
	vmm_aml_res_io(res, port, 8);
	vmm_aml_res_interrupt(res, gsi, TRUE);
	VmmAml *body = vmm_aml_name("_HID", vmm_aml_str("PNP0501"));
	vmm_aml_append(body, vmm_aml_name("_UID", vmm_aml_int(1)));
	vmm_aml_append(body, vmm_aml_name("_CRS", vmm_aml_resources(res)));
	return vmm_aml_device("COM1", body);
}
