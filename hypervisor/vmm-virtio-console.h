/* vmm-virtio-console: a virtio console (hvc0 in the guest) whose output
 * goes to a file descriptor (hv-vmm's stdout) and whose input comes from a
 * pipe the console input code writes into. */
#pragma once

#include <glib.h>

#include "vmm-virtio-mmio.h"

#define VMM_CONSOLE_QUEUE_SIZE 64

typedef struct VmmConsole VmmConsole;

/* Transport ops of the device. */
extern const VmmVirtioOps vmm_console_ops;

/* A console writing to OUT_FD and reading IN_FD (non-blocking; -1 for no
 * input); neither is owned. */
VmmConsole *vmm_console_new(int out_fd, int in_fd);

/* Frees the device. NULL-safe. */
void vmm_console_free(VmmConsole *con);
