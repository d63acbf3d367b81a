/* vmm-machine-priv: the machine's insides, for the board (vmm-board.c) that
 * puts the devices into it. */
#pragma once

#include <linux/kvm.h>

#include "vmm-aml.h"
#include "vmm-boot.h"
#include "vmm-bus.h"
#include "vmm-cpu.h"
#include "vmm-ged.h"
#include "vmm-kvm.h"
#include "vmm-machine.h"
#include "vmm-memory.h"
#include "vmm-serial.h"

typedef struct {
	VmmKvm *kvm;
	guint gsi;
} VmmIrqLine;

struct VmmMachine {
	const VmmConfig *config;
	const VmmBackends *backends;
	VmmEventSink sink;
	VmmKvm *kvm;
	struct kvm_cpuid2 *cpuid;
	VmmMemory *mem;
	VmmBus *bus;
	VmmCpus *cpus;
	VmmAml *sb_aml;          /* the devices' DSDT entries, collected */
	GPtrArray *owned;        /* VmmOwned, freed in reverse order */
	guint n_virtio;
	VmmSerial *serial;
	VmmGed *ged;
	VmmBootInfo boot;
	GMutex failure_lock;
	char *failure;
};

/* Makes the machine free OBJ with FREE_FUNC when it goes (in reverse order
 * of these calls, so transports stop before their devices go). */
void vmm_machine_own(VmmMachine *m, gpointer obj, GDestroyNotify free_func);

/* An interrupt line of GSI for a device model (owned by the machine). */
VmmIrqLine *vmm_machine_irq_line(VmmMachine *m, guint gsi);

/* VmmIrqFunc for a VmmIrqLine. */
void vmm_machine_set_irq(void *line, gboolean level);

/* Adds the devices (vmm-board.c). */
gboolean vmm_board_init(VmmMachine *m, GError **error);
