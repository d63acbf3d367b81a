/* vmm-iov: scatter-gather helpers. */
#include "config.h"

#include "vmm-iov.h"

#include <stdint.h>
#include <string.h>

gsize
vmm_iov_size(const struct iovec *iov, guint n)
{
	gsize total = 0;
	for (guint i = 0; i < n; i++)
		total += iov[i].iov_len;
	return total;
}

/* Copies between BUF and IOV in the direction TO_BUF says. */
static gsize
vmm_iov_copy(const struct iovec *iov, guint n, gsize offset, void *buf, gsize len,
             gboolean to_buf)
{
	gsize done = 0;
	for (guint i = 0; i < n && done < len; i++) {
		if (offset >= iov[i].iov_len) {
			offset -= iov[i].iov_len;
			continue;
		}
		gsize chunk = MIN(iov[i].iov_len - offset, len - done);
		uint8_t *base = (uint8_t *)iov[i].iov_base + offset;
		if (to_buf)
			memcpy((uint8_t *)buf + done, base, chunk);
		else
			memcpy(base, (uint8_t *)buf + done, chunk);
		done += chunk;
		offset = 0;
	}
	return done;
}

gsize
vmm_iov_to_buf(const struct iovec *iov, guint n, gsize offset, void *buf, gsize len)
{
	return vmm_iov_copy(iov, n, offset, buf, len, TRUE);
}

gsize
vmm_iov_from_buf(const struct iovec *iov, guint n, gsize offset, const void *buf, gsize len)
{
	return vmm_iov_copy(iov, n, offset, (void *)buf, len, FALSE);
}

int
vmm_iov_slice(const struct iovec *iov, guint n, gsize offset, gsize len, struct iovec *dst,
              guint max)
{
	guint out = 0;
	for (guint i = 0; i < n && len > 0; i++) {
		if (offset >= iov[i].iov_len) {
			offset -= iov[i].iov_len;
			continue;
		}
		if (out == max)
			return -1;
		gsize chunk = MIN(iov[i].iov_len - offset, len);
		dst[out].iov_base = (uint8_t *)iov[i].iov_base + offset;
		dst[out].iov_len = chunk;
		out++;
		len -= chunk;
		offset = 0;
	}
	return len == 0 ? (int)out : -1;
}
