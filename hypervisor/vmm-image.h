/* vmm-image: a kernel or initrd file read in pieces with pread, so that
 * big images go straight into guest memory without a copy on our heap. */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef struct {
	int fd;
	uint64_t size;
	char *path;
} VmmImage;

/* Opens PATH read-only. */
VmmImage *vmm_image_open(const char *path, GError **error);

/* Closes the file. NULL-safe. */
void vmm_image_free(VmmImage *img);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmImage, vmm_image_free)

/* Reads exactly LEN bytes at OFFSET into BUF; an error past the end. */
gboolean vmm_image_read(VmmImage *img, uint64_t offset, void *buf, uint64_t len, GError **error);
