/* vmm-i8042: keyboard controller reset line. */
#include "config.h"

#include "vmm-i8042.h"

#include <string.h>


static void
vmm_i8042_read(G_GNUC_UNUSED void *opaque, G_GNUC_UNUSED uint64_t offset, uint8_t *data,
               guint len)
{
	/* Status 0: output empty, input buffer free, so writers never wait. */
	memset(data, 0, len);
}

static void
vmm_i8042_write(void *opaque, G_GNUC_UNUSED uint64_t offset, const uint8_t *data,
                G_GNUC_UNUSED guint len)
{
	if (data[0] == VMM_I8042_RESET_CMD)
		vmm_event_emit(opaque, VMM_GUEST_RESET);
}

const VmmBusOps vmm_i8042_ops = {
	.read = vmm_i8042_read,
	.write = vmm_i8042_write,
};
