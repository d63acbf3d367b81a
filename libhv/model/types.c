/* The typed new/free/copy/equal of hv/model.h, each a thin wrapper over the
 * descriptor-driven operations of model/ops.c. */
#include "config.h"

#include "model/desc.h"

/* Enums and tristates are read and written as int by the generic code. */
G_STATIC_ASSERT(sizeof(HvTristate) == sizeof(int));
G_STATIC_ASSERT(sizeof(HvDomainType) == sizeof(int));

#define HV__MODEL_TYPE_FUNCS(T, p, desc)                                   \
	T *p##_new(void) { return hv__obj_new(&desc); }                    \
	void p##_free(T *obj) { hv__obj_free(&desc, obj); }                \
	T *p##_copy(const T *obj) { return hv__obj_copy(&desc, obj); }     \
	gboolean p##_equal(const T *a, const T *b) { return hv__obj_equal(&desc, a, b); }

HV__MODEL_TYPE_FUNCS(HvDomain, hv_domain, hv__domain_desc)
HV__MODEL_TYPE_FUNCS(HvVcpuPin, hv_vcpu_pin, hv__vcpu_pin_desc)
HV__MODEL_TYPE_FUNCS(HvVcpuSched, hv_vcpu_sched, hv__vcpu_sched_desc)
HV__MODEL_TYPE_FUNCS(HvNumaMemnode, hv_numa_memnode, hv__numa_memnode_desc)
HV__MODEL_TYPE_FUNCS(HvVnumaNode, hv_vnuma_node, hv__vnuma_node_desc)
HV__MODEL_TYPE_FUNCS(HvCpuFeature, hv_cpu_feature, hv__cpu_feature_desc)
HV__MODEL_TYPE_FUNCS(HvSmbiosEntry, hv_smbios_entry, hv__smbios_entry_desc)
HV__MODEL_TYPE_FUNCS(HvHypervFeature, hv_hyperv_feature, hv__hyperv_feature_desc)
HV__MODEL_TYPE_FUNCS(HvTimer, hv_timer, hv__timer_desc)
HV__MODEL_TYPE_FUNCS(HvDisk, hv_disk, hv__disk_desc)
HV__MODEL_TYPE_FUNCS(HvNic, hv_nic, hv__nic_desc)
HV__MODEL_TYPE_FUNCS(HvPciDev, hv_pci_dev, hv__pci_dev_desc)
HV__MODEL_TYPE_FUNCS(HvUsbDev, hv_usb_dev, hv__usb_dev_desc)
HV__MODEL_TYPE_FUNCS(HvController, hv_controller, hv__controller_desc)
HV__MODEL_TYPE_FUNCS(HvSerial, hv_serial, hv__serial_desc)
HV__MODEL_TYPE_FUNCS(HvConsole, hv_console, hv__console_desc)
HV__MODEL_TYPE_FUNCS(HvChannel, hv_channel, hv__channel_desc)
HV__MODEL_TYPE_FUNCS(HvInput, hv_input, hv__input_desc)
HV__MODEL_TYPE_FUNCS(HvSound, hv_sound, hv__sound_desc)
HV__MODEL_TYPE_FUNCS(HvRng, hv_rng, hv__rng_desc)
HV__MODEL_TYPE_FUNCS(HvTpm, hv_tpm, hv__tpm_desc)
HV__MODEL_TYPE_FUNCS(HvPanic, hv_panic, hv__panic_desc)
HV__MODEL_TYPE_FUNCS(HvXenOption, hv_xen_option, hv__xen_option_desc)
HV__MODEL_TYPE_FUNCS(HvRunState, hv_run_state, hv__run_state_desc)
