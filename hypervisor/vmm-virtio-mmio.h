/* vmm-virtio-mmio: the virtio-mmio transport, version 2 (virtio 1.x), with
 * one I/O thread per device. Queue notifications reach that thread through
 * ioeventfds and its interrupts leave through an irqfd, so the data path
 * never goes through the main thread or back to a vCPU thread. Devices
 * provide an ops table; the guest finds them through the DSDT
 * (_HID "LNRO0005"). */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-aml.h"
#include "vmm-bus.h"
#include "vmm-kvm.h"
#include "vmm-memory.h"
#include "vmm-virtqueue.h"

#define VMM_VIRTIO_MAX_QUEUES 4
#define VMM_VIRTIO_F_VERSION_1     (1ull << 32)
#define VMM_VIRTIO_F_INDIRECT_DESC (1ull << 28)

typedef struct VmmVirtio VmmVirtio;

typedef struct {
	const char *name;
	uint32_t device_id;
	guint num_queues;
	uint16_t queue_max;     /* QueueNumMax */
	uint64_t features;      /* device-specific feature bits */
	guint config_size;
	/* The device's configuration space (may be NULL for none). */
	void (*read_config)(void *dev, guint offset, uint8_t *data, guint len);
	/* The driver made buffers available on QUEUE of transport V. I/O
	 * thread, locked. */
	void (*queue_notify)(void *dev, VmmVirtio *v, guint queue);
	/* A descriptor the I/O thread should also wait on, or -1 (e.g. the tap
	 * while receive buffers are available). I/O thread, locked. */
	int (*backend_fd)(void *dev, VmmVirtio *v);
	/* backend_fd became readable. I/O thread, locked. */
	void (*backend_ready)(void *dev, VmmVirtio *v);
	/* The driver reset the device. Locked. */
	void (*reset)(void *dev);
} VmmVirtioOps;

/* MMIO ops of the transport's register page. */
extern const VmmBusOps vmm_virtio_mmio_ops;

/* A transport for device DEV (driven by OPS) at MMIO BASE, interrupting on
 * GSI. With KVM, notifications and interrupts are wired into the kernel;
 * without (unit tests) they go through the same eventfds by hand. */
VmmVirtio *vmm_virtio_new(const VmmVirtioOps *ops, void *dev, VmmMemory *mem, VmmKvm *kvm,
                          uint64_t base, guint gsi, GError **error);

/* Starts the I/O thread. */
gboolean vmm_virtio_start(VmmVirtio *v, GError **error);

/* Stops the I/O thread and frees the transport (not DEV). NULL-safe. */
void vmm_virtio_free(VmmVirtio *v);

/* Queue Q of the device. */
VmmVirtqueue *vmm_virtio_queue(VmmVirtio *v, guint q);

/* Guest memory of the device. */
VmmMemory *vmm_virtio_memory(VmmVirtio *v);

/* Whether the driver accepted feature BIT. */
gboolean vmm_virtio_has_feature(VmmVirtio *v, guint bit);

/* Signals used buffers on queue Q, if the driver wants an interrupt. */
void vmm_virtio_notify(VmmVirtio *v, guint q);

/* Marks the device as needing a reset (after a malformed request). */
void vmm_virtio_set_broken(VmmVirtio *v);

/* Handles one chain of a device; returns the bytes it wrote into it. */
typedef uint32_t (*VmmVirtioChainFunc)(void *dev, VmmVqChain *chain);

/* Takes every available chain of queue Q (into CHAIN), hands it to FUNC and
 * returns it to the driver, then interrupts once; a malformed chain marks
 * the device broken. For the I/O thread's queue_notify. */
void vmm_virtio_process(VmmVirtio *v, guint q, VmmVqChain *chain, VmmVirtioChainFunc func,
                        void *dev);

/* A receive queue fed from a file descriptor (tap, console input). */
typedef struct {
	int fd;            /* -1: nothing to receive */
	guint queue;
	gsize min_len;     /* a shorter receive buffer is a driver bug */
	void (*filled)(VmmVqChain *chain); /* after a chain got data; may be NULL */
	gboolean blocked;  /* out of buffers (or input ended): wait for a kick */
} VmmVirtioRx;

/* The descriptor the I/O thread should wait on for RX, or -1. */
int vmm_virtio_rx_fd(VmmVirtio *v, VmmVirtioRx *rx);

/* Moves data from RX's descriptor into receive buffers (one read per
 * chain) until either runs out. For the I/O thread's backend_ready. */
void vmm_virtio_rx_fill(VmmVirtio *v, VmmVirtioRx *rx, VmmVqChain *chain);

/* The eventfd that carries the device's interrupt (tests read it). */
int vmm_virtio_irq_fd(VmmVirtio *v);

/* The DSDT entry for transport number INDEX at BASE on GSI. */
VmmAml *vmm_virtio_aml(guint index, uint64_t base, guint gsi);
