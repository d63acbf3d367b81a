/* vmm-ged: ACPI Generic Event Device, power button and soft-off. */
#include "config.h"

#include "vmm-ged.h"

#include <string.h>

struct VmmGed {
	VmmEventSink sink;
	VmmIrqFunc irq;
	void *irq_opaque;
	gint selector; /* atomic: pending events */
};

VmmGed *
vmm_ged_new(const VmmEventSink *sink, VmmIrqFunc irq, void *irq_opaque)
{
	VmmGed *ged = g_new0(VmmGed, 1);
	ged->sink = *sink;
	ged->irq = irq;
	ged->irq_opaque = irq_opaque;
	return ged;
}

void
vmm_ged_free(VmmGed *ged)
{
	g_free(ged);
}

static void
vmm_ged_read(void *opaque, uint64_t offset, uint8_t *data, guint len)
{
	VmmGed *ged = opaque;
	memset(data, 0, len);
	if (offset == VMM_GED_SELECTOR)
		vmm_le_put(data, len, (uint32_t)g_atomic_int_exchange(&ged->selector, 0));
}

static void
vmm_ged_write(void *opaque, uint64_t offset, const uint8_t *data, G_GNUC_UNUSED guint len)
{
	VmmGed *ged = opaque;
	if (offset != VMM_GED_SLEEP_CONTROL || !(data[0] & VMM_GED_SLP_EN))
		return;
	if (((data[0] >> 2) & 7) == VMM_GED_SLP_TYP_S5)
		vmm_event_emit(&ged->sink, VMM_GUEST_POWEROFF);
}

const VmmBusOps vmm_ged_ops = {
	.read = vmm_ged_read,
	.write = vmm_ged_write,
};

void
vmm_ged_power_button(VmmGed *ged)
{
	g_atomic_int_or(&ged->selector, VMM_GED_EVENT_POWER_DOWN);
	/* The GED's interrupt is edge-triggered: one pulse per event. */
	ged->irq(ged->irq_opaque, TRUE);
	ged->irq(ged->irq_opaque, FALSE);
}

/* Method (_EVT, 1, Serialized) { Local0 = ESEL; If ((Local0 & 2) == 2)
 * { Notify (PWRB, 0x80) } } */
static VmmAml *
vmm_ged_evt_method(void)
{
	VmmAml *body = vmm_aml_store(vmm_aml_path("ESEL"), vmm_aml_local(0));
	VmmAml *pressed = vmm_aml_lequal(vmm_aml_and(vmm_aml_local(0),
	                                             vmm_aml_int(VMM_GED_EVENT_POWER_DOWN)),
	                                 vmm_aml_int(VMM_GED_EVENT_POWER_DOWN));
	vmm_aml_append(body, vmm_aml_if(pressed, vmm_aml_notify(vmm_aml_path("PWRB"),
	                                                         vmm_aml_int(0x80))));
	return vmm_aml_method("_EVT", 1, TRUE, body);
}

VmmAml *
vmm_ged_aml(uint64_t base, guint gsi)
{
	GByteArray *res = g_byte_array_new();
	vmm_aml_res_interrupt(res, gsi, TRUE);
	VmmAml *ged = vmm_aml_name("_HID", vmm_aml_str("ACPI0013"));
	vmm_aml_append(ged, vmm_aml_name("_UID", vmm_aml_int(0)));
	vmm_aml_append(ged, vmm_aml_name("_CRS", vmm_aml_resources(res)));
	vmm_aml_append(ged, vmm_aml_op_region("EREG", VMM_AML_SYSTEM_MEMORY, base + VMM_GED_SELECTOR, 4));
	vmm_aml_append(ged, vmm_aml_field("EREG", VMM_AML_FIELD_DWORD_WRITE_ZEROS, "ESEL", 32));
	vmm_aml_append(ged, vmm_ged_evt_method());

	VmmAml *pwrb = vmm_aml_name("_HID", vmm_aml_str("PNP0C0C"));
	vmm_aml_append(pwrb, vmm_aml_name("_UID", vmm_aml_int(0)));

	VmmAml *out = vmm_aml_device("GED0", ged);
	vmm_aml_append(out, vmm_aml_device("PWRB", pwrb));
	return out;
}
