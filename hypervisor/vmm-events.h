/* vmm-events: what the guest asks of the machine through its devices
 * (power off, reset, panic). Devices report them from vCPU threads; the
 * sink's owner moves them to its main loop. */
#pragma once

#include <glib.h>

typedef enum {
	VMM_GUEST_POWEROFF,    /* ACPI S5 through the sleep control register */
	VMM_GUEST_RESET,       /* i8042 reset line, ACPI reset, triple fault */
	VMM_GUEST_PANIC,       /* pvpanic: the kernel panicked */
	VMM_GUEST_CRASHLOADED, /* pvpanic: a crash kernel took over */
} VmmGuestEvent;

typedef struct {
	void (*func)(void *opaque, VmmGuestEvent event);
	void *opaque;
} VmmEventSink;

/* Delivers EVENT to SINK. */
static inline void
vmm_event_emit(const VmmEventSink *sink, VmmGuestEvent event)
{
	sink->func(sink->opaque, event);
}
