/* vmm-backends: what outlives a guest reset: the open, locked disk images,
 * the tap, the pipe that carries console input to a virtio console. */
#pragma once

#include <stdint.h>

#include <glib.h>

#include "vmm-config.h"

typedef struct {
	char *path;
	int fd;
	uint64_t size;
	gboolean readonly;
} VmmDiskBackend;

typedef struct {
	GPtrArray *disks;     /* VmmDiskBackend */
	int tap_fd;           /* -1 without a network device */
	uint8_t mac[6];
	int console_pipe[2];  /* input for the virtio console; -1 in serial mode */
} VmmBackends;

/* Opens everything CFG names: disks are locked (shared for read-only
 * ones) so two guests never write one image; VMM_ERROR_BUSY if taken. */
VmmBackends *vmm_backends_open(const VmmConfig *cfg, GError **error);

/* Closes everything. NULL-safe. */
void vmm_backends_free(VmmBackends *be);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmBackends, vmm_backends_free)

/* Opens one disk image; exported for the tests. */
VmmDiskBackend *vmm_disk_open(const char *path, gboolean readonly, GError **error);

/* Closes one disk image. NULL-safe. */
void vmm_disk_close(VmmDiskBackend *disk);
