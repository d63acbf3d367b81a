/* vmm-machine: one guest machine. */
#include "config.h"

#include "vmm-machine-priv.h"

#include "vmm-acpi.h"
#include "vmm-cpuid.h"
#include "vmm-error.h"
#include "vmm-layout.h"

typedef struct {
	gpointer obj;
	GDestroyNotify free_func;
} VmmOwned;

void
vmm_machine_own(VmmMachine *m, gpointer obj, GDestroyNotify free_func)
{
	VmmOwned *o = g_new(VmmOwned, 1);
	o->obj = obj;
	o->free_func = free_func;
	g_ptr_array_add(m->owned, o);
}

VmmIrqLine *
vmm_machine_irq_line(VmmMachine *m, guint gsi)
{
	VmmIrqLine *line = g_new(VmmIrqLine, 1);
	line->kvm = m->kvm;
	line->gsi = gsi;
	vmm_machine_own(m, line, g_free);
	return line;
}

void
vmm_machine_set_irq(void *opaque, gboolean level)
{
	VmmIrqLine *line = opaque;
	vmm_kvm_irq_line(line->kvm, line->gsi, level);
}

static void
vmm_machine_guest_reset(void *opaque)
{
	VmmMachine *m = opaque;
	vmm_event_emit(&m->sink, VMM_GUEST_RESET);
}

static void
vmm_machine_cpu_fatal(void *opaque, G_GNUC_UNUSED guint index, const char *why)
{
	VmmMachine *m = opaque;
	g_mutex_lock(&m->failure_lock);
	if (!m->failure)
		m->failure = g_strdup(why);
	g_mutex_unlock(&m->failure_lock);
	vmm_event_emit(&m->sink, VMM_MACHINE_FAILED);
}

static gboolean
vmm_machine_memory(VmmMachine *m, GError **error)
{
	m->mem = vmm_memory_new(m->config->memory_mib << 20, error);
	if (!m->mem)
		return FALSE;
	for (guint i = 0; i < m->mem->n_regions; i++) {
		const VmmMemRegion *r = &m->mem->regions[i];
		if (!vmm_kvm_add_memory(m->kvm, i, r->gpa, r->size, r->hva, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
vmm_machine_acpi(VmmMachine *m, GError **error)
{
	uint8_t *area = vmm_memory_ptr(m->mem, VMM_ACPI_ADDR, VMM_ACPI_SIZE);
	const VmmAcpiPlatform platform = {
		.sleep_control = VMM_GED_BASE + VMM_GED_SLEEP_CONTROL,
		.sleep_status = VMM_GED_BASE + VMM_GED_SLEEP_STATUS,
		.reset_port = VMM_I8042_CMD,
		.reset_value = 0xfe,
		.s5_sleep_type = VMM_GED_SLP_TYP_S5,
	};
	VmmAcpiLayout layout;
	return vmm_acpi_build(area, VMM_ACPI_SIZE, VMM_ACPI_ADDR, m->config->vcpus, &platform,
	                      g_steal_pointer(&m->sb_aml), &layout, error);
}

static gboolean
vmm_machine_build(VmmMachine *m, GError **error)
{
	const VmmConfig *cfg = m->config;
	const VmmCpuHost host = { .bus = m->bus,
		                  .guest_reset = vmm_machine_guest_reset,
		                  .fatal = vmm_machine_cpu_fatal,
		                  .opaque = m };
	m->kvm = vmm_kvm_open(cfg->kvm_device, error);
	if (!m->kvm || !(m->cpuid = vmm_cpuid_supported(m->kvm->sys_fd, error)) ||
	    !vmm_machine_memory(m, error) || !vmm_board_init(m, error) ||
	    !vmm_machine_acpi(m, error) ||
	    !vmm_boot_load(m->mem, cfg->kernel, cfg->initrd, cfg->cmdline, &m->boot, error))
		return FALSE;
	m->cpus = vmm_cpus_new(m->kvm, cfg->vcpus, &host, error);
	return m->cpus && vmm_cpus_setup(m->cpus, m->cpuid, &m->boot, error);
}

VmmMachine *
vmm_machine_new(const VmmConfig *cfg, const VmmBackends *be, const VmmEventSink *sink,
                GError **error)
{
	g_autoptr(VmmMachine) m = g_new0(VmmMachine, 1);
	m->config = cfg;
	m->backends = be;
	m->sink = *sink;
	m->bus = vmm_bus_new();
	m->sb_aml = vmm_aml_new();
	m->owned = g_ptr_array_new();
	g_mutex_init(&m->failure_lock);
	if (!vmm_machine_build(m, error))
		return NULL;
	return g_steal_pointer(&m);
}

gboolean
vmm_machine_start(VmmMachine *m, gboolean paused, GError **error)
{
	return vmm_cpus_start(m->cpus, paused, error);
}

void
vmm_machine_pause(VmmMachine *m)
{
	vmm_cpus_pause(m->cpus);
}

void
vmm_machine_resume(VmmMachine *m)
{
	vmm_cpus_resume(m->cpus);
}

void
vmm_machine_power_button(VmmMachine *m)
{
	vmm_ged_power_button(m->ged);
}

void
vmm_machine_serial_input(VmmMachine *m, const uint8_t *data, gsize len)
{
	vmm_serial_input(m->serial, data, len);
}

guint
vmm_machine_vcpu_count(VmmMachine *m)
{
	return vmm_cpus_count(m->cpus);
}

pid_t
vmm_machine_vcpu_thread(VmmMachine *m, guint index)
{
	return vmm_cpus_thread_id(m->cpus, index);
}

char *
vmm_machine_failure(VmmMachine *m)
{
	g_mutex_lock(&m->failure_lock);
	char *what = g_strdup(m->failure);
	g_mutex_unlock(&m->failure_lock);
	return what;
}

void
vmm_machine_free(VmmMachine *m)
{
	if (!m)
		return;
	vmm_cpus_free(m->cpus); /* no guest code runs after this */
	for (guint i = m->owned->len; i > 0; i--) {
		VmmOwned *o = g_ptr_array_index(m->owned, i - 1);
		o->free_func(o->obj);
		g_free(o);
	}
	g_ptr_array_unref(m->owned);
	vmm_aml_free(m->sb_aml);
	vmm_bus_free(m->bus);
	vmm_memory_free(m->mem);
	g_free(m->cpuid);
	vmm_kvm_free(m->kvm);
	g_mutex_clear(&m->failure_lock);
	g_free(m->failure);
	g_free(m);
}
