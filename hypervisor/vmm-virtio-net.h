/* vmm-virtio-net: a virtio network device on a tap interface opened with
 * IFF_VNET_HDR, so frames and their virtio-net headers go between the
 * guest's buffers and the tap without copies. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-virtio-mmio.h"

#define VMM_NET_QUEUE_SIZE 256
#define VMM_NET_HDR_SIZE 12 /* struct virtio_net_hdr_v1 */

typedef struct VmmNet VmmNet;

/* Transport ops of the device. */
extern const VmmVirtioOps vmm_net_ops;

/* A NIC with address MAC on open tap TAP_FD (not owned, non-blocking). */
VmmNet *vmm_net_new(int tap_fd, const uint8_t mac[6]);

/* Frees the device. NULL-safe. */
void vmm_net_free(VmmNet *net);

/* Opens tap interface NAME (created if missing) for VMM_NET_HDR_SIZE
 * headers, non-blocking; returns its descriptor or -1. */
int vmm_tap_open(const char *name, GError **error);
