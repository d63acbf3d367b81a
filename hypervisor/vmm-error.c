/* vmm-error: the GError domain of hv-vmm. */
#include "config.h"

#include "vmm-error.h"

G_DEFINE_QUARK(vmm-error-quark, vmm_error)

void
vmm_set_errno(GError **error, int errno_value, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *what = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_set_error(error, VMM_ERROR, VMM_ERROR_FAILED, "%s: %s", what, g_strerror(errno_value));
}
