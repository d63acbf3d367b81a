/* vmm-cpu: vCPU threads and their run loop. */
#include "config.h"

#include "vmm-cpu.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmm-cpu-setup.h"
#include "vmm-error.h"

#define VMM_CPU_KICK_SIGNAL SIGUSR1

typedef struct {
	VmmCpus *cpus;
	guint index;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	gboolean has_thread;
	gboolean parked_for_good; /* after a guest reset or a fatal exit */
	pid_t tid;
} VmmCpu;

struct VmmCpus {
	VmmKvm *kvm;
	VmmCpuHost host;
	guint n;
	VmmCpu *cpu;
	GMutex lock;
	GCond cond;
	gint pause_req; /* atomic */
	gint stop_req;  /* atomic */
	guint n_parked;
};

static void
vmm_cpu_kick_handler(G_GNUC_UNUSED int sig)
{
	/* Only interrupts KVM_RUN; immediate_exit does the rest. */
}

static void
vmm_cpu_install_kick(void)
{
	struct sigaction sa = { .sa_handler = vmm_cpu_kick_handler };
	sigemptyset(&sa.sa_mask);
	sigaction(VMM_CPU_KICK_SIGNAL, &sa, NULL);
}

VmmCpus *
vmm_cpus_new(VmmKvm *kvm, guint n, const VmmCpuHost *host, GError **error)
{
	g_autoptr(VmmCpus) cpus = g_new0(VmmCpus, 1);
	cpus->kvm = kvm;
	cpus->host = *host;
	cpus->n = n;
	cpus->cpu = g_new0(VmmCpu, n);
	g_mutex_init(&cpus->lock);
	g_cond_init(&cpus->cond);
	for (guint i = 0; i < n; i++)
		cpus->cpu[i].fd = -1;
	vmm_cpu_install_kick();
	for (guint i = 0; i < n; i++) {
		VmmCpu *cpu = &cpus->cpu[i];
		cpu->cpus = cpus;
		cpu->index = i;
		cpu->fd = vmm_kvm_create_vcpu(kvm, i, error);
		if (cpu->fd < 0)
			return NULL;
		void *run = mmap(NULL, (size_t)kvm->vcpu_mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		                 cpu->fd, 0);
		if (run == MAP_FAILED) {
			vmm_set_errno(error, errno, "cannot map the run structure of vCPU %u", i);
			return NULL;
		}
		cpu->run = run;
	}
	return g_steal_pointer(&cpus);
}

gboolean
vmm_cpus_setup(VmmCpus *cpus, const struct kvm_cpuid2 *supported, const VmmBootInfo *boot,
               GError **error)
{
	for (guint i = 0; i < cpus->n; i++) {
		if (!vmm_cpu_setup_common(cpus->cpu[i].fd, supported, i, cpus->n, error))
			return FALSE;
	}
	return vmm_cpu_setup_boot(cpus->cpu[0].fd, boot, error);
}

/* Parks while paused (or for good); FALSE once the vCPUs are stopped. */
static gboolean
vmm_cpu_wait_runnable(VmmCpu *cpu)
{
	VmmCpus *cpus = cpu->cpus;
	if (!g_atomic_int_get(&cpus->pause_req) && !g_atomic_int_get(&cpus->stop_req) &&
	    !cpu->parked_for_good)
		return TRUE;
	g_mutex_lock(&cpus->lock);
	cpus->n_parked++;
	g_cond_broadcast(&cpus->cond);
	while (!g_atomic_int_get(&cpus->stop_req) &&
	       (g_atomic_int_get(&cpus->pause_req) || cpu->parked_for_good))
		g_cond_wait(&cpus->cond, &cpus->lock);
	cpus->n_parked--;
	gboolean stop = g_atomic_int_get(&cpus->stop_req);
	g_mutex_unlock(&cpus->lock);
	return !stop;
}

static void
vmm_cpu_fatal(VmmCpu *cpu, const char *what)
{
	struct kvm_regs regs = { 0 };
	ioctl(cpu->fd, KVM_GET_REGS, &regs);
	g_autofree char *why = g_strdup_printf("vCPU %u: %s (rip 0x%llx)", cpu->index, what,
	                                       (unsigned long long)regs.rip);
	cpu->parked_for_good = TRUE;
	cpu->cpus->host.fatal(cpu->cpus->host.opaque, cpu->index, why);
}

static void
vmm_cpu_io(VmmCpu *cpu)
{
	struct kvm_run *run = cpu->run;
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	gboolean out = run->io.direction == KVM_EXIT_IO_OUT;
	for (guint i = 0; i < run->io.count; i++, data += run->io.size)
		vmm_bus_access(cpu->cpus->host.bus, VMM_BUS_PIO, run->io.port, data, run->io.size, out);
}

static void
vmm_cpu_handle_exit(VmmCpu *cpu)
{
	struct kvm_run *run = cpu->run;
	g_autofree char *what = NULL;
	switch (run->exit_reason) {
	case KVM_EXIT_IO:
		vmm_cpu_io(cpu);
		return;
	case KVM_EXIT_MMIO:
		vmm_bus_access(cpu->cpus->host.bus, VMM_BUS_MMIO, run->mmio.phys_addr, run->mmio.data,
		               run->mmio.len, run->mmio.is_write);
		return;
	case KVM_EXIT_HLT:
	case KVM_EXIT_INTR:
		return;
	case KVM_EXIT_SHUTDOWN: /* triple fault: how a PC resets */
		cpu->parked_for_good = TRUE;
		cpu->cpus->host.guest_reset(cpu->cpus->host.opaque);
		return;
	case KVM_EXIT_INTERNAL_ERROR:
		what = g_strdup_printf("KVM internal error, suberror %u", run->internal.suberror);
		break;
	case KVM_EXIT_FAIL_ENTRY:
		what = g_strdup_printf("KVM could not enter the guest, reason 0x%llx",
		                       (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
		break;
	default:
		what = g_strdup_printf("unexpected KVM exit %u", run->exit_reason);
		break;
	}
	vmm_cpu_fatal(cpu, what);
}

static void *
vmm_cpu_thread(void *arg)
{
	VmmCpu *cpu = arg;
	g_atomic_int_set(&cpu->tid, gettid());
	while (vmm_cpu_wait_runnable(cpu)) {
		if (ioctl(cpu->fd, KVM_RUN, 0) == 0) {
			vmm_cpu_handle_exit(cpu);
			continue;
		}
		if (errno == EINTR || errno == EAGAIN) {
			cpu->run->immediate_exit = 0;
			continue;
		}
		g_autofree char *what = g_strdup_printf("KVM_RUN failed: %s", g_strerror(errno));
		vmm_cpu_fatal(cpu, what);
	}
	return NULL;
}

gboolean
vmm_cpus_start(VmmCpus *cpus, gboolean paused, GError **error)
{
	g_atomic_int_set(&cpus->pause_req, paused);
	for (guint i = 0; i < cpus->n; i++) {
		VmmCpu *cpu = &cpus->cpu[i];
		int err = pthread_create(&cpu->thread, NULL, vmm_cpu_thread, cpu);
		if (err) {
			vmm_set_errno(error, err, "cannot start the thread of vCPU %u", i);
			return FALSE;
		}
		cpu->has_thread = TRUE;
	}
	return TRUE;
}

static void
vmm_cpus_kick(VmmCpus *cpus)
{
	for (guint i = 0; i < cpus->n; i++) {
		VmmCpu *cpu = &cpus->cpu[i];
		if (!cpu->has_thread)
			continue;
		cpu->run->immediate_exit = 1;
		pthread_kill(cpu->thread, VMM_CPU_KICK_SIGNAL);
	}
}

static guint
vmm_cpus_threads(VmmCpus *cpus)
{
	guint n = 0;
	for (guint i = 0; i < cpus->n; i++)
		n += cpus->cpu[i].has_thread ? 1 : 0;
	return n;
}

void
vmm_cpus_pause(VmmCpus *cpus)
{
	g_mutex_lock(&cpus->lock);
	g_atomic_int_set(&cpus->pause_req, 1);
	vmm_cpus_kick(cpus);
	while (cpus->n_parked < vmm_cpus_threads(cpus))
		g_cond_wait(&cpus->cond, &cpus->lock);
	g_mutex_unlock(&cpus->lock);
}

void
vmm_cpus_resume(VmmCpus *cpus)
{
	g_mutex_lock(&cpus->lock);
	g_atomic_int_set(&cpus->pause_req, 0);
	g_cond_broadcast(&cpus->cond);
	g_mutex_unlock(&cpus->lock);
}

static void
vmm_cpus_stop(VmmCpus *cpus)
{
	g_mutex_lock(&cpus->lock);
	g_atomic_int_set(&cpus->stop_req, 1);
	g_cond_broadcast(&cpus->cond);
	vmm_cpus_kick(cpus);
	g_mutex_unlock(&cpus->lock);
	for (guint i = 0; i < cpus->n; i++) {
		if (cpus->cpu[i].has_thread)
			pthread_join(cpus->cpu[i].thread, NULL);
		cpus->cpu[i].has_thread = FALSE;
	}
}

void
vmm_cpus_free(VmmCpus *cpus)
{
	if (!cpus)
		return;
	vmm_cpus_stop(cpus);
	for (guint i = 0; i < cpus->n; i++) {
		if (cpus->cpu[i].run)
			munmap(cpus->cpu[i].run, (size_t)cpus->kvm->vcpu_mmap_size);
		if (cpus->cpu[i].fd >= 0)
			close(cpus->cpu[i].fd);
	}
	g_mutex_clear(&cpus->lock);
	g_cond_clear(&cpus->cond);
	g_free(cpus->cpu);
	g_free(cpus);
}

guint
vmm_cpus_count(VmmCpus *cpus)
{
	return cpus->n;
}

pid_t
vmm_cpus_thread_id(VmmCpus *cpus, guint index)
{
	return index < cpus->n ? g_atomic_int_get(&cpus->cpu[index].tid) : 0;
}
