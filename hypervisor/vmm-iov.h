/* vmm-iov: copying between flat buffers and scatter-gather lists, and
 * taking byte ranges out of them (request headers, data, status bytes). */
#pragma once

#include <sys/uio.h>

#include <glib.h>

/* Total bytes of the N entries of IOV. */
gsize vmm_iov_size(const struct iovec *iov, guint n);

/* Copies up to LEN bytes starting OFFSET bytes into IOV to BUF; returns how many. */
gsize vmm_iov_to_buf(const struct iovec *iov, guint n, gsize offset, void *buf, gsize len);

/* Copies up to LEN bytes from BUF into IOV starting at OFFSET; returns how many. */
gsize vmm_iov_from_buf(const struct iovec *iov, guint n, gsize offset, const void *buf,
                       gsize len);

/* Fills DST (room for MAX entries) with the part of IOV from OFFSET, LEN
 * bytes long; returns the number of entries, or -1 if MAX is too small or
 * the range goes past the end. */
int vmm_iov_slice(const struct iovec *iov, guint n, gsize offset, gsize len, struct iovec *dst,
                  guint max);
