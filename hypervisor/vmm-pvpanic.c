/* vmm-pvpanic: guest panic notification. */
#include "config.h"

#include "vmm-pvpanic.h"

#include "vmm-layout.h"

static void
vmm_pvpanic_read(G_GNUC_UNUSED void *opaque, G_GNUC_UNUSED uint64_t offset, uint8_t *data,
                 G_GNUC_UNUSED guint len)
{
	data[0] = VMM_PVPANIC_PANICKED | VMM_PVPANIC_CRASH_LOADED; /* what we report */
}

static void
vmm_pvpanic_write(void *opaque, G_GNUC_UNUSED uint64_t offset, const uint8_t *data,
                  G_GNUC_UNUSED guint len)
{
	if (data[0] & VMM_PVPANIC_PANICKED)
		vmm_event_emit(opaque, VMM_GUEST_PANIC);
	else if (data[0] & VMM_PVPANIC_CRASH_LOADED)
		vmm_event_emit(opaque, VMM_GUEST_CRASHLOADED);
}

const VmmBusOps vmm_pvpanic_ops = {
	.read = vmm_pvpanic_read,
	.write = vmm_pvpanic_write,
};

VmmAml *
vmm_pvpanic_aml(void)
{
	GByteArray *res = g_byte_array_new();
	vmm_aml_res_io(res, VMM_PVPANIC_PORT, 1);
	VmmAml *body = vmm_aml_name("_HID", vmm_aml_str("QEMU0001"));
	vmm_aml_append(body, vmm_aml_name("_UID", vmm_aml_int(0)));
	vmm_aml_append(body, vmm_aml_name("_CRS", vmm_aml_resources(res)));
	return vmm_aml_device("PEVT", body);
}
